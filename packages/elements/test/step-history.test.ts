// Back and Forward step through <plan-builder> and <good-faith-estimate>, on their own and inside
// <bill-pay> (history.back() is what the browser's Back button does).
import '../../../test/support/fail-on-console.js';
import { elementUpdated, expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '@billpay/elements/bill-pay/define.js';
import type { BillPay, GoodFaithEstimate, PlanBuilder } from '@billpay/elements';
import { waitUntil } from '../../../test/support/wait-until.js';
import { renderGoodFaithEstimate } from '../../../stories/good-faith-estimate.stories.js';
import { accept, fillBank, formReady, loadPlanBuilder, renderPlanBuilder, toConfirmation, toReview } from '../../../stories/plan-builder.stories.js';
import { choose, typeInto } from '../../../stories/support/drive.js';
import { demoSession } from '../../../stories/support/fake-api.js';
import { localToday } from '@billpay/sdk';

const inRoot = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const visible = (node: Element | null) => Boolean(node && node.getClientRects().length > 0);
const focusedId = (el: Element) => el.shadowRoot!.activeElement?.id;
const headingText = (el: Element, id: string) => (inRoot(el, `#${id}`)?.textContent ?? '').trim();

/** Chromium keeps at most this many entries in a tab's history: past it, a new entry drops the oldest. */
const MAX_HISTORY_ENTRIES = 50;

/**
 * The page keeps state of its own in history, and entries of its own before the widget's: Back
 * past the widget lands on one of them, in this document (the tab's history before it holds
 * other test files' pages and about:blank, which Back must never reach).
 */
function pageEntry() {
  history.pushState({ page: 'before' }, '');
  history.pushState({ page: 'mine' }, '');
  return history.length;
}

/** Goes Back (or Forward) and waits for the step to show. */
async function back(what: () => unknown, message: string) {
  history.back();
  await waitUntil(what, message);
}
async function forward(what: () => unknown, message: string) {
  history.forward();
  await waitUntil(what, message);
}

describe('<plan-builder> with Back and Forward', () => {
  it('on its own: Back from the review to the form with the choices kept, Forward to the review, Back after the plan is set up makes no second plan', async () => {
    const length = pageEntry();
    const args = { lang: 'en', patient: 'Okafor', cardCapture: 'direct', autopayMethods: 'bank card', policy: 'demo', cardAutopay: true } as const;
    const loaded = await loadPlanBuilder(args, { today: localToday() });
    const el = await fixture<PlanBuilder>(renderPlanBuilder(args, loaded));
    await formReady(el);
    expect(history.length, 'no entry on first render').to.equal(length);
    expect((history.state as { page?: string }).page, 'the page’s state is kept').to.equal('mine');

    await typeInto(el, 'plan-count', '10');
    await fillBank(el);
    await toReview(el);
    // One entry more, unless the tab's history is already at Chromium's most (50 entries).
    expect(history.length).to.equal(Math.min(length + 1, MAX_HISTORY_ENTRIES));
    expect((history.state as { page?: string }).page).to.equal('mine');

    await back(() => !inRoot(el, '[part="review"]') && visible(inRoot(el, 'form')), 'Back did not return to the plan form');
    expect(headingText(el, 'plan-heading')).to.equal('Set up a payment plan');
    await waitUntil(() => focusedId(el) === 'plan-heading', 'focus is not on the form’s heading');
    expect(inRoot<HTMLInputElement>(el, '#plan-count')!.value, 'the choices are kept').to.equal('10');
    expect(inRoot<HTMLInputElement>(el, '#mode-bank')!.checked).to.equal(true);
    expect(inRoot<HTMLInputElement>(el, '#bank-account')!.value).to.equal('000123456789');

    // A popstate that is not the widget's (the page's own) changes nothing.
    window.dispatchEvent(new PopStateEvent('popstate', { state: { page: 'other' } }));
    await elementUpdated(el);
    expect(visible(inRoot(el, 'form'))).to.equal(true);

    await forward(() => inRoot(el, '[part="review"]'), 'Forward did not return to the review');
    await waitUntil(() => focusedId(el) === 'plan-review-heading', 'focus is not on the review’s heading');
    expect(inRoot(el, '[part="review"]')!.textContent).to.contain('10 payments');

    await accept(el);
    await toConfirmation(el);
    expect(loaded.api.plans).to.have.length(1);
    const entries = history.length;
    history.back();
    // The review and form of a plan set up are passed over: back to the page's own entry before the widget's.
    await waitUntil(() => (history.state as { page?: string } | null)?.page === 'before', 'Back did not pass over the finished plan');
    expect(inRoot(el, '[part="confirmation"]'), 'the plan set up is still shown').to.not.equal(null);
    expect(inRoot(el, '[part="submit-button"]')).to.equal(null);
    expect(loaded.api.plans, 'no second plan').to.have.length(1);
    expect(history.length).to.equal(entries);
    expect(JSON.stringify(history.state)).not.to.match(/000123456789|tok_|sess/);
  });

  it('inside <bill-pay>: Back from the plan’s review goes to the plan form, not the bill; Back after the plan is set up goes to the bill', async () => {
    const { api, client, account } = await demoSession('Okafor');
    const el = await fixture<BillPay>(html`<bill-pay .client=${client} card-capture="direct"></bill-pay>`);
    await waitUntil(() => inRoot(el, 'bill-lookup'));
    inRoot(el, 'bill-lookup')!.dispatchEvent(new CustomEvent('bill-lookup-success', { detail: { account }, bubbles: true, composed: true }));
    await waitUntil(() => inRoot(el, '[part="plan-button"]'), 'no plan offer on the bill');
    inRoot(el, '[part="plan-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => inRoot(el, 'plan-builder'), 'no plan builder');
    const builder = inRoot<PlanBuilder>(el, 'plan-builder')!;
    await formReady(builder);
    await choose(builder, 'mode', 'manual');
    await typeInto(builder, 'plan-count', '8');
    await toReview(builder);

    await back(() => !inRoot(builder, '[part="review"]') && visible(inRoot(builder, 'form')), 'Back did not return to the plan form');
    expect(inRoot(el, 'plan-builder'), 'still the same plan builder, not the bill').to.equal(builder);
    await waitUntil(() => focusedId(builder) === 'plan-heading', 'focus is not on the plan form’s heading');
    expect(inRoot<HTMLInputElement>(builder, '#plan-count')!.value).to.equal('8');

    await forward(() => inRoot(builder, '[part="review"]'), 'Forward did not return to the plan’s review');
    await toConfirmation(builder);
    await back(() => inRoot(el, 'bill-summary'), 'Back from the plan set up did not go to the bill');
    const summary = inRoot(el, 'bill-summary')!;
    await waitUntil(() => (summary.shadowRoot?.textContent ?? '').includes('Your payment plan'), 'the bill does not show the plan');
    expect(api.plans, 'no second plan').to.have.length(1);

    history.back();
    await waitUntil(() => inRoot(el, 'bill-lookup'), 'Back from the bill did not go to the lookup');
    await forward(() => inRoot(el, 'bill-summary'), 'Forward did not return to the bill');
    history.forward();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(inRoot(el, 'bill-summary'), 'Forward passes over the plan set up').to.not.equal(null);
    expect(api.plans).to.have.length(1);
  });
});

describe('<good-faith-estimate> with Back and Forward', () => {
  it('Back from the estimate to the request form with everything typed kept; Forward shows the estimate again without asking again', async () => {
    const length = pageEntry();
    const el = await fixture<GoodFaithEstimate>(renderGoodFaithEstimate({ lang: 'en', estimateId: '', delayMs: 0, requestMode: 'issue', withoutPriceList: false, offline: false }));
    await waitUntil(() => inRoot(el, 'form'), 'no request form');
    expect(history.length, 'no entry on first render').to.equal(length);
    let issued = 0;
    el.addEventListener('estimate-issued', () => issued++);

    await typeInto(el, 'service-search', 'back');
    inRoot(el, '#service-mri-lumbar')!.click();
    await typeInto(el, 'first-name', 'Chidi');
    await typeInto(el, 'last-name', 'Okafor');
    await typeInto(el, 'dob-month', '11');
    await typeInto(el, 'dob-day', '23');
    await typeInto(el, 'dob-year', '1971');
    await typeInto(el, 'email', 'chidi.okafor@example.com');
    inRoot(el, '#coverage-uninsured')!.click();
    await elementUpdated(el);
    inRoot(el, 'button[type="submit"]')!.focus();
    await sendKeys({ press: 'Enter' });
    const documentShown = () => inRoot(el, 'billpay-estimate-document')?.shadowRoot?.querySelector('[part="document"]');
    await waitUntil(documentShown, 'no estimate shown');
    expect(issued).to.equal(1);
    expect((history.state as { page?: string }).page).to.equal('mine');

    await back(() => inRoot(el, 'form') && !documentShown(), 'Back did not return to the request form');
    expect(headingText(el, 'gfe-heading')).to.equal('Get a cost estimate');
    await waitUntil(() => focusedId(el) === 'gfe-heading', 'focus is not on the form’s heading');
    expect(inRoot<HTMLInputElement>(el, '#first-name')!.value, 'what was typed is kept').to.equal('Chidi');
    expect(inRoot<HTMLInputElement>(el, '#dob-year')!.value).to.equal('1971');
    expect(inRoot<HTMLInputElement>(el, '#email')!.value).to.equal('chidi.okafor@example.com');
    expect(inRoot<HTMLInputElement>(el, '#coverage-uninsured')!.checked).to.equal(true);
    expect(el.shadowRoot!.textContent).to.contain('MRI of the lower back');

    await forward(documentShown, 'Forward did not show the estimate again');
    const doc = inRoot(el, 'billpay-estimate-document')!;
    await waitUntil(() => doc.shadowRoot!.activeElement?.id === 'gfe-heading', 'focus is not on the estimate’s heading');
    expect(issued, 'not asked for again').to.equal(1);
    expect(JSON.stringify(history.state)).not.to.match(/1971|Chidi|Okafor|chidi/);
    await expect(el).to.be.accessible();
  });

  it('Back from “see your estimate again” returns to the request form', async () => {
    pageEntry();
    const el = await fixture<GoodFaithEstimate>(renderGoodFaithEstimate({ lang: 'en', estimateId: '', delayMs: 0, requestMode: 'issue', withoutPriceList: false, offline: false }));
    await waitUntil(() => inRoot(el, 'form'), 'no request form');
    await typeInto(el, 'first-name', 'Ana');
    const seeAgain = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.link')].find((b) => b.textContent?.includes('again'))!;
    seeAgain.click();
    await waitUntil(() => inRoot(el, '#access-number'), 'no “see it again” form');
    await back(() => inRoot(el, '#first-name'), 'Back did not return to the request form');
    await waitUntil(() => focusedId(el) === 'gfe-heading', 'focus is not on the form’s heading');
    expect(inRoot<HTMLInputElement>(el, '#first-name')!.value).to.equal('Ana');
  });
});
