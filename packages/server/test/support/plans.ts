/** A plan-test world: a practice API over a fresh seeded database and a sandbox processor sharing one clock. */
import assert from 'node:assert/strict';
import { AccountSchema, ApiErrorBodySchema, PlanSchema, type Plan } from '@billpay/sdk';
import { isoDate } from '../../src/dates.js';
import type { ProcessorGateway } from '../../src/processor/port.js';
import { applyProcessorEvents } from '../../src/payments/events.js';
import { runDueInstallments } from '../../src/plans/runner.js';
import type { Backend } from './backends.js';
import { FROM_TEST_PROXY, harborPoint, openHarness, practices } from './harness.js';
import { paymentsApi } from './payments.js';
import { openProcessorHarness, SK } from './processor.js';

let keyCounter = 0;
export const newKey = () => `plan-test-${process.pid}-${++keyCounter}-${Math.random().toString(36).slice(2)}`;
export const AUTHORIZATION_TEXT =
  'I authorize Harbor Point Medical Group to debit my bank account for each payment of this plan, on the dates and for the amounts shown, until it is paid. I can revoke this by calling (555) 010-4477.';

export interface Answer<T = unknown> {
  readonly status: number;
  readonly body: T;
}

/** A practice API over a fresh seeded database, wired to an in-process sandbox processor, with a clock both share. */
export async function setupPlans(backend: Backend) {
  const harness = await openHarness(backend);
  const processor = await openProcessorHarness(backend);
  const logLines: string[] = [];
  const { app, gateway } = paymentsApi(harness, processor, { logLines });
  const send = async <T = unknown>(path: string, token: string, init: { method?: string; body?: unknown; key?: string; headers?: Record<string, string> } = {}): Promise<Answer<T>> => {
    const response = await app.request(path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: {
        authorization: `Bearer ${token}`,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(init.key ? { 'idempotency-key': init.key } : {}),
        ...init.headers,
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    }, FROM_TEST_PROXY);
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  };
  const db = harness.database.db;
  return {
    harness,
    processor,
    gateway,
    app,
    db,
    logLines,
    send,
    createPlan: (token: string, body: unknown, key = newKey(), headers: Record<string, string> = {}) =>
      send('/v1/plans', token, { body, key, headers: { 'x-forwarded-for': '203.0.113.7', 'user-agent': 'PlanTest/1.0', ...headers } }),
    account: async (token: string) => AccountSchema.parse((await send('/v1/account', token)).body),
    async plan(token: string, id: string) {
      const answer = await send(`/v1/plans/${id}`, token);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      return PlanSchema.parse(answer.body);
    },
    today: () => isoDate(harness.clock.current),
    run: (gw: ProcessorGateway = gateway) => runDueInstallments({ db, gateway: gw, practices, now: harness.clock.current }),
    /** Moves the practice's clock and the processor's by whole days (bank debits settle or come back on it). */
    async advanceDays(days: number) {
      harness.clock.advance(days * 1_440);
      const moved = await processor.send('/v1/sandbox/clock', { body: { advanceDays: days }, headers: { authorization: `Bearer ${SK}` } });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      await applyProcessorEvents(db, gateway, harborPoint, harness.clock.current);
    },
    chargesAtProcessor: async () => Number((await processor.database.db.selectFrom('charges').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n),
    async close() {
      await harness.close();
      await processor.close();
    },
  };
}

export type Setup = Awaited<ReturnType<typeof setupPlans>>;

export function automatic(token: string, acceptedAt: string, method: 'bank' | 'card' = 'bank') {
  return { mode: 'automatic', method, token, authorization: { text: AUTHORIZATION_TEXT, acceptedAt } };
}

export function refusal(answer: Answer, status: number, code: string) {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  const { error } = ApiErrorBodySchema.parse(answer.body);
  assert.equal(error.code, code);
  assert.ok(error.requestId);
  return error;
}

export function created(answer: Answer): Plan {
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return PlanSchema.parse(answer.body);
}
