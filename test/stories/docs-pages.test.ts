/**
 * Each element's docs page, as a designer opens it from Storybook's sidebar: it renders, its
 * title and its stories are there, each story drawn as the element (not Storybook's red
 * "Expecting an HTML snippet or DOM node" of an export that is no story), in English and Spanish
 * where the element has Spanish stories, with nothing logged as an error.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { docsOfBuild, startStoryBrowser, storiesOfBuild, type StoryBrowser } from './support.js';

describe('every docs page', () => {
  let stories: StoryBrowser;
  let page: Page;
  before(async () => {
    stories = await startStoryBrowser();
    page = await stories.context.newPage();
  });
  after(async () => {
    await stories.close();
  });

  const docs = docsOfBuild();
  it('has one docs page per element file of stories', () => {
    const titles = new Set(storiesOfBuild().map((story) => story.title));
    assert.deepEqual(docs.map((entry) => entry.title).sort(), [...titles].sort());
  });

  for (const entry of docs) {
    it(`${entry.title}: renders every story as the element, with its title`, async () => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${stories.origin}/iframe.html?id=${encodeURIComponent(entry.id)}&viewMode=docs`);
      await page.locator('.sbdocs-title').first().waitFor({ timeout: 30_000 });
      const expected = storiesOfBuild().filter((story) => story.title === entry.title);
      // Storybook draws each story of the file in a block of its own, one after another.
      await page.waitForFunction(
        (count) => {
          const blocks = Array.from(document.querySelectorAll('.docs-story'));
          return blocks.length >= count && blocks.every((block) => Array.from(block.querySelectorAll('*')).some((el) => el.localName.includes('-') && el.shadowRoot !== null));
        },
        expected.length,
        { timeout: 60_000 },
      ).catch(() => undefined);
      const blocks = await page.locator('.docs-story').evaluateAll((nodes) =>
        nodes.map((node) => ({ text: node.textContent ?? '', ours: Array.from(node.querySelectorAll('*')).some((el) => el.localName.includes('-') && el.shadowRoot !== null) })),
      );
      assert.ok(blocks.length >= expected.length, `${entry.title}: ${blocks.length} blocks for ${expected.length} stories`);
      assert.deepEqual(blocks.filter((block) => /Expecting an HTML snippet|Error:/.test(block.text)).map((block) => block.text.slice(0, 80)), []);
      assert.deepEqual(blocks.filter((block) => !block.ours).map((block) => block.text.slice(0, 80)), [], `${entry.title}: every block shows one of our elements`);
      const headings = await page.locator('.sbdocs-h3, .sbdocs h3').allTextContents();
      for (const story of expected) assert.ok(headings.includes(story.name), `${entry.title}: the story "${story.name}" has its heading (${headings.join(', ')})`);
      if (expected.some((story) => /Spanish|Español/i.test(story.name))) {
        const langs = await page.locator('.docs-story [lang]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('lang')));
        assert.ok(langs.includes('es'), `${entry.title}: its Spanish stories speak Spanish`);
      }
      page.removeAllListeners('pageerror');
      assert.deepEqual(errors, []);
    });
  }
});
