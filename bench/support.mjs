// What the server benches share: their command-line options, the stores they run on (PGlite, or
// a scratch PostgreSQL database made and dropped for one run), and their figures.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** `--name value` from the command line, or `fallback`. */
export function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

/** `--name N` from the command line as a number, or `fallback`. */
export const numberOption = (name, fallback) => Number(option(name, String(fallback)));

/** Where scratch databases are made (admin rights to create and drop them). */
export const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export async function postgresAvailable() {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * The stores a bench runs on: the one `--postgres` or `--pglite` names (a named PostgreSQL that
 * does not answer is an error), else PGlite and, when it answers, PostgreSQL.
 */
export async function storeKinds() {
  const only = process.argv.includes('--postgres') ? 'postgres' : process.argv.includes('--pglite') ? 'pglite' : undefined;
  if (only === 'postgres' && !(await postgresAvailable())) throw new Error(`No PostgreSQL at ${adminUrl}`);
  if (only) return [only];
  if (await postgresAvailable()) return ['pglite', 'postgres'];
  console.log('postgres: no server answers; PGlite only');
  return ['pglite'];
}

/**
 * A fresh store of `kind` and how to remove it: a scratch PostgreSQL database (`databaseUrl`), or
 * for PGlite a new data folder named after `folder` (`dataDir`), in memory without one.
 */
export async function freshStore(kind, folder) {
  if (kind === 'pglite') {
    if (!folder) return { remove: async () => {} };
    const dataDir = await mkdtemp(join(tmpdir(), `billpay-bench-${folder}-`));
    return { dataDir, remove: () => rm(dataDir, { recursive: true, force: true }) };
  }
  const name = `billpay_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.href,
    remove: async () => {
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

/** The `p`th percentile of `sorted` (ascending). */
export const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
