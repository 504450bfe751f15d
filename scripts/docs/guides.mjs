// The guides: Markdown in docs/guides, rendered to HTML with marked. A code block's info string
// may say more than its language (```html file=index.html, for the test that runs every
// example); the page shows the language only.
import { readFileSync } from 'node:fs';
import { Marked, Renderer } from 'marked';
import { escape, GUIDES, page } from './layout.mjs';

const marked = new Marked({
  gfm: true,
  renderer: {
    code({ text, lang }) {
      const language = (lang ?? '').split(/\s+/)[0];
      const label = language ? ` aria-label="Example: ${escape(language)}"` : '';
      // A code block can be wider than a phone: it scrolls, and the keyboard can reach it to scroll.
      return `<pre tabindex="0"${label}><code${language ? ` class="language-${escape(language)}"` : ''}>${escape(text)}</code></pre>\n`;
    },
    table(token) {
      return `<div class="table-scroll" tabindex="0" role="region" aria-label="Table">${Renderer.prototype.table.call(this, token)}</div>`;
    },
  },
});

/** Each guide's page: `{ file, html }` with `file` relative to the documentation's folder. */
export function renderGuides(sourceDir) {
  return GUIDES.map((guide) => {
    const markdown = readFileSync(`${sourceDir}/${guide.file}.md`, 'utf8');
    const title = /^# (.+)$/m.exec(markdown)?.[1] ?? guide.title;
    return { file: `guides/${guide.file}.html`, html: page({ title, root: '../', self: `guides/${guide.file}.html`, body: marked.parse(markdown) }) };
  });
}
