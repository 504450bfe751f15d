// Builds dist/billpay.js, the file a practice loads with one <script type="module"> tag, and
// dist/billpay/*.js, the parts it loads on demand: each element's code (with lit, zod/mini and
// the SDK shared between them) is fetched the first time the page uses that element, so a page
// with <bill-pay> does not download the estimate form, and the payment form arrives when the
// patient chooses to pay. Minified ES modules; chunk names carry a content hash.
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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
