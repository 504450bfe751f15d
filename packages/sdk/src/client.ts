import ky, { isHTTPError, isNetworkError as isKyNetworkError, isTimeoutError, type KyInstance, type Options } from 'ky';
import * as z from 'zod/mini';
import { ApiError } from './errors/api-error.js';
import { InvalidResponseError } from './errors/invalid-response-error.js';
import { NetworkError } from './errors/network-error.js';
import { ApiErrorBodySchema, HealthSchema, PracticeSchema, type Health, type Practice } from './schemas.js';

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

  return {
    options,
    getPractice: () => request(http, practicePath, PracticeSchema),
    health: () => request(http, 'v1/health', HealthSchema),
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
      const { code, message, issues } = parsed.data.error;
      return new ApiError(status, code, message, issues ?? [], Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
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
