/**
 * The databases server tests run against: PGlite in memory always, and PostgreSQL as well when
 * DATABASE_URL is set or a local server answers on 127.0.0.1:5432. Each PostgreSQL test database
 * is created fresh and dropped afterwards, so runs never see each other's rows.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type BillPayDatabase } from '../../src/db/database.js';
import { emptyPgliteDataDir } from './pglite-template.js';

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

function postgresBackend(adminUrl: string): Backend {
  return {
    name: 'postgres',
    async create() {
      const name = `billpay_test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const database = await openDatabase({ url: url.href });
      return {
        database,
        url: url.href,
        async drop() {
          const dropper = new pg.Client({ connectionString: adminUrl });
          await dropper.connect();
          // pg's Pool.end() resolves before its connections have finished closing; a forced drop
          // then would kill them mid-goodbye and their error would surface in whichever test runs
          // next. Wait (briefly) for them to leave; `force` is only for what a failed test left open.
          for (let waited = 0; waited < 5_000; waited += 50) {
            const { rows } = await dropper.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
            if (rows[0]?.n === 0) break;
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
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
    const database = await openDatabase({ initialDataDir: await emptyPgliteDataDir() });
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
