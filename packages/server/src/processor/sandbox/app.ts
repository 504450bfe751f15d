/**
 * The sandbox payment processor, on its own origin (default http://localhost:8788), built like a
 * real one so a real one can replace it behind the same interface. Card and bank data go from
 * the browser straight here; the practice API only ever holds tokens. JSON in and out; every
 * refusal is a 4xx `{ error: { code, message, param? } }`. Amounts are integer cents.
 *
 * Browser side (CORS open to any origin; header `X-Billpay-Key: pk_test_<practiceId>`):
 *   POST /v1/tokens/card   {number, expMonth, expYear, cvc, name, postalCode, reusable?}
 *        -> 201 {id: 'tok_…', kind: 'card', card: {brand, last4, expMonth, expYear}}
 *        invalid_number | invalid_expiry | expired_card | invalid_cvc (with `param`).
 *        The number is vaulted under AES-256-GCM; the security code is checked, never kept.
 *   POST /v1/tokens/bank   {routingNumber, accountNumber, accountType, holderName}
 *        -> 201 {id, kind: 'bank', bank: {last4, accountType, routingLast4}}
 *        invalid_routing_number | invalid_account_number. Validated on its first debit.
 *   POST /v1/tokens/wallet {wallet: 'apple_pay'|'google_pay', sandboxCard?} -> 201 a card token.
 *   A bank token's `bank` also carries `bankName` when the routing directory knows the number.
 *
 * Server side (`Authorization: Bearer sk_test_…`, see `processorSecretKey`):
 *   POST /v1/charges  (Idempotency-Key required) {token, amountCents, description?, metadata?}
 *        -> 201 {id: 'ch_…', status, amountCents, amountRefundedCents, declineCode?, returnCode?,
 *                method: {kind, brand?, last4, wallet?}, created}
 *        Cards: succeeded | declined (card_declined, expired_card, incorrect_cvc), a card token
 *        once only (token_already_used). Bank: processing, then settled or returned (R01).
 *        Same key and body: the stored answer; same key, other body: 409 idempotency_conflict.
 *   GET  /v1/tokens/:id -> {id, kind: 'card', card: {brand, last4, expMonth, expYear, wallet?}, used, created}
 *        or {id, kind: 'bank', bank: {last4, accountType, routingLast4, bankName?}, used, created};
 *        never the number. 404 no_such_token. (A bank charge's `method` also has accountType, bankName?.)
 *   GET  /v1/charges/:id, GET /v1/charges?idempotency_key=… -> {data: [charge]}
 *   POST /v1/refunds  (Idempotency-Key required) {charge, amountCents?} -> 201 {id: 're_…', …}
 *   GET  /v1/events?since=<cursor> -> {data: [{id, type: 'charge.settled'|'charge.returned',
 *        charge, created}], nextCursor}
 *   Webhooks: each event, as one element of `data` above, is also POSTed to the merchant's
 *        `webhookUrl`, signed (`Billpay-Signature: t=…,v1=…`, see webhooks.ts); once, no retries.
 *   GET  /v1/payouts/:date (YYYY-MM-DD) -> {date, amountCents, lines: [{type: 'charge'|'refund'|'return',
 *        id, charge, amountCents (signed), method}]}: the settlement report of that day's payout
 *        (see payouts.ts); 400 invalid_request for a date that is not a day of the calendar.
 *   POST /v1/sandbox/clock {advanceDays} -> {now}: moves the processor's clock (sandbox only).
 *
 *   GET  /v1/health -> {status: 'ok', processor: 'sandbox'}, or 503 not_ready (param: database) when
 *        its store does not answer (readiness); GET /v1/health/live -> {status: 'ok'} (liveness).
 *
 * Hosted card page (see hosted.ts and ../../hosted/): GET /hosted/card?key=pk_test_…&origin=<parent
 * origin>&lang=en|es, with /hosted/card.js and /hosted/card.css. The parent origin must be one the
 * practice allows (or the practice API's own). postMessage, only with that origin:
 *   frame -> parent: {type: 'billpay:ready'}, {type: 'billpay:resize', height},
 *                    {type: 'billpay:change', complete, brand?},
 *                    {type: 'billpay:token', token: {id, kind, card: {brand, last4, expMonth, expYear}}},
 *                    {type: 'billpay:error', errors: [{field, code}]}
 *   parent -> frame: {type: 'billpay:tokenize', reusable?: true},
 *                    {type: 'billpay:theme', values: {accent?, text?, background?, radius?, fontFamily?}}
 */
