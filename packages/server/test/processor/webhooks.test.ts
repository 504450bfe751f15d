/**
 * The processor's events pushed to the billing server as signed webhooks: the sandbox signs each
 * event it makes and posts it to the practice's URL; `POST /processor/webhooks/:practiceId`
 * checks the signature and applies the event as polling does, so an event pushed and polled, or
 * pushed twice, is applied once. Anything not signed by the processor, now, is a 4xx.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { applyProcessorEvents } from '../../src/payments/events.js';
import { recordOutcome } from '../../src/payments/record.js';
import { createProcessorApp } from '../../src/processor/sandbox/app.js';
import { webhookSigningSecret } from '../../src/processor/sandbox/keys.js';
import { signatureHeader, SIGNATURE_HEADER } from '../../src/processor/sandbox/webhooks.js';
import { silentLogger } from '../../src/log.js';
import { backends } from '../support/backends.js';
import { harborPoint, openHarness, practices, SECRET, type Harness } from '../support/harness.js';
import { paymentsApi, type PaymentsApi } from '../support/payments.js';
import { openProcessorHarness, SK, type ProcessorHarness } from '../support/processor.js';

const HOOK = '/processor/webhooks/harbor-point';

for (const backend of backends) {
  describe(`processor webhooks (${backend.name})`, () => {
    let harness: Harness;
    let processor: ProcessorHarness;
    let api: PaymentsApi;
    let sandbox: ReturnType<typeof createProcessorApp>;
    const deliveries: { url: string; status: number }[] = [];

    before(async () => {
      harness = await openHarness(backend);
      processor = await openProcessorHarness(backend);
      api = paymentsApi(harness, processor);
      // The sandbox on the same store and clock, pushing each practice's events to the API, in process.
      sandbox = createProcessorApp({
        logger: silentLogger,
        database: processor.database,
        practices,
        secret: SECRET,
        clock: processor.clock,
        webhookUrl: (practiceId) => `http://api.test/processor/webhooks/${practiceId}`,
        webhookFetch: async (input, init) => {
          const url = new URL(input instanceof Request ? input.url : String(input));
          const response = await api.app.request(url.pathname, init);
          deliveries.push({ url: url.pathname, status: response.status });
          return response;
        },
      });
    });
    after(async () => {
      await harness.close();
      await processor.close();
    });

    const db = () => harness.database.db;
    const balance = async () =>
      (await db().selectFrom('ledger_entries').select(sql<number>`coalesce(sum(amount_cents), 0)::int`.as('b')).where('account_id', '=', 'acct_demo2').executeTakeFirstOrThrow()).b;
    const statusOf = async (id: string) => (await db().selectFrom('payments').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
    const post = (body: string, headers: Record<string, string>, path = HOOK) => api.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const signed = (body: string, at = new Date(), secret = webhookSigningSecret(SECRET, 'harbor-point')) => ({ [SIGNATURE_HEADER]: signatureHeader(secret, body, at) });

    /** A bank payment charged and recorded: `processing` until the processor says more. */
    async function bankPayment(id: string, accountNumber: string, amountCents: number): Promise<void> {
      const token = await processor.bankToken(accountNumber);
      await db()
        .insertInto('payments')
        .values({
          id, practice_id: 'harbor-point', account_id: 'acct_demo2', idempotency_key: `key-${id}`, request_hash: 'x', confirmation_number: id.slice(-9).toUpperCase(),
          status: 'pending', amount_cents: amountCents, statement_id: null, token, charge_id: null, method_kind: 'bank', brand: null, last4: accountNumber.slice(-4), wallet: null,
          decline_code: null, return_code: null, remaining_balance_cents: null, authorization_text: 'I authorize Harbor Point Medical Group to debit my account once.',
          authorization_accepted_at: harness.clock.current.toISOString(), created_at: harness.clock.current, updated_at: harness.clock.current,
        })
        .execute();
      const charge = await api.gateway.charge('harbor-point', id, { token, amountCents, description: 'bill payment', reference: id });
      await recordOutcome({ db: db(), gateway: api.gateway, practice: harborPoint, now: harness.clock.current }, id, charge);
    }

    let eventBodies: string[] = [];

    it('pushed events settle one bank payment and return another (with its fee); polling the same events then changes nothing', async () => {
      await bankPayment('pay_hooksettled00001', '000123456789', 7_000);
      await bankPayment('pay_hookreturned0001', '000987650001', 5_000);
      assert.equal(await statusOf('pay_hooksettled00001'), 'processing');
      const start = await balance();

      // Both come due at the sandbox; settling them pushes one signed webhook each.
      const moved = await sandbox.request('/v1/sandbox/clock', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${SK}` }, body: JSON.stringify({ advanceDays: 4 }) });
      assert.equal(moved.status, 200);
      assert.deepEqual(deliveries, [{ url: HOOK, status: 200 }, { url: HOOK, status: 200 }]);
      assert.equal(await statusOf('pay_hooksettled00001'), 'settled');
      assert.equal(await statusOf('pay_hookreturned0001'), 'returned');
      assert.equal(await balance(), start + 5_000 + harborPoint.policies.returnedPaymentFeeCents);

      // The poller reads the same events: already applied, nothing changes.
      assert.equal(await applyProcessorEvents(db(), api.gateway, harborPoint, harness.clock.current), 0);
      assert.equal(await balance(), start + 5_000 + harborPoint.policies.returnedPaymentFeeCents);
      const entries = await db().selectFrom('ledger_entries').select('kind').where('payment_id', '=', 'pay_hookreturned0001').execute();
      assert.deepEqual(entries.map((e) => e.kind).sort(), ['fee', 'payment', 'reversal']);

      // The same events pushed again (a processor's retry): accepted, applied no further.
      const events = await processor.secretCall<{ data: unknown[] }>('/v1/events?since=0');
      eventBodies = events.body.data.map((event) => JSON.stringify(event));
      assert.ok(eventBodies.length >= 2);
      for (const body of eventBodies) assert.equal((await post(body, signed(body))).status, 200);
      assert.equal(await balance(), start + 5_000 + harborPoint.policies.returnedPaymentFeeCents);
    });

    it('refuses, with a 4xx and a structured error, what the processor did not sign now', async () => {
      const body = eventBodies[0]!;
      const refusals: [string, Response, number, string][] = [
        ['no signature', await post(body, {}), 400, 'invalid_signature'],
        ['another secret', await post(body, signed(body, new Date(), webhookSigningSecret(SECRET, 'elsewhere'))), 400, 'invalid_signature'],
        ['a signature of another body', await post(body, signed(body.replace('charge.', 'charge .'))), 400, 'invalid_signature'],
        ['a garbled header', await post(body, { [SIGNATURE_HEADER]: 't=abc,v1=zz,,=' }), 400, 'invalid_signature'],
        ['signed ten minutes ago', await post(body, signed(body, new Date(Date.now() - 10 * 60_000))), 400, 'stale_webhook'],
        ['signed ten minutes ahead', await post(body, signed(body, new Date(Date.now() + 10 * 60_000))), 400, 'stale_webhook'],
        ['an unknown practice', await post(body, signed(body), '/processor/webhooks/no-such-practice'), 404, 'practice_not_found'],
        ['signed garbage', await post('not json{', signed('not json{')), 400, 'invalid_webhook'],
        ['a signed object that is no event', await post('{"type":"charge.settled"}', signed('{"type":"charge.settled"}')), 400, 'invalid_webhook'],
      ];
      const big = JSON.stringify({ padding: 'x'.repeat(20_000) });
      refusals.push(['an oversized body', await post(big, signed(big)), 413, 'payload_too_large']);
      for (const [what, response, status, code] of refusals) {
        assert.equal(response.status, status, what);
        const answer = (await response.json()) as { error: { code: string } };
        assert.equal(answer.error.code, code, what);
      }
    });
  });
}
