// Builds dist/billpay.js: every element, the SDK, lit and zod/mini in one minified ES module,
// the file a practice loads with one <script type="module"> tag.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: ['src/billpay.ts'],
  outfile: 'dist/billpay.js',
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  platform: 'browser',
  sourcemap: true,
  legalComments: 'none',
  tsconfig: 'tsconfig.json',
  logLevel: 'warning',
});
