/**
 * The practice API (`/admin/v1`) as a practice's server calls it: a key made the way
 * `billpay keys create` makes one, sent as `Authorization: Bearer`; and the server the practice
 * API's and the console's tests share: two practices, no processor, one payment to look at.
 */
import type { BillPayDatabase } from '../../src/db/database.js';
import { createApp, type AppOptions } from '../../src/http/app.js';
import { createApiKey, type ApiKeyScope } from '../../src/keys/keys.js';
import { createLogger } from '../../src/log.js';
import type { PracticeConfig } from '../../src/practices/practices.js';
import { ProcessorUnavailableError, type ProcessorAdapter } from '../../src/processor/port.js';
import type { PasswordCost } from '../../src/staff/passwords.js';
import type { App, Harness } from './harness.js';
import { FROM_TEST_PROXY, harborPoint, SECRET, TEST_PROXIES } from './harness.js';

export interface AdminAnswer<T = unknown> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

/** A new key of `practiceId` with `scopes`: its id and the key itself. */
export async function adminKey(database: BillPayDatabase, practiceId: string, scopes: readonly ApiKeyScope[], now = new Date()): Promise<{ id: string; prefix: string; secret: string }> {
  const { key, secret } = await createApiKey(database.db, { practiceId, scopes, now });
  return { id: key.id, prefix: key.prefix, secret };
}

/** A call to the practice API with `key` (none when undefined), and `headers` besides. */
export async function adminCall<T = unknown>(app: App, path: string, key: string | undefined, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<AdminAnswer<T>> {
  const response = await app.request(
    path,
    {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: {
        ...(key === undefined ? {} : { authorization: `Bearer ${key}` }),
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...init.headers,
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    },
    FROM_TEST_PROXY,
  );
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as T };
}

/** A second practice on the same server: its keys and staff must never reach harbor-point's data. */
export const otherPractice: PracticeConfig = { ...harborPoint, id: 'lakeside-clinic', name: 'Lakeside Clinic', allowedOrigins: ['https://lakeside.example'] };

/**
 * A staff password's hash as cheap as argon2id allows to be useful (1 MiB, 1 iteration), for
 * tests that enrol and sign in many times; the server's own is `PASSWORD_COST`.
 */
export const CHEAP_PASSWORD_COST: PasswordCost = { memoryCost: 1_024, timeCost: 1, parallelism: 1 };

/** No refund here reaches a processor: every call to this one fails, so a refund that got that far answers 503. */
const down = () => Promise.reject(new ProcessorUnavailableError('not in these tests'));
const unreachable: ProcessorAdapter = {
  kind: 'unreachable',
  token: down,
  charge: down,
  findCharge: down,
  refund: down,
  events: down,
  payout: down,
  browser: (practiceId) => ({ processorUrl: 'https://processor.example', publishableKey: `pk_unreachable_${practiceId}` }),
  webhookEvents: () => [],
};

/**
 * The practice API over `harness`'s database for harbor-point and `otherPractice`, with the
 * unreachable processor, logging into `logLines`, and `options` besides.
 */
export function twoPracticeApp(harness: Harness, logLines: string[], options: Partial<AppOptions> = {}): App {
  return createApp({
    database: harness.database,
    practices: new Map([
      [harborPoint.id, harborPoint],
      [otherPractice.id, otherPractice],
    ]),
    logger: createLogger((line) => logLines.push(line)),
    secret: SECRET,
    now: harness.clock.now,
    trustedProxies: TEST_PROXIES,
    processor: unreachable,
    ...options,
  });
}

/** A succeeded card payment of $25.00 by harbor-point's first account, `paymentId`, as the patient API would have recorded it. */
export async function insertPayment(harness: Harness, paymentId: string): Promise<void> {
  const db = harness.database.db;
  const account = await db.selectFrom('accounts').select('id').where('practice_id', '=', 'harbor-point').executeTakeFirstOrThrow();
  const now = harness.clock.now();
  await db
    .insertInto('payments')
    .values({ id: paymentId, practice_id: 'harbor-point', account_id: account.id, idempotency_key: `${paymentId}-key`, request_hash: 'x', confirmation_number: 'TEST-0001', status: 'succeeded', amount_cents: 2_500, statement_id: null, token: 'tok_test', charge_id: 'ch_test', method_kind: 'card', brand: 'visa', last4: '4242', wallet: null, decline_code: null, return_code: null, remaining_balance_cents: 0, authorization_text: null, authorization_accepted_at: null, created_at: now, updated_at: now })
    .execute();
}
