/**
 * Every story of every element, in English and Spanish, as a person would see it:
 * - layout checks at 1280, 390 and 320 px on measured boxes (see test/support/layout.ts): nothing
 *   wider than the viewport, no text cut off, no box scrolling inside the page, no word broken in
 *   a cell, label or heading, tap targets of at least 24 by 24 px;
 * - visual snapshots at 1280 and 390 px, compared with the committed ones in snapshots/ (see ../support/snapshots.ts).
 * A story with no Spanish twin (`FoundSpanish` beside `Found`) is opened a second time with its
 * `lang` argument set to Spanish, checked to speak Spanish, and laid out at the same widths (no
 * snapshot: its twin would be the place for one).
 * The story is rendered once, wide, then narrowed as a phone's window would be.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { layoutProblems } from '../support/layout.js';
import { compareSnapshot } from '../support/snapshots.js';
import { startStoryBrowser, storiesOfBuild, type StoryBrowser, type StoryEntry } from './support.js';

const WIDTHS = [1280, 390, 320] as const;
const SNAPSHOT_WIDTHS: readonly number[] = [1280, 390];

/** The story's element (the first of ours in the story's root): its language and every word it shows, through shadow roots. */
function shownLanguage(): { lang: string; text: string } {
  const host = Array.from(document.querySelectorAll('#storybook-root *')).find((el) => el.localName.includes('-') && el.shadowRoot);
  const words: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) words.push(node.textContent ?? '');
    if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
    for (const child of Array.from(node.childNodes)) walk(child);
  };
  if (host) walk(host);
  return { lang: host?.getAttribute('lang') ?? '', text: words.join(' ').replace(/\s+/g, ' ').trim() };
}

describe('every story, at every width', () => {
  let stories: StoryBrowser;
  let page: Page;
  before(async () => {
    stories = await startStoryBrowser();
    page = await stories.context.newPage();
  });
  after(async () => {
    await stories.close();
  });

  /** Lays the open story out at each width; what a person would find broken, by width. */
  async function layOut(story: StoryEntry, snapshots: boolean) {
    const layout: string[] = [];
    const visual: string[] = [];
    for (const width of WIDTHS) {
      if (width !== WIDTHS[0]) await stories.resize(page, width);
      const problems = await page.evaluate(layoutProblems, { width });
      layout.push(...problems.map((p) => `${width}px ${p.kind}: ${p.where}: ${p.detail}`));
      if (snapshots && SNAPSHOT_WIDTHS.includes(width)) {
        const verdict = compareSnapshot('test/stories/snapshots', `${story.id}.${width}`, await page.locator('#storybook-root').screenshot({ animations: 'disabled' }));
        if (!verdict.ok) visual.push(verdict.why);
      }
    }
    return { layout, visual };
  }

  const all = storiesOfBuild();
  const ids = new Set(all.map((story) => story.id));
  const spanish = (story: StoryEntry) => story.id.endsWith('-spanish');
  for (const story of all) {
    const withoutTwin = !spanish(story) && !ids.has(`${story.id}-spanish`);
    it(`${story.title} / ${story.name}${withoutTwin ? ', and in Spanish' : ''}`, async () => {
      await stories.open(page, story, WIDTHS[0]);
      const { layout, visual } = await layOut(story, true);
      if (withoutTwin) {
        const english = await page.evaluate(shownLanguage);
        await stories.open(page, story, WIDTHS[0], 'lang:es');
        const shown = await page.evaluate(shownLanguage);
        assert.equal(shown.lang, 'es', 'the element is told to speak Spanish');
        assert.notEqual(shown.text, english.text, 'the element shows other words in Spanish');
        layout.push(...(await layOut(story, false)).layout.map((problem) => `es ${problem}`));
      }
      assert.deepEqual(layout, [], 'layout');
      assert.deepEqual(visual, [], 'visual snapshots');
    });
  }
});
