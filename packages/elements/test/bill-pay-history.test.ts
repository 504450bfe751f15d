// The browser's Back and Forward buttons move between the flow's steps (history.back() is what Back does).
import '../../../test/support/fail-on-console.js';
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '@billpay/elements/bill-pay/define.js';
import type { BillPay, PayForm } from '@billpay/elements';
import { waitUntil } from '../../../test/support/wait-until.js';
import { fillDirectCard, payNow, toReview } from '../../../stories/pay-form.stories.js';
import { until } from '../../../stories/support/drive.js';
import { demoSession } from '../../../stories/support/fake-api.js';
import { part } from './support/dom.js';

const shown = (el: BillPay, selector: string) => el.shadowRoot!.querySelector(selector);
const formOf = (el: BillPay) => shown(el, 'pay-form') as PayForm | null;
const formPart = (el: BillPay, name: string) => {
  const form = formOf(el);
  return form ? part<HTMLElement>(form, name) : null;
};
const visible = (node: HTMLElement | null) => Boolean(node && node.getClientRects().length > 0);

describe('<bill-pay> with Back and Forward', () => {
  it('goes back a step at a time (review, form, bill, lookup), forward again, and never back into a finished payment', async () => {
    const address = location.href;
    const { client, account } = await demoSession('Rivera');
    const el = await fixture<BillPay>(html`<bill-pay .client=${client} card-capture="direct"></bill-pay>`);
    await waitUntil(() => shown(el, 'bill-lookup'));
    shown(el, 'bill-lookup')!.dispatchEvent(new CustomEvent('bill-lookup-success', { detail: { account }, bubbles: true, composed: true }));
    await waitUntil(() => shown(el, '[part="pay-button"]'), 'no bill');
    (shown(el, '[part="pay-button"]') as HTMLElement).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => formOf(el)?.shadowRoot?.querySelector('form'), 'no payment form');
    const form = formOf(el)!;
    await fillDirectCard(form);
    await toReview(form);

    history.back();
    await waitUntil(() => !formPart(el, 'review') && visible(formPart(el, 'form')), 'Back did not return to the form');
    expect(form.shadowRoot!.querySelector<HTMLInputElement>('#card-number')!.value, 'what was typed is kept').to.equal('4242 4242 4242 4242');
    expect(form.shadowRoot!.activeElement?.id).to.equal('pay-heading');

    history.forward();
    await waitUntil(() => formPart(el, 'review'), 'Forward did not return to the review');
    expect(formOf(el)).to.equal(form);

    await payNow(form);
    await until(form, () => formPart(el, 'receipt'));
    const confirmation = formPart(el, 'receipt')!.querySelector('.confirmation')!.textContent;

    history.back();
    await waitUntil(() => shown(el, 'bill-summary'), 'Back from the receipt did not go to the bill');
    const summary = shown(el, 'bill-summary')!;
    await waitUntil(() => (summary.shadowRoot?.textContent ?? '').includes('You have no balance due'), 'the bill was not brought up to date');
    expect(formOf(el)).to.equal(null);

    history.forward();
    await waitUntil(() => formPart(el, 'receipt'), 'Forward did not show the receipt again');
    expect(formPart(el, 'receipt')!.querySelector('.confirmation')!.textContent).to.equal(confirmation);

    history.back();
    await waitUntil(() => shown(el, 'bill-summary'), 'Back did not go to the bill');
    history.back();
    await waitUntil(() => shown(el, 'bill-lookup'), 'Back did not go to the lookup');
    history.forward();
    await waitUntil(() => shown(el, 'bill-summary'), 'Forward did not return to the bill');

    expect(location.href, 'the address never changes').to.equal(address);
    const state = JSON.stringify(history.state);
    expect(state).not.to.match(/2025\d{8}|\d{4}-\d{2}-\d{2}|tok_|sess/);
    await expect(el).to.be.accessible();
  });

  it('stays on the review while a payment is being taken: Back waits for the answer', async () => {
    const { api, client, account } = await demoSession('Rivera');
    const el = await fixture<BillPay>(html`<bill-pay .client=${client} card-capture="direct"></bill-pay>`);
    await waitUntil(() => shown(el, 'bill-lookup'));
    shown(el, 'bill-lookup')!.dispatchEvent(new CustomEvent('bill-lookup-success', { detail: { account }, bubbles: true, composed: true }));
    await waitUntil(() => shown(el, '[part="pay-button"]'), 'no bill');
    (shown(el, '[part="pay-button"]') as HTMLElement).click();
    await waitUntil(() => formOf(el)?.shadowRoot?.querySelector('form'), 'no payment form');
    const form = formOf(el)!;
    await fillDirectCard(form);
    await toReview(form);
    api.holdPayments();
    await payNow(form);

    history.back();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(formPart(el, 'review'), 'still on the review').to.not.equal(null);
    expect(formOf(el)).to.equal(form);
    api.releasePayments();
    await until(form, () => formPart(el, 'receipt'));
    history.back();
    await waitUntil(() => shown(el, 'bill-summary'), 'Back from the receipt did not go to the bill');
  });
});
