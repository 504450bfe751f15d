/**
 * How the console's pages look, shared by its end-to-end tests: axe-core, the widget's layout
 * checks, and visual snapshots compared by the widget's stories' comparer.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { layoutProblems } from '../support/layout.js';
import { compareSnapshot } from '../support/snapshots.js';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe's WCAG 2.1 A and AA rules over the page as it is now (shadow roots included): no violation;
 * then the layout checks at 320, 390 and 1280 px (see laidOut).
 */
export async function accessible(page: Page, screen: string): Promise<void> {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern (a script tag would be refused).
  await page.evaluate(`${axeSource};0`);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
  assert.deepEqual(violations, [], `axe on ${screen}`);
  await laidOut(page, screen);
}


/** Where every screen checked is also written as a screenshot at each width, for a person to look at: `BILLPAY_SCREENSHOTS`, when set. */
const SHOTS = process.env.BILLPAY_SCREENSHOTS;

/**
 * The widget's layout checks (test/support/layout.ts) over the console's page as it is now, at a
 * small phone's width, a phone's and a desk's: nothing wider than the screen, nothing cut off, no
 * box that scrolls inside the page, no word broken, tap targets big enough. The page is put back
 * at the width it had.
 */
export async function laidOut(page: Page, screen: string): Promise<void> {
  const viewport = page.viewportSize() ?? { width: 1280, height: 900 };
  const problems: string[] = [];
  // tsx names the check's inner functions with a helper the page lacks (see screens.test.ts).
  await page.evaluate(() => {
    (globalThis as { __name?: unknown }).__name ??= (fn: unknown) => fn;
  });
  for (const width of [320, 390, 1280]) {
    await page.setViewportSize({ width, height: viewport.height });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const found = await page.evaluate(layoutProblems, { width });
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      const lang = await page.evaluate(() => document.documentElement.lang || 'en');
      await page.screenshot({ path: join(SHOTS, `${screen.replace(/[^\w-]+/g, '-')}.${lang}.${String(width)}.png`), fullPage: true });
    }
    problems.push(...found.map((p) => `${String(width)}px: ${p.kind}: ${p.where}: ${p.detail}`));
  }
  await page.setViewportSize(viewport);
  assert.deepEqual(problems, [], `layout of ${screen}`);
}

/** Where the console's reference snapshots are committed. */
const SNAPSHOTS = 'test/e2e/snapshots';

/**
 * What changes from one run to the next, as [pattern, fixed text]: dates and times (the demo data
 * is dated from today, and what staff do is stamped now), confirmation numbers and the processor's
 * references. Each match is shown as the same text every run while the snapshot is taken.
 */
const CHANGING: readonly (readonly [RegExp, string])[] = [
  [/(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}/, 'January 15, 2026'],
  [/\d{1,2} de (enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre) de \d{4}/, '15 de enero de 2026'],
  [/\d{1,2}:\d{2}[\s\u202f\u00a0]?([AaPp])\.?[\s\u202f\u00a0]?([Mm])\.?/, '9:30\u202f$1$2'],
  [/\d{1,2}:\d{2}/, '9:30'],
  [/\d{4}-\d{2}-\d{2}/, '2026-01-15'],
  [/\d{1,2}\/\d{1,2}\/\d{4}/, '01/15/2026'],
  [/\b[A-Z2-9]{4}-[A-Z2-9]{4}\b/, 'ABCD-EFGH'],
  [/\b(ch|re|py|po|tok|evt)_[A-Za-z0-9_-]{6,}/, '$1_0123456789abcdefghijkl'],
];
/** The same as the page is given them: a pattern's source and its fixed text. */
const CHANGING_IN_PAGE = CHANGING.map(([pattern, fixed]) => [pattern.source, fixed] as const);

/**
 * In the page: every text (through shadow roots) and every date field's value matching `changing`
 * shown as its fixed text; `undo` puts back what was there. Serialized into the page: it may use
 * nothing from this module's scope.
 */
function fixChanging({ changing, undo }: { changing: readonly (readonly [string, string])[]; undo: boolean }): number {
  const kept = ((globalThis as { __fixedTexts?: (() => void)[] }).__fixedTexts ??= []);
  if (undo) {
    for (const restore of kept.splice(0).reverse()) restore();
    return 0;
  }
  const fix = (text: string) => changing.reduce((done, [pattern, fixed]) => done.replace(new RegExp(pattern, 'g'), fixed), text);
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      const text = node as Text;
      const was = text.data;
      const fixed = fix(was);
      if (fixed !== was) {
        text.data = fixed;
        kept.push(() => {
          text.data = was;
        });
      }
    }
    // A date field shows its value as a date; other fields' values are what the test typed.
    if (node instanceof HTMLInputElement && node.type === 'date' && node.value) {
      const was = node.value;
      const fixed = fix(was);
      if (fixed !== was) {
        node.value = fixed;
        kept.push(() => {
          node.value = was;
        });
      }
    }
    if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
    for (const child of Array.from(node.childNodes)) walk(child);
  };
  walk(document.body);
  return kept.length;
}

/**
 * The screen as it looked when its reference snapshots were taken, at a phone's width and a
 * desk's (390 and 1280 px), the whole page (or only the element `only` selects, e.g. a dialog,
 * whatever the page behind it shows), in the language it is shown in:
 * `test/e2e/snapshots/console-<screen>.<lang>.<width>.png`, compared by the stories' comparer
 * (0.2 % of pixels may differ; `UPDATE_SNAPSHOTS=1` writes new references). Dates, times,
 * confirmation numbers and processor references are shown as fixed text while it is taken.
 * `above` (a selector, through shadow roots) leaves out the page from that element down: e.g. the
 * audit trail, whose rows depend on how many reads each action took. The page is put back as it
 * was: its width, and its words.
 */
export async function looksAsBefore(page: Page, screen: string, { above, only }: { above?: string; only?: string } = {}): Promise<void> {
  const viewport = page.viewportSize() ?? { width: 1280, height: 900 };
  const lang = await page.evaluate(() => document.documentElement.lang || 'en');
  const differences: string[] = [];
  await page.evaluate(() => {
    (globalThis as { __name?: unknown }).__name ??= (fn: unknown) => fn;
  });
  try {
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: viewport.height });
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      await page.evaluate(fixChanging, { changing: CHANGING_IN_PAGE, undo: false });
      try {
        let clip: { x: number; y: number; width: number; height: number } | undefined;
        if (above) {
          const top = await page.locator(above).first().evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
          clip = { x: 0, y: 0, width, height: Math.ceil(top) };
        }
        // As Playwright's own snapshot assertion does: until two screenshots in a row agree (the
        // processor's card frame, in its own document, settles its height after a resize).
        const options = { animations: 'disabled', caret: 'hide' } as const;
        const take = () => (only ? page.locator(only).first().screenshot(options) : page.screenshot({ ...options, fullPage: true, ...(clip ? { clip } : {}) }));
        let shot = await take();
        for (let tries = 0; tries < 10; tries += 1) {
          await page.waitForTimeout(100);
          const again = await take();
          if (again.equals(shot)) break;
          shot = again;
        }
        const verdict = compareSnapshot(SNAPSHOTS, `console-${screen}.${lang}.${String(width)}`, shot);
        if (!verdict.ok) differences.push(verdict.why);
      } finally {
        await page.evaluate(fixChanging, { changing: CHANGING_IN_PAGE, undo: true });
      }
    }
  } finally {
    await page.setViewportSize(viewport);
  }
  assert.deepEqual(differences, [], `visual snapshots of ${screen}`);
}
