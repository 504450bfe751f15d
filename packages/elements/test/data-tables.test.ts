/**
 * Every table of every element, at a 320 and a 390 px phone and a 1280 px desktop, in English and
 * Spanish: readable as a person sees it (no word broken across lines, nothing wider than its box,
 * "Your part" in view) and a table to a screen reader (a name, column headers, cells).
 */
import '../../../test/support/fail-on-console.js';
import { expect, fixture } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { BillSummary, GoodFaithEstimate, PlanBuilder } from '@billpay/elements';
import { accessibilityTree, findNodes } from '../../../test/support/accessibility-tree.js';
import { waitUntil } from '../../../test/support/wait-until.js';
import { find, findAll } from './support/dom.js';
import { loadDemoAccount, openItemized, renderBillSummary, type BillSummaryArgs } from '../../../stories/bill-summary.stories.js';
import { fillAndSubmit, renderGoodFaithEstimate } from '../../../stories/good-faith-estimate.stories.js';
import { accept, fillBank, formReady, loadPlanBuilder, renderPlanBuilder, toConfirmation, toReview, type PlanBuilderArgs } from '../../../stories/plan-builder.stories.js';

type Lang = 'en' | 'es';

interface TableState {
  readonly name: string;
  /** Renders the element in that state and answers it (its tables are in its shadow root). */
  render(lang: Lang): Promise<HTMLElement>;
}

const bill = (args: Omit<BillSummaryArgs, 'lang'>) => async (lang: Lang) => {
  const all = { ...args, lang, itemized: true };
  const el = await fixture<BillSummary>(renderBillSummary(all, await loadDemoAccount(all)));
  await openItemized(el);
  return el;
};

const planArgs = (lang: Lang): PlanBuilderArgs => ({ lang, patient: 'Okafor', cardCapture: 'direct', autopayMethods: 'bank card', policy: 'demo', cardAutopay: true });

const states: readonly TableState[] = [
  { name: 'the itemized bill, insured, with a fee', render: bill({ patient: 'Rivera' }) },
  { name: 'the itemized bill, self-pay', render: bill({ patient: 'Okafor' }) },
  { name: 'the itemized bill, paid, with its payments', render: bill({ patient: 'Novak' }) },
  { name: 'the bill with a bank payment processing', render: bill({ patient: 'Haddad', payment: 'bank' }) },
  {
    name: 'the plan schedule as it is chosen',
    render: async (lang) => {
      const el = await fixture<PlanBuilder>(renderPlanBuilder(planArgs(lang), await loadPlanBuilder(planArgs(lang))));
      await formReady(el);
      await waitUntil(() => find(el, '[part="schedule"] tbody tr'), 'no schedule');
      return el;
    },
  },
  {
    name: 'the plan schedule once set up, with each payment’s status',
    render: async (lang) => {
      const el = await fixture<PlanBuilder>(renderPlanBuilder(planArgs(lang), await loadPlanBuilder(planArgs(lang))));
      await formReady(el);
      await fillBank(el);
      await toReview(el);
      await accept(el);
      await toConfirmation(el);
      return el;
    },
  },
  {
    name: 'the good-faith estimate’s charges',
    render: async (lang) => {
      const el = await fixture<GoodFaithEstimate>(
        renderGoodFaithEstimate({ lang, estimateId: 'gfe_demo1', delayMs: 0, requestMode: 'issue', withoutPriceList: false, offline: false }),
      );
      await fillAndSubmit(el.parentElement!, { values: { 'access-dob-month': '11', 'access-dob-day': '23', 'access-dob-year': '1971' } });
      await waitUntil(() => find(el, '[part="charges"] tbody tr'), 'no estimate document');
      return el;
    },
  },
];

/** Words drawn on more than one line: a word split in the middle (by `overflow-wrap: anywhere` in a too narrow column). */
function brokenWords(root: Element): string[] {
  const broken: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    // Skip what is not drawn: a hidden label, the column headers kept for screen readers only.
    const thead = parent?.closest('thead');
    if (!parent || parent.getClientRects().length === 0 || (thead && thead.getBoundingClientRect().width <= 1)) continue;
    // Lines may break at spaces and after a hyphen or a dash ("18-39", "a–b"), never inside a word.
    for (const match of (node.textContent ?? '').matchAll(/[^\s\-\u2010\u2013\u2014/]+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (lines.size > 1) broken.push(match[0]);
    }
  }
  return broken;
}

describe('every table, on a phone and a desktop, in both languages', () => {
  after(() => setViewport({ width: 800, height: 600 }));

  for (const state of states) {
    for (const lang of ['en', 'es'] as const) {
      for (const width of [320, 390, 1280]) {
        it(`${state.name} (${lang}, ${width} px)`, async () => {
          await setViewport({ width, height: 900 });
          const el = await state.render(lang);
          // Its own tables and those of the elements it draws them with (a plan's schedule).
          const boxes = findAll<HTMLElement>(el, '.data-table');
          expect(boxes.length, 'a table').to.be.above(0);
          for (const box of boxes) {
            const label = box.querySelector('caption')?.textContent?.trim() ?? box.getAttribute('part');
            expect(box.scrollWidth, `${label}: wider than its box`).to.be.at.most(box.clientWidth);
            expect(box.getBoundingClientRect().right, `${label}: past the screen's edge`).to.be.at.most(width);
            expect(brokenWords(box), `${label}: words broken across lines`).to.deep.equal([]);
            // What the patient owes on each row is on screen, not behind a sideways scroll.
            for (const cell of box.querySelectorAll('tbody .emphasis, tfoot .emphasis, tbody td.money')) {
              const rect = cell.getBoundingClientRect();
              expect(rect.width, `${label}: an amount with no room`).to.be.above(0);
              expect(rect.right, `${label}: an amount out of view`).to.be.at.most(box.getBoundingClientRect().right + 0.5);
            }
          }
          // To a screen reader each is a named table with its column headers and cells, cards or not.
          const tables = findNodes(await accessibilityTree(), (n) => n.role === 'table');
          expect(tables).to.have.length(boxes.length);
          for (const [i, table] of tables.entries()) {
            const columns = boxes[i]!.querySelectorAll('thead th').length;
            expect(table.name, 'a table without a name').to.not.equal('');
            expect(findNodes(table, (n) => n.role === 'columnheader').map((n) => n.name)).to.have.length(columns);
            const rows = findNodes(table, (n) => n.role === 'row').slice(1);
            expect(rows.length).to.be.above(0);
            for (const row of rows) expect(findNodes(row, (n) => n.role === 'cell' || n.role === 'rowheader').length).to.be.above(0);
          }
          await expect(el).to.be.accessible();
        });
      }
    }
  }
});
