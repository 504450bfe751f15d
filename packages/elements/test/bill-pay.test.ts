import '../../../test/support/fail-on-console.js';
import { elementUpdated, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../../../test/support/wait-until.js';
import { sendKeys } from '@web/test-runner-commands';
import type { BillPay, PayForm, PlanBuilder } from '@billpay/elements';
import { fillDirectCard, payNow, toReview } from '../../../stories/pay-form.stories.js';
import { formReady as planFormReady, toConfirmation as planToConfirmation, toReview as planToReview } from '../../../stories/plan-builder.stories.js';
import { choose, until } from '../../../stories/support/drive.js';
import { renderBillPay } from '../../../stories/bill-pay.stories.js';
import { createFakeApi, demoSession } from '../../../stories/support/fake-api.js';
import { part } from './support/dom.js';

const baseArgs = { lang: 'en', headingLevel: 2, failure: 'none', delayMs: 0 } as const;

function shadowText(el: HTMLElement): string {
  return (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

async function ready(el: BillPay): Promise<void> {
  await waitUntil(() => el.shadowRoot?.querySelector('.practice-name')?.textContent?.trim(), 'the practice never loaded');
  await elementUpdated(el);
}

describe('<bill-pay>', () => {
  it('shows the practice and how to reach its billing office, accessibly', async () => {
    const el = await fixture<BillPay>(renderBillPay(baseArgs));
    await ready(el);
    await expect(el).to.be.accessible();
    const heading = el.shadowRoot!.querySelector('[role="heading"]')!;
    expect(heading.textContent?.trim()).to.equal('Pay your bill');
    expect(heading.getAttribute('aria-level')).to.equal('2');
    expect(shadowText(el)).to.contain('Harbor Point Medical Group');
    const phone = [...el.shadowRoot!.querySelectorAll('a')].find((a) => a.href.startsWith('tel:'))!;
    expect(phone.textContent).to.contain('(555) 010-4477');
    expect(phone.getAttribute('href')).to.equal('tel:+15550104477');
    expect(shadowText(el)).to.contain('Monday–Friday, 8:00 AM to 4:30 PM');
  });

  it('draws the lookup at once while the practice is on its way, and keeps what was typed when it arrives', async () => {
    const api = createFakeApi({ delayMs: 1500 });
    const el = await fixture<BillPay>(html`<bill-pay .client=${api.client()}></bill-pay>`);
    await waitUntil(() => el.shadowRoot?.querySelector('bill-lookup')?.shadowRoot?.querySelector('#bill-id'), 'the lookup was not drawn before the practice arrived');
    expect(el.shadowRoot!.querySelector('.practice-name')!.textContent?.trim()).to.equal('');
    const lookup = el.shadowRoot!.querySelector('bill-lookup')!;
    const billId = lookup.shadowRoot!.querySelector<HTMLInputElement>('#bill-id')!;
    billId.focus();
    await sendKeys({ type: '202511040059' });
    expect(billId.value).to.equal('2025 1104 0059');
    await expect(el).to.be.accessible();
    await ready(el);
    expect(shadowText(el)).to.contain('Harbor Point Medical Group');
    expect(el.shadowRoot!.querySelector('bill-lookup')).to.equal(lookup);
    expect(billId.value).to.equal('2025 1104 0059');
  });

  it('switches to Spanish at run time without being remounted', async () => {
    const el = await fixture<BillPay>(renderBillPay(baseArgs));
    await ready(el);
    const section = el.shadowRoot!.querySelector('section');
    el.setAttribute('lang', 'es');
    await waitUntil(() => shadowText(el).includes('Pague su factura'), 'did not switch to Spanish');
    expect(shadowText(el)).to.contain('¿Preguntas sobre su factura?');
    expect(shadowText(el)).to.contain('Llame a facturación al (555) 010-4477');
    expect(el.shadowRoot!.querySelector('section')).to.equal(section);
    await expect(el).to.be.accessible();
  });

  it('follows the page language when it has none of its own', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="es">${renderBillPay({ ...baseArgs, lang: '' as 'en' })}</div>`);
    const el = wrapper.querySelector('bill-pay')!;
    await ready(el);
    expect(shadowText(el)).to.contain('Pague su factura');
  });

  it('says what went wrong and recovers with the keyboard alone', async () => {
    const api = createFakeApi({ failure: 'network' });
    const el = await fixture<BillPay>(html`<bill-pay .client=${api.client()}></bill-pay>`);
    await waitUntil(() => el.shadowRoot?.querySelector('[role="alert"]'), 'no error shown');
    const alert = el.shadowRoot!.querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('We couldn’t load the billing page.');
    expect(alert.textContent).to.contain('Check your internet connection');
    await expect(el).to.be.accessible();

    api.recover();
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry-button"]')!;
    button.focus();
    const readyEvent = oneEvent(el, 'billpay-ready');
    await sendKeys({ press: 'Enter' });
    const { detail } = (await readyEvent) as GlobalEventHandlersEventMap['billpay-ready'];
    expect(detail.practice.id).to.equal('harbor-point');
    await ready(el);
    expect(el.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
    // Focus stayed in the widget, on its heading, rather than falling back to the page.
    expect(el.shadowRoot!.activeElement?.getAttribute('role')).to.equal('heading');
  });

  it('tells the patient to call when the practice does not exist', async () => {
    const el = await fixture<BillPay>(renderBillPay({ ...baseArgs, failure: 'not-found' }));
    await waitUntil(() => el.shadowRoot?.querySelector('[role="alert"]'));
    expect(shadowText(el)).to.contain('This practice could not be found');
  });

  it('on a page whose origin the practice does not allow, tells the patient to call and the developer why, in the console', async () => {
    const logged: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => logged.push(args.map(String).join(' '));
    try {
      const el = await fixture<BillPay>(html`<bill-pay .client=${createFakeApi({ failure: 'origin-not-allowed' }).client()}></bill-pay>`);
      await waitUntil(() => el.shadowRoot?.querySelector('[role="alert"]'), 'no error shown');
      expect(shadowText(el)).to.contain('Online bill pay isn’t available on this page yet. Please call the billing office to pay.');
      expect(shadowText(el)).not.to.contain('internet connection');
      expect(logged).to.have.length(1);
      expect(logged[0]).to.contain('billpay:').and.contain(location.origin).and.contain('allowedOrigins');
    } finally {
      console.error = original;
    }
  });

  it('fires billpay-error with a code when loading fails', async () => {
    const api = createFakeApi({ failure: 'server-error' });
    const container = document.createElement('div');
    document.body.append(container);
    const errorEvent = oneEvent(container, 'billpay-error');
    const el = document.createElement('bill-pay');
    el.client = api.client();
    container.append(el);
    const { detail } = (await errorEvent) as GlobalEventHandlersEventMap['billpay-error'];
    expect(detail.code).to.equal('unavailable');
    container.remove();
  });

  it('follows a dark page and keeps its contrast there', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div class="dark-page">${renderBillPay(baseArgs)}</div>`);
    wrapper.style.colorScheme = 'dark';
    wrapper.style.background = '#0d131b';
    const el = wrapper.querySelector('bill-pay')!;
    await ready(el);
    const surface = getComputedStyle(el.shadowRoot!.querySelector('section')!).backgroundColor;
    expect(surface).to.equal('rgb(18, 26, 36)');
    await expect(el).to.be.accessible();
  });

  it('goes from lookup to the account, moving focus to it, and back with "Look up a different bill"', async () => {
    const el = await fixture<BillPay>(renderBillPay(baseArgs));
    await ready(el);
    const lookup = el.shadowRoot!.querySelector('bill-lookup')!;
    expect(lookup.getAttribute('heading-level')).to.equal('3');
    const field = (id: string) => lookup.shadowRoot!.querySelector<HTMLInputElement>(`#${id}`)!;
    for (const [id, value] of [['bill-id', '202511040059'], ['dob-month', '8'], ['dob-day', '2'], ['dob-year', '2001']]) {
      field(id!).focus();
      await sendKeys({ type: value! });
    }
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.shadowRoot!.querySelector('bill-summary'), 'the account was not shown');
    const summary = el.shadowRoot!.querySelector('bill-summary')!;
    await summary.updateComplete;
    await waitUntil(() => summary.shadowRoot!.activeElement?.id === 'account-heading', 'focus did not move to the account');
    expect(shadowText(summary)).to.contain('$65.00');
    await expect(el).to.be.accessible();

    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="start-over-button"]')!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('bill-lookup'), 'did not return to the lookup');
  });

  it('sends the patient back to find the bill when the session has ended, and says why', async () => {
    const { api, client, account } = await demoSession('Rivera');
    const el = await fixture<BillPay>(html`<bill-pay .client=${client}></bill-pay>`);
    await ready(el);
    // Arrive at the account as the lookup would, then let the session lapse.
    el.shadowRoot!.querySelector('bill-lookup')!.dispatchEvent(
      new CustomEvent('bill-lookup-success', { detail: { account }, bubbles: true, composed: true }),
    );
    await waitUntil(() => el.shadowRoot!.querySelector('bill-summary'));
    api.expireSessions();
    const summary = el.shadowRoot!.querySelector('bill-summary')!;
    await summary.updateComplete;
    summary.shadowRoot!.querySelector<HTMLButtonElement>('[part="details-button"]')!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('bill-lookup'), 'did not go back to the lookup');
    expect(shadowText(el)).to.contain('your session ended after 15 minutes without activity');
    await expect(el).to.be.accessible();
  });

  it('goes from the bill to paying it, to the receipt, and back to the bill with the new balance', async () => {
    const { api, client, account } = await demoSession('Rivera');
    const el = await fixture<BillPay>(html`<bill-pay .client=${client} card-capture="direct"></bill-pay>`);
    await ready(el);
    el.shadowRoot!.querySelector('bill-lookup')!.dispatchEvent(
      new CustomEvent('bill-lookup-success', { detail: { account }, bubbles: true, composed: true }),
    );
    await waitUntil(() => el.shadowRoot!.querySelector('[part="pay-button"]'), 'no "Make a payment" on the bill');
    const start = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="pay-button"]')!;
    expect(start.textContent?.trim()).to.equal('Make a payment');
    start.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.shadowRoot!.querySelector('pay-form'), 'the payment form was not shown');
    const form: PayForm = el.shadowRoot!.querySelector('pay-form')!;
    await until(form, () => form.shadowRoot!.activeElement?.id === 'pay-heading');
    expect(form.getAttribute('heading-level')).to.equal('3');
    await fillDirectCard(form);
    await toReview(form);
    await payNow(form);
    await until(form, () => part(form, 'receipt'));
    await expect(el).to.be.accessible();

    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="back-button"]')!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('bill-summary'), 'did not go back to the bill');
    const summary = el.shadowRoot!.querySelector('bill-summary')!;
    await waitUntil(() => summary.shadowRoot!.activeElement?.id === 'account-heading', 'focus did not return to the bill');
    expect(shadowText(summary)).to.contain('You have no balance due. Thank you!');
    expect(shadowText(summary)).to.contain('Payments');
    expect(shadowText(summary)).to.contain('Received');
    expect(el.shadowRoot!.querySelector('[part="pay-button"]') === null, 'nothing left to pay').to.equal(true);
    expect(api.payments).to.have.length(1);
  });

  it('offers a payment plan beside "Make a payment", sets one up, and shows it on the bill', async () => {
    const { api, client, account } = await demoSession('Okafor');
    const el = await fixture<BillPay>(html`<bill-pay .client=${client} card-capture="direct"></bill-pay>`);
    await ready(el);
    el.shadowRoot!.querySelector('bill-lookup')!.dispatchEvent(
      new CustomEvent('bill-lookup-success', { detail: { account }, bubbles: true, composed: true }),
    );
    await waitUntil(() => el.shadowRoot!.querySelector('[part="plan-button"]'), 'no plan offer on the bill');
    const pay = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="pay-button"]')!;
    const offer = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="plan-button"]')!;
    expect(offer.textContent?.trim()).to.equal('Can’t pay all at once? Set up a payment plan');
    // Right after "Make a payment" in the keyboard's order.
    pay.focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement === offer, 'Tab reaches the offer').to.equal(true);
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.shadowRoot!.querySelector('plan-builder'), 'the plan builder was not shown');
    const builder: PlanBuilder = el.shadowRoot!.querySelector('plan-builder')!;
    await until(builder, () => builder.shadowRoot!.activeElement?.id === 'plan-heading');
    expect(builder.getAttribute('heading-level')).to.equal('3');
    await planFormReady(builder);
    expect(builder.shadowRoot!.activeElement?.id).to.equal('plan-heading');
    await choose(builder, 'mode', 'manual');
    await planToReview(builder);
    await planToConfirmation(builder);
    await expect(el).to.be.accessible();

    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="back-button"]')!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('bill-summary'), 'did not go back to the bill');
    const summary = el.shadowRoot!.querySelector('bill-summary')!;
    await waitUntil(() => summary.shadowRoot!.activeElement?.id === 'account-heading', 'focus did not return to the bill');
    expect(shadowText(summary)).to.contain('Your payment plan');
    expect(shadowText(summary)).to.contain('Monthly, paid by you');
    expect(shadowText(summary)).to.match(/Next payment: \$200\.00 on/);
    expect(el.shadowRoot!.querySelector('[part="plan-button"]') === null, 'no second plan offered').to.equal(true);
    expect(el.shadowRoot!.querySelector('[part="pay-button"]') !== null, 'paying is still offered').to.equal(true);
    expect(api.plans).to.have.length(1);
  });

  it('offers no plan when nothing is owed', async () => {
    const { client, account } = await demoSession('Novak');
    const el = await fixture<BillPay>(html`<bill-pay .client=${client}></bill-pay>`);
    await ready(el);
    el.shadowRoot!.querySelector('bill-lookup')!.dispatchEvent(
      new CustomEvent('bill-lookup-success', { detail: { account }, bubbles: true, composed: true }),
    );
    await waitUntil(() => el.shadowRoot!.querySelector('bill-summary'));
    expect(el.shadowRoot!.querySelector('[part="plan-button"]') === null, 'no plan offered').to.equal(true);
  });

  it('uses the heading level the page asks for', async () => {
    const el = await fixture<BillPay>(renderBillPay({ ...baseArgs, headingLevel: 3 }));
    await ready(el);
    expect(el.shadowRoot!.querySelector('[role="heading"]')!.getAttribute('aria-level')).to.equal('3');
  });
});
