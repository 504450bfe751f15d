/**
 * The authorization matrix: every operation the OpenAPI document says needs a session, tried with
 * no session, an expired one, a revoked one, and another patient's. The routes come from the
 * document, so a new one is tried the day it is added (and a path parameter this test does not
 * know fails it, until it is given the victim's value for it).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AccountSchema, ApiErrorBodySchema, MESSAGE_CONSENT_VERSION, PaymentSchema, PlanSchema, VerificationSchema } from '@billpay/sdk';
import { backends } from '../support/backends.js';
import { demo, openHarness, type Harness } from '../support/harness.js';
import { newKey, paymentsApi, type PaymentsApi } from '../support/payments.js';
import { CARDS, openProcessorHarness, type ProcessorHarness } from '../support/processor.js';

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly secured: boolean;
}

type OpenApi = { paths: Record<string, Record<string, { security?: unknown[] }>> };

for (const backend of backends) {
  describe(`authorization matrix (${backend.name})`, () => {
    let harness: Harness;
    let processor: ProcessorHarness;
    let api: PaymentsApi;
    let operations: Operation[];
    /** The victim's resources, by the path parameter that names each. */
    const victim: Record<string, string> = {};
    /** What must never appear in an answer given to anyone but the victim. */
    let victimSecrets: string[] = [];
    let expired: string;
    let revoked: string;

    before(async () => {
      harness = await openHarness(backend);
      processor = await openProcessorHarness(backend);
      api = paymentsApi(harness, processor);
      const doc = (await (await api.app.request('/v1/openapi.json')).json()) as OpenApi;
      operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, operation]) => ({ method: method.toUpperCase(), path, secured: (operation.security?.length ?? 0) > 0 })),
      );

      // Chidi Okafor, the victim: a statement, a payment, a plan and an estimate of his own.
      const session = await harness.open('Okafor');
      const account = await api.account(session);
      const paid = await api.pay(session, { amountCents: 1_000, token: await processor.cardToken(CARDS.visa) }, newKey());
      const plan = await api.app.request('/v1/plans', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${session}`, 'idempotency-key': newKey() },
        body: JSON.stringify({ frequency: 'monthly', firstDate: '2026-12-01', payments: 12, payment: { mode: 'manual' } }),
      });
      assert.equal(plan.status, 201);
      victim.statementId = account.statements[0]!.id;
      victim.paymentId = PaymentSchema.parse(paid.body).id;
      victim.planId = PlanSchema.parse(await plan.json()).id;
      victim.estimateId = account.disputes?.[0]?.estimateId ?? '';
      // A code sent to turn his email alerts on.
      await harness.database.db.updateTable('accounts').set({ email: 'chidi.okafor@example.com' }).where('account_number', '=', account.accountNumber).execute();
      const asked = await api.app.request('/v1/message-preferences/verifications', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${session}` },
        body: JSON.stringify({ channel: 'email', language: 'en', consentVersion: MESSAGE_CONSENT_VERSION }),
      });
      assert.equal(asked.status, 201);
      victim.verificationId = VerificationSchema.parse(await asked.json()).id;
      assert.ok(Object.values(victim).every(Boolean));
      victimSecrets = [...Object.values(victim), account.id, account.accountNumber, demo('Okafor').billId, demo('Okafor').dateOfBirth, 'Chidi', 'Okafor'];

      // A session left idle past 15 minutes, and one signed out.
      expired = await harness.open('Okafor');
      harness.clock.advance(16);
      revoked = await harness.open('Okafor');
      assert.equal((await api.app.request('/v1/session', { method: 'DELETE', headers: { authorization: `Bearer ${revoked}` } })).status, 204);
    });
    after(async () => {
      await harness.close();
      await processor.close();
    });

    /** One request of `operation` in `session`, with a body it would accept and the victim's ids. */
    const send = async (operation: Operation, session: string | undefined) => {
      const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
        const value = victim[name];
        assert.ok(value, `the matrix has no value for {${name}} of ${operation.method} ${operation.path}: add one`);
        return encodeURIComponent(value);
      });
      const bodies: Record<string, unknown> = {
        'POST /v1/payments': { amountCents: 100, token: await processor.cardToken(CARDS.visa) },
        'POST /v1/plans': { frequency: 'monthly', firstDate: '2026-12-01', payments: 6, payment: { mode: 'manual' } },
        'POST /v1/plans/{planId}/payoff': { token: await processor.cardToken(CARDS.visa) },
        'POST /v1/message-preferences': { paperless: false, language: 'en' },
        'POST /v1/message-preferences/verifications': { channel: 'email', language: 'en', consentVersion: MESSAGE_CONSENT_VERSION },
        'POST /v1/message-preferences/verifications/{verificationId}': { code: '123456' },
        'POST /v1/plans/{planId}/payment-method': {
          payment: { mode: 'automatic', method: 'card', token: await processor.cardToken(CARDS.visa), authorization: { text: 'I authorize the practice to charge this card for the payments left of my plan.', acceptedAt: new Date().toISOString() } },
        },
      };
      const body = bodies[`${operation.method} ${operation.path}`];
      const response = await api.app.request(path, {
        method: operation.method,
        headers: {
          ...(session ? { authorization: `Bearer ${session}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          'idempotency-key': newKey(),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, text, body: text ? (JSON.parse(text) as unknown) : null };
    };

    it('reads every operation that needs a session from the OpenAPI document', () => {
      const secured = operations.filter((o) => o.secured).map((o) => `${o.method} ${o.path}`);
      assert.ok(secured.length >= 10, secured.join(', '));
      for (const known of ['GET /v1/account', 'POST /v1/payments', 'GET /v1/estimates/{estimateId}', 'POST /v1/plans/{planId}/cancel', 'DELETE /v1/session']) {
        assert.ok(secured.includes(known), known);
      }
    });

    for (const [name, credential] of [
      ['no session', () => undefined],
      ['an expired session', () => expired],
      ['a revoked session', () => revoked],
      ['a token that was never issued', () => 'A'.repeat(43)],
    ] as const) {
      it(`answers every operation that needs a session with 401 session_expired, given ${name}`, async () => {
        for (const operation of operations.filter((o) => o.secured)) {
          const answer = await send(operation, credential());
          assert.equal(answer.status, 401, `${operation.method} ${operation.path}: ${answer.text}`);
          assert.equal(ApiErrorBodySchema.parse(answer.body).error.code, 'session_expired');
        }
      });
    }

    it("never shows or changes one patient's bill, payments, plan or estimate in another's session", async () => {
      for (const operation of operations.filter((o) => o.secured)) {
        // A fresh session each time: signing out, or paying, must not change what the next one sees.
        const other = await harness.open('Rivera');
        const answer = await send(operation, other);
        const named = /\{\w+\}/.test(operation.path);
        if (named) assert.equal(answer.status, 404, `${operation.method} ${operation.path}: ${answer.text}`);
        assert.ok(answer.status < 500, `${operation.method} ${operation.path}: ${answer.status}`);
        for (const secret of victimSecrets) assert.equal(answer.text.includes(secret), false, `${operation.method} ${operation.path} showed "${secret}"`);
      }
      // The victim's plan is still his, untouched; his payments are his one payment.
      const mine = await harness.open('Okafor');
      const plan = await api.app.request(`/v1/plans/${victim.planId!}`, { headers: { authorization: `Bearer ${mine}` } });
      assert.equal(PlanSchema.parse(await plan.json()).status, 'active');
      const account = AccountSchema.parse(await (await api.app.request('/v1/account', { headers: { authorization: `Bearer ${mine}` } })).json());
      assert.equal(account.payments.filter((p) => p.amountCents === 1_000).length, 1);
    });
  });
}
