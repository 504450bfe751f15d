// Builds dist/billpay.js, the file a practice loads with one <script type="module"> tag, and
// dist/billpay/*.js, the parts it loads on demand: each element's code (with lit, zod/mini and
// the SDK shared between them) is fetched the first time the page uses that element, so a page
// with <bill-pay> does not download the estimate form, and the payment form arrives when the
// patient chooses to pay. Minified ES modules; chunk names carry a content hash.
//
// The loader (billpay.js) is given, as a first line, which files each part needs (BILLPAY_PARTS,
// read from the esbuild metafile), so it asks for a part and everything that part imports at once
// (modulepreload) instead of discovering them one round trip at a time, and which books of words
// each part fetches in a language besides English (BILLPAY_BOOKS), which it asks for with the part
// only on a page in that language. Its source map moves down
// that one line with it. No part imports billpay.js, so the parts' names do not depend on it.
//
// Beside every file goes a brotli (.br, quality 11) and a gzip (.gz, level 9) copy, which the
// server sends to browsers that accept them (packages/server/src/http/static.ts).
import { build } from 'esbuild';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { booksOf, partsOf } from './parts.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

rmSync(`${root}dist/billpay`, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { billpay: 'src/billpay.ts' },
  outdir: 'dist',
  chunkNames: 'billpay/[name]-[hash]',
  bundle: true,
  splitting: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  platform: 'browser',
  sourcemap: true,
  legalComments: 'none',
  tsconfig: 'tsconfig.json',
  logLevel: 'warning',
  metafile: true,
});
// What loads what, for the size benchmark (bench/bundle-size.mjs).
writeFileSync(`${root}dist/billpay.meta.json`, JSON.stringify(result.metafile));

const loader = `${root}dist/billpay.js`;
writeFileSync(loader, `const BILLPAY_PARTS=${JSON.stringify(partsOf(result.metafile))},BILLPAY_BOOKS=${JSON.stringify(booksOf(result.metafile))};\n${readFileSync(loader, 'utf8')}`);
const map = JSON.parse(readFileSync(`${loader}.map`, 'utf8'));
writeFileSync(`${loader}.map`, JSON.stringify({ ...map, mappings: `;${map.mappings}` }));

const compress = (file) => {
  const code = readFileSync(file);
  writeFileSync(`${file}.br`, brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: code.length } }));
  writeFileSync(`${file}.gz`, gzipSync(code, { level: 9 }));
};
compress(`${root}dist/billpay.js`);
for (const file of readdirSync(`${root}dist/billpay`)) if (file.endsWith('.js')) compress(`${root}dist/billpay/${file}`);
