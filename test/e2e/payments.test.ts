import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createLogger, processorSecretKey, type BillPayServer } from '@billpay/server';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { CARD_WORDS, CHEN, facts, fillHostedCard, findBill, HADDAD, hostedCardFrame, LOOKUP_WORDS, OKAFOR, RIVERA } from './patient.js';
import { startHarness, type Harness } from './support.js';

// Paying a bill on the demo site, in Chromium, against the real server and its sandbox processor.
// The tests share one server and run in order; each uses its own page (and so its own session).
//   Rivera $142.50: card, the whole balance.     Okafor $2,400.00: declined, expired, then Spanish.
//   Chen $310.00: $50.00, then the rest by keyboard.   Haddad $65.00: bank $25.00, then $40.00 returned R01.
// The last test looks through everything the practice kept, logged and was sent for card numbers
// and security codes.

/** One security code for every card typed here, looked for (as a whole token) in both stores. */
const CVC = '837';
const CARD = { approved: '4242424242424242', declined: '4000000000000002', expired: '4000000000000069' } as const;
const ROUTING = '021000021';

/** The words the tests look for, per language (from the elements' and the hosted page's dictionaries). */
const words = {
  en: {
    ...LOOKUP_WORDS.en,
    ...CARD_WORDS.en,
    makePayment: 'Make a payment',
    cardFrame: 'Card details (secure fields from the payment processor)',
    review: 'Review payment',
    reviewTitle: 'Review your payment',
    receiptTitle: 'Thank you. Your payment was received.',
  },
  es: {
    ...LOOKUP_WORDS.es,
    ...CARD_WORDS.es,
    makePayment: 'Hacer un pago',
    cardFrame: 'Datos de la tarjeta (campos seguros del procesador de pagos)',
    review: 'Revisar el pago',
    reviewTitle: 'Revise su pago',
    receiptTitle: 'Gracias. Recibimos su pago.',
  },
} as const;
type Words = (typeof words)[keyof typeof words];

/** Chromium logs every error answer; the API answers a declined payment with 402 Payment Required. */
const DECLINE_LOGGED = 'console: Failed to load resource: the server responded with a status of 402 (Payment Required)';

const CONFIRMATION = /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/;

