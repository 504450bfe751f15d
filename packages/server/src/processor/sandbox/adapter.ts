import {
  ChargeListSchema,
  ChargeSchema,
  PayoutSchema,
  ProcessorErrorBodySchema,
  ProcessorEventListSchema,
  ProcessorEventSchema,
  RefundSchema,
  TokenDetailsSchema,
  type Charge,
  type ChargeRequest as SandboxChargeRequest,
  type ProcessorEvent as SandboxEvent,
  type TokenDetails,
} from '@billpay/sdk/processor';
import type * as z from 'zod/mini';
import {
  ProcessorRejectedError,
  ProcessorUnavailableError,
  WebhookRefusedError,
  type ChargeRequest,
  type ProcessorAdapter,
  type ProcessorCharge,
  type ProcessorEvent,
  type ProcessorToken,
} from '../port.js';
import { processorSecretKey, publishableKeyFor, webhookSigningSecret } from './keys.js';
import { checkSignature, SIGNATURE_HEADER } from './webhooks.js';

export interface SandboxAdapterOptions {
  /** The sandbox's base URL as this server reaches it, e.g. http://127.0.0.1:8788. */
  readonly url: string;
  /** Its origin as browsers reach it (tokenization, the hosted card page); default `url`. */
  readonly publicUrl?: string | undefined;
  /** The server secret each practice's sandbox keys derive from (see keys.ts). */
  readonly secret: string;
  readonly fetch?: typeof globalThis.fetch | undefined;
  /** Milliseconds before one call gives up. */
  readonly timeoutMs?: number | undefined;
}

/**
 * The sandbox processor behind the port: its wire contract (`@billpay/sdk/processor`) mapped to
 * the port's types. Server to server with the practice's secret key and an Idempotency-Key;
 * billpay's payment id rides in the charge's metadata as `payment`.
 */
export function createSandboxAdapter(options: SandboxAdapterOptions): ProcessorAdapter {
  const doFetch = options.fetch ?? globalThis.fetch;
  const call = async <S extends z.ZodMiniType>(
    practiceId: string,
    path: string,
    schema: S,
    init: { method?: string; body?: unknown; idempotencyKey?: string } = {},
  ): Promise<z.infer<S>> => {
    let response: Response;
    try {
      response = await doFetch(new URL(path, options.url), {
        method: init.method ?? 'GET',
        headers: {
          authorization: `Bearer ${processorSecretKey(options.secret, practiceId)}`,
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(init.idempotencyKey ? { 'idempotency-key': init.idempotencyKey } : {}),
        },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
    } catch (error) {
      throw new ProcessorUnavailableError(`The processor could not be reached (${(error as Error).name}).`);
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (response.status >= 500 || response.status === 429) {
      throw new ProcessorUnavailableError(`The processor answered ${response.status}.`);
    }
    if (!response.ok) {
      const refusal = ProcessorErrorBodySchema.safeParse(body);
      const error = refusal.success ? refusal.data.error : { code: `http_${response.status}`, message: 'Refused.' };
      throw new ProcessorRejectedError(error.code, error.message);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new ProcessorUnavailableError('The processor sent an answer outside its contract.');
    return parsed.data;
  };
  const publicUrl = options.publicUrl ?? options.url;

  return {
    kind: 'sandbox',
    token: async (practiceId, tokenId) => tokenOf(await call(practiceId, `/v1/tokens/${encodeURIComponent(tokenId)}`, TokenDetailsSchema)),
    charge: async (practiceId, idempotencyKey, request) =>
      chargeOf(await call(practiceId, '/v1/charges', ChargeSchema, { method: 'POST', body: sandboxChargeRequest(request), idempotencyKey })),
    findCharge: async (practiceId, idempotencyKey) => {
      const list = await call(practiceId, `/v1/charges?idempotency_key=${encodeURIComponent(idempotencyKey)}`, ChargeListSchema);
      return list.data[0] && chargeOf(list.data[0]);
    },
    refund: async (practiceId, idempotencyKey, request) => {
      const body = { charge: request.chargeId, ...(request.amountCents === undefined ? {} : { amountCents: request.amountCents }) };
      const refund = await call(practiceId, '/v1/refunds', RefundSchema, { method: 'POST', body, idempotencyKey });
      return { id: refund.id, chargeId: refund.charge, amountCents: refund.amountCents };
    },
    events: async (practiceId, since) => {
      const list = await call(practiceId, `/v1/events?since=${encodeURIComponent(since)}`, ProcessorEventListSchema);
      return { events: list.data.map(eventOf), nextCursor: list.nextCursor };
    },
    payout: async (practiceId, date) => {
      const payout = await call(practiceId, `/v1/payouts/${encodeURIComponent(date)}`, PayoutSchema);
      return { date: payout.date, amountCents: payout.amountCents, lines: payout.lines.map((line) => ({ type: line.type, id: line.id, chargeId: line.charge, amountCents: line.amountCents, method: line.method })) };
    },
    browser: (practiceId) => ({
      processorUrl: publicUrl,
      publishableKey: publishableKeyFor(practiceId),
      hostedCardUrl: new URL('/hosted/card', publicUrl).href,
    }),
    webhookEvents: (practiceId, webhook) => {
      const fault = checkSignature(webhookSigningSecret(options.secret, practiceId), webhook.headers.get(SIGNATURE_HEADER), webhook.body, webhook.now);
      if (fault === 'stale_webhook') throw new WebhookRefusedError(fault, 'The webhook was signed too long ago.');
      if (fault) throw new WebhookRefusedError(fault, `The ${SIGNATURE_HEADER} header does not sign this body with the practice's webhook secret.`);
      let data: unknown;
      try {
        data = JSON.parse(webhook.body);
      } catch {
        throw new WebhookRefusedError('invalid_webhook', 'The webhook body is not JSON.');
      }
      const event = ProcessorEventSchema.safeParse(data);
      if (!event.success) throw new WebhookRefusedError('invalid_webhook', 'The webhook body is not an event.');
      return [eventOf(event.data)];
    },
  };
}

/** What the sandbox is asked to charge: the same wire request for the same port request, always. */
function sandboxChargeRequest(request: ChargeRequest): SandboxChargeRequest {
  return { token: request.token, amountCents: request.amountCents, description: request.description, metadata: { payment: request.reference } };
}

function tokenOf(token: TokenDetails): ProcessorToken {
  if (token.kind === 'bank') return { kind: 'bank', bank: { last4: token.bank.last4, accountType: token.bank.accountType, bankName: token.bank.bankName } };
  return { kind: 'card', card: { brand: token.card.brand, last4: token.card.last4, wallet: token.card.wallet }, reusable: token.reusable === true, used: token.used };
}

function chargeOf(charge: Charge): ProcessorCharge {
  return {
    id: charge.id,
    status: charge.status,
    amountCents: charge.amountCents,
    declineCode: charge.declineCode,
    returnCode: charge.returnCode,
    method: charge.method,
    reference: charge.metadata?.payment,
  };
}

function eventOf(event: SandboxEvent): ProcessorEvent {
  return { id: event.id, type: event.type, charge: chargeOf(event.charge) };
}
