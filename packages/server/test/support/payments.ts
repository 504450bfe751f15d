/**
 * A practice API wired to an in-process sandbox processor: the payment routes as a patient's
 * browser calls them, with a processor a test can switch off (an outage) or replace in part.
 */
import { AccountSchema, PaymentSchema } from '@billpay/sdk';
import { createApp } from '../../src/http/app.js';
import { createLogger } from '../../src/log.js';
import type { ProcessorAdapter } from '../../src/processor/port.js';
import type { Harness } from './harness.js';
import { FROM_TEST_PROXY, practices, SECRET, TEST_PROXIES } from './harness.js';
import type { ProcessorHarness } from './processor.js';

export interface PaymentsApiOptions {
  /** Where the app's log lines go. */
  readonly logLines?: string[];
  /** Wraps the in-process gateway (to slow it down, or to make it answer otherwise). */
  readonly gateway?: (gateway: ProcessorAdapter) => ProcessorAdapter;
}

export type PaymentsApi = ReturnType<typeof paymentsApi>;

export function paymentsApi(harness: Harness, processor: ProcessorHarness, options: PaymentsApiOptions = {}) {
  let processorUp = true;
  const inProcess = processor.gateway(() => processorUp);
  const gateway = options.gateway ? options.gateway(inProcess) : inProcess;
  const logLines = options.logLines ?? [];
  const app = createApp({
    database: harness.database,
    practices,
    logger: createLogger((line) => logLines.push(line)),
    secret: SECRET,
    now: harness.clock.now,
    processor: gateway,
    trustedProxies: TEST_PROXIES,
  });
  return {
    app,
    gateway,
    setProcessorUp: (up: boolean) => (processorUp = up),
    /** `POST /v1/payments` in `session`, with `headers` besides (an address as X-Forwarded-For, a user agent). */
    async pay(session: string, body: Record<string, unknown>, key: string, headers: Record<string, string> = {}) {
      const response = await app.request('/v1/payments', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${session}`, 'idempotency-key': key, ...headers },
        body: JSON.stringify(body),
      }, FROM_TEST_PROXY);
      return { status: response.status, headers: response.headers, body: (await response.json()) as unknown };
    },
    async account(session: string) {
      const response = await app.request('/v1/account', { headers: { authorization: `Bearer ${session}` } }, FROM_TEST_PROXY);
      return AccountSchema.parse(await response.json());
    },
    /** `GET /v1/payments/{id}`: the receipt again. */
    async receipt(session: string, paymentId: string) {
      const response = await app.request(`/v1/payments/${paymentId}`, { headers: { authorization: `Bearer ${session}` } }, FROM_TEST_PROXY);
      return PaymentSchema.parse(await response.json());
    },
  };
}

let keyCounter = 0;
/** A fresh Idempotency-Key. */
export const newKey = () => `test-key-${process.pid}-${++keyCounter}-${Math.random().toString(36).slice(2)}`;
