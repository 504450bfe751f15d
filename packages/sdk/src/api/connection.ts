import ky, { type KyInstance } from 'ky';
import { PracticeSchema, type Practice } from '../schemas.js';
import { request } from './request.js';

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

/**
 * What every call may take besides its input. `signal` cancels the call: an aborted call rejects
 * with the signal's reason (an `AbortError` `DOMException` unless `abort(reason)` named another),
 * never with a `NetworkError`, and is not retried.
 */
export interface CallOptions {
  readonly signal?: AbortSignal | undefined;
}

/**
 * A connection to one practice's billing API: its HTTP transport, and the session a lookup opens.
 * The operations (`lookupBill`, `createPayment`, `getPlanOptions`, ...) are functions that take it
 * first, so a page bundles only the ones it calls. Share one connection between the parts of a page
 * that should share a session.
 */
export interface BillPayConnection {
  readonly options: Readonly<BillPayClientOptions>;
  /** Whether this connection holds a session. */
  readonly hasSession: boolean;
}

/** What the operations reach behind a connection; not exported from the package. */
export interface ConnectionState {
  readonly http: KyInstance;
  /** The session token: in this object's memory only, never in storage or a URL. */
  token: string | undefined;
  practice: Promise<Practice> | undefined;
}

const states = new WeakMap<BillPayConnection, ConnectionState>();

/** A connection to the billing API of `options.practice` at `options.api`. */
export function createBillPayConnection(options: BillPayClientOptions): BillPayConnection {
  if (!options.api) throw new TypeError('createBillPayClient: `api` is required');
  if (!options.practice) throw new TypeError('createBillPayClient: `practice` is required');
  const state: ConnectionState = {
    http: ky.create({
      baseUrl: options.api.endsWith('/') ? options.api : `${options.api}/`,
      timeout: options.timeout ?? 15_000,
      retry: { limit: options.retries ?? 2, jitter: true },
      credentials: 'omit',
      ...(options.fetch ? { fetch: options.fetch } : {}),
    }),
    token: undefined,
    practice: undefined,
  };
  const connection: BillPayConnection = {
    options,
    get hasSession() {
      return state.token !== undefined;
    },
  };
  states.set(connection, state);
  return connection;
}

/** The transport and session behind a connection made by `createBillPayConnection`. */
export function stateOf(connection: BillPayConnection): ConnectionState {
  const state = states.get(connection);
  if (!state) throw new TypeError('Expected a connection made by createBillPayConnection');
  return state;
}

/**
 * What the widget may show about the practice: name, logo, billing contact, policies. Loaded once
 * per connection (a failed load is tried again next time).
 */
export function getPractice(connection: BillPayConnection, { signal }: CallOptions = {}): Promise<Practice> {
  const state = stateOf(connection);
  // Shared by every caller, so no one caller's signal cancels it; each caller stops waiting on its own.
  state.practice ??= request(state.http, `v1/practices/${encodeURIComponent(connection.options.practice)}`, PracticeSchema).catch((error: unknown) => {
    state.practice = undefined;
    throw error;
  });
  return untilAborted(state.practice, signal);
}

/** `promise`, or its signal's reason as soon as the signal aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason as Error);
    if (signal.aborted) {
      abort();
      return;
    }
    signal.addEventListener('abort', abort, { once: true });
    void promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}
