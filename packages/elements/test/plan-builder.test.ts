import '../../../test/support/fail-on-console.js';
import { expect, fixture, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { spokenTextOf } from '../../../test/support/spoken-text.js';
import { finishPrinting, printByKeyboard, printWith } from '../../../test/support/printing.js';
import type { StoryObj } from '@storybook/web-components-vite';
import type { PlanBuilder } from '@billpay/elements';
import { addDays, addMonths, localToday, planRuleMessage, type PlanPolicy } from '@billpay/sdk';
import * as stories from '../../../stories/plan-builder.stories.js';
import {
  accept,
  fillBank,
  fillDirectCard,
  formReady,
  loadPlanBuilder,
  policyOf,
  renderPlanBuilder,
  submit,
  toConfirmation,
  toReview,
  type LoadedPlanBuilder,
  type PlanBuilderArgs,
} from '../../../stories/plan-builder.stories.js';
import { choose, click, typeInto, until } from '../../../stories/support/drive.js';
import type { FakeApiOptions } from '../../../stories/support/fake-api.js';
import { cardNumbers, find, findAll, focused as focusedIn, part as partOf, text } from './support/dom.js';

const base: PlanBuilderArgs = { lang: 'en', patient: 'Okafor', cardCapture: 'direct', autopayMethods: 'bank card', policy: 'demo', cardAutopay: true };
const today = localToday();
/** "March 5, 2027", as the element writes a date in English. */
const long = (iso: string) => new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

async function render(args: Partial<PlanBuilderArgs> = {}, extra: FakeApiOptions = {}): Promise<{ el: PlanBuilder } & LoadedPlanBuilder> {
  const full = { ...base, ...args };
  // The API's today is the test's, even if the run crosses midnight.
  const loaded = await loadPlanBuilder(full, { today, ...extra });
  const el = await fixture<PlanBuilder>(renderPlanBuilder(full, loaded));
  await formReady(el);
  return { el, ...loaded };
}

const root = (el: PlanBuilder) => el.shadowRoot!;
const part = (el: PlanBuilder, name: string) => partOf(el, name);
const input = (el: PlanBuilder, id: string) => root(el).querySelector<HTMLInputElement>(`#${id}`)!;
const bodyRows = (el: PlanBuilder, scope: Element | ShadowRoot = root(el)) => findAll(scope, 'tbody tr').map((row) => spokenTextOf(row));
const live = (el: PlanBuilder) => root(el).querySelector('[role="status"][aria-live="polite"]');
const focused = (el: PlanBuilder) => focusedIn(el);

/** Selects what a field holds and types over it, key by key. */
async function retype(el: PlanBuilder, id: string, value: string) {
  const field = input(el, id);
  field.focus();
  field.select();
  await sendKeys({ type: value });
  await el.updateComplete;
}


/** Boxes inside the element that scroll what they hold (more content than height, with overflow not visible). */
function innerScrollers(el: PlanBuilder): string[] {
  const found: string[] = [];
  const walk = (scope: ShadowRoot | Element) => {
    for (const node of scope.querySelectorAll('*')) {
      const rect = node.getBoundingClientRect();
      // Visually hidden text (1 px, clipped) holds nothing for the eye.
      if (rect.width > 1 && rect.height > 1) {
        const { overflowY, overflowX } = getComputedStyle(node);
        if (overflowY !== 'visible' && node.scrollHeight > node.clientHeight + 1) found.push(`${node.localName}.${node.className} (${overflowY}, ${node.scrollHeight} > ${node.clientHeight})`);
        if (overflowX !== 'visible' && node.scrollWidth > node.clientWidth + 1) found.push(`${node.localName}.${node.className} (x ${overflowX}, ${node.scrollWidth} > ${node.clientWidth})`);
      }
      if (node.shadowRoot) walk(node.shadowRoot);
    }
  };
  walk(el.shadowRoot!);
  return found;
}

/** The schedule's last payment and its total are shown whole, inside the element's box. */
function expectLastAndTotalShown(el: PlanBuilder, schedule: Element, count: number) {
  const box = el.getBoundingClientRect();
  const rows = [...schedule.querySelectorAll('tbody tr')];
  expect(rows).to.have.length(count);
  const inside = (node: Element, what: string) => {
    const rect = node.getBoundingClientRect();
    expect(rect.height, `${what} has a height`).to.be.greaterThan(1);
    expect(rect.top, `${what} starts inside the element`).to.be.at.least(box.top - 1);
    expect(rect.bottom, `${what} ends inside the element`).to.be.at.most(box.bottom + 1);
    expect(rect.left, `${what} starts inside the element`).to.be.at.least(box.left - 1);
    expect(rect.right, `${what} ends inside the element`).to.be.at.most(box.right + 1);
  };
  inside(rows.at(-1)!, `payment ${count}`);
  inside(schedule.querySelector('tfoot tr')!, 'the total');
}

describe('<plan-builder>', () => {
  it('starts with 12 monthly payments of $200.00 for $2,400.00 from the earliest date, in a table with a caption and the total', async () => {
    const { el } = await render();
    expect(text(part(el, 'heading'))).to.equal('Set up a payment plan');
    expect(text(root(el).querySelector('.intro'))).to.contain('Pay your balance of $2,400.00');
    const legends = [...root(el).querySelectorAll('legend')].map((legend) => text(legend));
    expect(legends).to.include.members(['How often will you pay?', 'How many payments, or how much each?', 'Date of the first payment', 'How will you make each payment?']);
    // Only the frequencies the practice offers, monthly chosen.
    const frequencies = [...root(el).querySelectorAll<HTMLInputElement>('input[name="frequency"]')];
    expect(frequencies.map((radio) => radio.value)).to.deep.equal(['weekly', 'biweekly', 'semimonthly', 'monthly']);
    expect(frequencies.find((radio) => radio.checked)?.value).to.equal('monthly');
    expect(input(el, 'plan-count').value).to.equal('12');
    expect(input(el, 'plan-amount').value).to.equal('200.00');
    expect(text(root(el).querySelector('#plan-count-hint'))).to.equal('From 1 to 24');
    expect(text(root(el).querySelector('#plan-amount-hint'))).to.equal('From $100.00 to $2,400.00');
    expect([input(el, 'first-month').value, input(el, 'first-day').value, input(el, 'first-year').value].join('/')).to.equal(
      `${String(Number(today.slice(5, 7)))}/${String(Number(today.slice(8)))}/${today.slice(0, 4)}`,
    );
    expect(text(root(el).querySelector('#date-hint'))).to.contain(`Between ${long(today)} and ${long(addDays(today, 30))}`);

    const table = find(el, 'table')!;
    expect(text(table.querySelector('caption'))).to.equal('Your payment schedule');
    expect([...table.querySelectorAll('thead th')].map((th) => th.getAttribute('scope'))).to.deep.equal(['col', 'col', 'col']);
    const rows = bodyRows(el);
    expect(rows).to.have.length(12);
    expect(rows[0]).to.equal(`1 ${long(today)} $200.00`);
    expect(spokenTextOf(table.querySelector('tfoot'))).to.equal('Total $2,400.00');
    expect(text(part(el, 'summary'))).to.contain('12 payments of $200.00, every month');
    expect(text(part(el, 'summary'))).to.contain('a total of $2,400.00');
    // The whole schedule shows, its last payment and total too: no box of its own to scroll. It is not a live region.
    const box = part(el, 'schedule')!;
    expect(getComputedStyle(box).overflowY).to.equal('visible');
    expect(box.scrollHeight).to.be.at.most(box.clientHeight + 1);
    expect((box.getRootNode() as ShadowRoot).host.closest('[aria-live]') === null, 'the table is not announced').to.equal(true);
    expect(text(live(el))).to.equal('');
    await expect(el).to.be.accessible();
  });

  it('typing the number of payments updates the amount, the table, and announces the plan politely', async () => {
    const { el } = await render();
    await retype(el, 'plan-count', '8');
    expect(input(el, 'plan-amount').value).to.equal('300.00');
    expect(bodyRows(el)).to.have.length(8);
    expect(focused(el)?.id).to.equal('plan-count');
    await until(el, () => text(live(el)).length > 0, 3000);
    expect(text(live(el))).to.equal(`8 payments of $300.00, every month, from ${long(today)} to ${long(addMonths(today, 7))}, a total of $2,400.00.`);
    expect(live(el)!.getAttribute('aria-live')).to.equal('polite');

    await retype(el, 'plan-count', '7');
    expect(input(el, 'plan-amount').value).to.equal('342.85');
    await until(el, () => text(live(el)).startsWith('7 payments'), 3000);
    expect(text(live(el))).to.contain('7 payments every month, 6 of $342.85 and a last one of $342.90');
  });

  it('typing the amount of each payment updates the number of payments', async () => {
    const { el } = await render();
    await retype(el, 'plan-amount', '300');
    expect(input(el, 'plan-count').value).to.equal('8');
    input(el, 'plan-amount').blur();
    await el.updateComplete;
    expect(input(el, 'plan-amount').value).to.equal('300.00');
    await retype(el, 'plan-amount', '1000');
    expect(input(el, 'plan-count').value).to.equal('3');
    expect(bodyRows(el).map((row) => row.split(' ').at(-1))).to.deep.equal(['$1,000.00', '$1,000.00', '$400.00']);
  });

  it('names the rule a choice breaks and the nearest choices that work, keeping what was typed', async () => {
    const { el } = await render();
    await retype(el, 'plan-count', '30');
    input(el, 'plan-count').blur();
    await el.updateComplete;
    const message = text(root(el).querySelector('#count-error'));
    expect(message).to.contain('At most 24 months: up to 24 monthly payments or at least $100.00 a payment.');
    expect(input(el, 'plan-count').value).to.equal('30');
    expect(input(el, 'plan-count').getAttribute('aria-invalid')).to.equal('true');
    expect(input(el, 'plan-count').getAttribute('aria-describedby')).to.contain('count-error');
    // The amount stays at the last plan that worked (3 payments, typed on the way to 30).
    expect(input(el, 'plan-amount').value).to.equal('800.00');
    expect(text(part(el, 'summary'))).to.equal('The schedule appears here once the choices above work.');
    expect(find(el, 'table') === null, 'no schedule').to.equal(true);
    await expect(el).to.be.accessible();

    const small = await render({ patient: 'Rivera' });
    await retype(small.el, 'plan-amount', '20');
    input(small.el, 'plan-amount').blur();
    await small.el.updateComplete;
    const said = text(root(small.el).querySelector('#amount-error'));
    expect(said).to.contain('At least $25.00 a payment: up to 5 monthly payments.');
    // The same words as the SDK's own English message for that rule.
    expect(said).to.contain(planRuleMessage({ code: 'installment_too_small', limit: 2500, nearest: { frequency: 'monthly', maxPayments: 5 } }));
  });

  it('offers only the frequencies the practice allows, and every two weeks moves the dates 14 days apart', async () => {
    const policy: PlanPolicy = { ...policyOf('demo'), frequencies: ['biweekly', 'monthly'] };
    const { el } = await render({}, { planPolicy: policy });
    expect([...root(el).querySelectorAll<HTMLInputElement>('input[name="frequency"]')].map((r) => r.value)).to.deep.equal(['biweekly', 'monthly']);
    const radio = input(el, 'frequency-biweekly');
    radio.focus();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(radio.checked).to.equal(true);
    const rows = bodyRows(el);
    expect(rows).to.have.length(12);
    expect(rows[1]).to.equal(`2 ${long(addDays(today, 14))} $200.00`);
    expect(rows[11]).to.equal(`12 ${long(addDays(today, 154))} $200.00`);
  });

  it('keeps the first payment within the window and says which dates work', async () => {
    const { el } = await render();
    const late = addDays(today, 45);
    await typeInto(el, 'first-month', String(Number(late.slice(5, 7))));
    await typeInto(el, 'first-day', String(Number(late.slice(8))));
    await typeInto(el, 'first-year', late.slice(0, 4));
    expect(text(root(el).querySelector('#firstDate-error'))).to.contain(`The first payment must be between ${long(today)} and ${long(addDays(today, 30))}.`);
    await typeInto(el, 'first-day', '31');
    await typeInto(el, 'first-month', '2');
    expect(text(root(el).querySelector('#firstDate-error'))).to.contain('That date doesn’t exist.');
  });

  it('Review plan with a missing choice: a focused summary whose links lead to the fields, input kept', async () => {
    const { el } = await render();
    await retype(el, 'plan-count', '10');
    const review = part(el, 'review-button') as HTMLButtonElement;
    review.focus();
    await sendKeys({ press: 'Enter' });
    await until(el, () => part(el, 'error-summary'));
    const summary = part(el, 'error-summary')!;
    expect(summary.getAttribute('role')).to.equal('alert');
    expect(focused(el) === summary, 'focus is on the summary').to.equal(true);
    expect(text(summary)).to.contain('There is a problem');
    expect(text(summary)).to.contain('Choose how you will make each payment.');
    expect(input(el, 'plan-count').value).to.equal('10');
    summary.querySelector('a')!.click();
    await el.updateComplete;
    expect(focused(el)?.id).to.equal('mode-bank');
    await expect(el).to.be.accessible();
  });

  it('automatic payment from a bank account: recurring-debit authorization to read and accept, sent exactly as shown, one plan', async () => {
    const { el, api } = await render();
    await choose(el, 'mode', 'bank');
    input(el, 'bank-routing').focus();
    await sendKeys({ type: '123456789' });
    await el.updateComplete;
    expect(text(root(el).querySelector('#bankRouting-error'))).to.contain('This routing number isn’t valid');
    await fillBank(el);
    await typeInto(el, 'bank-account-confirm', '000123456780');
    expect(text(root(el).querySelector('#bankAccountConfirm-error'))).to.contain('The two account numbers don’t match.');
    await typeInto(el, 'bank-account-confirm', '000123456789');
    await toReview(el);
    expect(focused(el)?.id).to.equal('plan-review-heading');
    const review = part(el, 'review')!;
    expect(text(review)).to.contain('Balance $2,400.00');
    expect(text(review)).to.contain('How you pay Automatically, from your checking account ending in 6789');
    expect(bodyRows(el, review)).to.have.length(12);
    const words = text(part(el, 'authorization'));
    expect(words).to.contain('Authorization for recurring bank debits');
    const shown = text(root(el).querySelector('#authorization-text'));
    expect(shown).to.contain('I, Chidi Okafor, authorize Harbor Point Medical Group to debit my checking account ending in 6789 for the recurring payments');
    expect(shown).to.contain(`12 payments of $200.00, every month, from ${long(today)}`);
    expect(shown).to.contain('a total of $2,400.00');
    expect(shown).to.contain(`This authorization is dated ${long(today)}`);
    expect(shown).to.contain('revoke it at any time by calling (555) 010-4477');
    expect(shown).to.contain('returned-payment fee of $30.00');
    await expect(el).to.be.accessible();

    await submit(el);
    expect(text(part(el, 'error-summary'))).to.contain('check the box to accept the authorization');
    expect(api.plans).to.have.length(0);
    await accept(el);
    const created = oneEvent<GlobalEventHandlersEventMap['plan-created']>(el, 'plan-created');
    await submit(el);
    const { detail } = await created;
    expect(detail.plan.mode).to.equal('automatic');
    expect(api.plans).to.have.length(1);
    // What is kept as proof is exactly what was shown.
    expect(api.plans[0]!.authorization?.text).to.equal(shown);
    // The bank account number went to the processor only.
    expect(api.apiBodies.join('')).not.to.contain('000123456789');
  });

  it('prints the recurring-debit authorization as a document of its own, with the patient’s account and its date; focus back on Print', async () => {
    const { el } = await render();
    await choose(el, 'mode', 'bank');
    await fillBank(el);
    await toReview(el);
    const shown = text(root(el).querySelector('#authorization-text'));
    const button = [...part(el, 'authorization')!.querySelectorAll('button')].find((b) => text(b) === 'Print this authorization')!;
    const printed = await printByKeyboard(button);
    try {
      const doc = printed.document;
      expect(printed.printedChildren.filter((child) => child.shown).map((child) => child.element)).to.deep.equal([printed.container]);
      expect(text(doc.querySelector('.practice'))).to.equal('Harbor Point Medical Group');
      expect(text(doc.querySelector('h1'))).to.equal('Authorization for recurring bank debits');
      expect(text(doc.querySelector('.whose'))).to.match(/^Patient: Chidi O\. Account A-100451 Printed on /);
      expect(text(doc.querySelector('.authorization'))).to.contain(shown);
      expect(text(doc.querySelector('.authorization'))).to.contain(`Date of this authorization: ${long(today)}`);
      expect(doc.querySelectorAll('button')).to.have.length(0);
    } finally {
      finishPrinting();
    }
    expect(document.getElementById('billpay-print-root')).to.equal(null);
    expect(root(el).activeElement).to.equal(button);
  });

  it('sets up one plan however often Set up plan is pressed while it works', async () => {
    const { el, api } = await render();
    await choose(el, 'mode', 'manual');
    await toReview(el);
    api.holdPlans();
    await submit(el);
    const button = part(el, 'submit-button')!;
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(text(button)).to.contain('Setting up your plan');
    expect(part(el, 'change-button')!.hasAttribute('hidden')).to.equal(true);
    await submit(el);
    await submit(el);
    api.releasePlans();
    await until(el, () => part(el, 'confirmation'));
    expect(api.plans).to.have.length(1);
    expect(api.requests.filter((r) => r === 'POST /v1/plans')).to.have.length(1);
  });

  it('after no answer, Set up plan again repeats the same request under the same key: one plan', async () => {
    const { el, api } = await render();
    await choose(el, 'mode', 'manual');
    await toReview(el);
    api.dropPlanResponses(5);
    await submit(el);
    await until(el, () => part(el, 'error-summary'), 20_000);
    expect(text(part(el, 'error-summary'))).to.contain('you will not get two plans');
    expect(part(el, 'review') !== null, 'still on the review').to.equal(true);
    await submit(el);
    await until(el, () => part(el, 'confirmation'), 10_000);
    expect(api.plans).to.have.length(1);
  });

  it('confirms with the next payment, the whole schedule and Print; the bill shows the plan', async () => {
    const { el, api, client } = await render();
    await fillBank(el);
    await toReview(el);
    await accept(el);
    await toConfirmation(el);
    expect(focused(el)?.id).to.equal('plan-done-heading');
    const done = part(el, 'confirmation')!;
    expect(text(done)).to.contain('Your payment plan is set up');
    expect(text(done)).to.contain(`Next payment: $200.00 on ${long(today)}.`);
    expect(text(done)).to.contain('It will be charged automatically to your checking account ending in 6789.');
    expect(bodyRows(el, done)[0]).to.equal(`1 ${long(today)} $200.00 Scheduled`);
    expect(spokenTextOf(find(done, 'thead'))).to.equal('Payment Date Amount Status');
    expect(text(part(el, 'authorization'))).to.contain('I, Chidi Okafor, authorize');
    await expect(el).to.be.accessible();
    // Print: the plan as a document of its own, under the practice and the patient's account.
    const printed = await printWith(() => click(el, 'print-button'));
    try {
      expect(printed.printedChildren.filter((child) => child.shown).map((child) => child.element)).to.deep.equal([printed.container]);
      const doc = printed.document;
      expect(text(doc.querySelector('h1'))).to.equal('Your payment plan is set up');
      expect(text(doc.querySelector('.whose'))).to.match(/^Patient: Chidi O\. Account A-100451 Printed on /);
      expect(text(doc)).to.contain(`Next payment: $200.00 on ${long(today)}.`);
      const rows = [...doc.querySelectorAll('[part="schedule"] tbody tr')];
      expect(rows).to.have.length(12);
      expect(spokenTextOf(doc.querySelector('[part="schedule"] tfoot'))).to.equal('Total $2,400.00');
      expect(text(doc.querySelector('[part="authorization"]'))).to.contain('I, Chidi Okafor, authorize');
      expect(doc.querySelectorAll('button')).to.have.length(0);
    } finally {
      finishPrinting();
    }
    const account = await client.getAccount();
    expect(account.plan?.id).to.equal(api.plans[0]!.id);
    expect(account.plan?.nextPayment?.amountCents).to.equal(20_000);
  });

  it('on a phone, a 24-payment schedule reads as a list down the page, its last payment and total shown whole, choosing and confirmed', async () => {
    await setViewport({ width: 390, height: 844 });
    try {
      const { el } = await render();
      await retype(el, 'plan-count', '24');
      await until(el, () => bodyRows(el).length === 24);
      expect(bodyRows(el).at(-1)).to.match(/^24 [A-Z][a-z]+ \d{1,2}, \d{4} \$100\.00$/);
      expectLastAndTotalShown(el, part(el, 'schedule')!, 24);
      expect(spokenTextOf(part(el, 'schedule')!.querySelector('tfoot'))).to.equal('Total $2,400.00');
      expect(innerScrollers(el), 'no box inside the element scrolls').to.deep.equal([]);
      await fillBank(el);
      await toReview(el);
      await accept(el);
      await toConfirmation(el);
      const done = part(el, 'confirmation')!;
      const schedule = find(done, '[part~="schedule"]')!;
      expectLastAndTotalShown(el, schedule, 24);
      expect(spokenTextOf(schedule.querySelector('tfoot'))).to.equal('Total $2,400.00');
      expect(innerScrollers(el), 'no box inside the confirmation scrolls').to.deep.equal([]);
      await expect(el).to.be.accessible();
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('the practice’s number in the authorization is a link to call, never broken across lines on a phone, English and Spanish', async () => {
    await setViewport({ width: 390, height: 844 });
    try {
      for (const lang of ['en', 'es'] as const) {
        const { el, client } = await render({ lang });
        await fillBank(el);
        await toReview(el);
        const phone = (await client.getPractice()).contact.phone;
        const check = (scope: Element) => {
          const link = scope.querySelector<HTMLAnchorElement>('a.phone')!;
          expect(link, 'the number is a link').to.not.equal(null);
          expect(text(link)).to.equal(phone);
          expect(link.getAttribute('href')).to.equal(`tel:+1${phone.replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '')}`);
          expect(getComputedStyle(link).whiteSpace).to.equal('nowrap');
          expect(link.getClientRects(), 'the number is on one line').to.have.length(1);
        };
        check(part(el, 'authorization')!);
        const shown = text(root(el).querySelector('#authorization-text'));
        await accept(el);
        await toConfirmation(el);
        const done = part(el, 'confirmation')!.querySelector('[part="authorization"]')!;
        check(done);
        expect(text(done.querySelector('p:last-of-type'))).to.equal(shown);
        await expect(el).to.be.accessible();
        el.remove();
      }
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('a plan paid by hand offers calendar reminders for each payment', async () => {
    const { el } = await render();
    await choose(el, 'mode', 'manual');
    await toReview(el);
    expect(text(part(el, 'review'))).to.contain('You pay each one yourself');
    expect(part(el, 'authorization') === null, 'no authorization to accept').to.equal(true);
    await toConfirmation(el);
    expect(text(part(el, 'confirmation'))).to.contain('Pay it with Make a payment on your bill');
    const saved: string[] = [];
    const originalCreate = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (blob: Blob) => {
      void blob.text().then((t) => saved.push(t));
      return originalCreate(blob);
    };
    const downloads: string[] = [];
    const listener = (event: Event) => {
      downloads.push((event.target as HTMLAnchorElement).download);
      event.preventDefault();
    };
    root(el).addEventListener('click', listener, true);
    try {
      await click(el, 'calendar-button');
      await until(el, () => saved.length === 1);
    } finally {
      URL.createObjectURL = originalCreate;
      root(el).removeEventListener('click', listener, true);
    }
    expect(downloads).to.include('payment-plan.ics');
    const calendar = saved[0]!;
    expect(calendar).to.match(/^BEGIN:VCALENDAR\r\n/);
    expect(calendar.match(/BEGIN:VEVENT/g)).to.have.length(12);
    expect(calendar).to.contain(`DTSTART;VALUE=DATE:${today.replace(/-/g, '')}`);
    expect(calendar).to.contain('SUMMARY:Pay $200.00 to Harbor Point Medical Group (payment plan)');
    expect(calendar).to.contain('TRIGGER:-P2D');
  });

  it('says in plain words what the server’s rules allow when the balance changed before Set up plan', async () => {
    const { el, api } = await render({ patient: 'Rivera' });
    expect(input(el, 'plan-count').value).to.equal('5');
    await choose(el, 'mode', 'manual');
    await toReview(el);
    const card = await el.client!.tokenizeCard({ number: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123', name: 'Daniela Rivera', postalCode: '06510' });
    await el.client!.pay({ amountCents: 4250, token: card.id });
    await submit(el);
    await until(el, () => part(el, 'error-summary'));
    const summary = part(el, 'error-summary')!;
    expect(focused(el) === summary, 'focus is on the summary').to.equal(true);
    expect(text(summary)).to.contain('This plan doesn’t fit the practice’s rules');
    expect(text(summary)).to.contain('At least $25.00 a payment: up to 4 monthly payments.');
    expect(input(el, 'plan-count').value).to.equal('5');
    expect(api.plans).to.have.length(0);
    summary.querySelector('a')!.click();
    expect(focused(el)?.id).to.equal('plan-count');
    await expect(el).to.be.accessible();
    // Four payments work: the plan is set up.
    await retype(el, 'plan-count', '4');
    await until(el, () => input(el, 'plan-amount').value === '25.00');
    await toReview(el);
    await toConfirmation(el);
    expect(api.plans[0]?.installments.map((i) => i.amountCents)).to.deep.equal([2500, 2500, 2500, 2500]);
  });

  it('automatic payment by card in the processor’s hosted fields, typed with the keyboard', async () => {
    const { el, api } = await render({ cardCapture: 'hosted' });
    await choose(el, 'mode', 'card');
    const frame = root(el).querySelector<HTMLIFrameElement>('iframe')!;
    expect(frame.title).to.equal('Card details (secure fields from the payment processor)');
    await until(el, () => frame.contentDocument?.querySelector('#number') && !root(el).textContent?.includes('Loading the secure card fields'));
    frame.contentDocument!.querySelector<HTMLInputElement>('#number')!.focus();
    await sendKeys({ type: '4242424242424242' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '12/30' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '123' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Chidi Okafor' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '06510' });
    await click(el, 'review-button');
    await until(el, () => part(el, 'review'));
    expect(text(part(el, 'review'))).to.contain('Automatically, from your Visa ending in 4242');
    const shown = text(root(el).querySelector('#authorization-text'));
    expect(text(part(el, 'authorization'))).to.contain('Authorization for recurring card charges');
    expect(shown).to.contain('I authorize Harbor Point Medical Group to charge my Visa ending in 4242 for the recurring payments');
    await accept(el);
    await toConfirmation(el);
    expect(api.plans[0]?.method).to.equal('card');
    expect(api.plans[0]?.authorization?.text).to.equal(shown);
    expect(cardNumbers(api.apiBodies)).to.deep.equal([]);
  });

  it('saves a card typed for automatic payments at the processor; autopay-methods="bank" offers a bank account only', async () => {
    const modes = (el: PlanBuilder) => [...root(el).querySelectorAll<HTMLInputElement>('input[name="mode"]')].map((radio) => radio.value);
    const { el, api } = await render();
    expect(modes(el)).to.deep.equal(['bank', 'card', 'manual']);
    await fillDirectCard(el);
    await toReview(el);
    expect(text(part(el, 'review'))).to.contain('Automatically, from your Visa ending in 4242');
    await accept(el);
    await toConfirmation(el);
    // The fake server, like the real one, sets up a card plan only with a card saved for later charges.
    expect(api.plans[0]?.method).to.equal('card');
    expect(text(part(el, 'confirmation'))).to.contain('It will be charged automatically to your Visa ending in 4242.');
    const bankOnly = await render({ autopayMethods: 'bank' });
    expect(modes(bankOnly.el)).to.deep.equal(['bank', 'manual']);
  });

  it('when the server takes no card for automatic payments, says so and leaves a bank account or paying by hand', async () => {
    const { el, api } = await render({ cardAutopay: false });
    await fillDirectCard(el);
    await toReview(el);
    await accept(el);
    await submit(el);
    await until(el, () => part(el, 'error-summary') && part(el, 'form')?.closest('[hidden]') === null);
    const summary = part(el, 'error-summary')!;
    expect(text(summary)).to.contain('Automatic payments can’t be charged to a card here.');
    expect(text(summary)).to.contain('Choose how you will make each payment.');
    expect([...root(el).querySelectorAll<HTMLInputElement>('input[name="mode"]')].map((r) => r.value)).to.deep.equal(['bank', 'manual']);
    expect(api.plans).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('takes a down payment today when the practice asks for one; the first payment comes tomorrow at the earliest', async () => {
    const { el, api } = await render({ policy: 'downPayment' });
    expect(input(el, 'down-payment').value).to.equal('100.00');
    expect(text(root(el).querySelector('#down-payment-hint'))).to.contain('From $100.00 to $2,375.00');
    const tomorrow = addDays(today, 1);
    expect(input(el, 'first-day').value).to.equal(String(Number(tomorrow.slice(8))));
    expect(input(el, 'plan-amount').value).to.equal('191.66');
    const rows = bodyRows(el);
    expect(rows[0]).to.equal(`Down payment ${long(today)} $100.00`);
    expect(rows[1]).to.equal(`1 ${long(tomorrow)} $191.66`);
    expect(rows).to.have.length(13);
    expect(spokenTextOf(find(el, 'tfoot'))).to.equal('Total $2,400.00');
    expect(text(part(el, 'summary'))).to.match(/^A down payment of \$100\.00 today, then 12 payments/);
    await retype(el, 'down-payment', '50');
    input(el, 'down-payment').blur();
    await el.updateComplete;
    expect(text(root(el).querySelector('#down-error'))).to.contain('A down payment of at least $100.00 is needed.');
    await retype(el, 'down-payment', '400');
    expect(input(el, 'plan-amount').value).to.equal('166.66');
    await choose(el, 'mode', 'manual');
    await toReview(el);
    await toConfirmation(el);
    expect(api.plans[0]?.downPaymentCents).to.equal(40_000);
    await expect(el).to.be.accessible();
  });

  it('plans longer than the practice allows by hand need automatic payment, and paying by hand says what works', async () => {
    const { el } = await render({ policy: 'autopayRequired' });
    expect(text(root(el).querySelector('#mode-hint'))).to.equal('Plans longer than 12 months need automatic payment.');
    await retype(el, 'plan-count', '18');
    await choose(el, 'mode', 'manual');
    await click(el, 'review-button');
    expect(text(part(el, 'error-summary'))).to.contain(
      'Plans longer than 12 months need automatic payment. To pay each installment yourself: up to 12 monthly payments or at least $200.00 a payment.',
    );
    await choose(el, 'mode', 'bank');
    expect(root(el).querySelector('#count-error') === null, 'a bank account makes 18 payments work').to.equal(true);
  });

  it('where automatic payment is not offered, every plan is paid by hand', async () => {
    const { el } = await render({ policy: 'autopayNotOffered' });
    expect(root(el).querySelector('input[name="mode"]') === null, 'no choice to make').to.equal(true);
    expect(text(root(el))).to.contain('Automatic payment isn’t offered for plans here');
    await toReview(el);
    expect(text(part(el, 'review'))).to.contain('You pay each one yourself');
    await expect(el).to.be.accessible();
  });

  it('speaks Spanish from the choices to the confirmation', async () => {
    const { el } = await render({ lang: 'es' });
    expect(text(part(el, 'heading'))).to.equal('Establecer un plan de pagos');
    expect(text(root(el).querySelector('legend'))).to.equal('¿Con qué frecuencia pagará?');
    expect(text(part(el, 'summary'))).to.contain('12 pagos de $200.00, cada mes');
    expect(text(find(el, 'caption'))).to.equal('Su calendario de pagos');
    await retype(el, 'plan-count', '30');
    input(el, 'plan-count').blur();
    await el.updateComplete;
    expect(text(root(el).querySelector('#count-error'))).to.contain('Como máximo 24 meses: hasta 24 pagos mensuales o por lo menos $100.00 por pago.');
    await retype(el, 'plan-count', '12');
    await fillBank(el);
    await toReview(el);
    expect(text(part(el, 'authorization'))).to.contain('Autorización de débitos bancarios recurrentes');
    expect(text(root(el).querySelector('#authorization-text'))).to.contain('autorizo a Harbor Point Medical Group a debitar de mi cuenta de cheques terminada en 6789');
    // The method inside a sentence is not capitalized.
    expect(text(part(el, 'review'))).to.contain('Automáticamente, de su cuenta de cheques terminada en 6789');
    await accept(el);
    await toConfirmation(el);
    expect(text(part(el, 'confirmation'))).to.contain('Su plan de pagos está establecido');
    expect(text(part(el, 'confirmation'))).to.contain('Se cobrará automáticamente a su cuenta de cheques terminada en 6789.');
    expect(text(part(el, 'confirmation'))).to.contain('Próximo pago: $200.00');
    await expect(el).to.be.accessible();
  });

  it('says when there is no plan to make: not offered, nothing owed, a plan already', async () => {
    const notOffered = await loadPlanBuilder(base, { withoutPlans: true });
    const a = await fixture<PlanBuilder>(renderPlanBuilder(base, notOffered));
    await until(a, () => text(root(a)).includes('doesn’t set up payment plans online'));
    await expect(a).to.be.accessible();

    const novak = { ...base, patient: 'Novak' as const };
    const b = await fixture<PlanBuilder>(renderPlanBuilder(novak, await loadPlanBuilder(novak)));
    await until(b, () => text(root(b)).includes('Payment plans are for balances of at least $50.00'));
    expect(root(b).querySelector('form') === null, 'no form').to.equal(true);

    const has = await loadPlanBuilder(base);
    await has.client.createPlan({ frequency: 'monthly', firstDate: today, payments: 6, payment: { mode: 'manual' } });
    const c = await fixture<PlanBuilder>(renderPlanBuilder(base, has));
    await until(c, () => text(root(c)).includes('already has a payment plan'));
  });

  it('announces loading, and offers Try again when the policy cannot be loaded', async () => {
    const loaded = await loadPlanBuilder(base);
    loaded.api.fail('network');
    const el = await fixture<PlanBuilder>(renderPlanBuilder(base, loaded));
    await until(el, () => root(el).querySelector('[role="alert"]'));
    expect(text(root(el).querySelector('[role="alert"]'))).to.contain('We couldn’t load the payment plan choices');
    loaded.api.recover();
    const retry = root(el).querySelector<HTMLButtonElement>('button')!;
    retry.focus();
    await sendKeys({ press: 'Enter' });
    await formReady(el);
    expect(input(el, 'plan-count').value).to.equal('12');

    const slow = await loadPlanBuilder(base);
    slow.options.delayMs = Infinity;
    const waiting = await fixture<PlanBuilder>(renderPlanBuilder(base, slow));
    await waiting.updateComplete;
    expect(text(root(waiting).querySelector('[role="status"]'))).to.equal('Loading your payment plan choices…');
  });
});

describe('<plan-builder> stories', () => {
  const named = Object.entries(stories).filter(
    (entry): entry is [string, StoryObj<PlanBuilderArgs>] => /^[A-Z]/.test(entry[0]) && typeof entry[1] === 'object',
  );
  for (const [name, story] of named) {
    it(`${name} is accessible`, async () => {
      const args: PlanBuilderArgs = { ...stories.default.args, ...story.args };
      const loader = (story.loaders as ((context: { args: PlanBuilderArgs }) => Promise<LoadedPlanBuilder>)[] | undefined)?.[0];
      const loaded = loader ? await loader({ args }) : await loadPlanBuilder(args);
      const el = await fixture<PlanBuilder>(renderPlanBuilder(args, loaded));
      await until(el, () => root(el).querySelector('[part~="heading"], [role="status"]'));
      const play = story.play;
      if (play) await play({ canvasElement: el.parentElement! } as Parameters<typeof play>[0]);
      await el.updateComplete;
      await expect(el).to.be.accessible();
      expect(el.getAttribute('lang')).to.equal(args.lang);
      loaded.api.releasePlans();
    });
  }
});
