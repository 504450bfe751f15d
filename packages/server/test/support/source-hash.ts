import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';

const FOLDERS = ['../../src/', '../../../sdk/src/'];

let hash: Promise<string> | undefined;

/**
 * A hash of the server's and the SDK's source, for the migrated test databases made once and
 * copied (a PostgreSQL template, PGlite data folders): a migration reads lists kept beside the code
 * it guards (event types, audit actions, message kinds), so any change to the source makes new ones.
 * Making one takes a few seconds, once a change; reading the files, a few milliseconds.
 */
export function sourceHash(): Promise<string> {
  hash ??= (async () => {
    const digest = createHash('sha256');
    for (const folder of FOLDERS) {
      const root = new URL(folder, import.meta.url);
      const files = (await readdir(root, { recursive: true })).map(String).filter((f) => f.endsWith('.ts')).sort();
      for (const file of files) digest.update(file).update(await readFile(new URL(file, root)));
    }
    return digest.digest('hex').slice(0, 16);
  })();
  return hash;
}
