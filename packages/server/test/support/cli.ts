/**
 * The environment of a command-line process a test starts (`cli.ts start`, `run-due`): this
 * process's, less every database setting, plus the database the test chose. CI exports
 * DATABASE_URL (the shared `postgres` database); a child that inherited it would run there instead
 * of on the test's PGlite folder or its own fresh PostgreSQL database.
 */
import { fileURLToPath } from 'node:url';

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
