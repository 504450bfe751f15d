import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Webhook } from 'standardwebhooks';
import { Receiver, type Received } from '../../packages/server/test/webhooks/receiver.js';
import { facts, fillHostedCard, findBill, hostedCardFrame, type Login } from './patient.js';
import { practiceApi, startHarness, type Harness, type PracticeApi } from './support.js';

// The practice's round trip, against the real server, its sandbox processor and Chromium: the
// practice imports a statement run from demo/import/, a new patient finds the bill by its new Bill
// ID and pays part of it by card in the hosted fields, the practice's own HTTP receiver gets the
// signed payment.succeeded webhook (checked with the `standardwebhooks` library), reads the
// payment through the practice API and refunds part of it; the patient sees the refund on the
// bill, and the refund's webhook arrives signed too. The steps share one server and run in order.

const PRACTICE = 'harbor-point';
const STATEMENT_RUN = fileURLToPath(new URL('../../demo/import/statements-2026-11-20.jsonl', import.meta.url));

/** The statement run's first statement, as the practice's system wrote it. */
interface StatementLine {
  readonly account: { readonly id: string; readonly accountNumber: string; readonly firstName: string; readonly lastName: string; readonly dateOfBirth: string };
  readonly statement: { readonly id: string };
}

interface ImportAnswer {
  readonly statements: readonly { readonly statementId: string | null; readonly accountId: string | null; readonly outcome: string; readonly billId: string | null }[];
  readonly counts: Record<string, number>;
}

interface EventPayload {
  readonly id: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
}

/** $33.20 owed: $43.20 for the visit and a $10.00 invoicing fee, less $20.00 paid at the front desk. */
const BALANCE = '$33.20';
const PAID_CENTS = 2500;
const REFUND_CENTS = 1000;

