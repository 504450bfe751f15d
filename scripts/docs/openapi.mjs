// A reference page for each API from its OpenAPI document (generated from the server's routes by
// hono-openapi): every operation with its scope, parameters, body, answers and problem codes, then
// the named shapes. The JSON documents sit beside the pages.
import { escape, page, withCode } from './layout.mjs';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const refName = (schema) => schema?.$ref?.replace('#/components/schemas/', '');

/** A schema as a reader wants it: its component's name as a link, or its JSON inline. */
function shape(schema) {
  const name = refName(schema);
  if (name) return `<a href="#schema-${escape(name)}"><code>${escape(name)}</code></a>`;
  return `<code>${escape(JSON.stringify(schema))}</code>`;
}

function content(body) {
  return Object.entries(body?.content ?? {})
    .map(([type, { schema }]) => `<code>${escape(type)}</code> ${shape(schema)}`)
    .join('<br>');
}

const slug = (method, path) => `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '');

function operation(path, method, op) {
  const scopes = [...new Set((op.security ?? []).flatMap((requirement) => Object.entries(requirement).map(([scheme, list]) => (list.length ? `${scheme}: ${list.join(', ')}` : scheme))))];
  const parameters = op.parameters ?? [];
  return `<section class="operation" aria-labelledby="${slug(method, path)}">
<h3 id="${slug(method, path)}"><code>${method.toUpperCase()} ${escape(path)}</code></h3>
<p>${withCode(op.summary)}</p>
<dl>
${op.security ? `<dt>Needs</dt><dd>${scopes.length ? scopes.map((scope) => `<code>${escape(scope)}</code>`).join(' or ') : 'nothing: open to anyone'}</dd>` : ''}
${parameters.length ? `<dt>Parameters</dt><dd><ul>${parameters.map((p) => `<li><code>${escape(p.name)}</code> (${escape(p.in)}${p.required ? ', required' : ''})${p.description ? `: ${withCode(p.description)}` : ''}</li>`).join('')}</ul></dd>` : ''}
${op.requestBody ? `<dt>Body</dt><dd>${content(op.requestBody)}</dd>` : ''}
<dt>Answers</dt><dd><ul>${Object.entries(op.responses ?? {})
    .map(([status, response]) => `<li><strong>${escape(status)}</strong> ${withCode(response.description)}${response.content && Number(status) < 400 ? `: ${content(response)}` : ''}</li>`)
    .join('')}</ul></dd>
</dl>
</section>`;
}

/** The page of one API's document; `json` is the document's file name beside the page. */
export function renderApi(document, { title, json, intro }) {
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    METHODS.filter((method) => methods[method]).map((method) => ({ path, method, op: methods[method] })),
  );
  const schemas = Object.entries(document.components?.schemas ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const body = `<h1>${escape(title)}</h1>
<p>${withCode(document.info.description)}</p>
<p>${intro} The OpenAPI 3.1 document: <a href="${escape(json)}"><code>${escape(json)}</code></a>, generated from the server's routes.</p>
<h2>Operations</h2>
<nav aria-label="Operations"><ul>
${operations.map(({ path, method }) => `<li><a href="#${slug(method, path)}"><code>${method.toUpperCase()} ${escape(path)}</code></a></li>`).join('\n')}
</ul></nav>
${operations.map(({ path, method, op }) => operation(path, method, op)).join('\n')}
<h2>Shapes</h2>
${schemas.map(([name, schema]) => `<section class="schema" aria-labelledby="schema-${escape(name)}"><h3 id="schema-${escape(name)}"><code>${escape(name)}</code></h3><pre tabindex="0"><code>${escape(JSON.stringify(schema, null, 2))}</code></pre></section>`).join('\n')}`;
  return page({ title, root: '', self: json.replace(/^openapi\/(\w+)\.json$/, '$1-api.html'), body });
}
