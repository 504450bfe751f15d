import '../../../test/support/fail-on-console.js';
import { elementUpdated, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../../../test/support/wait-until.js';
import { sendKeys } from '@web/test-runner-commands';
import type { BillLookup } from '@billpay/elements';
import { renderBillLookup, type BillLookupArgs } from '../../../stories/bill-lookup.stories.js';
import '@billpay/elements/pay-form/define.js';
import { createFakeApi, FAKE_API_ORIGIN } from '../../../stories/support/fake-api.js';
import { fakePayLinkOf } from '../../../stories/support/fake-sessions.js';
import { es } from '../src/i18n/es.js';
import { formatTime } from '../src/i18n/format.js';

const args: BillLookupArgs = { lang: 'en', billId: '', delayMs: 0, lockedMinutes: 0 };

const root = (el: BillLookup) => el.shadowRoot!;
const input = (el: BillLookup, id: string) => root(el).querySelector<HTMLInputElement>(`#${id}`)!;
const text = (node: Element | ShadowRoot | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Focuses a field and types into it with the keyboard. */
async function type(el: BillLookup, id: string, value: string) {
  input(el, id).focus();
  await sendKeys({ type: value });
}

async function submitWithKeyboard(el: BillLookup) {
  root(el).querySelector<HTMLButtonElement>('button[type="submit"]')!.focus();
  await sendKeys({ press: 'Enter' });
  await elementUpdated(el);
}

async function fillRivera(el: BillLookup, day = '9') {
  await type(el, 'bill-id', '202511040018');
  await type(el, 'dob-month', '3');
  await type(el, 'dob-day', day);
  await type(el, 'dob-year', '1984');
}

describe('<bill-lookup>', () => {
  it('labels every field and is accessible when empty', async () => {
    const el = await fixture<BillLookup>(renderBillLookup(args));
    await expect(el).to.be.accessible();
    expect(text(root(el).querySelector('label[for="bill-id"]'))).to.equal('Bill ID');
    expect(input(el, 'bill-id').getAttribute('inputmode')).to.equal('numeric');
    expect(input(el, 'dob-month').getAttribute('autocomplete')).to.equal('bday-month');
    expect(input(el, 'dob-year').getAttribute('autocomplete')).to.equal('bday-year');
    expect(text(root(el).querySelector('legend'))).to.equal('Patient’s date of birth');
  });

  it('groups the Bill ID in fours as it is typed', async () => {
    const el = await fixture<BillLookup>(renderBillLookup(args));
    await type(el, 'bill-id', '202511040018');
    expect(input(el, 'bill-id').value).to.equal('2025 1104 0018');
  });

  it('accepts a pasted Bill ID with its label and dashes', async () => {
    const el = await fixture<BillLookup>(renderBillLookup(args));
    const field = input(el, 'bill-id');
    field.focus();
    const data = new DataTransfer();
    data.setData('text', 'Bill ID: 2025-1104-0018');
    field.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true }));
    await elementUpdated(el);
    expect(field.value).to.equal('2025 1104 0018');
  });

  it('shows each problem by its field and in a focused summary, keeping what was typed', async () => {
    const el = await fixture<BillLookup>(renderBillLookup(args));
    await type(el, 'bill-id', '2025 1104 001');
    await type(el, 'dob-month', '2');
    await type(el, 'dob-day', '31');
    await type(el, 'dob-year', '1984');
    await submitWithKeyboard(el);
    const summary = root(el).querySelector('.error-summary')!;
    expect(root(el).activeElement).to.equal(summary);
    expect(text(summary)).to.contain('Enter all 12 digits of the Bill ID');
    expect(text(summary)).to.contain('That date doesn’t exist');
    expect(input(el, 'bill-id').getAttribute('aria-invalid')).to.equal('true');
    expect(input(el, 'bill-id').getAttribute('aria-describedby')).to.contain('billId-error');
    expect(text(root(el).querySelector('#billId-error'))).to.contain('Enter all 12 digits');
    expect(input(el, 'bill-id').value).to.equal('2025 1104 001');
    expect(input(el, 'dob-day').value).to.equal('31');
    await expect(el).to.be.accessible();

    // The summary's link takes the keyboard to the field.
    root(el).querySelector<HTMLAnchorElement>('.error-summary a')!.click();
    expect(root(el).activeElement).to.equal(input(el, 'bill-id'));
  });

  it('catches a mistyped digit before sending anything', async () => {
    const api = createFakeApi();
    const el = await fixture<BillLookup>(html`<bill-lookup .client=${api.client()}></bill-lookup>`);
    await type(el, 'bill-id', '202511040019');
    await type(el, 'dob-month', '3');
    await type(el, 'dob-day', '9');
    await type(el, 'dob-year', '1984');
    await submitWithKeyboard(el);
    expect(text(root(el).querySelector('.error-summary'))).to.contain('doesn’t look right');
    expect(api.requests).to.deep.equal([]);
  });

  it('finds the bill with the keyboard alone and fires bill-lookup-success', async () => {
    const el = await fixture<BillLookup>(renderBillLookup(args));
    await fillRivera(el);
    const found = oneEvent(el, 'bill-lookup-success');
    await submitWithKeyboard(el);
    const { detail } = (await found) as GlobalEventHandlersEventMap['bill-lookup-success'];
    expect(detail.account.accountNumber).to.equal('A-100234');
    expect(detail.account.balanceCents).to.equal(14_250);
  });

  it('says the same thing for a wrong date of birth as for an unknown bill', async () => {
    const el = await fixture<BillLookup>(renderBillLookup(args));
    await fillRivera(el, '10');
    await submitWithKeyboard(el);
    await waitUntil(() => root(el).querySelector('.error-summary'));
    expect(text(root(el).querySelector('.error-summary'))).to.contain('We couldn’t find a bill with that Bill ID and date of birth');
    await expect(el).to.be.accessible();
  });

  it('is busy while looking, and a second press does not send again', async () => {
    const api = createFakeApi({ delayMs: Infinity });
    const el = await fixture<BillLookup>(html`<bill-lookup .client=${api.client()}></bill-lookup>`);
    await fillRivera(el);
    await submitWithKeyboard(el);
    await sendKeys({ press: 'Enter' });
    const button = root(el).querySelector('button[type="submit"]')!;
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(text(root(el).querySelector('[role="status"]'))).to.equal('Finding your bill…');
    expect(api.requests.filter((r) => r === 'POST /v1/lookups')).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('says when a locked-out lookup can be tried again', async () => {
    const el = await fixture<BillLookup>(renderBillLookup({ ...args, lockedMinutes: 15 }));
    await fillRivera(el);
    await submitWithKeyboard(el);
    await waitUntil(() => root(el).querySelector('.error-summary'));
    expect(text(root(el).querySelector('.error-summary'))).to.match(/Try again after \d{1,2}:\d{2}\s?[AP]M/);
    await expect(el).to.be.accessible();
  });

  it('says the day too, in its long form, when a lockout ends on another day, in English and Spanish', async () => {
    for (const [lang, expected] of [
      ['en', /Try again after \d{1,2}:\d{2}\s?[AP]M on [A-Z][a-z]+ \d{1,2}, \d{4}, or call billing/],
      ['es', /después de las \d{1,2}:\d{2}\s?[ap]\.\s?m\. del \d{1,2} de [a-z]+ de \d{4} o llame a facturación/],
    ] as const) {
      const el = await fixture<BillLookup>(renderBillLookup({ ...args, lang, lockedMinutes: 2 * 24 * 60 }));
      await fillRivera(el);
      await submitWithKeyboard(el);
      await waitUntil(() => root(el).querySelector('.error-summary'));
      const said = text(root(el).querySelector('.error-summary'));
      expect(said).to.match(expected);
      expect(said).not.to.match(/\d{1,2}\/\d{1,2}\/\d{2,4}/);
      await expect(el).to.be.accessible();
      el.remove();
    }
  });

  it('never ends the locked bill’s sentence with a second period after a Spanish time, which brings its own (“3:15 p.m.”)', () => {
    const time = formatTime(new Date(2026, 10, 27, 15, 15), 'es');
    expect(time).to.match(/m\.$/);
    expect(es.lockedOutStepUp({ time })).to.contain(`después de las ${time}; si tiene`);
    expect(es.lockedOutStepUp({ time, date: '28 de noviembre de 2026' })).to.contain(`después de las ${time} del 28 de noviembre de 2026; si tiene`);
  });

  it('locks after five wrong dates of birth', async () => {
    const el = await fixture<BillLookup>(renderBillLookup(args));
    await fillRivera(el, '10');
    for (let attempt = 1; attempt <= 5; attempt++) {
      await submitWithKeyboard(el);
      await waitUntil(() => text(root(el).querySelector('.error-summary')).includes('couldn’t find'));
    }
    await submitWithKeyboard(el);
    await waitUntil(() => text(root(el).querySelector('.error-summary')).includes('locked'));
  });

  it('lets the patient through a locked bill with the amount due on the statement, keeping what they typed', async () => {
    const el = await fixture<BillLookup>(renderBillLookup(args));
    // Someone else (five wrong dates of birth) locked the bill.
    await fillRivera(el, '10');
    for (let attempt = 1; attempt <= 5; attempt++) {
      await submitWithKeyboard(el);
      await waitUntil(() => text(root(el).querySelector('.error-summary')).includes('couldn’t find'));
    }
    for (const field of ['dob-day']) input(el, field).select();
    await sendKeys({ type: '9' });
    await submitWithKeyboard(el);
    await waitUntil(() => text(root(el).querySelector('.error-summary')).includes('add its amount due below'));
    expect(text(root(el).querySelector('label[for="amount-due"]'))).to.equal('Amount due on your statement (optional)');
    expect(input(el, 'amount-due').getAttribute('inputmode')).to.equal('decimal');
    expect(input(el, 'bill-id').value).to.equal('2025 1104 0018');
    await expect(el).to.be.accessible();

    // Something that is not an amount: it says so, and focus can go straight to the field.
    await type(el, 'amount-due', 'about 140');
    await submitWithKeyboard(el);
    await waitUntil(() => text(root(el).querySelector('.error-summary')).includes('Enter the amount due as dollars and cents'));
    expect(input(el, 'amount-due').getAttribute('aria-invalid')).to.equal('true');
    // A wrong amount is refused like the lock itself.
    input(el, 'amount-due').select();
    await sendKeys({ type: '99.99' });
    await submitWithKeyboard(el);
    await waitUntil(() => text(root(el).querySelector('.error-summary')).includes('add its amount due below'));
    // The balance printed on the statement gets through.
    input(el, 'amount-due').select();
    await sendKeys({ type: '$142.50' });
    const found = oneEvent(el, 'bill-lookup-success');
    await submitWithKeyboard(el);
    const { detail } = (await found) as GlobalEventHandlersEventMap['bill-lookup-success'];
    expect(detail.account.balanceCents).to.equal(14_250);
  });

  it('finds a bill by account number and last name, ignoring case and accents', async () => {
    const el = await fixture<BillLookup>(renderBillLookup(args));
    root(el).querySelector<HTMLButtonElement>('[part="mode-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await elementUpdated(el);
    expect(root(el).activeElement).to.equal(input(el, 'account-number'));
    await expect(el).to.be.accessible();
    await type(el, 'account-number', 'a-100612');
    await type(el, 'last-name', 'NOVÁK');
    const found = oneEvent(el, 'bill-lookup-success');
    await submitWithKeyboard(el);
    const { detail } = (await found) as GlobalEventHandlersEventMap['bill-lookup-success'];
    expect(detail.account.balanceCents).to.equal(0);
  });

  it('is prefilled from the bill-id attribute and from a #bill= or ?bill= link, which it removes from the address', async () => {
    const fromAttribute = await fixture<BillLookup>(renderBillLookup({ ...args, billId: '202511040018' }));
    expect(input(fromAttribute, 'bill-id').value).to.equal('2025 1104 0018');

    const before = location.href;
    history.replaceState(null, '', `${location.pathname}?keep=1&bill=202511040026`);
    try {
      const fromLink = await fixture<BillLookup>(renderBillLookup(args));
      expect(input(fromLink, 'bill-id').value).to.equal('2025 1104 0026');
      expect(location.search).to.equal('?keep=1');

      // A printed statement's QR code carries it in the fragment, which no server ever sees.
      history.replaceState(null, '', `${location.pathname}?keep=1#bill=202511040018`);
      const fromQr = await fixture<BillLookup>(renderBillLookup(args));
      expect(input(fromQr, 'bill-id').value).to.equal('2025 1104 0018');
      expect(location.search + location.hash).to.equal('?keep=1');
    } finally {
      history.replaceState(null, '', before);
    }
  });

  it('opened from a text-to-pay link (#link=), asks only for the date of birth, sends the token with it, and takes the token out of the address', async () => {
    const before = location.href;
    history.replaceState(null, '', `${location.pathname}?keep=1#link=${fakePayLinkOf('202511040018')}`);
    try {
      const el = await fixture<BillLookup>(renderBillLookup(args));
      expect(location.search + location.hash).to.equal('?keep=1');
      await expect(el).to.be.accessible();
      expect(text(root(el).querySelector('.intro'))).to.equal('You opened the link from your statement email. To see the bill, enter the patient’s date of birth.');
      expect(root(el).querySelector('#bill-id')).to.equal(null);
      expect(text(root(el).querySelector('[part="mode-button"]'))).to.equal('Use the Bill ID on your statement instead');

      // The wrong date: refused in the link's own words, nothing shown.
      await type(el, 'dob-month', '3');
      await type(el, 'dob-day', '8');
      await type(el, 'dob-year', '1984');
      await submitWithKeyboard(el);
      await waitUntil(() => text(root(el).querySelector('.error-summary')).includes('or the link has expired'));
      expect(root(el).activeElement).to.equal(root(el).querySelector('.error-summary'));
      await expect(el).to.be.accessible();

      input(el, 'dob-day').select();
      await sendKeys({ type: '9' });
      const found = oneEvent(el, 'bill-lookup-success');
      await submitWithKeyboard(el);
      const { detail } = (await found) as GlobalEventHandlersEventMap['bill-lookup-success'];
      expect(detail.account.balanceCents).to.equal(14250);
    } finally {
      history.replaceState(null, '', before);
    }
  });

  it('leaves a link for the Bill ID when asked, forgetting the token', async () => {
    const before = location.href;
    history.replaceState(null, '', `${location.pathname}#link=${fakePayLinkOf('202511040018')}`);
    try {
      const el = await fixture<BillLookup>(renderBillLookup(args));
      root(el).querySelector<HTMLButtonElement>('[part="mode-button"]')!.click();
      await elementUpdated(el);
      expect(root(el).querySelector('#bill-id')).to.not.equal(null);
      expect(text(root(el).querySelector('.intro'))).to.equal('Use the Bill ID on your statement and the patient’s date of birth.');
    } finally {
      history.replaceState(null, '', before);
    }
  });

  it('used on its own, shares its session with the page’s other elements of the same practice and API', async () => {
    const api = createFakeApi();
    const realFetch = window.fetch;
    window.fetch = (input, init) => api.fetch(input, init);
    try {
      const el = await fixture<BillLookup>(html`<bill-lookup lang="en" practice="harbor-point" api=${FAKE_API_ORIGIN}></bill-lookup>`);
      await fillRivera(el);
      const found = oneEvent(el, 'bill-lookup-success');
      await submitWithKeyboard(el);
      await found;
      // The page shows a payment form of its own once the bill is found: it pays in that session.
      const form = document.createElement('pay-form');
      form.setAttribute('lang', 'en');
      form.setAttribute('practice', 'harbor-point');
      form.setAttribute('api', FAKE_API_ORIGIN);
      form.setAttribute('card-capture', 'direct');
      el.after(form);
      try {
        const balance = () => form.shadowRoot?.querySelector('input[name="amount"][value="balance"]');
        await waitUntil(balance, 'the payment form did not find the session’s account');
        expect(text(balance()?.parentElement)).to.equal('The whole balance, $142.50');
        // Another bill found on the page (say, at a front desk) is the one the form then pays.
        for (const id of ['bill-id', 'dob-month', 'dob-day', 'dob-year']) input(el, id).value = '';
        await type(el, 'bill-id', '202511040034');
        await type(el, 'dob-month', '6');
        await type(el, 'dob-day', '30');
        await type(el, 'dob-year', '1958');
        const again = oneEvent(el, 'bill-lookup-success');
        await submitWithKeyboard(el);
        await again;
        await waitUntil(() => text(balance()?.parentElement) === 'The whole balance, $310.00', 'the payment form still shows the first bill');
      } finally {
        form.remove();
      }
    } finally {
      window.fetch = realFetch;
    }
  });

  it('speaks Spanish, errors included, switched at run time', async () => {
    const el = await fixture<BillLookup>(renderBillLookup(args));
    await submitWithKeyboard(el);
    el.setAttribute('lang', 'es');
    await elementUpdated(el);
    expect(text(root(el).querySelector('[role="heading"]'))).to.equal('Encuentre su factura');
    expect(text(root(el).querySelector('.error-summary'))).to.contain('Escriba su número de factura.');
    expect(text(root(el).querySelector('legend'))).to.equal('Fecha de nacimiento del paciente');
    await expect(el).to.be.accessible();
  });
});
