/**
 * The databases server tests run against: PGlite in memory always, and PostgreSQL as well when
 * DATABASE_URL is set or a local server answers on 127.0.0.1:5432. Each PostgreSQL test database
 * is created fresh under a random name and dropped afterwards, so runs (and test processes side
 * by side) never see each other's rows. Both are copies of a database migrated once for the source
 * as it stands (see `migratedTemplate` and `migratedPgliteDataDir`), not migrated again each time.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type BillPayDatabase } from '../../src/db/database.js';
import { migratedPgliteDataDir } from './pglite-template.js';
import { sourceHash } from './source-hash.js';

export interface Backend {
  readonly name: 'pglite' | 'postgres';
  /** Opens a new, empty, migrated database; `url` is set for PostgreSQL. */
  create(): Promise<{ database: BillPayDatabase; url: string | undefined; drop(): Promise<void> }>;
}

const LOCAL_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Whether PostgreSQL answers at `url`. On a loaded machine (CI runs the browsers beside these
 * tests) a connection can take seconds: a configured server is given three tries of 5 s each, the
 * local one, only looked for, one try of 1.5 s.
 */
async function reachable(url: string, tries = 1, timeoutMs = 1500): Promise<boolean> {
  for (let attempt = 1; attempt <= tries; attempt++) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch {
      // Tried again below, or not there.
    } finally {
      await client.end().catch(() => {});
    }
  }
  return false;
}

const databaseUrl = (adminUrl: string, name: string): string => {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.href;
};

/**
 * pg's Pool.end() resolves before its connections have finished closing; a forced drop (or a copy
 * of the database as a template) then would meet them mid-goodbye, and their error would surface
 * in whichever test runs next. Waits (briefly) for them to leave.
 */
async function untilLeft(admin: pg.Client, name: string): Promise<void> {
  for (let waited = 0; waited < 5_000; waited += 50) {
    const { rows } = await admin.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
    if (rows[0]?.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let template: Promise<string> | undefined;

/**
 * A database migrated once for the migrations as they stand, which each test database is copied
 * from (`create database … template`, a file copy) instead of running every migration again,
 * which took seconds a database. Made by the first test process that needs it, under an advisory
 * lock so two processes side by side make it once. A template of other migrations (an older
 * checkout's, another branch's running beside) is left alone: it may be in use.
 * The migrations themselves still run from the first here, once a change to the source.
 */
function migratedTemplate(adminUrl: string): Promise<string> {
  template ??= (async () => {
    const name = `billpay_template_${await sourceHash()}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query('select pg_advisory_lock(hashtext($1))', ['billpay_test_template']);
      const { rows } = await admin.query('select 1 from pg_database where datname = $1', [name]);
      if (rows.length > 0) return name;
      // Made under another name and renamed when whole: a process that died half way leaves no template.
      const making = `billpay_making_${randomBytes(6).toString('hex')}`;
      await admin.query(`create database ${making}`);
      const database = await openDatabase({ url: databaseUrl(adminUrl, making) });
      await database.close();
      await untilLeft(admin, making);
      await admin.query(`alter database ${making} rename to ${name}`);
      return name;
    } finally {
      await admin.query('select pg_advisory_unlock(hashtext($1))', ['billpay_test_template']).catch(() => {});
      await admin.end();
    }
  })();
  return template;
}

function postgresBackend(adminUrl: string): Backend {
  return {
    name: 'postgres',
    async create() {
      const source = await migratedTemplate(adminUrl);
      const name = `billpay_test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`create database ${name} template ${source}`);
      // A test database need not survive a crash of PostgreSQL itself: commits do not wait for the
      // disk (a crash of the server process, as the crash tests make, loses nothing).
      await admin.query(`alter database ${name} set synchronous_commit = off`);
      await admin.end();
      const url = databaseUrl(adminUrl, name);
      // Opened as the server opens it: migrating finds nothing left to do.
      const database = await openDatabase({ url });
      return {
        database,
        url,
        async drop() {
          const dropper = new pg.Client({ connectionString: adminUrl });
          await dropper.connect();
          // `force` is only for what a failed test left open.
          await untilLeft(dropper, name);
          await dropper.query(`drop database if exists ${name} with (force)`);
          await dropper.end();
        },
      };
    },
  };
}

const pglite: Backend = {
  name: 'pglite',
  async create() {
    const database = await openDatabase({ initialDataDir: await migratedPgliteDataDir('practice') });
    return { database, url: undefined, drop: async () => {} };
  },
};

async function detect(): Promise<Backend[]> {
  const configured = process.env.DATABASE_URL;
  if (configured) {
    if (!(await reachable(configured, 3, 5_000))) throw new Error('DATABASE_URL is set but PostgreSQL does not answer there.');
    return [pglite, postgresBackend(configured)];
  }
  if (process.env.BILLPAY_SKIP_POSTGRES !== '1' && (await reachable(LOCAL_URL))) {
    return [pglite, postgresBackend(LOCAL_URL)];
  }
  return [pglite];
}

export const backends: readonly Backend[] = await detect();
