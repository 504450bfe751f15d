// Builds dist/, what the server serves at /console: index.html, and under assets/ the console's
// code (the shell and sign-in in the entry, each other page a part loaded when first shown) and
// its one style sheet, all named by content hash so they can be cached for good. No inline
// script or style anywhere, for the console's strict CSP.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Lit's css`` styles reach the bundle as written, indentation, line breaks and comments included
 * (esbuild does not minify inside template literals). In CSS a line break and the spaces around it
 * are one space (a string may not hold a raw line break), and a comment is nothing: so they are
 * folded before bundling, the console's and the shared parts' alike.
 */
const foldCss = {
  name: 'fold-css',
  setup(build) {
    build.onLoad({ filter: /[\\/](console[\\/]src|elements[\\/]dist)[\\/].*\.(ts|js)$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const contents = source.replace(/\bcss\s*`([^`]*)`/g, (_, body) => `css\`${body.replace(/\/\*[^]*?\*\//g, '').replace(/\s*\n\s*/g, ' ').trim()}\``);
      return { contents, loader: args.path.endsWith('.ts') ? 'ts' : 'js' };
    });
  },
};

rmSync(`${root}dist`, { recursive: true, force: true });
// The Settings page's preview (the patient widget) is a bundle of its own, loaded by that page:
// in the console's chunks, the widget's dictionary and formatting would join its first screen.
const preview = await build({
  absWorkingDir: root,
  entryPoints: { 'settings-preview': 'src/settings/preview-entry.ts' },
  outdir: 'dist',
  entryNames: 'assets/[name]-[hash]',
  chunkNames: 'assets/preview-[hash]',
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
const previewFile = Object.keys(preview.metafile.outputs).find((file) => preview.metafile.outputs[file].entryPoint === 'src/settings/preview-entry.ts');
const result = await build({
  define: { BILLPAY_PREVIEW_URL: JSON.stringify(`/console/${previewFile.replace(/^dist\//, '')}`) },
  // The preview's bundle is fetched from where the server serves it, not bundled again.
  external: ['/console/assets/*'],
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
  plugins: [foldCss],
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
writeFileSync(`${root}dist/preview.meta.json`, JSON.stringify(preview.metafile));