import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { routePath } from 'hono/route';
import * as z from 'zod/mini';
import { BankTokenRequestSchema, CardTokenRequestSchema, IsoDateSchema, WalletTokenRequestSchema } from '@billpay/sdk';
import { ChargeRequestSchema, RefundRequestSchema, SandboxClockRequestSchema } from '@billpay/sdk/processor';
import { limitBodies } from '../../edge/body-limit.js';
import { proxyTrust, socketAddress, warnOfUntrustedForwarding, type ProxySettings } from '../../edge/client-address.js';
import { processorHeaders } from '../../edge/headers.js';
import { databaseCheck, readiness } from '../../edge/health.js';
import { refuseBadUrls, unstorableStringAt } from '../../edge/input.js';
import type { Logger } from '../../log.js';
import { runPeriodically } from '../../jobs/periodic.js';
import type { PracticeConfig } from '../../practices/practices.js';
import { addressKey, MIN_SECRET_LENGTH } from '../../security/secret.js';
import {
  chargeView,
  createCharge,
  createRefund,
  idempotently,
  listEvents,
  purgeIdempotencyKeys,
  processorRequestHash,
  settleDueCharges,
  type Answer,
} from './charges.js';
import { SandboxClock } from './clock.js';
import type { ProcessorDatabase } from './database.js';
import { ProcessorError } from './errors.js';
import { payoutOf } from './payouts.js';
import { HOSTED_CARD_PATH, mountHostedCard } from './hosted.js';
import { merchantOfPublishableKey, merchantOfSecretKey, vaultKey } from './keys.js';
import { describeToken, tokenizeBank, tokenizeCard, tokenizeWallet } from './tokens.js';
import { countTokenRequest, purgeTokenRequests } from './velocity.js';
import { deliverWebhooks, type WebhookUrlOf } from './webhooks.js';

export interface ProcessorOptions extends ProxySettings {
  readonly logger: Logger;
  readonly database: ProcessorDatabase;
  /** The merchants: each practice is one, named by its id in its keys. */
  readonly practices: ReadonlyMap<string, PracticeConfig>;
  /** The server secret the secret keys and the vault key are derived from. */
  readonly secret: string;
  /** The processor's clock; default the system clock. */
  readonly clock?: SandboxClock | undefined;
  /**
   * The practice API's public URL: pages on its origin (like the demo site) may embed the hosted
   * card page besides each practice's allowed origins. A function when known only once listening.
   */
  readonly apiPublicUrl?: string | (() => string | undefined) | undefined;
  /** The billing office console's origin, when it is another: its "Take a payment" dialog embeds the hosted card page too. */
  readonly consoleOrigin?: string | undefined;
  /** Tokenization requests one address may make in an hour (see `TOKEN_REQUESTS_PER_ADDRESS_PER_HOUR`). */
  readonly tokenRequestsPerHour?: number | undefined;
  /** How long readiness waits for the store before counting it down (default 2 000 ms). */
  readonly readinessTimeoutMs?: number | undefined;
  /** Where each merchant's events are pushed, signed (see webhooks.ts); default nowhere (polling only). */
  readonly webhookUrl?: WebhookUrlOf | undefined;
  /** How webhooks are sent; default `fetch` (tests deliver them in process). */
  readonly webhookFetch?: typeof globalThis.fetch | undefined;
}

