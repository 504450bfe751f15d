// What a patient's browser downloads, in the bytes it receives: every part of billpay.js as the
// server sends it (the brotli copy the build writes beside it; gzip shown too), grouped by what
// the patient is waiting for, beside Adyen Web's Card component measured the same way.
//   node bench/bundle-size.mjs           build, measure, print
//   node bench/bundle-size.mjs --check   ...and exit 1 if a set grew past its ceiling (CI: `pnpm size`)
//
// The sets are read from the build's module graph (dist/billpay.meta.json), not from a list of
// file names: each starts from the modules named below and takes every file they import
// statically, as the browser must. Two numbers per set: the issue's budget (issue 15), printed
// as met or not, and a ceiling in bench/size-ceilings.json that CI enforces so a set can only
// shrink (lower it when you shrink one; README "Size" says why the ceilings sit where they do).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { booksOf, staticClosure } from '../packages/elements/scripts/parts.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const elements = `${root}packages/elements/`;
const LOADER = 'dist/billpay.js';

/**
 * What a page with <bill-pay> waits for, by the modules that start each step (the loader,
 * billpay.js, always comes first). Bytes as received (brotli); 1 KB = 1000 bytes.
 */
const sets = [
  {
    key: 'first-paint',
    name: 'before the Bill ID field is usable (loader, <bill-pay>, <bill-lookup>, lit, English)',
    modules: ['src/bill-pay/define.ts'],
    budget: 20_000,
  },
  {
    key: 'first-paint-es',
    name: 'the same for a Spanish page (its dictionary too)',
    modules: ['src/bill-pay/define.ts', 'src/i18n/es.ts'],
  },
  {
    key: 'bill-on-screen',
    name: 'until the bill is on screen (the above, the SDK operations with ky and zod, <bill-summary>, <bill-pay>\'s account steps, the plan offer)',
    modules: ['src/bill-pay/define.ts', 'src/first-screen-sdk.ts', 'src/bill-summary/define.ts', 'src/bill-pay/account-steps.ts', 'src/i18n/plan-account.ts'],
    budget: 35_000,
  },
  { key: 'bill-lookup', name: '<bill-lookup> on its own (and the SDK operations it looks up with)', modules: ['src/bill-lookup/define.ts', 'src/first-screen-sdk.ts'] },
  // Each form on its own, in English, then in Spanish (with the main dictionary's Spanish and the
  // Spanish of the form's own books of words, which an English page never fetches).
  { key: 'pay-form', name: '<pay-form> on its own, English (and everything it imports)', modules: ['src/pay-form/define.ts'] },
  { key: 'pay-form-es', name: '<pay-form> on its own, Spanish', modules: ['src/pay-form/define.ts'], lang: 'es' },
  { key: 'plan-builder', name: '<plan-builder> on its own, English', modules: ['src/plan-builder/define.ts'] },
  { key: 'plan-builder-es', name: '<plan-builder> on its own, Spanish', modules: ['src/plan-builder/define.ts'], lang: 'es' },
  { key: 'good-faith-estimate', name: '<good-faith-estimate> on its own, English', modules: ['src/good-faith-estimate/define.ts'] },
  { key: 'good-faith-estimate-es', name: '<good-faith-estimate> on its own, Spanish', modules: ['src/good-faith-estimate/define.ts'], lang: 'es' },
  { key: 'message-preferences', name: '<message-preferences> on its own, English', modules: ['src/message-preferences/define.ts'] },
  { key: 'message-preferences-es', name: '<message-preferences> on its own, Spanish', modules: ['src/message-preferences/define.ts'], lang: 'es' },
  { key: 'all', name: 'every part of billpay.js together', modules: 'all', budget: 90_000 },
];

const ceilings = JSON.parse(readFileSync(`${root}bench/size-ceilings.json`, 'utf8'));
/**
 * How far past its ceiling a set may come before CI fails: the loader's list of parts names each
 * by a content hash, and hashes compress unevenly, so a change to any one part moves every set by
 * a few bytes either way (9 seen from a one-line change). The ceilings themselves only come down.
 */
const HASH_NOISE = 64;

// Build the shipped files first, so the numbers are the files a practice actually serves.
const shipped = spawnSync(process.execPath, ['packages/elements/scripts/bundle.mjs'], { cwd: root, stdio: 'inherit' });
if (shipped.status !== 0) process.exit(shipped.status ?? 1);

const meta = JSON.parse(readFileSync(`${elements}dist/billpay.meta.json`, 'utf8'));
const entryFile = (module) => {
  const file = Object.keys(meta.outputs).find((path) => path.endsWith('.js') && meta.outputs[path].entryPoint === module);
  if (!file) throw new Error(`bundle-size: no part of billpay.js starts from ${module} (renamed? update bench/bundle-size.mjs)`);
  return file;
};
const sizeOf = (file) => ({
  minified: readFileSync(`${elements}${file}`).length,
  brotli: readFileSync(`${elements}${file}.br`).length,
  gzip: readFileSync(`${elements}${file}.gz`).length,
});

