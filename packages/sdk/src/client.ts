import ky, { isHTTPError, isNetworkError as isKyNetworkError, isTimeoutError, type KyInstance, type Options } from 'ky';
import * as z from 'zod/mini';
import { normalizeBillId } from './bill-id.js';
import { PlanPolicyError } from './errors/plan-errors.js';
import { PlanOptionsSchema, PlanPayoffSchema, PlanSchema, type Plan, type PlanOptions, type PlanPayoff, type PlanRequest } from './plan-schemas.js';
import { ApiError, isApiError } from './errors/api-error.js';
import { AuthorizationRequiredError } from './errors/authorization-error.js';
import { TokenizationError } from './errors/tokenization-error.js';
import { InvalidResponseError } from './errors/invalid-response-error.js';
import { NetworkError } from './errors/network-error.js';
import { LockedOutError } from './errors/locked-out-error.js';
import {
  AmountNotAllowedError,
  CardExpiredError,
  InsufficientFundsError,
  PaymentDeclinedError,
} from './errors/payment-errors.js';
import { LookupFailedError } from './errors/lookup-failed-error.js';
import { SessionExpiredError } from './errors/session-expired-error.js';
import { EstimateSchema, PriceListSchema, type Estimate, type EstimateRequest, type PriceList } from './estimate-schemas.js';
import {
  AccountSchema,
  ApiErrorBodySchema,
  HealthSchema,
  LookupResponseSchema,
  PracticeSchema,
  PaymentDeclineCodeSchema,
  PaymentSchema,
  StatementSchema,
  type Account,
  type DebitAuthorization,
  type Payment,
  type Health,
  type Practice,
  type Statement,
} from './schemas.js';
import {
  BankTokenSchema,
  CardTokenSchema,
  type BankToken,
  type BankTokenRequest,
  type CardToken,
  type CardTokenRequest,
  type WalletTokenRequest,
} from './processor-schemas.js';

export interface PayInput {
  readonly amountCents: number;
  readonly token: string;
  readonly statementId?: string | undefined;
  /** The Nacha authorization shown and accepted, for a bank account. */
  readonly authorization?: DebitAuthorization | undefined;
  /** Repeat an earlier attempt under its key (e.g. after the page lost the answer). */
  readonly idempotencyKey?: string | undefined;
}

/** A good-faith estimate request; the client names the practice. */
export type EstimateRequestInput = Omit<EstimateRequest, 'practice'>;

/** Find a bill by what a paper statement gives, or by account number and last name (guest pay). */
export type LookupInput = (
  | { readonly billId: string; readonly dateOfBirth: string }
  | { readonly accountNumber: string; readonly lastName: string }
) & {
  /** The amount due on a statement, to get through a lockout (see `LockedOutError.stepUp`). */
  readonly amountDueCents?: number | undefined;
};

/** A payment plan to create (see `PlanRequest`), and the key of an attempt being repeated. */
export type CreatePlanInput = PlanRequest & { readonly idempotencyKey?: string | undefined };

/** Pays off what a plan has left, in one payment. */
export interface PayOffPlanInput {
  readonly token: string;
  /** The Nacha authorization shown and accepted, for a bank account. */
  readonly authorization?: DebitAuthorization | undefined;
  readonly idempotencyKey?: string | undefined;
}

export interface BillPayClientOptions {
  /** Base URL of the billing API, e.g. "https://billing.example.org". */
  readonly api: string;
  /** The practice's id, e.g. "harbor-point". */
  readonly practice: string;
  /** A `fetch` to use instead of the global one (tests, Storybook's in-memory API, Node). */
  readonly fetch?: typeof globalThis.fetch;
  /** Milliseconds before one attempt gives up. Default 15 000. */
  readonly timeout?: number;
  /** How many times a safe request is retried after a network error, 429 or 5xx. Default 2. */
  readonly retries?: number;
}