type ProcessorEnv = { Variables: { merchantId: string } };

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export function createProcessorApp(options: ProcessorOptions): Hono<ProcessorEnv> {
  const { logger, practices } = options;
  if (options.secret.length < MIN_SECRET_LENGTH) throw new Error(`The server secret must be at least ${MIN_SECRET_LENGTH} characters.`);
  const db = options.database.db;
  const clock = options.clock ?? new SandboxClock();
  const keys = new Map<number, Buffer>();
  const keyOf = (version: number) => {
    let key = keys.get(version);
    if (!key) keys.set(version, (key = vaultKey(options.secret, version)));
    return key;
  };

  const app = new Hono<ProcessorEnv>();
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    if (!c.res.headers.has('cache-control')) c.header('cache-control', 'no-store');
    logger.info({
      event: 'processor_request',
      method: c.req.method,
      // The route pattern only: ids, keys and anything typed never reach the log.
      route: routePath(c as Context),
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    });
  });
  const proxies = proxyTrust(options);
  app.use('*', ...processorHeaders(proxies, HOSTED_CARD_PATH));
  app.use('*', warnOfUntrustedForwarding(proxies, logger, 'processor_forwarded_for_ignored'));
  app.use('*', limitBodies(() => new ProcessorError(413, 'payload_too_large', 'The request body is too large.')));
  app.use(
    '*',
    refuseBadUrls(
      (fault) => new ProcessorError(400, 'invalid_request', `The request's ${fault === 'path' ? 'path' : 'query string'} is not valid: percent-encoding must spell UTF-8 text, without NUL characters.`),
    ),
  );

  // Readiness (its store answers) and liveness (the process answers), as the practice API's.
  const ready = readiness({ database: databaseCheck(db) }, options.readinessTimeoutMs);
  app.get('/v1/health', async (c) => {
    if ((await ready()).length) {
      logger.error({ event: 'processor_not_ready', down: 'database' });
      throw new ProcessorError(503, 'not_ready', 'Not ready: the database does not answer.', 'database');
    }
    return c.json({ status: 'ok', processor: 'sandbox' });
  });
  app.get('/v1/health/live', (c) => c.json({ status: 'ok' }));

  // Tokenization is called by browsers on any merchant's page: open CORS, no credentials. The
  // publishable key only says which merchant; what it can do (make tokens) needs no secret.
  app.use('/v1/tokens/*', async (c, next) => {
    // Reading a token back is the merchant's server's business (secret key, below), not a browser's.
    if (c.req.method === 'GET') return next();
    if (c.req.method === 'OPTIONS') {
      return new Response(null, {
        status: 204,
        headers: {
          'access-control-allow-origin': '*',
          'access-control-allow-methods': 'POST, OPTIONS',
          'access-control-allow-headers': 'Content-Type, X-Billpay-Key',
          'access-control-max-age': '600',
        },
      });
    }
    c.header('access-control-allow-origin', '*');
    const merchantId = merchantOfPublishableKey(c.req.header('x-billpay-key') ?? '');
    if (!merchantId || !practices.has(merchantId)) {
      throw new ProcessorError(401, 'invalid_publishable_key', 'Send a valid publishable key in the X-Billpay-Key header.');
    }
    c.set('merchantId', merchantId);
    // Against card testing: every tokenization request counts against its address (a keyed hash).
    const address = proxies.clientAddress(socketAddress(c as Context<ProcessorEnv>), c.req.header('x-forwarded-for'));
    try {
      await countTokenRequest(db, addressKey(options.secret, address), clock.now(), options.tokenRequestsPerHour);
    } catch (error) {
      // Refusals are kept in the log (the address never: only that one was refused, and when).
      if (error instanceof ProcessorError) logger.info({ event: 'tokenization_refused', merchant: merchantId, code: error.code });
      throw error;
    }
    await next();
  });

  const vault = (c: Context<ProcessorEnv>) => ({ db, vaultKey: keyOf(1), merchantId: c.get('merchantId'), now: clock.now() });
  app.post('/v1/tokens/card', async (c) => c.json(await tokenizeCard(vault(c), await readBody(c, CardTokenRequestSchema)), 201));
  app.post('/v1/tokens/bank', async (c) => c.json(await tokenizeBank(vault(c), await readBody(c, BankTokenRequestSchema)), 201));
  app.post('/v1/tokens/wallet', async (c) => c.json(await tokenizeWallet(vault(c), await readBody(c, WalletTokenRequestSchema)), 201));

  const secretKey: MiddlewareHandler<ProcessorEnv> = async (c, next) => {
    const bearer = /^Bearer (\S+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    const merchantId = bearer ? merchantOfSecretKey(options.secret, bearer) : undefined;
    if (!merchantId || !practices.has(merchantId)) {
      throw new ProcessorError(401, 'invalid_api_key', 'Send your secret key as `Authorization: Bearer sk_test_…`.');
    }
    c.set('merchantId', merchantId);
    await next();
  };
  for (const path of ['/v1/charges', '/v1/charges/*', '/v1/refunds', '/v1/events', '/v1/payouts/*', '/v1/sandbox/*']) app.use(path, secretKey);

  app.get('/v1/tokens/:id', secretKey, async (c) => c.json(await describeToken(db, c.get('merchantId'), c.req.param('id'))));

  const idempotent = async (c: Context<ProcessorEnv>, route: string, body: unknown, work: Parameters<typeof idempotently>[5]) => {
    const key = c.req.header('idempotency-key');
    if (!key || !IDEMPOTENCY_KEY.test(key)) {
      throw new ProcessorError(400, 'idempotency_key_required', 'Send an Idempotency-Key header (1 to 255 visible characters).');
    }
    const answer: Answer = await idempotently(db, c.get('merchantId'), key, processorRequestHash(route, body), clock.now(), work);
    return c.json(answer.body as object, answer.status);
  };
  const chargeContext = (c: Context<ProcessorEnv>) => ({
    merchantId: c.get('merchantId'),
    idempotencyKey: c.req.header('idempotency-key') ?? '',
    vaultKey: keyOf,
    now: clock.now(),
  });

  app.post('/v1/charges', async (c) => {
    const input = await readBody(c, ChargeRequestSchema);
    return idempotent(c, 'charges', input, (trx) => createCharge(trx, chargeContext(c), input));
  });

  app.get('/v1/charges', async (c) => {
    const key = c.req.query('idempotency_key');
    if (!key) throw new ProcessorError(400, 'invalid_request', 'Name the charge by its idempotency_key.', 'idempotency_key');
    const rows = await db.selectFrom('charges').selectAll().where('merchant_id', '=', c.get('merchantId')).where('idempotency_key', '=', key).execute();
    return c.json({ data: rows.map(chargeView) });
  });

  app.get('/v1/charges/:id', async (c) => {
    const row = await db.selectFrom('charges').selectAll().where('merchant_id', '=', c.get('merchantId')).where('id', '=', c.req.param('id')).executeTakeFirst();
    if (!row) throw new ProcessorError(404, 'no_such_charge', 'There is no such charge.');
    return c.json(chargeView(row));
  });

  app.post('/v1/refunds', async (c) => {
    const input = await readBody(c, RefundRequestSchema);
    return idempotent(c, 'refunds', input, (trx) => createRefund(trx, chargeContext(c), input));
  });

  app.get('/v1/events', async (c) => {
    const since = c.req.query('since') ?? '0';
    if (!/^\d{1,10}$/.test(since)) throw new ProcessorError(400, 'invalid_request', 'since must be a cursor from an earlier answer.', 'since');
    return c.json(await listEvents(db, c.get('merchantId'), Number(since)));
  });

  app.get('/v1/payouts/:date', async (c) => {
    const date = c.req.param('date');
    if (!IsoDateSchema.safeParse(date).success) throw new ProcessorError(400, 'invalid_request', 'Name the payout by its day, as YYYY-MM-DD.', 'date');
    return c.json(await payoutOf(db, c.get('merchantId'), date));
  });

  app.post('/v1/sandbox/clock', async (c) => {
    const { advanceDays } = await readBody(c, SandboxClockRequestSchema);
    clock.advanceDays(advanceDays);
    // Whatever became due settles now, so a test need not wait for the timer.
    await settleAndPush({ ...options, clock });
    return c.json({ now: clock.now().toISOString() });
  });

  const apiPublicUrl = options.apiPublicUrl;
  mountHostedCard(app, practices, typeof apiPublicUrl === 'function' ? apiPublicUrl : () => apiPublicUrl, options.consoleOrigin);

  app.notFound((c) => c.json({ error: { code: 'not_found', message: 'Not found.' } }, 404));

  app.onError((error, c) => {
    if (error instanceof ProcessorError) {
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
      return c.json(error.body, error.status);
    }
    // A database error's message can quote the statement's values; only its SQLSTATE is logged.
    const sqlState = (error as { code?: unknown }).code;
    logger.error({
      event: 'processor_error',
      route: routePath(c as Context),
      error: error.name,
      ...(typeof sqlState === 'string' ? { sqlState } : {}),
    });
    return c.json({ error: { code: 'internal', message: 'Something went wrong on our side. Please try again.' } }, 500);
  });

  return app;
}

