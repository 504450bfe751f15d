// Size of billpay.js (every element and the SDK, one file), minified with esbuild and gzipped
// at level 9, beside payment widgets a practice might otherwise embed, measured the same way.
//   node bench/bundle-size.mjs           build, measure, print
//   node bench/bundle-size.mjs --check   ...and exit 1 past the budget (CI)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { transform } from 'esbuild';

/** Budget for billpay.js once every issue has landed, in bytes of min+gzip (1 KB = 1000 bytes). */
const BUDGET_BYTES = 30_000;

/** Peers, esbuild --minify then gzip -9, as recorded in shared/TOOLCHAIN.md on 2026-11-22. */
const peers = [
  { name: '@adyen/adyen-web 6.45 (AdyenCheckout + Card only, JS)', bytes: 102_500 },
  { name: 'braintree-web-drop-in 1.48 (browser bundle)', bytes: 129_000 },
];

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = spawnSync(process.execPath, ['packages/elements/scripts/bundle.mjs'], { cwd: root, stdio: 'inherit' });
if (bundle.status !== 0) process.exit(bundle.status ?? 1);

const source = readFileSync(`${root}packages/elements/dist/billpay.js`, 'utf8');
// Re-minify the shipped file the way the peers were measured, so the comparison is like for like.
const { code } = await transform(source, { minify: true, format: 'esm', target: 'es2022', legalComments: 'none' });
const minified = Buffer.byteLength(code);
const gzipped = gzipSync(code, { level: 9 }).length;

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
console.log('\nbundle size (esbuild --minify, gzip -9)\n');
console.log(`  billpay.js                                              ${kb(gzipped).padStart(9)}  (${kb(minified)} minified)`);
for (const peer of peers) {
  console.log(`  ${peer.name.padEnd(55)} ${kb(peer.bytes).padStart(9)}  billpay.js is ${(gzipped / peer.bytes).toFixed(2)}x of it`);
}
console.log(`\n  budget: ${kb(BUDGET_BYTES)}; used ${((gzipped / BUDGET_BYTES) * 100).toFixed(0)}%\n`);

if (process.argv.includes('--check') && gzipped > BUDGET_BYTES) {
  console.error(`billpay.js is ${kb(gzipped)} min+gzip, over its ${kb(BUDGET_BYTES)} budget.`);
  process.exit(1);
}