export interface BillPayClient {
  readonly options: Readonly<BillPayClientOptions>;
  /** What the widget may show about the practice: name, logo, billing contact, policies. */
  getPractice(): Promise<Practice>;
  /** Liveness of the API and which database it runs on. */
  health(): Promise<Health>;
  /**
   * Finds a bill and opens a session scoped to its account. The session token is kept in this
   * client's memory only: never in storage, never in a URL. Never retried automatically, since
   * every attempt counts towards the lockout.
   * @throws LookupFailedError, LockedOutError, ApiError, NetworkError
   */
  lookup(input: LookupInput): Promise<Account>;
  /** The account the session is scoped to. @throws SessionExpiredError */
  getAccount(): Promise<Account>;
  /** One statement of that account, itemized. @throws SessionExpiredError */
  getStatement(id: string): Promise<Statement>;
  /**
   * Pays `amountCents` of the account with a processor token. One idempotency key is made per
   * call (or pass the key of an attempt being repeated): network errors, 429 and 5xx are retried
   * with backoff under that same key, so the patient is charged at most once.
   * @throws PaymentDeclinedError (CardExpiredError, InsufficientFundsError), AmountNotAllowedError, SessionExpiredError,
   *   AuthorizationRequiredError (a bank account without an accepted Nacha authorization)
   */
  pay(input: PayInput): Promise<Payment>;
  /**
   * What the plan builder needs: the practice's plan policy, the balance a plan would cover, the
   * server's today, the first-payment window, and whether the account may have a plan now.
   */
  getPlanOptions(): Promise<PlanOptions>;
  /**
   * Creates a payment plan for the account's balance. Idempotent like `pay`: one key per call (or
   * the key of the attempt being repeated), retried under that key after network errors, 429 and
   * 5xx, so repeating never makes a second plan.
   * @throws PlanPolicyError (a rule of the practice's policy, with the nearest choices that work),
   *   ApiError `plan_exists` (409), `autopay_method_unavailable` (422), SessionExpiredError
   */
  createPlan(input: CreatePlanInput): Promise<Plan>;
  /** A plan of the account, with every installment and what became of it. */
  getPlan(id: string): Promise<Plan>;
  /** Cancels a plan: no further payment is taken (one already being charged completes). Repeating is harmless. */
  cancelPlan(id: string): Promise<Plan>;
  /**
   * Pays what a plan has left in one payment (idempotent like `pay`); the plan is then paid off.
   * @throws PaymentDeclinedError, AmountNotAllowedError, ApiError `plan_not_active`
   */
  payOffPlan(id: string, input: PayOffPlanInput): Promise<PlanPayoff>;
  /** A payment's receipt. */
  getPayment(id: string): Promise<Payment>;
  /** The practice's self-pay prices, providers and what each service brings with it. No session needed. */
  getPriceList(): Promise<PriceList>;
  /**
   * Asks for a good-faith estimate (uninsured or self-pay patients) and returns it as issued. Not
   * retried automatically: each attempt issues an estimate. @throws ApiError (`invalid_request`
   * with issues naming the fields), NetworkError
   */
  requestEstimate(input: EstimateRequestInput): Promise<Estimate>;
  /**
   * An estimate issued earlier, by its number and the patient's date of birth (as on the estimate).
   * No session needed; failures are limited like lookups. @throws ApiError (`estimate_lookup_failed`:
   * no such estimate, or another date of birth; one answer for both), LockedOutError
   */
  findEstimate(input: { readonly estimateId: string; readonly dateOfBirth: string }): Promise<Estimate>;
  /**
   * An estimate linked to the session's account, by its id (e.g. from a dispute notice).
   * @throws ApiError (`estimate_not_found`), SessionExpiredError
   */
  getEstimate(id: string): Promise<Estimate>;
  /**
   * Sends card details straight to the practice's processor (never to the billing API) and
   * returns its token, for the `direct` capture mode. @throws TokenizationError, NetworkError
   */
  tokenizeCard(input: CardTokenRequest): Promise<CardToken>;
  /** Sends bank account details straight to the processor and returns its token. */
  tokenizeBank(input: BankTokenRequest): Promise<BankToken>;
  /**
   * Exchanges what a wallet (Apple Pay, Google Pay) handed the Payment Request API for a card
   * token at the processor. @throws TokenizationError, NetworkError
   */
  tokenizeWallet(input: WalletTokenRequest): Promise<CardToken>;
  /** Ends the session on the server and forgets the token. */
  signOut(): Promise<void>;
  /** Whether this client holds a session. */
  readonly hasSession: boolean;
  /** A new client with some options replaced. */
  extend(options: Partial<BillPayClientOptions>): BillPayClient;
}

