// The elements' reference page, from packages/elements/custom-elements.json (the manifest the
// build writes from the classes' JSDoc and `pnpm cem:check` keeps in step with the source).
import { escape, page, withCode } from './layout.mjs';

const table = (caption, headings, rows) =>
  rows.length === 0
    ? ''
    : `<div class="table-scroll" tabindex="0" role="region" aria-label="${escape(caption)}"><table>
<caption>${escape(caption)}</caption>
<thead><tr>${headings.map((heading) => `<th scope="col">${escape(heading)}</th>`).join('')}</tr></thead>
<tbody>
${rows.map(([first, ...rest]) => `<tr><th scope="row"><code>${escape(first)}</code></th>${rest.map((cell) => `<td>${cell}</td>`).join('')}</tr>`).join('\n')}
</tbody></table></div>`;

const type = (member) => (member.type?.text ? `<code>${escape(member.type.text)}</code>` : '');

/** The public elements (not internal `billpay-` parts), each with what a page may use of it. */
export function publicElements(manifest) {
  return manifest.modules
    .flatMap((module) => (module.declarations ?? []).map((declaration) => ({ ...declaration, module: module.path })))
    .filter((declaration) => declaration.customElement && declaration.tagName && !declaration.tagName.startsWith('billpay-'))
    .sort((a, b) => a.tagName.localeCompare(b.tagName));
}

function section(element) {
  const tag = element.tagName;
  const fields = (element.members ?? []).filter((member) => member.kind === 'field' && !member.privacy && !member.static && !member.readonly);
  return `<section aria-labelledby="${tag}">
<h2 id="${tag}"><code>&lt;${tag}&gt;</code></h2>
${element.summary ? `<p>${withCode(element.summary)}</p>` : ''}
${element.description ? `<p>${withCode(element.description)}</p>` : ''}
${table(`<${tag}> attributes`, ['Attribute', 'Type', 'Default', 'What it does'], (element.attributes ?? []).map((a) => [a.name, type(a), a.default ? `<code>${escape(a.default)}</code>` : '', withCode(a.description)]))}
${table(`<${tag}> properties`, ['Property', 'Type', 'What it does'], fields.map((f) => [f.name, type(f), withCode(f.description)]))}
${table(`<${tag}> events`, ['Event', 'Detail', 'When'], (element.events ?? []).map((e) => [e.name, type(e), withCode(e.description)]))}
${table(`<${tag}> slots`, ['Slot', 'What goes in it'], (element.slots ?? []).map((s) => [s.name || '(default)', withCode(s.description)]))}
${table(`<${tag}> parts`, ['Part', 'What it is'], (element.cssParts ?? []).map((p) => [p.name, withCode(p.description)]))}
${table(`<${tag}> custom properties`, ['Custom property', 'Default', 'What it sets'], (element.cssProperties ?? []).map((p) => [p.name, p.default ? `<code>${escape(p.default)}</code>` : '', withCode(p.description)]))}
</section>`;
}

export function renderElements(manifest) {
  const elements = publicElements(manifest);
  const body = `<h1>Elements reference</h1>
<p>Generated from <code>packages/elements/custom-elements.json</code>. Load them all with one script,
<code>&lt;script type="module" async src="https://your-billing-server/billpay.js"&gt;&lt;/script&gt;</code>; each is defined
the first time the page uses it. Every event bubbles and crosses shadow roots.</p>
<nav aria-label="Elements"><ul>
${elements.map((element) => `<li><a href="#${element.tagName}"><code>&lt;${element.tagName}&gt;</code></a></li>`).join('\n')}
</ul></nav>
${elements.map(section).join('\n')}`;
  return page({ title: 'Elements reference', root: '', self: 'elements.html', body });
}
