/**
 * Every story of every element (each comes in English and Spanish), as a person would see it:
 * - layout checks at 1280, 390 and 320 px on measured boxes (see test/support/layout.ts): nothing
 *   wider than the viewport, no text cut off, no word broken in a cell, label or heading, tap
 *   targets of at least 24 by 24 px;
 * - visual snapshots at 1280 and 390 px, compared with the committed ones (see snapshots.ts).
 * The story is rendered once, wide, then narrowed as a phone's window would be.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { layoutProblems } from '../support/layout.js';
import { compareSnapshot } from './snapshots.js';
import { startStoryBrowser, storiesOfBuild, type StoryBrowser } from './support.js';

const WIDTHS = [1280, 390, 320] as const;
const SNAPSHOT_WIDTHS: readonly number[] = [1280, 390];

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

  for (const story of storiesOfBuild()) {
    it(`${story.title} / ${story.name}`, async () => {
      const layout: string[] = [];
      const visual: string[] = [];
      await stories.open(page, story, WIDTHS[0]);
      for (const width of WIDTHS) {
        if (width !== WIDTHS[0]) await stories.resize(page, width);
        const problems = await page.evaluate(layoutProblems, { width });
        layout.push(...problems.map((p) => `${width}px ${p.kind}: ${p.where}: ${p.detail}`));
        if (SNAPSHOT_WIDTHS.includes(width)) {
          const verdict = compareSnapshot(`${story.id}.${width}`, await page.locator('#storybook-root').screenshot({ animations: 'disabled' }));
          if (!verdict.ok) visual.push(verdict.why);
        }
      }
      assert.deepEqual(layout, [], 'layout');
      assert.deepEqual(visual, [], 'visual snapshots');
    });
  }
});
