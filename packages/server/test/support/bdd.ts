/**
 * `describe`, `it`, `before` and `after` from Node's test runner, or Mocha's when Mocha loaded the
 * file. A file that takes them from here runs in `pnpm test` (node:test, like every server test)
 * and also under Stryker's Mocha runner, which runs it in its own process for each mutant batch:
 * far faster than a new process per mutant. Use only what both share: async functions without a
 * `done` callback or a test context, and node:assert.
 */
import * as nodeTest from 'node:test';

interface Bdd {
  describe(name: string, fn: () => void): void;
  it(name: string, fn: () => Promise<void> | void): void;
  before(fn: () => Promise<void> | void): void;
  after(fn: () => Promise<void> | void): void;
  beforeEach(fn: () => Promise<void> | void): void;
}

const mocha = globalThis as Partial<Bdd>;
const underMocha = typeof mocha.describe === 'function' && typeof mocha.it === 'function';

export const { describe, it, before, after, beforeEach }: Bdd = underMocha ? (mocha as Bdd) : nodeTest;