function measure(set) {
  const files = new Set([LOADER]);
  if (set.modules === 'all') {
    for (const file of readdirSync(`${elements}dist/billpay`)) if (file.endsWith('.js')) files.add(`dist/billpay/${file}`);
  } else {
    const books = booksOf(meta);
    const modules = set.lang
      ? [...set.modules, `src/i18n/${set.lang}.ts`, ...set.modules.flatMap((module) => (books[module] ?? []).map((book) => `src/i18n/${book}-${set.lang}.ts`))]
      : set.modules;
    for (const module of modules) for (const file of staticClosure(meta, entryFile(module))) files.add(file);
  }
  const total = { minified: 0, brotli: 0, gzip: 0, files: files.size };
  for (const file of files) {
    const one = sizeOf(file);
    total.minified += one.minified;
    total.brotli += one.brotli;
    total.gzip += one.gzip;
  }
  return total;
}

/** Adyen Web 6's AdyenCheckout and Card, bundled and minified with esbuild, compressed as ours are. */
async function adyenCard() {
  const result = await build({
    stdin: { contents: "export { AdyenCheckout, Card } from '@adyen/adyen-web';", resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    legalComments: 'none',
    write: false,
    logLevel: 'error',
  });
  const code = result.outputFiles[0].contents;
  return {
    minified: code.length,
    brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    gzip: gzipSync(code, { level: 9 }).length,
  };
}

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
let failed = false;
console.log('\nbillpay.js as the browser receives it (brotli 11; gzip -9 and minified beside; 1 KB = 1000 bytes)\n');
for (const set of sets) {
  const size = measure(set);
  const ceiling = ceilings[set.key];
  console.log(`  ${set.name}`);
  console.log(`    ${kb(size.brotli)} brotli, ${kb(size.gzip)} gzip, ${kb(size.minified)} minified, ${size.files} files`);
  if (set.budget) {
    console.log(`    budget ${kb(set.budget)} (issue 15): ${size.brotli <= set.budget ? 'met' : `NOT MET, over by ${kb(size.brotli - set.budget)}`}`);
  }
  if (ceiling === undefined) {
    console.log(`    no ceiling in bench/size-ceilings.json (${size.brotli} bytes)`);
    failed = true;
  } else {
    const over = size.brotli > ceiling + HASH_NOISE;
    console.log(`    ceiling ${kb(ceiling)} (bench/size-ceilings.json): ${over ? 'EXCEEDED' : 'within'} (${size.brotli} of ${ceiling} bytes, ${HASH_NOISE} allowed for the parts' hashed names)`);
    if (over) failed = true;
  }
  console.log('');
}
const adyen = await adyenCard();
console.log(`  for comparison, @adyen/adyen-web AdyenCheckout + Card (JS only, without its 19.5 KB of CSS)`);
console.log(`    ${kb(adyen.brotli)} brotli, ${kb(adyen.gzip)} gzip, ${kb(adyen.minified)} minified\n`);

// The billing office console (packages/console): what /console loads before staff can sign in
// (its page, style sheet, the entry and what the entry imports statically), each file gzipped
// as a browser fetches it; the pages loaded when first shown are listed, not counted.
{
  const consoleDir = `${root}packages/console/`;
  const built = spawnSync(process.execPath, ['packages/console/scripts/bundle.mjs'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
  const meta = JSON.parse(readFileSync(`${consoleDir}dist/console.meta.json`, 'utf8'));
  const outputs = meta.outputs;
  const gz = (file) => gzipSync(readFileSync(`${consoleDir}${file}`), { level: 9 }).length;
  const first = new Set();
  const visit = (file) => {
    if (!file || first.has(file)) return;
    first.add(file);
    for (const imported of outputs[file].imports) if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(Object.keys(outputs).find((file) => outputs[file].entryPoint === 'src/main.ts'));
  const html = readFileSync(`${consoleDir}dist/index.html`, 'utf8');
  const css = /href="\/console\/(assets\/[^"]+\.css)"/.exec(html)?.[1];
  const gzipped = [...first].reduce((sum, file) => sum + gz(file), 0) + gz('dist/index.html') + (css ? gz(`dist/${css}`) : 0);
  const ceiling = ceilings.console;
  console.log('  the billing office console: what /console loads before staff can sign in');
  console.log(`    ${kb(gzipped)} min+gzip (page, style sheet, shell and sign-in)`);
  console.log(`    ceiling ${kb(ceiling)} (bench/size-ceilings.json): ${gzipped <= ceiling ? 'within' : 'EXCEEDED'} (${gzipped} of ${ceiling} bytes)`);
  for (const file of Object.keys(outputs).filter((f) => f.endsWith('.js') && outputs[f].entryPoint && !first.has(f))) {
    const extra = new Set();
    const walk = (f) => {
      if (first.has(f) || extra.has(f)) return;
      extra.add(f);
      for (const imported of outputs[f].imports) if (imported.kind === 'import-statement') walk(imported.path);
    };
    walk(file);
    const name = outputs[file].entryPoint.replace(/^src\/|\.ts$/g, '');
    console.log(`    then, when first shown: ${name} +${kb([...extra].reduce((sum, f) => sum + gz(f), 0))}`);
  }
  console.log('');
  if (gzipped > ceiling) failed = true;
}

if (process.argv.includes('--check') && failed) {
  console.error('A set of billpay.js grew past its ceiling in bench/size-ceilings.json (or has none).');
  process.exit(1);
}
