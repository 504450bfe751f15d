import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import type { DatabaseKind } from '../../db/database.js';
import { PGlitePool } from '../../db/pglite-pool.js';
import { processorMigrationProvider } from './migrations.js';
import type { ProcessorDatabaseSchema } from './schema.js';

/** The PostgreSQL schema the processor's tables live in when it shares a server with the practice. */
export const PROCESSOR_SCHEMA = 'processor';

export interface ProcessorDatabaseOptions {
  /** PostgreSQL connection string: the processor's tables go in the schema `processor`. */
  readonly url?: string | undefined;
  /** Folder of the processor's own PGlite; omitted means in memory. */
  readonly dataDir?: string | undefined;
  /** In memory only: start from a copy of this PGlite data folder (see `DatabaseOptions`). */
  readonly initialDataDir?: Blob | undefined;
}

export interface ProcessorDatabase {
  readonly db: Kysely<ProcessorDatabaseSchema>;
  readonly kind: DatabaseKind;
  close(): Promise<void>;
}

/**
 * Opens the processor's store and brings it up to date. It is never the practice's database: on
 * PGlite a database of its own, on PostgreSQL its own schema reached through the pool's
 * search_path, so no query of the processor can name a practice table by accident (and a real
 * processor's store could replace it).
 */
export async function openProcessorDatabase(options: ProcessorDatabaseOptions): Promise<ProcessorDatabase> {
  let kind: DatabaseKind;
  let pool: pg.Pool | PGlitePool;
  if (options.url) {
    kind = 'postgres';
    const setup = new pg.Client({ connectionString: options.url });
    await setup.connect();
    try {
      await setup.query(`create schema if not exists ${PROCESSOR_SCHEMA}`);
    } catch (error) {
      // Two instances starting together may race to create it; the loser finds it there.
      if ((error as { code?: string }).code !== '23505' && (error as { code?: string }).code !== '42P06') throw error;
    } finally {
      await setup.end();
    }
    pool = new pg.Pool({ connectionString: options.url, max: 10, options: `-c search_path=${PROCESSOR_SCHEMA}` });
    // An idle connection that fails (the server restarted, an administrator ended it) is dropped by
    // the pool and replaced when next needed; unheard, its 'error' event would end the process.
    pool.on('error', () => {});
  } else {
    kind = 'pglite';
    if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
    pool = new PGlitePool(
      await PGlite.create(options.dataDir ?? 'memory://', options.initialDataDir && !options.dataDir ? { loadDataDir: options.initialDataDir } : {}),
    );
  }
  const db = new Kysely<ProcessorDatabaseSchema>({ dialect: new PostgresDialect({ pool: pool as pg.Pool }) });
  try {
    await migrateProcessorDatabase(db, kind);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, kind, close: () => db.destroy() };
}

/** Brings the processor's store up to date (on PostgreSQL, its tables and migration log in the schema `processor`). */
export async function migrateProcessorDatabase(db: Kysely<ProcessorDatabaseSchema>, kind: DatabaseKind): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: processorMigrationProvider,
    ...(kind === 'postgres' ? { migrationTableSchema: PROCESSOR_SCHEMA } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    throw new Error(`Processor migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : 'see the database log'}`);
  }
}
