// Size of what a page loads, minified with esbuild and gzipped at level 9, beside payment widgets
// a practice might otherwise embed, measured the same way.
//   node bench/bundle-size.mjs           build, measure, print
//   node bench/bundle-size.mjs --check   ...and exit 1 if a bundle grew past its ceiling (CI)
//
// Two numbers per bundle: the budget, printed as met or not, and a ceiling in
// bench/size-ceilings.json that CI enforces so size can only go down (lower it when you shrink
// a bundle). The ceilings sit above the budgets today; see README "Size" for why.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const elements = `${root}packages/elements/`;

/** Budgets named by the issues, bytes of min+gzip (1 KB = 1000 bytes). */
const bundles = [
  {
    name: 'billpay.js on a page with <bill-pay>: what loads before the patient can act',
    entry: 'src/billpay.ts',
    uses: 'src/bill-pay/define.ts',
    budget: 30_000,
    budgetNote: 'at the end of all issues',
  },
  { name: '<bill-lookup> and its SDK parts alone', entry: 'src/bill-lookup/define.ts', budget: 15_000, budgetNote: 'issue 3' },
];

/** Peers, esbuild --minify then gzip -9, as recorded in shared/TOOLCHAIN.md on 2026-11-22. */
const peers = [
  { name: '@adyen/adyen-web 6.45 (AdyenCheckout + Card only, JS)', bytes: 102_500 },
  { name: 'braintree-web-drop-in 1.48 (browser bundle)', bytes: 129_000 },
];

const ceilings = JSON.parse(readFileSync(`${root}bench/size-ceilings.json`, 'utf8'));

// Build the shipped file first, so the number is the file a practice actually loads.
const shipped = spawnSync(process.execPath, ['packages/elements/scripts/bundle.mjs'], { cwd: root, stdio: 'inherit' });
if (shipped.status !== 0) process.exit(shipped.status ?? 1);

/**
 * The shipped, code-split billpay.js: the entry, plus the element's own part and everything
 * those import statically, each file gzipped on its own as a browser fetches it. Parts loaded
 * later (the payment form when the patient chooses to pay) are listed, not counted.
 */
function measureShipped(uses) {
  const meta = JSON.parse(readFileSync(`${elements}dist/billpay.meta.json`, 'utf8'));
  const outputs = meta.outputs;
  const size = (file) => {
    const code = readFileSync(`${elements}${file}`);
    return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
  };
  const entry = Object.keys(outputs).find((file) => outputs[file].entryPoint === 'src/billpay.ts');
  const part = Object.keys(outputs).find((file) => outputs[file].entryPoint === uses);
  const initial = new Set();
  const visit = (file) => {
    if (!file || initial.has(file)) return;
    initial.add(file);
    for (const imported of outputs[file].imports) if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(entry);
  visit(part);
  let minified = 0;
  let gzipped = 0;
  for (const file of initial) {
    const one = size(file);
    minified += one.minified;
    gzipped += one.gzipped;
  }
  const later = Object.keys(outputs)
    .filter((file) => file.endsWith('.js') && outputs[file].entryPoint && !initial.has(file))
    .map((file) => {
      const extra = new Set();
      const walk = (f) => {
        if (initial.has(f) || extra.has(f)) return;
        extra.add(f);
        for (const imported of outputs[f].imports) if (imported.kind === 'import-statement') walk(imported.path);
      };
      walk(file);
      return { element: outputs[file].entryPoint.replace(/^src\/|\/define\.ts$/g, ''), gzipped: [...extra].reduce((sum, f) => sum + size(f).gzipped, 0) };
    });
  const total = Object.keys(outputs).filter((file) => file.endsWith('.js')).reduce((sum, file) => sum + size(file).gzipped, 0);
  return { minified, gzipped, later, total };
}

async function measure(entry) {
  const result = await build({
    absWorkingDir: elements,
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    legalComments: 'none',
    tsconfig: 'tsconfig.json',
    write: false,
    logLevel: 'error',
  });
  const code = result.outputFiles[0].contents;
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
}

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
let failed = false;
console.log('\nbundle size (esbuild --minify, gzip -9; 1 KB = 1000 bytes)\n');
for (const bundle of bundles) {
  const measured = bundle.uses ? measureShipped(bundle.uses) : await measure(bundle.entry);
  const { minified, gzipped } = measured;
  const ceiling = ceilings[bundle.entry];
  const budget = gzipped <= bundle.budget ? 'met' : `NOT MET, over by ${kb(gzipped - bundle.budget)}`;
  console.log(`  ${bundle.name}`);
  console.log(`    ${kb(gzipped)} min+gzip (${kb(minified)} minified)`);
  console.log(`    budget ${kb(bundle.budget)} (${bundle.budgetNote}): ${budget}`);
  console.log(`    ceiling ${kb(ceiling)} (bench/size-ceilings.json): ${gzipped <= ceiling ? 'within' : 'EXCEEDED'} (${gzipped} of ${ceiling} bytes)`);
  if (measured.later) {
    for (const part of measured.later) console.log(`    then, when first used: <${part.element}> +${kb(part.gzipped)}`);
    console.log(`    every part of billpay.js together: ${kb(measured.total)}`);
  }
  if (bundle.entry === 'src/billpay.ts') {
    for (const peer of peers) console.log(`    vs ${peer.name} ${kb(peer.bytes)}: ${(gzipped / peer.bytes).toFixed(2)}x`);
  }
  console.log('');
  if (gzipped > ceiling) failed = true;
}

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
  console.error('A bundle grew past its ceiling in bench/size-ceilings.json.');
  process.exit(1);
}