/**
 * Settles due bank debits every `intervalMs` (see `runPeriodically`), and every `purgeIntervalMs`
 * (default 10 minutes) deletes Idempotency-Key answers older than a day.
 */
export function startSettlementTimer(options: SettlementOptions & { readonly intervalMs?: number; readonly purgeIntervalMs?: number }): { stop(): Promise<void> } {
  const purgeEveryMs = options.purgeIntervalMs ?? 10 * 60_000;
  let lastPurge = Number.NEGATIVE_INFINITY;
  return runPeriodically(
    'settlement',
    async () => {
      await settleAndPush(options);
      const now = options.clock.now();
      if (now.getTime() - lastPurge >= purgeEveryMs) {
        lastPurge = now.getTime();
        const purged = await purgeIdempotencyKeys(options.database.db, now);
        if (purged) options.logger.info({ event: 'processor_idempotency_keys_purged', count: purged });
        await purgeTokenRequests(options.database.db, now);
      }
    },
    { intervalMs: options.intervalMs, logger: options.logger, runNow: false },
  );
}

type SettlementOptions = Pick<ProcessorOptions, 'database' | 'secret' | 'logger' | 'webhookUrl' | 'webhookFetch'> & { readonly clock: SandboxClock };

/** Settles the bank debits due by the sandbox's clock, then pushes the events that made. */
async function settleAndPush(options: SettlementOptions): Promise<void> {
  const events = await settleDueCharges(options.database.db, (version) => vaultKey(options.secret, version), options.clock.now());
  if (options.webhookUrl) await deliverWebhooks(events, { urlFor: options.webhookUrl, secret: options.secret, logger: options.logger, fetch: options.webhookFetch });
}

