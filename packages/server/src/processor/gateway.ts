import {
  ChargeListSchema,
  ChargeSchema,
  ProcessorErrorBodySchema,
  ProcessorEventListSchema,
  RefundSchema,
  TokenDetailsSchema,
  type Charge,
  type ChargeRequest,
  type ProcessorEventList,
  type Refund,
  type RefundRequest,
  type TokenDetails,
} from '@billpay/sdk/processor';
import type * as z from 'zod/mini';

/**
 * The practice API's side of the payment processor: charges server to server with the practice's
 * secret key and an idempotency key, reads what a token stands for before charging it, finds a
 * charge by that key after a crash, and reads the processor's events (bank debits settling or
 * coming back). A real processor can stand behind the same interface.
 */
export interface ProcessorGateway {
  /**
   * What a token stands for (card or bank; brand, last four, account type, bank), never the
   * number. A token the processor does not know is a `ProcessorRejectedError` (`no_such_token`).
   */
  token(practiceId: string, tokenId: string): Promise<TokenDetails>;
  /** Charges once per key: repeating a key returns the first charge, whatever happened between. */
  charge(practiceId: string, idempotencyKey: string, request: ChargeRequest): Promise<Charge>;
  findCharge(practiceId: string, idempotencyKey: string): Promise<Charge | undefined>;
  /** Refunds a charge (what is left of it without an amount), once per key. */
  refund(practiceId: string, idempotencyKey: string, request: RefundRequest): Promise<Refund>;
  events(practiceId: string, since: string): Promise<ProcessorEventList>;
}

/** The processor could not be reached, or failed: the payment stays pending and may be retried. */
export class ProcessorUnavailableError extends Error {
  override readonly name = 'ProcessorUnavailableError';
}

/** The processor refused the request itself (a bad or spent token): no money moved. */
export class ProcessorRejectedError extends Error {
  override readonly name = 'ProcessorRejectedError';

  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface HttpGatewayOptions {
  /** The processor's base URL, e.g. http://localhost:8788. */
  readonly url: string;
  readonly secretKeyFor: (practiceId: string) => string;
  readonly fetch?: typeof globalThis.fetch;
  /** Milliseconds before one call gives up. */
  readonly timeoutMs?: number;
}

export function createHttpGateway(options: HttpGatewayOptions): ProcessorGateway {
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
          authorization: `Bearer ${options.secretKeyFor(practiceId)}`,
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

  return {
    token: (practiceId, tokenId) => call(practiceId, `/v1/tokens/${encodeURIComponent(tokenId)}`, TokenDetailsSchema),
    charge: (practiceId, idempotencyKey, request) =>
      call(practiceId, '/v1/charges', ChargeSchema, { method: 'POST', body: request, idempotencyKey }),
    findCharge: async (practiceId, idempotencyKey) => {
      const list = await call(practiceId, `/v1/charges?idempotency_key=${encodeURIComponent(idempotencyKey)}`, ChargeListSchema);
      return list.data[0];
    },
    refund: (practiceId, idempotencyKey, request) => call(practiceId, '/v1/refunds', RefundSchema, { method: 'POST', body: request, idempotencyKey }),
    events: (practiceId, since) => call(practiceId, `/v1/events?since=${encodeURIComponent(since)}`, ProcessorEventListSchema),
  };
}
