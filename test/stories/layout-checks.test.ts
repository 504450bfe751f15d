/**
 * The layout checks themselves (test/support/layout.ts), on small pages made to break each rule
 * once and to keep it once: a check that reports nothing would let every story pass.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { layoutProblems, type LayoutProblem } from '../support/layout.js';
import { startStoryBrowser, type StoryBrowser } from './support.js';

describe('the layout checks', () => {
  let stories: StoryBrowser;
  let page: Page;
  before(async () => {
    stories = await startStoryBrowser();
    page = await stories.context.newPage();
    await page.setViewportSize({ width: 390, height: 900 });
  });
  after(async () => {
    await stories.close();
  });

  async function problemsOf(body: string): Promise<LayoutProblem[]> {
    await page.setContent(`<!doctype html><style>body { margin: 8px; font: 16px/1.5 sans-serif } a { padding-block: max(0.25em, calc(12.5px - 0.6em)) }</style><body>${body}</body>`);
    return page.evaluate(layoutProblems, { width: 390 });
  }
  const kinds = (problems: LayoutProblem[]) => problems.map((p) => p.kind);

  it('finds text cut off downwards, and not text that fits', async () => {
    assert.deepEqual(kinds(await problemsOf('<p style="height: 1.5em; overflow: hidden">one<br>two<br>three</p>')), ['cut_off']);
    assert.deepEqual(kinds(await problemsOf('<p style="height: 5em; overflow: hidden">one<br>two</p>')), []);
  });

  it('finds a box that scrolls inside the page, either way, unless it says it scrolls on purpose', async () => {
    assert.deepEqual(kinds(await problemsOf('<div style="height: 3em; overflow-y: auto">1<br>2<br>3<br>4<br>5</div>')), ['inner_scroll']);
    assert.deepEqual(kinds(await problemsOf('<div style="overflow-x: auto"><div style="width: 300px; margin-left: 200px">wide</div></div>')), ['inner_scroll', 'too_wide']);
    assert.deepEqual(kinds(await problemsOf('<div data-scrolls style="height: 3em; overflow-y: auto">1<br>2<br>3<br>4<br>5</div>')), []);
  });

  it('finds a box sticking out of the screen even inside a box that scrolls', async () => {
    const problems = await problemsOf('<div data-scrolls style="overflow-x: auto"><div style="width: 600px">wide</div></div>');
    assert.deepEqual(kinds(problems), ['too_wide']);
  });

  it('wants every target 24 by 24 however far from the others, a checkbox by its label', async () => {
    assert.deepEqual(kinds(await problemsOf('<button style="width: 20px; height: 20px; padding: 0; margin: 100px">x</button>')), ['small_target']);
    assert.deepEqual(kinds(await problemsOf('<input type="checkbox" id="c" style="margin: 0; width: 13px; height: 13px"><label for="c" style="display: inline-block; padding: 4px">I agree</label>')), []);
    assert.deepEqual(kinds(await problemsOf('<input type="checkbox" id="c" style="margin: 0; width: 13px; height: 13px"><label for="c" style="font-size: 10px; line-height: 1">ok</label>')), ['small_target']);
  });

  it('wants a link 24 px tall on each line, in a sentence or not', async () => {
    assert.deepEqual(kinds(await problemsOf('<p>Call <a href="#a">the office</a> today.</p>')), []);
    assert.deepEqual(kinds(await problemsOf('<p>Call <a href="#a" style="padding: 0">the office</a> today.</p>')), ['small_target']);
    assert.deepEqual(kinds(await problemsOf('<ul><li><a href="#a" style="padding: 0">The first field</a></li></ul>')), ['small_target']);
  });

  it('takes a modal dialog taller than the screen for a page of its own, which scrolls', async () => {
    await page.setContent('<!doctype html><body><dialog id="d" open style="max-height: 200px; overflow-y: auto"><p style="height: 600px">Tall</p></dialog></body>');
    assert.deepEqual(kinds(await page.evaluate(layoutProblems, { width: 390 })), ['inner_scroll'], 'open but not modal: a box that scrolls');
    await page.evaluate(() => {
      const dialog = document.getElementById('d') as HTMLDialogElement;
      dialog.close();
      dialog.showModal();
    });
    assert.deepEqual(kinds(await page.evaluate(layoutProblems, { width: 390 })), []);
  });

  it('finds a word broken across lines in a heading, and lets an address (web or email) break', async () => {
    assert.deepEqual(kinds(await problemsOf('<h3 style="width: 80px; overflow-wrap: anywhere">Deliveries</h3>')), ['broken_word']);
    assert.deepEqual(kinds(await problemsOf('<h3 style="width: 80px; overflow-wrap: anywhere">https://billing.example/hooks</h3>')), []);
    assert.deepEqual(kinds(await problemsOf('<dl><dd style="width: 80px; overflow-wrap: anywhere">phone.clerk@harbor.example</dd></dl>')), []);
  });
});
