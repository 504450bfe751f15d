import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { importCommand } from '../../src/imports/command.js';
import type { ImportResult } from '../../src/imports/import.js';
import { backends } from '../support/backends.js';
import { commandDatabase, runCommand } from '../support/cli.js';

const SECRET = 'import-command-secret-that-is-long-enough-01';
const CSV_FILE = fileURLToPath(new URL('../../../../demo/import/statements-2026-11-20.csv', import.meta.url));

for (const backend of backends) {
  describe(`billpay import (${backend.name})`, () => {
    const commandDb = commandDatabase(backend, 'import');
    const run = (...args: string[]) => runCommand(importCommand, args, commandDb.env({ BILLPAY_SECRET: SECRET }));

    it('checks a file with --dry-run and writes nothing, then imports it, then finds nothing to change', async () => {
      const dry = await run(CSV_FILE, '--practice', 'harbor-point', '--dry-run');
      assert.equal(dry.code, 0, dry.err);
      assert.match(dry.out, /Dry run \(nothing written\): 22 created, 0 corrected, 0 unchanged, 0 rejected\.$/);
      const real = await run(CSV_FILE, '--practice', 'harbor-point');
      assert.equal(real.code, 0, real.err);
      assert.match(real.out, /^line 2 {2}ST-2026-11-0001 {2}created {2}Bill ID \d{12}$/m);
      assert.match(real.out, /22 created, 0 corrected, 0 unchanged, 0 rejected\.$/);
      const again = await run(CSV_FILE, '--practice', 'harbor-point', '--json');
      assert.equal(again.code, 0);
      assert.equal((JSON.parse(again.out) as ImportResult).counts.unchanged, 22);
    });

    it('exits 1 when a statement is rejected, naming its line and field', async () => {
      const file = join(commandDb.dir, 'bad.jsonl');
      await writeFile(file, '{"account": {}}\n');
      const result = await run(file, '--practice', 'harbor-point');
      assert.equal(result.code, 1);
      assert.match(result.out, /line 1, account\.id: /);
    });

    it('exits 2 for a mistake in the command', async () => {
      assert.equal((await run(CSV_FILE)).code, 2);
      assert.equal((await run(join(commandDb.dir, 'statements.txt'), '--practice', 'harbor-point')).code, 2);
      assert.equal((await run(join(commandDb.dir, 'missing.csv'), '--practice', 'harbor-point')).code, 2);
      assert.equal((await run(CSV_FILE, '--practice', 'nowhere')).code, 2);
    });
  });
}