/**
 * The body as JSON, checked against a wire schema. A refusal names the first field at fault in
 * `param`; nothing of the body is echoed or logged (a JSON syntax error quotes the input). The
 * app's body limit has already refused (413) and bounds what is read here.
 */
async function readBody<S extends z.ZodMiniType>(c: Context<ProcessorEnv>, schema: S): Promise<z.infer<S>> {
  if (!JSON_TYPE.test(c.req.header('content-type') ?? '')) {
    throw new ProcessorError(415, 'unsupported_media_type', 'Send the request body as JSON (Content-Type: application/json).');
  }
  let text: string;
  try {
    text = await c.req.text();
  } catch {
    throw new ProcessorError(400, 'invalid_request', 'The request body could not be read.');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ProcessorError(400, 'invalid_request', 'The request body is not valid JSON.');
  }
  const unstorable = unstorableStringAt(data);
  if (unstorable) {
    const param = unstorable.map(String).join('.');
    throw new ProcessorError(400, 'invalid_request', `${param || 'The body'} contains characters that cannot be accepted (NUL, an unpaired surrogate).`, param || undefined);
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const param = issue?.path.map(String).join('.');
    throw new ProcessorError(400, 'invalid_request', param ? `${param} is missing or invalid.` : 'The request body is invalid.', param || undefined);
  }
  return result.data;
}
