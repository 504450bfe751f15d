/**
 * The environment of a command-line process a test starts (`cli.ts start`, `run-due`): this
 * process's, less every database setting, plus the database the test chose; and the database and
 * runs of the commands (`keys`, `staff`, `import`) that tests call in process. CI exports
 * DATABASE_URL (the shared `postgres` database); a child that inherited it would run there instead
 * of on the test's PGlite folder or its own fresh PostgreSQL database.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { openDatabase, type BillPayDatabase } from '../../src/db/database.js';
import type { Backend } from './backends.js';
import { copyMigratedDataFolders } from './pglite-template.js';

export const cli = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));

/** Where a child process keeps its data: a PGlite folder, or a PostgreSQL database of its own. */
export type CliDatabase = { readonly dataDir: string } | { readonly url: string };

export function cliEnv(database: CliDatabase, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { DATABASE_URL: _url, BILLPAY_DATA_DIR: _dataDir, ...inherited } = process.env;
  return {
    ...inherited,
    ...('url' in database ? { DATABASE_URL: database.url } : { BILLPAY_DATA_DIR: database.dataDir }),
    ...extra,
  };
}

/** What `start` says it runs on (its banner's first line), for the database given. */
export function bannerDatabase(database: CliDatabase): string {
  return 'url' in database ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${database.dataDir}`;
}

/** A command as the tests call it in process: arguments, environment, and where it prints. */
export type Command = (args: readonly string[], env: NodeJS.ProcessEnv, write: (line: string) => void, writeError: (line: string) => void) => Promise<number>;

/** What one run of a command answered: its exit code, what it printed, what it complained of. */
export interface CommandResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** One in-process run of `command` with `args` in `env`. */
export async function runCommand(command: Command, args: readonly string[], env: NodeJS.ProcessEnv): Promise<CommandResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await command(args, env, (line) => out.push(line), (line) => err.push(line));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

export interface CommandDatabase {
  /** A temporary folder of the test's own (the PGlite data folder on PGlite). */
  readonly dir: string;
  readonly database: CliDatabase;
  /** The environment a command runs in on this database, with `extra` besides. */
  env(extra?: Record<string, string>): NodeJS.ProcessEnv;
  /** The database as the command opens it, for the test to look at (close it after). */
  open(): Promise<BillPayDatabase>;
}

/**
 * The database the commands of the `describe` this is called in run on, made before its tests and
 * removed after them: a PGlite data folder in a new temporary folder, or on PostgreSQL a fresh
 * database of its own (closed again, for the commands to open).
 */
export function commandDatabase(backend: Backend, name: string): CommandDatabase {
  let dir = '';
  let database: CliDatabase | undefined;
  let drop: (() => Promise<void>) | undefined;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), `billpay-${name}-`));
    if (backend.name === 'postgres') {
      const handle = await backend.create();
      await handle.database.close();
      database = { url: handle.url! };
      drop = handle.drop;
    } else {
      await copyMigratedDataFolders(dir);
      database = { dataDir: dir };
    }
  });
  after(async () => {
    await drop?.();
    await rm(dir, { recursive: true, force: true });
  });
  const current = () => {
    if (!database) throw new Error('The command database is made in `before`: use it in a test.');
    return database;
  };
  return {
    get dir() {
      return dir;
    },
    get database() {
      return current();
    },
    env: (extra = {}) => cliEnv(current(), extra),
    open() {
      const chosen = current();
      return openDatabase('url' in chosen ? { url: chosen.url } : { dataDir: join(dir, 'practice') });
    },
  };
}
