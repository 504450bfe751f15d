import '../../../test/support/fail-on-console.js';
import { expect, fixture, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { finishPrinting, printByKeyboard } from '../../../test/support/printing.js';
import type { StoryObj } from '@storybook/web-components-vite';
import type { PayForm } from '@billpay/elements';
import * as stories from '../../../stories/pay-form.stories.js';
import {
  fillBank,
  fillDirectCard,
  installFakeWallet,
  loadPayForm,
  payNow,
  renderPayForm,
  toReview,
  type LoadedPayForm,
  type PayFormArgs,
} from '../../../stories/pay-form.stories.js';
import { choose, click, typeInto, until } from '../../../stories/support/drive.js';
import { cardNumbers, focused, part, root, text } from './support/dom.js';
import { base, renderPayFormStory as render } from './support/pay-form.js';

describe('<pay-form>', () => {
  afterEach(() => installFakeWallet(false));

  it('pays the whole balance by card: review, Pay, receipt; the API never sees the card', async () => {
    const { el, api } = await render();
    expect(text(root(el).querySelector('fieldset legend'))).to.equal('How much would you like to pay?');
    const balance = root(el).querySelector<HTMLInputElement>('input[name="amount"][value="balance"]')!;
    expect(balance.checked).to.equal(true);
    expect(text(balance.parentElement)).to.equal('The whole balance, $142.50');
    await expect(el).to.be.accessible();

    await fillDirectCard(el);
    await toReview(el);
    const review = part(el, 'review')!;
    expect(document.activeElement === el, 'focus is in the form').to.equal(true);
    expect(root(el).activeElement?.id).to.equal('review-heading');
    expect(text(review)).to.contain('Amount $142.50');
    expect(text(review)).to.contain('Paid with Visa ending in 4242');
    expect(text(review)).to.contain('Paid to Harbor Point Medical Group');
    expect(text(part(el, 'pay-button'))).to.equal('Pay $142.50');
    expect(api.payments).to.have.length(0);
    await expect(el).to.be.accessible();

    const succeeded = oneEvent<GlobalEventHandlersEventMap['payment-succeeded']>(el, 'payment-succeeded');
    await payNow(el);
    const { detail } = await succeeded;
    expect(detail.payment.amountCents).to.equal(14250);
    const receipt = part(el, 'receipt')!;
    expect(text(receipt)).to.contain('Thank you. Your payment was received.');
    expect(text(receipt)).to.contain(`Confirmation number ${detail.payment.confirmationNumber}`);
    expect(text(receipt)).to.contain('Amount paid $142.50');
    expect(text(receipt)).to.contain('Remaining balance $0.00');
    expect(text(receipt)).to.contain('Call (555) 010-4477');
    expect(focused(el)?.id).to.equal('receipt-heading');
    await expect(el).to.be.accessible();
    expect(api.payments).to.have.length(1);
    expect(cardNumbers(api.apiBodies)).to.deep.equal([]);
    expect(api.apiBodies.join('')).not.to.contain('"cvc"');
  });

  it('takes a card in the processor’s hosted fields, typed with the keyboard', async () => {
    const { el, api } = await render({ cardCapture: 'hosted' });
    const frame = root(el).querySelector<HTMLIFrameElement>('iframe')!;
    expect(frame.title).to.equal('Card details (secure fields from the payment processor)');
    await until(el, () => frame.contentDocument?.querySelector('#number') && !root(el).textContent?.includes('Loading the secure card fields'));
    const inFrame = (id: string) => frame.contentDocument!.querySelector<HTMLInputElement>(`#${id}`)!;
    expect(inFrame('number').getAttribute('autocomplete')).to.equal('cc-number');
    inFrame('number').focus();
    await sendKeys({ type: '4242424242424242' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '12/30' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '123' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Daniela Rivera' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '06510' });
    expect(inFrame('number').value).to.equal('4242 4242 4242 4242');
    await click(el, 'review-button');
    await until(el, () => part(el, 'review'));
    expect(text(part(el, 'review'))).to.contain('Visa ending in 4242');
    await payNow(el);
    await until(el, () => part(el, 'receipt'));
    expect(api.payments).to.have.length(1);
    expect(cardNumbers(api.apiBodies)).to.deep.equal([]);
  });

  it('says what is wrong with another amount, keeps it, and links the message to the field', async () => {
    const { el } = await render();
    await choose(el, 'amount', 'other');
    const input = root(el).querySelector<HTMLInputElement>('#amount-other')!;
    // Choosing leaves focus on the radio (a radio group); the patient moves into the field.
    input.focus();
    expect(text(root(el).querySelector('#amount-hint'))).to.equal('From $1.00 to $142.50');
    await sendKeys({ type: '5000' });
    await fillDirectCard(el);
    await click(el, 'review-button');
    const summary = part(el, 'error-summary')!;
    expect(summary.getAttribute('role')).to.equal('alert');
    expect(root(el).activeElement === summary, 'focus is on the summary').to.equal(true);
    expect(text(summary)).to.contain('That is more than you owe. Enter $142.50 or less.');
    expect(input.value).to.equal('5,000.00');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('aria-describedby')).to.contain('amount-error');
    summary.querySelector('a')!.click();
    expect(root(el).activeElement === input, 'focus is on the amount').to.equal(true);
    await expect(el).to.be.accessible();

    input.select();
    await sendKeys({ type: '12.345' });
    input.blur();
    await el.updateComplete;
    expect(text(root(el).querySelector('#amount-error'))).to.contain('Use at most 2 digits after the point');
  });

  it('charges exactly the amount the review showed, even if the amount field changes afterwards', async () => {
    const { el, api } = await render();
    await choose(el, 'amount', 'other');
    await typeInto(el, 'amount-other', '20');
    await fillDirectCard(el);
    await toReview(el);
    expect(text(part(el, 'pay-button'))).to.equal('Pay $20.00');
    // The form is still in the page (hidden) while the review shows: change it underneath.
    await typeInto(el, 'amount-other', '30');
    await payNow(el);
    await until(el, () => part(el, 'receipt'));
    expect(api.payments.map((p) => p.amountCents)).to.deep.equal([2000]);
  });

  it('reviews the new amount after Change, with the card already entered', async () => {
    const { el, api } = await render();
    await choose(el, 'amount', 'other');
    await typeInto(el, 'amount-other', '20');
    await fillDirectCard(el);
    await toReview(el);
    await click(el, 'change-button');
    expect(root(el).activeElement?.id).to.equal('pay-heading');
    await typeInto(el, 'amount-other', '35.50');
    await toReview(el);
    expect(text(part(el, 'review'))).to.contain('Amount $35.50');
    await payNow(el);
    await until(el, () => part(el, 'receipt'));
    expect(api.payments.map((p) => p.amountCents)).to.deep.equal([3550]);
  });

  // The fake API charges a key once, so counting charges cannot tell a second request from none:
  // count the requests the form sent.
  const paymentRequests = (api: LoadedPayForm['api']) => api.requests.filter((r) => r === 'POST /v1/payments').length;

  it('pays once however often Pay is pressed while it works: one request sent', async () => {
    const { el, api } = await render();
    await fillDirectCard(el);
    await toReview(el);
    api.holdPayments();
    await payNow(el);
    const button = part(el, 'pay-button')!;
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(text(button)).to.contain('Processing your payment');
    expect(text(root(el).querySelector('[role="status"]'))).to.contain('Processing your payment');
    await payNow(el);
    await payNow(el);
    expect(paymentRequests(api)).to.equal(1);
    api.releasePayments();
    await until(el, () => part(el, 'receipt'));
    expect(paymentRequests(api)).to.equal(1);
    expect(api.payments).to.have.length(1);
  });

  it('pays once when Enter is pressed twice on Pay: one request sent', async () => {
    const { el, api } = await render();
    await fillDirectCard(el);
    await toReview(el);
    api.holdPayments();
    root(el).querySelector<HTMLButtonElement>('[part~="pay-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(el, () => part(el, 'pay-button')?.getAttribute('aria-disabled') === 'true');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(paymentRequests(api)).to.equal(1);
    api.releasePayments();
    await until(el, () => part(el, 'receipt'));
    expect(paymentRequests(api)).to.equal(1);
    expect(api.payments).to.have.length(1);
  });

  it('pays once when the answer is lost and the SDK asks again', async () => {
    const { el, api } = await render();
    await fillDirectCard(el);
    await toReview(el);
    api.dropPaymentResponses(1);
    await payNow(el);
    await until(el, () => part(el, 'receipt'), 10_000);
    expect(api.payments).to.have.length(1);
    expect(api.requests.filter((r) => r === 'POST /v1/payments')).to.have.length(2);
  });

  it('after no answer at all, Pay again repeats the same attempt, never a second charge', async () => {
    const { el, api } = await render();
    await fillDirectCard(el);
    await toReview(el);
    api.dropPaymentResponses(5);
    await payNow(el);
    await until(el, () => part(el, 'error-summary'), 15_000);
    expect(text(part(el, 'error-summary'))).to.contain('you will not be charged twice');
    expect(part(el, 'review') !== null, 'still on the review').to.equal(true);
    await payNow(el);
    await until(el, () => part(el, 'receipt'), 10_000);
    expect(api.payments).to.have.length(1);
  });

  it('sends a bank debit’s authorization with every retry exactly as it was first accepted', async () => {
    const { el, api } = await render();
    await fillBank(el);
    await toReview(el);
    root(el).querySelector<HTMLInputElement>('#authorization-accept')!.click();
    api.dropPaymentResponses(5);
    await payNow(el);
    await until(el, () => part(el, 'error-summary'), 15_000);
    // Not "not charged": whether it went through is not known yet.
    expect(text(part(el, 'error-summary'))).to.contain('you will not be charged twice');
    await payNow(el);
    await until(el, () => part(el, 'receipt'), 10_000);
    const sent = api.apiBodies.filter((body) => body.includes('"authorization"'));
    expect(sent.length).to.be.greaterThan(1);
    expect(new Set(sent).size, 'the same request every time, so the server answers it as one').to.equal(1);
    expect(api.payments).to.have.length(1);
  });

  it('explains a decline, clears the card and keeps everything else', async () => {
    const { el, api } = await render();
    await choose(el, 'amount', 'other');
    await typeInto(el, 'amount-other', '40');
    await fillDirectCard(el, '4000 0000 0000 0002');
    await toReview(el);
    const failed = oneEvent<GlobalEventHandlersEventMap['payment-failed']>(el, 'payment-failed');
    await payNow(el);
    expect((await failed).detail.code).to.equal('card_declined');
    // The summary is drawn, then given focus once drawn (a busy machine can take a frame or two).
    await until(el, () => part(el, 'error-summary'));
    const summary = part(el, 'error-summary')!;
    await until(el, () => root(el).activeElement === summary, 2000).catch(() => undefined);
    expect(root(el).activeElement === summary, 'focus is on the summary').to.equal(true);
    expect(text(summary)).to.contain('Your payment didn’t go through');
    expect(text(summary)).to.contain('Your card was declined. Try another card');
    expect(text(summary)).to.contain('the card details were cleared');
    expect(root(el).querySelector<HTMLInputElement>('#card-number')!.value).to.equal('');
    expect(root(el).querySelector<HTMLInputElement>('#card-cvc')!.value).to.equal('');
    expect(root(el).querySelector<HTMLInputElement>('#amount-other')!.value).to.equal('40.00');
    expect(root(el).querySelector<HTMLInputElement>('#card-name')!.value).to.equal('Daniela Rivera');
    expect(api.payments).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('checks the routing number as it is typed and the account number twice', async () => {
    const { el } = await render();
    await choose(el, 'method', 'bank');
    root(el).querySelector<HTMLInputElement>('#bank-routing')!.focus();
    await sendKeys({ type: '123456789' });
    await el.updateComplete;
    expect(text(root(el).querySelector('#bankRouting-error'))).to.contain('This routing number isn’t valid');
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ type: '0' });
    await el.updateComplete;
    expect(root(el).querySelector<HTMLInputElement>('#bank-routing')!.value).to.equal('123456780');
    expect(root(el).querySelector('#bankRouting-error') === null, 'no routing error').to.equal(true);
    await typeInto(el, 'bank-account', '000123456789');
    await typeInto(el, 'bank-account-confirm', '000123456780');
    expect(text(root(el).querySelector('#bankAccountConfirm-error'))).to.contain('The two account numbers don’t match.');
    await expect(el).to.be.accessible();
  });

  it('pays from a bank account only after the one-time debit authorization is accepted', async () => {
    const { el, api } = await render();
    await fillBank(el);
    await choose(el, 'bank-type', 'savings');
    await toReview(el);
    const authorization = part(el, 'authorization')!;
    const words = text(authorization);
    expect(words).to.contain('Authorization for a one-time bank debit');
    expect(words).to.contain('I, Daniela Rivera, authorize Harbor Point Medical Group to debit $142.50 one time from my savings account ending in 6789');
    expect(words).to.contain('returned-payment fee of $30.00');
    expect(words).to.contain('by calling (555) 010-4477');
    expect(text(part(el, 'review'))).to.contain('Savings account ending in 6789');
    const shown = text(root(el).querySelector('#authorization-text'));
    await expect(el).to.be.accessible();

    await payNow(el);
    expect(text(part(el, 'error-summary'))).to.contain('check the box to authorize the debit');
    expect(api.payments).to.have.length(0);
    root(el).querySelector<HTMLInputElement>('#authorization-accept')!.click();
    await payNow(el);
    await until(el, () => part(el, 'receipt'));
    expect(text(part(el, 'receipt'))).to.contain('Your bank payment was sent');
    expect(text(part(el, 'receipt'))).to.contain('Status Processing');
    const sent = JSON.parse(api.apiBodies.find((b) => b.includes('"authorization"'))!) as { authorization: { text: string } };
    // What is kept as proof is exactly what was shown.
    expect(sent.authorization.text).to.equal(shown);
  });

  it('prints the debit authorization as a document of its own: the practice, the patient’s account, the authorization and its date; focus back on Print', async () => {
    const { el } = await render();
    await fillBank(el);
    await toReview(el);
    const shown = text(root(el).querySelector('#authorization-text'));
    const button = [...part(el, 'authorization')!.querySelectorAll('button')].find((b) => text(b) === 'Print this authorization')!;
    const printed = await printByKeyboard(button);
    try {
      const doc = printed.document;
      expect(printed.printedChildren.filter((child) => child.shown).map((child) => child.element)).to.deep.equal([printed.container]);
      expect(text(doc.querySelector('.practice'))).to.equal('Harbor Point Medical Group');
      expect(text(doc.querySelector('.contact'))).to.contain('Billing: (555) 010-4477');
      expect(text(doc.querySelector('h1'))).to.equal('Authorization for a one-time bank debit');
      expect(text(doc.querySelector('.whose'))).to.match(/^Patient: Daniela R\. Account A-100234 Printed on /);
      expect(text(doc.querySelector('.authorization'))).to.contain(shown);
      expect(text(doc.querySelector('.authorization'))).to.match(/Date of this authorization: \w+ \d{1,2}, \d{4}$/);
      expect(doc.querySelectorAll('button, style, [style]')).to.have.length(0);
    } finally {
      finishPrinting();
    }
    expect(document.getElementById('billpay-print-root')).to.equal(null);
    expect(root(el).activeElement).to.equal(button);
  });

  it('offers Google Pay only where the browser says it can, and reviews the wallet’s card', async () => {
    // A browser that says it cannot: not offered, even where the page allows wallets.
    const loaded = await loadPayForm(base);
    installFakeWallet(true, undefined, false);
    const without = await fixture<PayForm>(renderPayForm({ ...base, wallet: true }, loaded));
    await until(without, () => without.shadowRoot?.querySelector('form'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(text(root(without))).not.to.contain('Google Pay');
    const { el, api } = await render({ wallet: true });
    await until(el, () => root(el).querySelector('input[name="method"][value="wallet"]'));
    await choose(el, 'method', 'wallet');
    await toReview(el);
    expect(text(part(el, 'review'))).to.contain('Google Pay (Visa ending in 4242)');
    await payNow(el);
    await until(el, () => part(el, 'receipt'));
    expect(api.payments[0]?.method.wallet).to.equal('google_pay');
  });

  it('speaks Spanish from the amount to the receipt', async () => {
    const { el } = await render({ lang: 'es' });
    expect(text(root(el).querySelector('fieldset legend'))).to.equal('¿Cuánto desea pagar?');
    expect(text(root(el))).to.contain('El saldo completo, $142.50');
    await fillDirectCard(el);
    await toReview(el);
    expect(text(part(el, 'review'))).to.contain('Visa terminada en 4242');
    await payNow(el);
    await until(el, () => part(el, 'receipt'));
    expect(text(part(el, 'receipt'))).to.contain('Gracias. Recibimos su pago.');
    await expect(el).to.be.accessible();
  });

  it('prints the receipt as a document of its own: the practice, the patient’s account, the receipt, none of the page', async () => {
    const { el } = await render();
    await fillDirectCard(el);
    await toReview(el);
    await payNow(el);
    await until(el, () => part(el, 'receipt'));
    const button = part(el, 'print-button') as HTMLButtonElement;
    const printed = await printByKeyboard(button);
    try {
      const doc = printed.document;
      expect(printed.printedChildren.filter((child) => child.shown).map((child) => child.element)).to.deep.equal([printed.container]);
      expect(printed.shownOnScreen).to.equal(false);
      expect(text(doc.querySelector('.practice'))).to.equal('Harbor Point Medical Group');
      expect(text(doc.querySelector('.contact'))).to.contain('Billing: (555) 010-4477');
      expect(text(doc.querySelector('h1'))).to.equal('Thank you. Your payment was received.');
      expect(text(doc.querySelector('.whose'))).to.match(/^Patient: Daniela R\. Account A-100234 Printed on \w+ \d{1,2}, \d{4}$/);
      expect(text(doc.querySelector('.facts'))).to.contain('Amount paid $142.50');
      expect(text(doc.querySelector('.facts'))).to.contain('Remaining balance $0.00');
      const call = doc.querySelector<HTMLAnchorElement>('p a[href^="tel:"]')!;
      expect(call.getAttribute('href')).to.equal('tel:+15550104477');
      expect(doc.querySelectorAll('button, style, [style]')).to.have.length(0);
    } finally {
      finishPrinting();
    }
    expect(document.getElementById('billpay-print-root')).to.equal(null);
    // The receipt on the page is as it was, and focus is where the patient left it.
    expect(focused(el)).to.equal(button);
  });

  it('saves the receipt as a file', async () => {
    const { el } = await render();
    await fillDirectCard(el);
    await toReview(el);
    await payNow(el);
    await until(el, () => part(el, 'receipt'));
    const saved: string[] = [];
    const originalCreate = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (blob: Blob) => {
      void blob.text().then((t) => saved.push(t));
      return originalCreate(blob);
    };
    const clicked: string[] = [];
    const listener = (event: Event) => {
      const link = event.composedPath()[0] as HTMLAnchorElement;
      clicked.push(link.download);
      event.preventDefault();
    };
    el.shadowRoot!.addEventListener('click', listener, true);
    try {
      await click(el, 'save-button');
      await until(el, () => saved.length === 1);
    } finally {
      URL.createObjectURL = originalCreate;
      el.shadowRoot!.removeEventListener('click', listener, true);
    }
    expect(clicked.some((name) => /^receipt-[A-Z0-9-]+\.txt$/.test(name))).to.equal(true);
    expect(saved[0]).to.contain('Payment receipt, Harbor Point Medical Group');
    expect(saved[0]).to.contain('Amount paid: $142.50');
  });

  it('offers first what brings a plan that fell behind up to date; paying it makes the plan current again', async () => {
    const { el, api } = await render({ patient: 'Okafor', plan: 'behind' });
    const radios = [...root(el).querySelectorAll<HTMLInputElement>('input[name="amount"]')];
    expect(radios.map((r) => r.value)).to.deep.equal(['plan', 'balance', 'other']);
    expect(radios[0]!.checked).to.equal(true);
    expect(text(radios[0]!.parentElement)).to.equal('What brings your payment plan up to date, $200.00');
    await expect(el).to.be.accessible();
    await fillDirectCard(el);
    await toReview(el);
    expect(text(part(el, 'review'))).to.contain('Amount $200.00');
    await payNow(el);
    await until(el, () => part(el, 'receipt'));
    expect(api.payments.map((p) => p.amountCents)).to.deep.equal([20_000]);
    const plan = api.plans[0]!;
    expect([plan.status, plan.installments[0]?.status]).to.deep.equal(['active', 'paid']);
    expect(text(part(el, 'receipt'))).to.contain('Remaining balance $2,200.00');
  });

  it('offers a plan paid by hand its next payment, in English and Spanish; the whole balance stays a choice', async () => {
    const { el } = await render({ patient: 'Okafor', plan: 'manual' });
    const plan = root(el).querySelector<HTMLInputElement>('input[name="amount"][value="plan"]')!;
    expect(plan.checked).to.equal(true);
    expect(text(plan.parentElement)).to.match(/^Your next plan payment, due \w+ \d{1,2}, \d{4}, \$200\.00$/);
    await choose(el, 'amount', 'balance');
    await fillDirectCard(el);
    await toReview(el);
    expect(text(part(el, 'review'))).to.contain('Amount $2,400.00');

    const spanish = await render({ patient: 'Okafor', plan: 'manual', lang: 'es' });
    const label = text(root(spanish.el).querySelector<HTMLInputElement>('input[name="amount"][value="plan"]')!.parentElement);
    expect(label).to.match(/^Su próximo pago del plan, que vence el .+, \$200\.00$/);
  });

  it('has nothing to pay on a paid account', async () => {
    const loaded = await loadPayForm({ ...base, patient: 'Novak' });
    const el = await fixture<PayForm>(renderPayForm({ ...base, patient: 'Novak' }, loaded));
    await until(el, () => text(root(el)).includes('nothing to pay'));
    expect(root(el).querySelector('form') === null, 'no form').to.equal(true);
    await expect(el).to.be.accessible();
  });
});

describe('<pay-form> stories', () => {
  const named = Object.entries(stories).filter(
    (entry): entry is [string, StoryObj<PayFormArgs>] => /^[A-Z]/.test(entry[0]) && typeof entry[1] === 'object',
  );
  afterEach(() => installFakeWallet(false));
  for (const [name, story] of named) {
    it(`${name} is accessible`, async () => {
      const args: PayFormArgs = { ...stories.default.args, ...story.args };
      const loader = (story.loaders as ((context: { args: PayFormArgs }) => Promise<LoadedPayForm>)[] | undefined)?.[0];
      const loaded = loader ? await loader({ args }) : await loadPayForm(args);
      const el = await fixture<PayForm>(renderPayForm(args, loaded));
      await until(el, () => root(el).querySelector('[part~="heading"]'));
      const play = story.play;
      if (play) await play({ canvasElement: el.parentElement! } as Parameters<typeof play>[0]);
      await el.updateComplete;
      await expect(el).to.be.accessible();
      expect(el.getAttribute('lang')).to.equal(args.lang);
      loaded.api.releasePayments();
    });
  }
});