describe('paying a bill on the demo site', () => {
  let harness: Harness;
  const secret = randomBytes(32).toString('base64url');
  /** Every line the server logged. */
  const logLines: string[] = [];
  /** Every request a page sent to the practice API's origin, and to the processor's: method, URL, headers, body. */
  const apiRequests: string[] = [];
  const processorRequests: string[] = [];
  /** Card numbers typed into the hosted fields, and confirmation numbers shown on receipts. */
  const cardsTyped = new Set<string>();
  const confirmations: string[] = [];

  before(async () => {
    harness = await startHarness({ logger: createLogger((line) => logLines.push(line)), secret });
  });
  after(async () => {
    await harness?.close();
  });

  async function openPayPage(): Promise<{ page: Page; problems: string[] }> {
    const opened = await harness.newPage();
    const api = new URL(harness.server.url).origin;
    const processor = new URL(harness.server.processorUrl!).origin;
    opened.page.on('request', (request) => {
      const origin = new URL(request.url()).origin;
      const record = `${request.method()} ${request.url()}\n${JSON.stringify(request.headers())}\n${request.postData() ?? ''}`;
      if (origin === api) apiRequests.push(record);
      else if (origin === processor) processorRequests.push(record);
    });
    await opened.page.goto(`${harness.server.url}/pay.html`);
    await opened.page.locator('bill-lookup').getByRole('heading', { name: 'Find your bill' }).waitFor();
    return opened;
  }

  /** "Make a payment" under the balance: the payment form, with focus on its heading. */
  async function startPayment(page: Page, t: Words = words.en): Promise<Locator> {
    await page.locator('bill-pay').getByRole('button', { name: t.makePayment }).click();
    const form = page.locator('pay-form');
    const heading = form.getByRole('heading', { name: t.makePayment });
    await heading.waitFor();
    assert.ok(await isFocused(heading), 'focus moves to the payment form’s heading');
    return form;
  }

  /** The processor's hosted card fields, once loaded and talking to the form. */
  async function cardFrame(page: Page, t: Words = words.en): Promise<FrameLocator> {
    const form = page.locator('pay-form');
    const iframe = form.locator('iframe[part="card-frame"]');
    assert.equal(await iframe.getAttribute('title'), t.cardFrame);
    const frame = hostedCardFrame(page);
    await frame.getByLabel(t.cardNumber).waitFor();
    await form.getByRole('status').filter({ hasText: t === words.en ? 'Loading the secure card fields…' : 'Cargando' }).waitFor({ state: 'detached' });
    return frame;
  }

  async function typeCard(page: Page, number: string, holder: string, t: Words = words.en) {
    const frame = await cardFrame(page, t);
    cardsTyped.add(number);
    await fillHostedCard(frame, { number, holder, cvc: CVC }, t);
  }

  /** Review payment, then the review (focus on its heading); returns its facts. */
  async function review(page: Page, t: Words = words.en): Promise<Record<string, string>> {
    const form = page.locator('pay-form');
    await form.getByRole('button', { name: t.review }).click();
    const heading = form.getByRole('heading', { name: t.reviewTitle });
    await heading.waitFor();
    assert.ok(await isFocused(heading), 'focus moves to the review’s heading');
    return facts(form.locator('[part="review"]'));
  }

  /** Waits for the receipt (focus on its heading) and returns its facts. */
  async function receipt(page: Page, title: string): Promise<Record<string, string>> {
    const form = page.locator('pay-form');
    const heading = form.getByRole('heading', { name: title });
    await heading.waitFor();
    assert.ok(await isFocused(heading), 'focus moves to the receipt’s heading');
    const shown = await facts(form.locator('[part="receipt"]'));
    const confirmation = shown['Confirmation number'] ?? shown['Número de confirmación'] ?? '';
    assert.match(confirmation, CONFIRMATION);
    confirmations.push(confirmation);
    return shown;
  }

  /** "Back to your bill": the bill, reloaded, with focus on its heading. */
  async function backToBill(page: Page, heading: string): Promise<Locator> {
    await page.locator('bill-pay').getByRole('button', { name: 'Back to your bill' }).click();
    const summary = page.locator('bill-summary');
    const title = summary.getByRole('heading', { name: heading });
    await title.waitFor();
    assert.ok(await isFocused(title), 'focus moves back to the bill’s heading');
    return summary;
  }

  it('takes the whole balance by card: review, receipt, then the bill at $0.00 with the payment', async () => {
    const { page, problems } = await openPayPage();
    await findBill(page, RIVERA, 'Bill for Daniela R.');
    const form = await startPayment(page);
    assert.ok(await form.getByRole('radio', { name: 'The whole balance, $142.50' }).isChecked());
    assert.ok(await form.getByRole('radio', { name: 'Credit or debit card' }).isChecked());
    await typeCard(page, CARD.approved, 'Daniela Rivera');
    const reviewed = await review(page);
    assert.equal(reviewed['Amount'], '$142.50');
    // Both of her statements, each paid in full (the office visit's $50.00 and the lab's $92.50).
    assert.match(reviewed['Applied to']!, /^Your statement of \w+ \d+, \d{4} \(\$50\.00, paid in full\) ?Your statement of \w+ \d+, \d{4} \(\$92\.50, paid in full\)$/);
    assert.equal(reviewed['Paid with'], 'Visa ending in 4242');
    assert.equal(reviewed['Paid to'], 'Harbor Point Medical Group');
    await form.getByRole('button', { name: 'Pay $142.50' }).click();
    const shown = await receipt(page, 'Thank you. Your payment was received.');
    assert.equal(shown['Amount paid'], '$142.50');
    assert.equal(shown['Paid with'], 'Visa ending in 4242');
    assert.equal(shown['Status'], 'Paid');
    assert.equal(shown['Account'], 'A-100234');
    // The time with its zone (the browser's: a receipt is read later, perhaps elsewhere).
    assert.match(shown['Date and time']!, /^\w+ \d{1,2}, \d{4},? (at )?\d{1,2}:\d{2}\s[AP]M [A-Z]{2,5}([+-]\d+)?$/);
    assert.equal(shown['Remaining balance'], '$0.00');

    const summary = await backToBill(page, 'Bill for Daniela R.');
    assert.match(await summary.locator('[part="balance"]').innerText(), /\$0\.00/);
    await summary.getByRole('heading', { name: 'Payments' }).waitFor();
    assert.equal(await summary.getByRole('row').filter({ hasText: 'Card' }).filter({ hasText: '$142.50' }).filter({ hasText: 'Received' }).count(), 1);
    assert.equal(await page.locator('bill-pay').getByRole('button', { name: 'Make a payment' }).count(), 0);
    assert.deepEqual(problems, []);
  });

  it('says in plain words that a card was declined, empties the card fields and keeps the amount', async () => {
    const { page, problems } = await openPayPage();
    await findBill(page, OKAFOR, 'Bill for Chidi O.');
    const form = await startPayment(page);
    await form.getByRole('radio', { name: 'Another amount' }).check();
    await form.getByLabel('Amount to pay, in dollars').fill('100');
    await typeCard(page, CARD.declined, 'Chidi Okafor');
    const reviewed = await review(page);
    assert.equal(reviewed['Paid with'], 'Visa ending in 0002');
    await form.getByRole('button', { name: 'Pay $100.00' }).click();

    const alert = form.getByRole('alert');
    await alert.waitFor();
    const text = normalize(await alert.innerText());
    assert.match(text, /Your payment didn’t go through/);
    assert.match(text, /Your card was declined\. Try another card, or call the number on the back of your card\./);
    assert.match(text, /For your security, the card details were cleared\. Everything else you entered is still here\./);
    assert.ok(await isFocused(form.locator('[part="error-summary"]')), 'focus moves to the message');
    // The amount chosen is still there; the card is not.
    assert.ok(await form.getByRole('radio', { name: 'Another amount' }).isChecked());
    assert.equal(await form.getByLabel('Amount to pay, in dollars').inputValue(), '100.00');
    const frame = await cardFrame(page);
    for (const label of [words.en.cardNumber, words.en.expiry, words.en.cvc, words.en.name, words.en.zip]) {
      assert.equal(await frame.getByLabel(label).inputValue(), '', `${label} is empty again`);
    }
    assert.equal(await form.getByRole('button', { name: 'Review payment' }).count(), 1);
    assert.deepEqual(problems, [DECLINE_LOGGED]);
  });

  it('says a card has expired when the processor refuses it for that', async () => {
    const { page, problems } = await openPayPage();
    await findBill(page, OKAFOR, 'Bill for Chidi O.');
    const form = await startPayment(page);
    // The date typed is in the future, so the hosted fields accept it; the card's bank says expired.
    await typeCard(page, CARD.expired, 'Chidi Okafor');
    const reviewed = await review(page);
    assert.equal(reviewed['Paid with'], 'Visa ending in 0069');
    await form.getByRole('button', { name: 'Pay $2,400.00' }).click();
    const alert = form.getByRole('alert');
    await alert.waitFor();
    const text = normalize(await alert.innerText());
    assert.match(text, /Your payment didn’t go through/);
    assert.match(text, /Your card has expired\. Use another card\./);
    assert.doesNotMatch(text, /declined/);
    assert.ok(await form.getByRole('radio', { name: 'The whole balance, $2,400.00' }).isChecked());
    assert.equal(await (await cardFrame(page)).getByLabel(words.en.cardNumber).inputValue(), '');
    assert.deepEqual(problems, [DECLINE_LOGGED]);
  });

  it('takes part of the balance: $50.00 of $310.00 leaves $260.00 on the bill', async () => {
    const { page, problems } = await openPayPage();
    await findBill(page, CHEN, 'Bill for Wei C.');
    const form = await startPayment(page);
    await form.getByRole('radio', { name: 'Another amount' }).check();
    const amount = form.getByLabel('Amount to pay, in dollars');
    assert.ok(await isFocused(form.getByRole('radio', { name: 'Another amount' })), 'focus stays on the radio, as in a radio group');
    await amount.fill('50');
    await amount.blur();
    assert.equal(await amount.inputValue(), '50.00');
    await typeCard(page, CARD.approved, 'Wei Chen');
    const reviewed = await review(page);
    assert.equal(reviewed['Amount'], '$50.00');
    assert.match(reviewed['Applied to']!, /^Your statement of \w+ \d+, \d{4} \(\$50\.00 of \$310\.00; \$260\.00 will remain\)$/);
    await form.getByRole('button', { name: 'Pay $50.00' }).click();
    const shown = await receipt(page, 'Thank you. Your payment was received.');
    assert.equal(shown['Amount paid'], '$50.00');
    assert.equal(shown['Remaining balance'], '$260.00');

    const summary = await backToBill(page, 'Bill for Wei C.');
    assert.match(await summary.locator('[part="balance"]').innerText(), /\$260\.00/);
    assert.equal(await summary.getByRole('row').filter({ hasText: 'Card' }).filter({ hasText: '$50.00' }).count(), 1);
    assert.deepEqual(problems, []);
  });

  /** Bank account details, in the form's fields. */
  async function typeBank(form: Locator, account: string) {
    await form.getByRole('radio', { name: 'Bank account (checking or savings)' }).check();
    await form.getByLabel('Name on the bank account').fill('Samir Haddad');
    await form.getByLabel('Routing number').fill(ROUTING);
    await form.getByLabel('Account number', { exact: true }).fill(account);
    await form.getByLabel('Account number again').fill(account);
    await form.getByRole('radio', { name: 'Checking', exact: true }).check();
  }

  it('takes a bank payment after the one-time debit authorization is accepted, and says it was sent', async () => {
    const { page, problems } = await openPayPage();
    await findBill(page, HADDAD, 'Bill for Samir H.');
    const form = await startPayment(page);
    await form.getByRole('radio', { name: 'Another amount' }).check();
    await form.getByLabel('Amount to pay, in dollars').fill('25');
    await typeBank(form, '000123456789');
    const reviewed = await review(page);
    assert.equal(reviewed['Amount'], '$25.00');
    assert.equal(reviewed['Paid with'], 'Checking account ending in 6789');
    const authorization = normalize(await form.locator('[part="authorization"]').innerText());
    assert.match(authorization, /I, Samir Haddad, authorize Harbor Point Medical Group to debit \$25\.00 one time from my checking account ending in 6789/);
    assert.match(authorization, /returned-payment fee of \$30\.00/);

    // Pay without the box checked: nothing is sent, and the patient is told why.
    await form.getByRole('button', { name: 'Pay $25.00' }).click();
    const alert = form.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /To pay from a bank account, check the box to authorize the debit\./);
    await form.getByRole('checkbox', { name: 'I have read and accept this authorization for a one-time debit.' }).check();
    await form.getByRole('button', { name: 'Pay $25.00' }).click();
    const shown = await receipt(page, 'Thank you. Your bank payment was sent.');
    assert.match(await form.locator('[part="receipt"]').innerText(), /Bank payments take 2 to 3 business days to complete\./);
    assert.equal(shown['Amount paid'], '$25.00');
    assert.equal(shown['Status'], 'Processing');
    assert.equal(shown['Remaining balance'], '$40.00');
    assert.deepEqual(problems, []);
  });

  it('puts a bank payment returned R01 back on the bill with the $30.00 returned payment fee', async () => {
    const { page, problems } = await openPayPage();
    await findBill(page, HADDAD, 'Bill for Samir H.');
    const form = await startPayment(page);
    assert.ok(await form.getByRole('radio', { name: 'The whole balance, $40.00' }).isChecked());
    await typeBank(form, '000987650001');
    const reviewed = await review(page);
    assert.equal(reviewed['Paid with'], 'Checking account ending in 0001');
    await form.getByRole('checkbox', { name: 'I have read and accept this authorization for a one-time debit.' }).check();
    await form.getByRole('button', { name: 'Pay $40.00' }).click();
    const shown = await receipt(page, 'Thank you. Your bank payment was sent.');
    assert.equal(shown['Status'], 'Processing');
    assert.equal(shown['Remaining balance'], '$0.00');

    // The bank answers when the processor's clock has moved 2 business days on.
    await moveProcessorClock(harness.server, secret);
    const payments = harness.server.database.db;
    await waitFor(async () => {
      const returned = await payments.selectFrom('payments').select('id').where('status', '=', 'returned').execute();
      return returned.length === 1;
    }, 'the practice applies the return');

    const summary = await backToBill(page, 'Bill for Samir H.');
    assert.match(await summary.locator('[part="balance"]').innerText(), /\$70\.00/);
    // The fee belongs to no statement (the payment was for the whole balance), so it is listed on its own.
    await summary.getByRole('heading', { name: 'Other fees' }).waitFor();
    const fee = summary.getByRole('row').filter({ hasText: 'Returned payment fee: a payment was returned by the bank' });
    assert.equal(await fee.count(), 1);
    assert.match(await fee.innerText(), /\$30\.00/);
    // And the payment says what became of it.
    const returned = summary.getByRole('row').filter({ hasText: 'Bank account' }).filter({ hasText: '$40.00' });
    assert.match(await returned.innerText(), /Returned by the bank/);
    assert.deepEqual(problems, []);
  });

  it('works with the keyboard alone, from the lookup form to the receipt, card typed in the hosted fields', async () => {
    const { page, problems } = await openPayPage();
    await tabTo(page, 'input: Bill ID', 20);
    await page.keyboard.type(CHEN.billId);
    await page.keyboard.press('Tab');
    assert.equal(await focusedName(page), 'summary: Where is my Bill ID?');
    await page.keyboard.press('Tab');
    await page.keyboard.type(CHEN.month);
    await page.keyboard.press('Tab');
    await page.keyboard.type(CHEN.day);
    await page.keyboard.press('Tab');
    await page.keyboard.type(CHEN.year);
    await page.keyboard.press('Enter');
    await page.locator('bill-summary').getByRole('heading', { name: 'Bill for Wei C.' }).waitFor();
    assert.equal(await focusedName(page), 'heading: Bill for Wei C.');

    await tabTo(page, 'button: Make a payment', 10);
    await page.keyboard.press('Enter');
    const form = page.locator('pay-form');
    await form.getByRole('heading', { name: 'Make a payment' }).waitFor();
    assert.equal(await focusedName(page), 'heading: Make a payment');
    await page.keyboard.press('Tab');
    assert.equal(await focusedName(page), 'radio (checked): The whole balance, $260.00');
    await page.keyboard.press('Tab');
    assert.equal(await focusedName(page), 'radio (checked): Credit or debit card');
    await cardFrame(page);
    await page.keyboard.press('Tab');
    await expectFocus(page, 'card frame: Card number');
    cardsTyped.add(CARD.approved);
    await page.keyboard.type(CARD.approved);
    await page.keyboard.press('Tab');
    await expectFocus(page, 'card frame: Expiration date');
    await page.keyboard.type('1234');
    await page.keyboard.press('Tab');
    await expectFocus(page, 'card frame: Security code');
    await page.keyboard.type(CVC);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Wei Chen');
    await page.keyboard.press('Tab');
    await expectFocus(page, 'card frame: ZIP code');
    await page.keyboard.type('06510');
    await page.keyboard.press('Tab');
    await expectFocus(page, 'button: Review payment');
    await page.keyboard.press('Enter');

    await form.getByRole('heading', { name: 'Review your payment' }).waitFor();
    assert.equal(await focusedName(page), 'heading: Review your payment');
    await tabTo(page, 'button: Pay $260.00', 3);
    await page.keyboard.press('Space');
    const shown = await receipt(page, 'Thank you. Your payment was received.');
    assert.equal(shown['Amount paid'], '$260.00');
    assert.equal(shown['Paid with'], 'Visa ending in 4242');
    assert.equal(shown['Remaining balance'], '$0.00');
    assert.deepEqual(problems, []);
  });

  it('pays in Spanish after the page’s "Español" button: the hosted fields, review and receipt in Spanish', async () => {
    const { page, problems } = await openPayPage();
    await page.getByRole('button', { name: 'Español' }).click();
    const t = words.es;
    await page.locator('bill-lookup').getByRole('heading', { name: 'Encuentre su factura' }).waitFor();
    await findBill(page, OKAFOR, 'Factura de Chidi O.', t);
    const form = await startPayment(page, t);
    assert.ok(await form.getByRole('radio', { name: 'El saldo completo, $2,400.00' }).isChecked());
    assert.ok(await form.getByRole('radio', { name: 'Tarjeta de crédito o débito' }).isChecked());
    await typeCard(page, CARD.approved, 'Chidi Okafor', t);
    const reviewed = await review(page, t);
    assert.equal(reviewed['Cantidad'], '$2,400.00');
    assert.match(reviewed['Se aplica a']!, /^Su estado de cuenta del \d+ de \w+ de \d{4} \(\$2,400\.00, pagado por completo\)$/);
    assert.equal(reviewed['Forma de pago'], 'Visa terminada en 4242');
    assert.match(await form.locator('[part="review"]').innerText(), /No se cobra nada hasta que seleccione Pagar\./);
    await form.getByRole('button', { name: 'Pagar $2,400.00' }).click();
    const shown = await receipt(page, t.receiptTitle);
    assert.equal(shown['Cantidad pagada'], '$2,400.00');
    assert.equal(shown['Forma de pago'], 'Visa terminada en 4242');
    assert.equal(shown['Estado'], 'Pagado');
    assert.equal(shown['Saldo restante'], '$0.00');
    assert.match(await form.locator('[part="receipt"]').innerText(), /Guarde el número de confirmación para sus registros\./);
    assert.deepEqual(problems, []);
  });

  it('afterwards: no card number in the practice database, its logs or any request it received; no security code in either store', async () => {
    // The checks find what they look for (and not amounts, dates or ids that merely look alike).
    assert.deepEqual(cardNumbersIn('{"n":"4242 4242 4242 4242","m":"4000-0000-0000-0002"} x=4222222222222;').sort(), ['4000000000000002', '4222222222222', '4242424242424242']);
    assert.ok(cardNumbersIn('ref 7 4000 0000 0000 0069 12').includes('4000000000000069'));
    assert.deepEqual(cardNumbersIn('"202511040018" 4242424242424241 a4242424242424242b "2025-11-04" "84531108-5786-4512-a9c0-123456789012"'), []);
    for (const found of [`{"cvc":"${CVC}"}`, `{"cvc":${CVC}}`, `cvc=${CVC}&x`, `code ${CVC}.`]) assert.ok(securityCodeIn(found, CVC), found);
    for (const alike of [`"amount_cents":${CVC}00`, `"2025-11-04T18:37:12.${CVC}Z"`, `"2025-11-04 18:37:12.${CVC}+00"`, `"tok_a${CVC}b"`, `"$8.37"`]) {
      assert.ok(!securityCodeIn(alike, CVC), alike);
    }

    // What was recorded is what these tests did: the cards went to the processor, payments to the practice.
    assert.ok(cardsTyped.size === 3 && confirmations.length === 6, `${String(cardsTyped.size)} cards typed, ${String(confirmations.length)} receipts`);
    const sentToProcessor = processorRequests.join('\n');
    for (const number of cardsTyped) assert.ok(cardNumbersIn(sentToProcessor).includes(number), `the processor received ${number}`);
    assert.ok(securityCodeIn(sentToProcessor, CVC), 'the processor received the security code');
    assert.ok(apiRequests.filter((r) => /^POST \S+\/v1\/payments\b/.test(r)).length >= 8, 'the practice API received the payments');
    assert.ok(logLines.some((line) => line.includes('"route":"/v1/payments"')), 'the server’s log was captured');

    const practice = await dumpTables(harness.server.database.db);
    const processor = await dumpTables(harness.server.processorDatabase!.db);
    assert.ok(practice.tables.includes('payments') && practice.tables.includes('ledger_entries'), practice.tables.join(', '));
    assert.ok(processor.tables.includes('vault_tokens') && processor.tables.includes('charges'), processor.tables.join(', '));
    for (const confirmation of confirmations) assert.ok(practice.text.includes(confirmation), `the practice kept payment ${confirmation}`);

    const places: [string, string][] = [
      ['the practice database', practice.text],
      ['the server’s log', logLines.join('\n')],
      ['requests to the practice API', apiRequests.join('\n')],
    ];
    for (const [place, text] of places) {
      assert.deepEqual(cardNumbersIn(text), [], `no card number in ${place}`);
      const digitsOnly = text.replace(/[\s-]/g, '');
      for (const number of cardsTyped) assert.ok(!digitsOnly.includes(number), `${number} is not in ${place}`);
    }
    assert.ok(!securityCodeIn(practice.text, CVC), 'no security code in the practice database');
    assert.ok(!securityCodeIn(processor.text, CVC), 'no security code in the processor’s store');
    assert.ok(!securityCodeIn(apiRequests.join('\n'), CVC), 'no security code sent to the practice API');
    // Each log line says how long its request took ("ms":837): a duration, not a security code.
    const logWithoutDurations = logLines.join('\n').replace(/"ms":\d+/g, '"ms":_');
    assert.ok(!securityCodeIn(logWithoutDurations, CVC), 'no security code in the server’s log');
  });
});

