// custom-elements.json, made from the source by @custom-elements-manifest/analyzer (with Lit support
// and the plugin in custom-elements-manifest.config.mjs).
//   node scripts/manifest.mjs          writes it (the build does this)
//   node scripts/manifest.mjs --check  fails, saying what to do, when the committed file is not what
//                                      the source makes, or when the source documents less than it does
// The typings for React, Vue and Svelte in types/ are made from the manifest (scripts/framework-types.mjs)
// and written and checked with it.
// The second part of the check reads each element's module and the modules it imports (not other
// elements): every element registered is in the manifest, and every `part="..."`, slot,
// `--billpay-*` property and emitted event found there is documented on the element, events with
// a detail type; every part documented is rendered.
import { cli } from '@custom-elements-manifest/analyzer/cli.js';
import { frameworkTypes } from './framework-types.mjs';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const manifestFile = join(root, 'custom-elements.json');

const manifest = await cli({ argv: ['analyze', '--quiet'], cwd: root, noWrite: true });
// The analyzer lists modules in the order the file search found them, which varies from run to run.
manifest.modules.sort((a, b) => a.path.localeCompare(b.path));
const text = `${JSON.stringify(manifest, null, 2)}\n`;

const typings = Object.entries(frameworkTypes(manifest)).map(([name, content]) => ({ path: `types/${name}`, content }));

if (!process.argv.includes('--check')) {
  writeFileSync(manifestFile, text);
  mkdirSync(join(root, 'types'), { recursive: true });
  for (const { path, content } of typings) writeFileSync(join(root, path), content);
  process.exit(0);
}

const problems = [];
// Compared with the committed file where git can say what that is: the build rewrites the file on
// disk, so after a build the file alone would always agree.
const fromGit = spawnSync('git', ['show', 'HEAD:./custom-elements.json'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const committed = fromGit.status === 0 ? fromGit.stdout : existsSync(manifestFile) ? readFileSync(manifestFile, 'utf8') : '';
if (committed !== text) {
  problems.push(
    `packages/elements/custom-elements.json${fromGit.status === 0 ? ' as committed' : ''} is not what the source makes: run \`pnpm cem\` (or \`pnpm build\`) and commit the file.`,
  );
}

for (const { path, content } of typings) {
  const fromHead = spawnSync('git', ['show', `HEAD:./${path}`], { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const kept = fromHead.status === 0 ? fromHead.stdout : existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : '';
  if (kept !== content) problems.push(`packages/elements/${path} is not what custom-elements.json makes: run \`pnpm cem\` (or \`pnpm build\`) and commit it.`);
}

const elements = manifest.modules.flatMap((module) =>
  (module.declarations ?? []).filter((d) => d.customElement && d.tagName).map((declaration) => ({ module: module.path, declaration })),
);
const elementModules = new Set(elements.map((e) => e.module));
const sourceFiles = readdirSync(join(root, 'src'), { recursive: true })
  .map(String)
  .filter((file) => file.endsWith('.ts'))
  .map((file) => join('src', file));
const read = (file) => readFileSync(join(root, file), 'utf8');

for (const file of sourceFiles) {
  for (const [, tag] of read(file).matchAll(/(?:customElements\.define|@customElement)\(\s*['"]([\w-]+)['"]/g)) {
    const element = elements.find((e) => e.declaration.tagName === tag);
    if (!element) problems.push(`<${tag}> is registered in ${file} but is not in the manifest: give its class a JSDoc with \`@tag ${tag}\`.`);
    else if (!element.declaration.summary || !element.declaration.description) {
      problems.push(`<${tag}> (${element.module}) has no class JSDoc with a description and \`@summary\`.`);
    }
  }
}

/** The element's module and what it imports, transitively, up to other elements and define modules. */
function modulesOf(start) {
  const seen = new Set([start]);
  for (const file of seen) {
    for (const [, specifier] of read(file).matchAll(/(?:from|import)\s+'(\.{1,2}\/[^']+)\.js'/g)) {
      const target = relative(root, resolve(root, dirname(file), `${specifier}.ts`));
      if (target.endsWith('define.ts') || elementModules.has(target) || !existsSync(join(root, target))) continue;
      seen.add(target);
    }
  }
  return [...seen];
}

for (const { module, declaration } of elements) {
  const source = modulesOf(module).map(read).join('\n');
  const tag = `<${declaration.tagName}>`;
  const documented = (list) => new Set((list ?? []).map((item) => item.name));
  const parts = documented(declaration.cssParts);
  const properties = documented(declaration.cssProperties);
  const events = documented(declaration.events);
  const slots = documented(declaration.slots);
  // part="a b" in templates, part: 'a' in the specs of shared templates (a data table's), and the
  // parts a child element forwards (exportparts="inner:outer, other").
  const rendered = new Set([
    ...[...source.matchAll(/\bpart(?:="([^"$]+)"|:\s*'([\w-]+)')/g)].flatMap(([, names, spec]) => (names ?? spec).split(/\s+/)),
    ...[...source.matchAll(/\bexportparts="([^"$]+)"/g)].flatMap(([, list]) => list.split(',').map((entry) => entry.split(':').at(-1).trim())),
  ]);
  for (const part of rendered) if (!parts.has(part)) problems.push(`${tag} renders part "${part}" but does not document it (\`@csspart ${part} - ...\`).`);
  for (const part of parts) if (!rendered.has(part)) problems.push(`${tag} documents part "${part}" but renders none (a part inside another element needs exportparts).`);
  for (const [, slot = ''] of source.matchAll(/<slot(?:\s+name="([\w-]+)")?/g)) {
    if (!slots.has(slot)) problems.push(`${tag} has ${slot ? `slot "${slot}"` : 'a default slot'} but does not document it (\`@slot ${slot ? `${slot} ` : ''}- ...\`).`);
  }
  for (const [property] of source.matchAll(/--billpay-[\w-]+/g)) {
    if (!properties.has(property)) problems.push(`${tag} honours ${property} but does not document it (\`@cssprop ${property} - ...\`).`);
  }
  for (const [, event] of source.matchAll(/\bemit\(\s*'([\w-]+)'/g)) {
    if (!events.has(event)) problems.push(`${tag} emits "${event}" but does not document it (\`@fires ${event} - ...\`).`);
  }
  for (const event of declaration.events ?? []) {
    if (!event.type?.text) problems.push(`${tag}'s event "${event.name}" has no detail type: declare it in BillPayEventMap (src/events.ts).`);
  }
}

if (problems.length > 0) {
  console.error(`custom-elements.json check failed:\n${[...new Set(problems)].map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`custom-elements.json is up to date and complete (${elements.length} elements).`);
