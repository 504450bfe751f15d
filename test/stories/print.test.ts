/**
 * What a patient prints, on paper: each story with a Print button (an itemized bill, a receipt, a
 * plan's schedule, a good-faith estimate), in English and Spanish, printed by its button as
 * Chromium prints it (`page.pdf()`, US Letter). Each must print as one document of its own: the
 * practice's name and contact and whose it is at its head, nothing of the page around it, no
 * button, every column legible at the printed width (the layout checks of test/support/layout.ts,
 * without tap targets), on the number of pages it needs and no more.
 *
 * `window.print` is replaced (headless Chromium would wait on its dialog); what Print put on the
 * page is then printed to PDF. `PRINTED_PDF_DIR=dir` keeps each PDF there, to look at.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { layoutProblems } from '../support/layout.js';
import { startStoryBrowser, storiesOfBuild, type StoryBrowser } from './support.js';

/** US Letter is 8.5 in wide; the printed document's margins are 0.6 in each side (print-document.styles.ts). */
const PRINTED_WIDTH = Math.floor((8.5 - 1.2) * 96);

/** Each printed document, the story that shows it, and the pages it takes in English and in Spanish. */
const PRINTED = [
  { story: 'elements-bill-summary--itemized', title: /^(Itemized bill|Factura detallada)$/, pages: [2, 2] /* a page per statement */ },
  { story: 'elements-pay-form--receipt', title: /(Your payment was received|Recibimos su pago)/, pages: [1, 1] },
  { story: 'elements-plan-builder--created-bank', title: /plan/i, pages: [2, 2] /* the schedule, then the authorization */ },
  { story: 'elements-good-faith-estimate--issued-several-providers', title: /^(Good Faith Estimate|Estimado de Buena Fe)/, pages: [3, 4] /* Spanish is longer */ },
] as const;

/** How many pages a PDF Chromium wrote has (its page objects). */
function pageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
}

describe('printed documents, on US Letter', () => {
  let stories: StoryBrowser;
  let page: Page;
  before(async () => {
    stories = await startStoryBrowser();
    page = await stories.context.newPage();
    await page.addInitScript(() => {
      window.print = () => document.documentElement.setAttribute('data-printed', String(Number(document.documentElement.getAttribute('data-printed') ?? 0) + 1));
    });
  });
  after(async () => {
    await stories.close();
  });

  const all = storiesOfBuild();
  for (const printed of PRINTED) {
    for (const spanish of [false, true]) {
      const id = spanish ? `${printed.story}-spanish` : printed.story;
      const pages = printed.pages[spanish ? 1 : 0];
      it(`${id}: one document of its own, legible, on ${pages} page(s)`, async () => {
        const story = all.find((entry) => entry.id === id);
        assert.ok(story, `no story ${id}`);
        await page.emulateMedia({ media: 'screen' });
        await stories.open(page, story, 1280);
        // The page may have shown (and printed) another story before this one.
        await page.evaluate(() => document.documentElement.removeAttribute('data-printed'));
        await page.locator('[part="print-button"]').first().click();
        await page.locator('html[data-printed="1"]').waitFor({ state: 'attached' });

        await page.emulateMedia({ media: 'print' });
        await stories.resize(page, PRINTED_WIDTH);
        const root = page.locator('#billpay-print-root');
        assert.match((await root.getByRole('heading').first().innerText()).trim(), printed.title, 'its title first');
        assert.match(await root.locator('.from').innerText(), /Harbor Point/, 'the practice heads it');
        assert.equal(await root.getByRole('button').count(), 0, 'nothing to press on paper');
        assert.equal(await page.locator('#storybook-root').isVisible(), false, 'the page around it is not printed');
        const problems = await page.evaluate(layoutProblems, { width: PRINTED_WIDTH, skipTargets: true });
        assert.deepEqual(problems, [], 'legible at the printed width');

        const pdf = await page.pdf({ format: 'Letter' });
        if (process.env.PRINTED_PDF_DIR) {
          mkdirSync(process.env.PRINTED_PDF_DIR, { recursive: true });
          writeFileSync(join(process.env.PRINTED_PDF_DIR, `${id}.pdf`), pdf);
        }
        assert.equal(pageCount(pdf), pages, 'pages');
        // Printing done (page.pdf() fires afterprint): the document is gone, the page is as it was.
        await page.emulateMedia({ media: 'screen' });
        assert.equal(await root.count(), 0);
        assert.equal(await page.locator('#storybook-root').isVisible(), true);
      });
    }
  }
});