// ---------------------------------------------------------------------------------------------
// Helpers

function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Whether the element is the page's focused element (looking through shadow roots). */
async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active === element;
  });
}

/**
 * What has focus, as "role: name": through shadow roots, and into the hosted card fields
 * ("card frame: Card number").
 */
async function focusedName(page: Page): Promise<string> {
  const outer = await page.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (!active || active === document.body) return '';
    if (active instanceof HTMLIFrameElement) return 'iframe';
    // (No functions declared in here: the test's compiler would wrap them in a helper the page lacks.)
    if (active instanceof HTMLInputElement) {
      const label = (active.labels?.[0]?.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (active.type === 'radio' || active.type === 'checkbox') return `${active.type}${active.checked ? ' (checked)' : ''}: ${label}`;
      return `input: ${label}`;
    }
    const role = active.getAttribute('role') ?? active.tagName.toLowerCase();
    return `${role}: ${(active.getAttribute('aria-label') ?? active.textContent ?? '').replace(/\s+/g, ' ').trim()}`;
  });
  if (outer !== 'iframe') return outer;
  const frame = page.frames().find((f) => f.url().includes('/hosted/card'));
  const inner = await frame?.evaluate(() => {
    const active = document.activeElement;
    return active instanceof HTMLInputElement ? (active.labels?.[0]?.textContent ?? active.id).trim() : (active?.tagName ?? '');
  });
  return `card frame: ${inner ?? '?'}`;
}

