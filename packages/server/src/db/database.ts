import { mkdir } from 'node:fs/promises';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { migrationProvider } from './migrations.js';
import { PGlitePool } from './pglite-pool.js';
import type { Database } from './schema.js';

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseOptions {
  /** A PostgreSQL connection string; when set, PostgreSQL is used instead of PGlite. */
  readonly url?: string | undefined;
  /** Folder for PGlite's files; omitted means an in-memory database (tests). */
  readonly dataDir?: string | undefined;
  /**
   * In memory only: start from a copy of this PGlite data folder (a `dumpDataDir()`, empty or
   * already migrated) instead of creating one, which takes PGlite seconds. Tests open many databases.
   */
  readonly initialDataDir?: Blob | undefined;
}

export interface BillPayDatabase {
  readonly db: Kysely<Database>;
  readonly kind: DatabaseKind;
  /**
   * PGlite only (one connection, one transaction at a time): how long a transaction started now
   * would wait for the connection, so the server can refuse at once what it could not serve in time.
   */
  readonly expectedWaitMs?: (() => number) | undefined;
  close(): Promise<void>;
}

const identity = (value: string) => value;

// Dates stay `YYYY-MM-DD` strings, as on the wire, so no time zone can move them a day.
pg.types.setTypeParser(pg.types.builtins.DATE, identity);

/** Opens the database (PostgreSQL if `url`, otherwise PGlite) and brings its schema up to date. */
export async function openDatabase(options: DatabaseOptions): Promise<BillPayDatabase> {
  let kind: DatabaseKind;
  let pool: pg.Pool | PGlitePool;
  if (options.url) {
    kind = 'postgres';
    const pgPool = new pg.Pool({
      connectionString: options.url,
      max: 10,
    });
    // An idle connection the server drops (a restart, a failover, an administrator) is reported
    // on the pool; unheard, that event would end the process. The pool replaces the connection,
    // and a query that was using it fails and is answered as an error.
    pgPool.on('error', () => {});
    pool = pgPool;
  } else {
    kind = 'pglite';
    if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
    const pglite = await PGlite.create(options.dataDir ?? 'memory://', {
      parsers: { [pgliteTypes.DATE]: identity },
      ...(options.initialDataDir && !options.dataDir ? { loadDataDir: options.initialDataDir } : {}),
    });
    pool = new PGlitePool(pglite);
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: pool as pg.Pool }) });
  await migrate(db);
  const embedded = pool instanceof PGlitePool ? pool : undefined;
  const expectedWaitMs = embedded && (() => embedded.expectedWaitMs());
  return { db, kind, expectedWaitMs, close: () => db.destroy() };
}

export async function migrate(db: Kysely<Database>): Promise<void> {
  // The schema named: unnamed, Kysely takes a migration log in any schema for its own, and on a
  // database the sandbox processor migrated first (its log in `processor`) found that one and
  // failed ("kysely_migration_lock does not exist").
  const migrator = new Migrator({ db, provider: migrationProvider, migrationTableSchema: 'public' });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : 'see the database log'}`);
  }
}
