// `pnpm run docs` (and `node scripts/build.mjs`): the developer documentation, served by the demo
// server at /docs, written to docs/dist:
//   sdk/              the SDK's reference (TypeDoc, warnings as errors; packages/sdk/typedoc.json)
//   elements.html     the elements' reference, from packages/elements/custom-elements.json
//   patient-api.html, practice-api.html and their OpenAPI documents (openapi/*.json), generated
//                     from the server's routes
//   guides/*.html     the guides, from docs/guides/*.md
//   index.html, docs.css, favicon.svg
// Needs the packages built first (the server's dist, the manifest). `--if-stale` (the build's)
// runs TypeDoc only when the SDK's source changed since the reference was written.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderElements } from './elements.mjs';
import { renderGuides } from './guides.mjs';
import { escape, GUIDES, page, REFERENCES } from './layout.mjs';
import { renderApi } from './openapi.mjs';
import { moveInlineScripts } from './typedoc.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const source = join(root, 'docs');
const out = join(source, 'dist');
const sdkOut = join(out, 'sdk');
const started = Date.now();

/** The newest modification time under `path` (a file or a folder). */
function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

function typedoc() {
  const sdk = join(root, 'packages/sdk');
  const stale = !existsSync(join(sdkOut, 'index.html')) || newest(sdkOut) < Math.max(newest(join(sdk, 'src')), newest(join(sdk, 'typedoc.json')));
  if (process.argv.includes('--if-stale') && !stale) return;
  rmSync(sdkOut, { recursive: true, force: true });
  const result = spawnSync('pnpm', ['exec', 'typedoc', '--options', 'typedoc.json', '--logLevel', 'Warn'], { cwd: sdk, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('TypeDoc failed (its warnings count as errors)');
  moveInlineScripts(sdkOut);
}

async function openApi() {
  const server = join(root, 'packages/server/dist/index.js');
  if (!existsSync(server)) throw new Error('Build the packages first (node scripts/build.mjs): the documents come from the server\'s routes.');
  const { createApp, openDatabase, loadPractices, openApiDocument, silentLogger, defaults } = await import(server);
  const database = await openDatabase({});
  try {
    const practices = await loadPractices(defaults.practicesDir);
    const app = createApp({ database, practices, logger: silentLogger, secret: 'documentation-build-secret-not-used-for-anything' });
    mkdirSync(join(out, 'openapi'), { recursive: true });
    for (const [which, title, intro] of [
      ['patient', 'Patient API (/v1)', 'What <code>billpay.js</code> and <code>@billpay/sdk</code> call from the patient’s browser; the server serves it at <code>/v1/openapi.json</code>.'],
      ['practice', 'Practice API (/admin/v1)', 'What a practice’s servers call with a key; the server serves it at <code>/admin/v1/openapi.json</code>. See <a href="guides/practice-api.html">the practice API guide</a>.'],
    ]) {
      const document = await openApiDocument(app, which);
      const json = `openapi/${which}.json`;
      writeFileSync(join(out, json), `${JSON.stringify(document, null, 2)}\n`);
      writeFileSync(join(out, `${which}-api.html`), renderApi(document, { title, json, intro }));
    }
  } finally {
    await database.close();
  }
}

function index() {
  const body = `<h1>billpay documentation</h1>
<p>billpay is open-source bill payment for medical practices: a widget a practice puts on its website
(<code>billpay.js</code>), a typed SDK (<code>@billpay/sdk</code>) and a billing server with a patient API and a practice API.
Start with the guide for what you are doing; every example in the guides runs in CI against a real server.</p>
<h2>Guides</h2>
<ul class="cards">
${GUIDES.map((guide) => `<li><a href="guides/${guide.file}.html">${escape(guide.title)}</a><br><span class="muted">${escape(guide.audience)}</span></li>`).join('\n')}
</ul>
<h2>Reference</h2>
<ul class="cards">
${REFERENCES.map((reference) => `<li><a href="${reference.href}">${escape(reference.title)}</a><br><span class="muted">${escape(reference.about)}</span></li>`).join('\n')}
</ul>
<h2>See it running</h2>
<ul>
<li><a href="/pay.html">The demo practice’s payment page</a> (find a bill with the demo data in the README)</li>
<li><a href="/console/">The billing office console</a></li>
</ul>`;
  return page({ title: 'Documentation', root: '', self: 'index.html', body });
}

try {
  mkdirSync(out, { recursive: true });
  typedoc();
  await openApi();
  const manifest = JSON.parse(readFileSync(join(root, 'packages/elements/custom-elements.json'), 'utf8'));
  writeFileSync(join(out, 'elements.html'), renderElements(manifest));
  mkdirSync(join(out, 'guides'), { recursive: true });
  for (const { file, html } of renderGuides(join(source, 'guides'))) writeFileSync(join(out, file), html);
  writeFileSync(join(out, 'index.html'), index());
  for (const file of ['docs.css', 'favicon.svg']) copyFileSync(join(source, file), join(out, file));
  console.log(`docs: written to docs/dist in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  console.error(`docs: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
