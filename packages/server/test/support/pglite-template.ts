import { readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';

let template: Promise<Blob> | undefined;

/** PGlite's version, so a data folder made by another version is never loaded. */
async function pgliteVersion(): Promise<string> {
  const entry = fileURLToPath(import.meta.resolve('@electric-sql/pglite'));
  const manifest = JSON.parse(await readFile(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version?: string };
  return manifest.version ?? 'unknown';
}

/**
 * A new, empty PGlite data folder, made once (and kept in the temporary folder for the test
 * files that follow, each its own process) and copied for every in-memory database after it:
 * creating one takes PGlite seconds (its initdb), loading a copy about one. It holds no table, so
 * each database still runs every migration from the first.
 */
export function emptyPgliteDataDir(): Promise<Blob> {
  template ??= (async () => {
    const file = join(tmpdir(), `billpay-pglite-empty-${await pgliteVersion()}.tar`);
    try {
      return new Blob([await readFile(file)]);
    } catch {
      // Not made yet: make it.
    }
    const pglite = await PGlite.create('memory://');
    let dump: Blob;
    try {
      dump = await pglite.dumpDataDir('none');
    } finally {
      await pglite.close();
    }
    // Written whole under another name, then renamed: a reader never sees half a file.
    const partial = `${file}.${String(process.pid)}`;
    await writeFile(partial, new Uint8Array(await dump.arrayBuffer()));
    await rename(partial, file);
    return dump;
  })();
  return template;
}
