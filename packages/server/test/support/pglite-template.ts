import { cp, mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import { migrate } from '../../src/db/database.js';
import { PGlitePool } from '../../src/db/pglite-pool.js';
import type { Database } from '../../src/db/schema.js';
import { migrateProcessorDatabase } from '../../src/processor/sandbox/database.js';
import type { ProcessorDatabaseSchema } from '../../src/processor/sandbox/schema.js';
import { sourceHash } from './source-hash.js';

/** PGlite's version, so a data folder made by another version is never loaded. */
async function pgliteVersion(): Promise<string> {
  const entry = fileURLToPath(import.meta.resolve('@electric-sql/pglite'));
  const manifest = JSON.parse(await readFile(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version?: string };
  return manifest.version ?? 'unknown';
}

/**
 * A PGlite data folder kept in the temporary folder under `name` (for the test files that follow,
 * each its own process), made by `make` the first time.
 */
async function kept(name: string, make: () => Promise<Blob>): Promise<Blob> {
  const file = join(tmpdir(), `billpay-pglite-${name}-${await pgliteVersion()}.tar`);
  try {
    return new Blob([await readFile(file)]);
  } catch {
    // Not made yet: make it.
  }
  const dump = await make();
  // Written whole under another name, then renamed: a reader never sees half a file.
  const partial = `${file}.${String(process.pid)}`;
  await writeFile(partial, new Uint8Array(await dump.arrayBuffer()));
  await rename(partial, file);
  return dump;
}

let empty: Promise<Blob> | undefined;

/**
 * A new, empty PGlite data folder: creating one takes PGlite seconds (its initdb), loading a copy
 * well under one. For the tests that run the migrations themselves.
 */
export function emptyPgliteDataDir(): Promise<Blob> {
  empty ??= kept('empty', async () => {
    const pglite = await PGlite.create('memory://');
    try {
      return await pglite.dumpDataDir('none');
    } finally {
      await pglite.close();
    }
  });
  return empty;
}

/** An empty PGlite from the copy above, migrated by `run`, and dumped. */
async function migratedCopy(run: (pool: pg.Pool) => Promise<void>): Promise<Blob> {
  const pglite = await PGlite.create('memory://', { loadDataDir: await emptyPgliteDataDir() });
  try {
    await run(new PGlitePool(pglite) as unknown as pg.Pool);
    return await pglite.dumpDataDir('none');
  } finally {
    await pglite.close();
  }
}

const migrated = new Map<string, Promise<Blob>>();

/**
 * A PGlite data folder with every migration of `store` (the practice's, or the sandbox processor's)
 * already run, made once for the source as it stands (see sourceHash): each test database is a
 * copy of it, so it does not run two dozen migrations again (two to three seconds a database, most
 * of a PGlite test file's time). The migrations from the first are still run by
 * test/db/database.test.ts, and here once a change.
 */
export function migratedPgliteDataDir(store: 'practice' | 'processor'): Promise<Blob> {
  let dump = migrated.get(store);
  if (!dump) {
    dump = (async () =>
      kept(`${store}-${await sourceHash()}`, () =>
        migratedCopy(async (pool) => {
          // Kysely's destroy() would end the pool (and close PGlite) before the dump: not called.
          if (store === 'practice') await migrate(new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }));
          else await migrateProcessorDatabase(new Kysely<ProcessorDatabaseSchema>({ dialect: new PostgresDialect({ pool }) }), 'pglite');
        }),
      ))();
    migrated.set(store, dump);
  }
  return dump;
}

let folders: Promise<string> | undefined;

/**
 * Fills `dir` (new and empty) with the data folders a server or a command opens there (`practice`
 * and `processor`), both already migrated: copied from folders made once for the source as it
 * stands, in about half a second, where a server's first start in an empty folder takes PGlite
 * five seconds a store (its initdb, then every migration). For tests whose subject is not that
 * first start (test/server.test.ts keeps one).
 */
export async function copyMigratedDataFolders(dir: string): Promise<void> {
  folders ??= (async () => {
    const made = join(tmpdir(), `billpay-pglite-folders-${await pgliteVersion()}-${await sourceHash()}`);
    if (!(await exists(made))) {
      // Made under another name and renamed when whole: a process that died half way leaves nothing.
      const partial = `${made}.${String(process.pid)}`;
      await rm(partial, { recursive: true, force: true });
      for (const store of ['practice', 'processor'] as const) {
        await mkdir(join(partial, store), { recursive: true });
        const pglite = await PGlite.create(join(partial, store), { loadDataDir: await migratedPgliteDataDir(store) });
        await pglite.close();
      }
      await rename(partial, made).catch(async (error: unknown) => {
        // Another process made it first.
        if (!(await exists(made))) throw error;
        await rm(partial, { recursive: true, force: true });
      });
    }
    return made;
  })();
  await cp(await folders, dir, { recursive: true });
}

const exists = (path: string) => stat(path).then(() => true, () => false);

/** A new temporary folder holding migrated data folders (see copyMigratedDataFolders); the caller removes it. */
export async function migratedDataDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `billpay-${prefix}-`));
  await copyMigratedDataFolders(dir);
  return dir;
}