export function createBillPayClient(options: BillPayClientOptions): BillPayClient {
  if (!options.api) throw new TypeError('createBillPayClient: `api` is required');
  if (!options.practice) throw new TypeError('createBillPayClient: `practice` is required');
  const http = ky.create({
    baseUrl: options.api.endsWith('/') ? options.api : `${options.api}/`,
    timeout: options.timeout ?? 15_000,
    retry: { limit: options.retries ?? 2, jitter: true },
    credentials: 'omit',
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  const practicePath = `v1/practices/${encodeURIComponent(options.practice)}`;
  let token: string | undefined;
  let practice: Promise<Practice> | undefined;
  const loadPractice = () => {
    practice ??= request(http, practicePath, PracticeSchema).catch((error: unknown) => {
      practice = undefined;
      throw error;
    });
    return practice;
  };

  /** Card and bank details go to the processor's origin named by the practice, with its key. */
  const tokenize = async <S extends z.ZodMiniType>(path: string, body: unknown, schema: S): Promise<z.infer<S>> => {
    const { payments } = await loadPractice();
    if (!payments) throw new TokenizationError('payments_unavailable', 'This practice does not take payments online.');
    const processor = http.extend({ baseUrl: payments.processorUrl.endsWith('/') ? payments.processorUrl : `${payments.processorUrl}/`, retry: 0 });
    try {
      return await request(processor, path, schema, { method: 'post', json: body, headers: { 'x-billpay-key': payments.publishableKey } });
    } catch (error) {
      if (isApiError(error)) {
        throw new TokenizationError(error.code, error.message, error.param ?? error.issues[0]?.path[0]?.toString());
      }
      throw error;
    }
  };

  const bearer = (): Record<string, string> => {
    if (!token) throw new SessionExpiredError();
    return { authorization: `Bearer ${token}` };
  };
  const authorized = (): Options => ({ headers: bearer() });
  const withSession = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof SessionExpiredError) token = undefined;
      throw error;
    }
  };

  return {
    options,
    getPractice: loadPractice,
    health: () => request(http, 'v1/health', HealthSchema),
    async lookup(input) {
      token = undefined;
      // "2025 1104 0018" and "2025-1104-0018" are sent as the 12 digits the API expects.
      const normalized = 'billId' in input ? normalizeBillId(input.billId, 'none') : undefined;
      const body = normalized?.ok ? { ...input, billId: normalized.billId } : input;
      const response = await request(http, 'v1/lookups', LookupResponseSchema, {
        method: 'post',
        json: { practice: options.practice, ...body },
        retry: 0,
      });
      token = response.token;
      return response.account;
    },
    getAccount: () => withSession(() => request(http, 'v1/account', AccountSchema, authorized())),
    getStatement: (id) =>
      withSession(() => request(http, `v1/statements/${encodeURIComponent(id)}`, StatementSchema, authorized())),
    pay: ({ amountCents, token, statementId, authorization, idempotencyKey = newIdempotencyKey() }) =>
      withSession(() =>
        request(http, 'v1/payments', PaymentSchema, {
          method: 'post',
          json: { amountCents, token, ...(statementId ? { statementId } : {}), ...(authorization ? { authorization } : {}) },
          headers: { ...bearer(), 'idempotency-key': idempotencyKey },
          // Safe to repeat: the server answers a repeated key with the first answer.
          retry: IDEMPOTENT_RETRY,
        }),
      ),
    getPlanOptions: () => withSession(() => request(http, 'v1/plans/options', PlanOptionsSchema, authorized())),
    createPlan: ({ idempotencyKey = newIdempotencyKey(), ...plan }) =>
      withSession(() =>
        request(http, 'v1/plans', PlanSchema, {
          method: 'post',
          json: plan,
          headers: { ...bearer(), 'idempotency-key': idempotencyKey },
          // Safe to repeat: the server answers a repeated key with the plan it made the first time.
          retry: IDEMPOTENT_RETRY,
        }),
      ),
    getPlan: (id) => withSession(() => request(http, `v1/plans/${encodeURIComponent(id)}`, PlanSchema, authorized())),
    cancelPlan: (id) =>
      withSession(() =>
        request(http, `v1/plans/${encodeURIComponent(id)}/cancel`, PlanSchema, { method: 'post', headers: bearer(), retry: IDEMPOTENT_RETRY }),
      ),
    payOffPlan: (id, { token, authorization, idempotencyKey = newIdempotencyKey() }) =>
      withSession(() =>
        request(http, `v1/plans/${encodeURIComponent(id)}/payoff`, PlanPayoffSchema, {
          method: 'post',
          json: { token, ...(authorization ? { authorization } : {}) },
          headers: { ...bearer(), 'idempotency-key': idempotencyKey },
          retry: IDEMPOTENT_RETRY,
        }),
      ),
    getPayment: (id) => withSession(() => request(http, `v1/payments/${encodeURIComponent(id)}`, PaymentSchema, authorized())),
    getPriceList: () => request(http, 'v1/price-list', PriceListSchema, { searchParams: { practice: options.practice } }),
    requestEstimate: (input) =>
      request(http, 'v1/estimates', EstimateSchema, { method: 'post', json: { ...input, practice: options.practice }, retry: 0 }),
    findEstimate: (input) =>
      request(http, 'v1/estimate-lookups', EstimateSchema, { method: 'post', json: { practice: options.practice, estimateId: input.estimateId, dateOfBirth: input.dateOfBirth }, retry: 0 }),
    getEstimate: (id) => withSession(() => request(http, `v1/estimates/${encodeURIComponent(id)}`, EstimateSchema, authorized())),
    tokenizeCard: (input) => tokenize('v1/tokens/card', input, CardTokenSchema),
    tokenizeBank: (input) => tokenize('v1/tokens/bank', input, BankTokenSchema),
    tokenizeWallet: (input) => tokenize('v1/tokens/wallet', input, CardTokenSchema),
    async signOut() {
      if (!token) return;
      const headers = bearer();
      token = undefined;
      try {
        await http.delete('v1/session', { headers, retry: 0 });
      } catch {
        // The token is forgotten either way; an unreachable server expires it after 15 idle minutes.
      }
    },
    get hasSession() {
      return token !== undefined;
    },
    extend: (more) => createBillPayClient({ ...options, ...more }),
  };
}

