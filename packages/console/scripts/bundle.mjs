// Builds dist/, what the server serves at /console: index.html, and under assets/ the console's
// code (the shell and sign-in in the entry, each other page a part loaded when first shown) and
// its one style sheet, all named by content hash so they can be cached for good. No inline
// script or style anywhere, for the console's strict CSP.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

rmSync(`${root}dist`, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { console: 'src/main.ts' },
  outdir: 'dist',
  entryNames: 'assets/[name]-[hash]',
  chunkNames: 'assets/[name]-[hash]',
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

const css = readFileSync(`${root}src/console.css`);
const cssName = `assets/console-${createHash('sha256').update(css).digest('hex').slice(0, 8)}.css`;
mkdirSync(`${root}dist/assets`, { recursive: true });
writeFileSync(`${root}dist/${cssName}`, css);

const entry = Object.keys(result.metafile.outputs).find((file) => result.metafile.outputs[file].entryPoint === 'src/main.ts');
const script = `/console/${entry.replace(/^dist\//, '')}`;
writeFileSync(
  `${root}dist/index.html`,
  `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="no-referrer" />
    <title>billpay · Billing office console</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="/console/${cssName}" />
    <script type="module" src="${script}"></script>
  </head>
  <body>
    <billpay-console></billpay-console>
  </body>
</html>
`,
);
// What loads what, for the size benchmark (bench/bundle-size.mjs).
writeFileSync(`${root}dist/console.meta.json`, JSON.stringify(result.metafile));