/**
 * Waits until `name` has focus (see focusedName): focus going into the processor's frame, and
 * between its fields, is another process's and arrives a moment after the key (on CI, the page
 * showed nothing focused just after Tab).
 */
async function expectFocus(page: Page, name: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let now = await focusedName(page);
  while (now !== name && Date.now() < until) {
    await page.waitForTimeout(50);
    now = await focusedName(page);
  }
  assert.equal(now, name);
}

/** Presses Tab until `name` has focus (see focusedName), at most `max` times. */
async function tabTo(page: Page, name: string, max: number): Promise<void> {
  const passed: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const now = await focusedName(page);
    if (now === name) return;
    passed.push(now);
  }
  assert.fail(`Tab did not reach "${name}" in ${String(max)} presses; it went through: ${passed.join(' | ')}`);
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) assert.fail(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Moves the sandbox processor's clock 3 days on, as its API allows, and a day more at a time
 * (a weekend may lie between) until no bank debit is still processing.
 */
async function moveProcessorClock(server: BillPayServer, secret: string): Promise<void> {
  let days = 3;
  for (let moves = 0; moves < 4; moves++) {
    const response = await fetch(`${server.processorUrl!}/v1/sandbox/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${processorSecretKey(secret, 'harbor-point')}` },
      body: JSON.stringify({ advanceDays: days }),
    });
    assert.equal(response.status, 200);
    const processing = await server.processorDatabase!.db.selectFrom('charges').select('id').where('status', '=', 'processing').execute();
    if (processing.length === 0) return;
    days = 1;
  }
  assert.fail('the bank debits never settled');
}