async function request<S extends z.ZodMiniType>(
  http: KyInstance,
  path: string,
  schema: S,
  init: Options = {},
): Promise<z.infer<S>> {
  let body: unknown;
  try {
    body = await http(path, init).json();
  } catch (error) {
    throw toBillPayError(error);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new InvalidResponseError(`The billing service sent an unexpected answer to ${path}.`, parsed.error.issues);
  }
  return parsed.data;
}

function toBillPayError(error: unknown): Error {
  if (isHTTPError(error)) {
    const { status, headers } = error.response;
    const retryAfter = Number(headers.get('retry-after'));
    const parsed = ApiErrorBodySchema.safeParse(error.data);
    if (parsed.success) {
      const { code, message, issues, retryAt } = parsed.data.error;
      const planRules = parsed.data.error.planRules;
      if (planRules?.[0]) return new PlanPolicyError([planRules[0], ...planRules.slice(1)]);
      if (code === 'lookup_failed') return new LookupFailedError(message);
      if (code === 'payment_declined') {
        const reason = PaymentDeclineCodeSchema.safeParse(parsed.data.error.declineCode);
        const paymentId = parsed.data.error.paymentId;
        if (!reason.success) return new PaymentDeclinedError('card_declined', message, paymentId);
        if (reason.data === 'expired_card') return new CardExpiredError(message, paymentId);
        if (reason.data === 'insufficient_funds') return new InsufficientFundsError(message, paymentId);
        return new PaymentDeclinedError(reason.data, message, paymentId);
      }
      if (code === 'amount_not_allowed') {
        return new AmountNotAllowedError(message, parsed.data.error.minimumCents, parsed.data.error.maximumCents);
      }
      if (code === 'authorization_required' || code === 'authorization_invalid') {
        return new AuthorizationRequiredError(code, message, parsed.data.error.param);
      }
      if (code === 'session_expired') return new SessionExpiredError(message);
      if (code === 'locked_out') {
        const at = retryAt ? new Date(retryAt) : new Date(Date.now() + (Number.isFinite(retryAfter) ? retryAfter : 900) * 1000);
        return new LockedOutError(Number.isNaN(at.getTime()) ? new Date(Date.now() + 900_000) : at, message, parsed.data.error.stepUp);
      }
      return new ApiError(
        status,
        code,
        message,
        issues ?? [],
        Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
        parsed.data.error.param,
      );
    }
    return new ApiError(status, `http_${status}`, `The billing service answered ${status}.`);
  }
  if (isKyNetworkError(error) || isTimeoutError(error)) {
    return new NetworkError(undefined, { cause: error });
  }
  if (error instanceof SyntaxError) {
    return new InvalidResponseError('The billing service sent a response that is not JSON.', [], { cause: error });
  }
  if (error instanceof TypeError) return new NetworkError(undefined, { cause: error });
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Retries for a POST the server answers once per Idempotency-Key (or that is harmless to repeat).
 * A 429 that is the API's own refusal (too many declines, a payment already in flight) is an
 * answer to show, not congestion to wait out: it is not retried, whatever its Retry-After says.
 */
const IDEMPOTENT_RETRY = {
  limit: 4,
  methods: ['post'],
  statusCodes: [408, 429, 500, 502, 503, 504],
  retryOnTimeout: true,
  jitter: true,
  maxRetryAfter: 10_000,
  shouldRetry: ({ error }: { error: Error }) => (isHTTPError(error) && error.response.status === 429 && ApiErrorBodySchema.safeParse(error.data).success ? false : undefined),
};

/** A fresh key for one payment attempt (RFC 4122 v4, from the platform's CSPRNG). */
function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