describe('a practice’s round trip: import, a patient pays, signed webhooks, refund', () => {
  let harness: Harness;
  let api: PracticeApi;
  const receiver = new Receiver();
  let signingSecret = '';
  let first: StatementLine;
  let login: Login;
  let heading = '';
  let paymentId = '';
  let confirmation = '';

  before(async () => {
    // Development mode: a webhook endpoint may be plain http to this machine.
    harness = await startHarness({ development: true });
    api = await practiceApi(harness.server, PRACTICE, ['import', 'read', 'refunds', 'webhooks']);
    await receiver.start();
  });
  after(async () => {
    await receiver.stop();
    await harness?.close();
  });

  /** The first verified delivery of `type` that `matches`, verified again here to read its payload. */
  async function webhook(type: string, matches: (data: Record<string, unknown>) => boolean): Promise<{ received: Received; event: EventPayload }> {
    const until = Date.now() + 20_000;
    for (;;) {
      for (const received of receiver.accepted) {
        const event = new Webhook(signingSecret).verify(received.body, received.headers) as EventPayload;
        if (event.type === type && matches(event.data)) return { received, event };
      }
      if (Date.now() > until) assert.fail(`no verified ${type} webhook in 20 s (accepted ${String(receiver.accepted.length)}, rejected ${String(receiver.rejected.length)})`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it('registers the practice’s receiver as a webhook endpoint (http to localhost, in development)', async () => {
    const answer = await api.call('POST', '/webhook-endpoints', { body: { url: receiver.url, eventTypes: ['payment.succeeded', 'refund.succeeded'], description: 'Round trip' } });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    const endpoint = answer.body as { id: string; url: string; status: string; secret: string };
    assert.equal(endpoint.url, receiver.url);
    assert.equal(endpoint.status, 'enabled');
    assert.match(endpoint.secret, /^whsec_/);
    signingSecret = endpoint.secret;
    receiver.secret = endpoint.secret;
  });

  it('imports the sample statement run: every statement created, each with a new Bill ID', async () => {
    const file = await readFile(STATEMENT_RUN, 'utf8');
    const lines = file.split('\n').filter((line) => line.trim() !== '');
    first = JSON.parse(lines[0]!) as StatementLine;
    const answer = await api.call('POST', '/imports', { body: file, contentType: 'application/x-ndjson' });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const result = answer.body as ImportAnswer;
    assert.equal(result.statements.length, lines.length);
    assert.deepEqual(result.counts, { created: lines.length, corrected: 0, unchanged: 0, rejected: 0 });
    const mine = result.statements.find((s) => s.statementId === first.statement.id);
    assert.ok(mine, `the answer lists ${first.statement.id}`);
    assert.equal(mine.accountId, first.account.id);
    assert.match(mine.billId ?? '', /^\d{12}$/);
    const [year, month, day] = first.account.dateOfBirth.split('-').map(Number) as [number, number, number];
    login = { billId: mine.billId!, month: String(month), day: String(day), year: String(year) };
    heading = `Bill for ${first.account.firstName} ${first.account.lastName[0]!}.`;
  });

  it('the new patient finds the bill by its Bill ID and pays part of it by card: the receipt', async () => {
    const { page, problems } = await harness.newPage();
    await page.goto(`${harness.server.url}/pay.html`);
    await findBill(page, login, heading);
    const summary = page.locator('bill-summary');
    assert.match(await summary.locator('[part="balance"]').innerText(), new RegExp(`\\${BALANCE}`));

    await page.locator('bill-pay').getByRole('button', { name: 'Make a payment' }).click();
    const form = page.locator('pay-form');
    await form.getByRole('heading', { name: 'Make a payment' }).waitFor();
    assert.ok(await form.getByRole('radio', { name: `The whole balance, ${BALANCE}` }).isChecked());
    await form.getByRole('radio', { name: 'Another amount' }).check();
    const amount = form.getByLabel('Amount to pay, in dollars');
    await amount.fill('25');
    await amount.blur();
    const frame = hostedCardFrame(page);
    await frame.getByLabel('Card number').waitFor();
    await fillHostedCard(frame, { number: '4242424242424242', holder: `${first.account.firstName} ${first.account.lastName}` });
    await form.getByRole('button', { name: 'Review payment' }).click();
    await form.getByRole('heading', { name: 'Review your payment' }).waitFor();
    await form.getByRole('button', { name: 'Pay $25.00' }).click();
    await form.getByRole('heading', { name: 'Thank you. Your payment was received.' }).waitFor();
    const shown = await facts(form.locator('[part="receipt"]'));
    assert.equal(shown['Amount paid'], '$25.00');
    assert.equal(shown['Paid with'], 'Visa ending in 4242');
    assert.equal(shown['Remaining balance'], '$8.20');
    confirmation = shown['Confirmation number'] ?? '';
    assert.match(confirmation, /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  it('the practice’s receiver gets payment.succeeded, signed; the practice API shows the payment', async () => {
    const { received, event } = await webhook('payment.succeeded', (data) => data['confirmationNumber'] === confirmation);
    assert.equal(received.id, event.id, 'the webhook-id is the event’s id');
    assert.equal(event.data['accountNumber'], first.account.accountNumber);
    assert.equal(event.data['amountCents'], PAID_CENTS);
    assert.equal(event.data['method'], 'card');
    paymentId = String(event.data['paymentId']);

    const answer = await api.call('GET', `/payments/${paymentId}`);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const payment = answer.body as { id: string; confirmationNumber: string; status: string; amountCents: number; refundedCents: number; refundableCents: number; method: { kind: string; brand: string | null; last4: string | null }; statementId: string };
    assert.equal(payment.id, paymentId);
    assert.equal(payment.confirmationNumber, confirmation);
    assert.equal(payment.status, 'succeeded');
    assert.equal(payment.amountCents, PAID_CENTS);
    assert.equal(payment.refundedCents, 0);
    assert.equal(payment.refundableCents, PAID_CENTS);
    assert.deepEqual({ kind: payment.method.kind, last4: payment.method.last4 }, { kind: 'card', last4: '4242' });
    // The event and the API name the same statement: none here, for a payment toward the whole
    // account (the patient has one statement; the practice's own id for it, first.statement.id,
    // is in neither).
    assert.equal(payment.statementId, event.data['statementId']);

    // The day's posting file lists the payment once, under the practice's own account id, with the
    // processor's reference, to post into its practice-management system.
    const today = new Date().toISOString().slice(0, 10);
    const postings = await api.call('GET', `/postings?date=${today}&format=json`);
    assert.equal(postings.status, 200, JSON.stringify(postings.body));
    const rows = (postings.body as { rows: { paymentId: string; type: string; accountId: string; amountCents: number; method: string | null; processorReference: string | null; postedOn: string }[] }).rows.filter((row) => row.paymentId === paymentId);
    assert.equal(rows.length, 1, JSON.stringify(postings.body));
    const [row] = rows as [(typeof rows)[number]];
    assert.deepEqual(
      { type: row.type, accountId: row.accountId, amountCents: row.amountCents, method: row.method, postedOn: row.postedOn },
      { type: 'payment', accountId: first.account.id, amountCents: PAID_CENTS, method: 'card', postedOn: today },
    );
    assert.match(row.processorReference ?? '', /\S/, 'the charge is named');
  });

  it('the practice refunds $10.00 of it, once per Idempotency-Key; the refund webhook arrives signed', async () => {
    const refund = { amountCents: REFUND_CENTS, reason: 'requested_by_patient' };
    const headers = { 'idempotency-key': `round-trip-${paymentId}` };
    const answer = await api.call('POST', `/payments/${paymentId}/refunds`, { body: refund, headers });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    const made = answer.body as { id: string; paymentId: string; amountCents: number; status: string };
    assert.deepEqual({ paymentId: made.paymentId, amountCents: made.amountCents, status: made.status }, { paymentId, amountCents: REFUND_CENTS, status: 'succeeded' });
    const again = await api.call('POST', `/payments/${paymentId}/refunds`, { body: refund, headers });
    assert.equal((again.body as { id: string }).id, made.id, 'the same key is the same refund');

    const payment = (await api.call('GET', `/payments/${paymentId}`)).body as { refundedCents: number; refundableCents: number };
    assert.deepEqual(payment, { ...payment, refundedCents: REFUND_CENTS, refundableCents: PAID_CENTS - REFUND_CENTS });

    const { event } = await webhook('refund.succeeded', (data) => data['refundId'] === made.id);
    assert.equal(event.data['paymentId'], paymentId);
    assert.equal(event.data['amountCents'], REFUND_CENTS);
    assert.equal(event.data['accountNumber'], first.account.accountNumber);
    assert.equal(event.data['reason'], 'requested_by_patient');
    assert.deepEqual(receiver.rejected, [], 'every delivery verified');
  });

  it('the patient, finding the bill again, sees "Refunded $10.00" on the payment and the balance up by $10.00', async () => {
    const { page, problems } = await harness.newPage();
    await page.goto(`${harness.server.url}/pay.html`);
    await findBill(page, login, heading);
    const summary = page.locator('bill-summary');
    assert.match(await summary.locator('[part="balance"]').innerText(), /\$18\.20/);
    const row = summary.getByRole('row').filter({ hasText: 'Card' }).filter({ hasText: '$25.00' });
    assert.equal(await row.count(), 1);
    assert.match(await row.innerText(), /Refunded \$10\.00/);
    assert.deepEqual(problems, []);
  });
});