/** Every row of every table, one JSON line per row (dates left out: they hold no card data). */
async function dumpTables(db: unknown): Promise<{ tables: string[]; text: string }> {
  interface AnyTables {
    introspection: { getTables(options?: { withInternalKyselyTables?: boolean }): Promise<{ name: string; schema?: string }[]> };
    selectFrom(table: string): { selectAll(): { execute(): Promise<Record<string, unknown>[]> } };
  }
  const kysely = db as AnyTables;
  const tables = await kysely.introspection.getTables({ withInternalKyselyTables: true });
  const lines: string[] = [];
  for (const table of tables) {
    const rows = await kysely.selectFrom(table.schema ? `${table.schema}.${table.name}` : table.name).selectAll().execute();
    lines.push(`# ${table.name}`);
    for (const row of rows) {
      lines.push(
        JSON.stringify(row, function (this: Record<string, unknown>, key: string, value: unknown) {
          if (this[key] instanceof Date) return null;
          return typeof value === 'bigint' ? value.toString() : value;
        }),
      );
    }
  }
  return { tables: tables.map((t) => t.name), text: lines.join('\n') };
}

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Every Luhn-valid run of 13 to 19 digits in `text` that is not part of a longer word or number
 * (a hex id, a base64 string): written together, or in groups of up to 6 digits split by single
 * spaces or dashes ("4242 4242 4242 4242", "3782-822463-10005"; any consecutive groups count, so
 * a number with more groups around it is still found). UUIDs' 8- and 12-character groups are not
 * card groups, so their digits never add up to a false find.
 */
