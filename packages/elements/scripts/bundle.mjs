// Builds dist/billpay.js, the file a practice loads with one <script type="module"> tag, and
// dist/billpay/*.js, the parts it loads on demand: each element's code is fetched the first time
// the page uses that element, so a page with <bill-pay> does not download the estimate form, and
// the payment form arrives when the patient chooses to pay. Minified ES modules; chunk names carry
// a content hash.
//
// Bundled with Rolldown (Vite's bundler) because it lets the build say which modules share a file:
// everything <bill-pay>'s first screen imports that another part also uses (lit, @lit/context,
// the English words, the shared styles, the SDK's checks and errors) goes into one file, `core`,
// instead of one file per combination of parts that use it. esbuild made eleven files of the first
// screen that way, and a browser speaking HTTP/1.1 asks a server for six at a time, so the Bill ID
// field waited a second round trip for the rest (README "Time until the patient can type").
//
// The loader (billpay.js) is given, as a first line, which files each part needs (BILLPAY_PARTS,
// read from the module graph), so it asks for a part and everything that part imports at once
// (modulepreload) instead of discovering them one round trip at a time, and which books of words
// each part fetches in a language besides English (BILLPAY_BOOKS), which it asks for with the part
// only on a page in that language. Its source map moves down that one line with it. No part
// imports billpay.js, so the parts' names do not depend on it. The graph is also written to
// dist/billpay.meta.json, in esbuild's metafile shape, for the size benchmark (bench/bundle-size.mjs).
//
// Beside every file goes a brotli (.br, quality 11) and a gzip (.gz, level 9) copy, which the
// server sends to browsers that accept them (packages/server/src/http/static.ts).
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { rolldown } from 'rolldown';
import { booksOf, partsOf } from './parts.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
/** The part whose first screen decides what goes into `core`. */
const FIRST_SCREEN = `${root}src/bill-pay/define.ts`;

/** Every module the first screen imports statically, filled in when the build has read them all. */
const firstScreen = new Set();
/** Every module some code imports on demand (`import('./x.js')`): the parts the loader can ask for. */
const onDemand = new Set();
const firstScreenGraph = {
  name: 'billpay-first-screen',
  buildEnd() {
    for (const id of this.getModuleIds()) for (const target of this.getModuleInfo(id)?.dynamicallyImportedIds ?? []) onDemand.add(target);
    const visit = (id) => {
      if (firstScreen.has(id)) return;
      firstScreen.add(id);
      for (const next of this.getModuleInfo(id)?.importedIds ?? []) visit(next);
    };
    visit(FIRST_SCREEN);
  },
};

rmSync(`${root}dist/billpay`, { recursive: true, force: true });
const bundle = await rolldown({
  input: { billpay: 'src/billpay.ts' },
  cwd: root,
  platform: 'browser',
  tsconfig: 'tsconfig.json',
  transform: { target: 'es2022' },
  plugins: [firstScreenGraph],
  logLevel: 'warn',
});
const { output } = await bundle.write({
  dir: 'dist',
  format: 'es',
  entryFileNames: '[name].js',
  chunkFileNames: 'billpay/[name]-[hash].js',
  minify: true,
  sourcemap: true,
  comments: { legal: false },
  codeSplitting: {
    groups: [
      {
        name: 'core',
        // Shared with at least one other part (what only <bill-pay> uses stays in its own file),
        // but not <bill-lookup>, which only <bill-pay> and a page's own <bill-lookup> use.
        test: (id) => firstScreen.has(id) && !/[\\/]src[\\/]bill-lookup[\\/]/.test(id),
        minShareCount: 2,
      },
    ],
  },
});
await bundle.close();

const chunks = output.filter((item) => item.type === 'chunk');
const relative = (id) => (id.startsWith(root) ? id.slice(root.length) : id);
const metafile = { outputs: {} };
for (const chunk of chunks) {
  metafile.outputs[`dist/${chunk.fileName}`] = {
    bytes: chunk.code.length,
    // The module a part starts from: the chunk's own entry, or the module imported on demand that
    // the build placed inside a shared chunk (<bill-lookup>, which <bill-pay> also imports).
    entryPoint: relative(chunk.facadeModuleId ?? chunk.moduleIds.find((id) => onDemand.has(id)) ?? '') || undefined,
    imports: [
      ...chunk.imports.map((file) => ({ path: `dist/${file}`, kind: 'import-statement' })),
      ...chunk.dynamicImports.map((file) => ({ path: `dist/${file}`, kind: 'dynamic-import' })),
    ],
    // Each module's share of the file, as Rolldown rendered it before minifying (a rough guide).
    inputs: Object.fromEntries(Object.entries(chunk.modules).map(([id, module]) => [relative(id), { bytesInOutput: module.renderedLength }])),
  };
}
writeFileSync(`${root}dist/billpay.meta.json`, JSON.stringify(metafile));

const loader = `${root}dist/billpay.js`;
if (metafile.outputs['dist/billpay.js'].imports.some((imported) => imported.kind === 'import-statement')) {
  throw new Error('bundle: billpay.js imports a part statically; the loader must stay one request');
}
writeFileSync(loader, `const BILLPAY_PARTS=${JSON.stringify(partsOf(metafile))},BILLPAY_BOOKS=${JSON.stringify(booksOf(metafile))};\n${readFileSync(loader, 'utf8')}`);
const map = JSON.parse(readFileSync(`${loader}.map`, 'utf8'));
writeFileSync(`${loader}.map`, JSON.stringify({ ...map, mappings: `;${map.mappings}` }));

const compress = (file) => {
  const code = readFileSync(file);
  writeFileSync(`${file}.br`, brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: code.length } }));
  writeFileSync(`${file}.gz`, gzipSync(code, { level: 9 }));
};
compress(`${root}dist/billpay.js`);
for (const file of readdirSync(`${root}dist/billpay`)) if (file.endsWith('.js')) compress(`${root}dist/billpay/${file}`);