function cardNumbersIn(text: string): string[] {
  const found = new Set<string>();
  const standsAlone = (index: number) => !/[\dA-Za-z]/.test(text[index] ?? '');
  const consider = (digits: string) => {
    if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits)) found.add(digits);
  };
  for (const match of text.matchAll(/\d+/g)) {
    if (standsAlone(match.index - 1) && standsAlone(match.index + match[0].length)) consider(match[0]);
  }
  for (const match of text.matchAll(/\d+(?:[ -]\d+)+/g)) {
    const groups = match[0].split(/[ -]/);
    const last = groups.length - 1;
    for (let first = 0; first <= last; first++) {
      let digits = '';
      for (let end = first; end <= last && (groups[end] ?? '').length <= 6; end++) {
        digits += groups[end] ?? '';
        // A window that reaches either end of the run must not touch a letter or digit there.
        if ((first > 0 || standsAlone(match.index - 1)) && (end < last || standsAlone(match.index + match[0].length))) consider(digits);
      }
    }
  }
  return [...found];
}

/**
 * Whether `code` appears as a whole token: not inside a longer number, a word or an id (letters,
 * digits, `_`, `-`), not after a decimal point, nor as the milliseconds of a time (timestamps
 * are taken out first).
 */
function securityCodeIn(text: string, code: string): boolean {
  const withoutTimes = text.replace(/\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?/g, '<time>');
  return new RegExp(`(?<![\\w.-])${code}(?![\\w-])`).test(withoutTimes);
}
