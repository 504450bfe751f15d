import ky, { type KyInstance } from 'ky';
import type * as z from 'zod/mini';
import {
  AccountDetailSchema,
  AccountSearchSchema,
  AuditTrailSchema,
  EnrolmentSchema,
  FeeViewSchema,
  PasskeyChallengeSchema,
  RefundSchema,
  StaffSessionSchema,
  type AccountDetail,
  type AccountSearch,
  type AddFeeRequest,
  type AuditTrail,
  type Enrolment,
  type FeeView,
  type PasskeyChallenge,
  type PasswordSignIn,
  type Refund,
  type RefundRequest,
  type StaffSession,
  type WaiveFeeRequest,
} from '../admin-schemas.js';
import type { CallOptions } from './connection.js';
import { IDEMPOTENT_RETRY, request } from './request.js';

export interface ConsoleConnectionOptions {
  /** The console's origin (its API is on the same one), e.g. "https://billing.example.com". */
  readonly origin: string;
  readonly fetch?: typeof globalThis.fetch;
  /** Milliseconds before one attempt gives up. Default 15 000. */
  readonly timeout?: number;
}

/**
 * The billing office console's connection: same origin, the staff session in its HttpOnly cookie
 * (never readable here), and the session's CSRF token in memory, sent with every change.
 */
export interface ConsoleConnection {
  readonly options: Readonly<ConsoleConnectionOptions>;
  /** The session as last told by the server; undefined when signed out. */
  readonly session: StaffSession | undefined;
}

export interface ConsoleState {
  readonly http: KyInstance;
  session: StaffSession | undefined;
}

const states = new WeakMap<ConsoleConnection, ConsoleState>();

export function createConsoleConnection(options: ConsoleConnectionOptions): ConsoleConnection {
  const state: ConsoleState = {
    http: ky.create({
      baseUrl: options.origin.endsWith('/') ? options.origin : `${options.origin}/`,
      timeout: options.timeout ?? 15_000,
      retry: { limit: 2, jitter: true },
      credentials: 'same-origin',
      ...(options.fetch ? { fetch: options.fetch } : {}),
    }),
    session: undefined,
  };
  const connection: ConsoleConnection = {
    options,
    get session() {
      return state.session;
    },
  };
  states.set(connection, state);
  return connection;
}

/** The connection's own state (for the SDK's other console modules). */
export function stateOf(connection: ConsoleConnection): ConsoleState {
  const state = states.get(connection);
  if (!state) throw new TypeError('Expected a connection made by createConsoleConnection');
  return state;
}

export const csrf = (state: ConsoleState): Record<string, string> => (state.session ? { 'x-csrf-token': state.session.csrfToken } : {});

function post<S extends z.ZodMiniType>(connection: ConsoleConnection, path: string, schema: S, json: unknown, { signal }: CallOptions = {}): Promise<z.infer<S>> {
  const state = stateOf(connection);
  return request(state.http, path, schema, { method: 'post', json, headers: csrf(state), signal, retry: 0 });
}

async function opened(connection: ConsoleConnection, session: Promise<StaffSession>): Promise<StaffSession> {
  const state = stateOf(connection);
  state.session = await session;
  return state.session;
}

/** The enrolment link's first step: who is enrolling and a new authenticator key. */
export function startEnrolment(connection: ConsoleConnection, token: string, options?: CallOptions): Promise<Enrolment> {
  return post(connection, 'console/api/enrolment', EnrolmentSchema, { token }, options);
}

/** Completes enrolment with a password and the authenticator's first code; signs in. */
export function enrolWithPassword(connection: ConsoleConnection, input: { token: string; password: string; code: string }, options?: CallOptions): Promise<StaffSession> {
  return opened(connection, post(connection, 'console/api/enrolment/password', StaffSessionSchema, input, options));
}

export function enrolmentPasskeyOptions(connection: ConsoleConnection, token: string, options?: CallOptions): Promise<PasskeyChallenge> {
  return post(connection, 'console/api/enrolment/passkey/options', PasskeyChallengeSchema, { token }, options);
}

/** Completes enrolment with a new passkey (`response`: `startRegistration`'s answer); signs in. */
export function enrolWithPasskey(connection: ConsoleConnection, input: { token: string; challengeId: string; response: unknown }, options?: CallOptions): Promise<StaffSession> {
  return opened(connection, post(connection, 'console/api/enrolment/passkey', StaffSessionSchema, input, options));
}

export function signInWithPassword(connection: ConsoleConnection, input: PasswordSignIn, options?: CallOptions): Promise<StaffSession> {
  return opened(connection, post(connection, 'console/api/sign-in/password', StaffSessionSchema, input, options));
}

export function passkeySignInOptions(connection: ConsoleConnection, options?: CallOptions): Promise<PasskeyChallenge> {
  return post(connection, 'console/api/sign-in/passkey/options', PasskeyChallengeSchema, {}, options);
}

/** Signs in with a passkey (`response`: `startAuthentication`'s answer). */
export function signInWithPasskey(connection: ConsoleConnection, input: { challengeId: string; response: unknown }, options?: CallOptions): Promise<StaffSession> {
  return opened(connection, post(connection, 'console/api/sign-in/passkey', StaffSessionSchema, input, options));
}

/**
 * Where the browser goes to sign in through the practice's identity provider (single sign-on):
 * the server answers with a redirect to it, and it sends the browser back to `/console/` signed
 * in, or to `/console/sign-in?error=sso_<code>`. A path on the console's own origin.
 */
export function ssoSignInPath(practiceId: string): string {
  return `/console/api/sign-in/sso?practice=${encodeURIComponent(practiceId)}`;
}

/** The session of the cookie, if it is still live (each call also counts as use). */
export function getStaffSession(connection: ConsoleConnection, { signal }: CallOptions = {}): Promise<StaffSession> {
  return opened(connection, request(stateOf(connection).http, 'console/api/session', StaffSessionSchema, { signal }));
}

async function signOutAt(connection: ConsoleConnection, path: string): Promise<void> {
  const state = stateOf(connection);
  try {
    await state.http.post(path, { headers: csrf(state), retry: 0 });
  } finally {
    state.session = undefined;
  }
}

/** Ends this session. */
export function signOut(connection: ConsoleConnection): Promise<void> {
  return signOutAt(connection, 'console/api/sign-out');
}

/** Ends every session of the member of staff, on every device. */
export function signOutEverywhere(connection: ConsoleConnection): Promise<void> {
  return signOutAt(connection, 'console/api/sign-out/everywhere');
}

/** Forgets the session here (the server said it ended). */
export function forgetStaffSession(connection: ConsoleConnection): void {
  stateOf(connection).session = undefined;
}

/** Finds accounts of the practice by name, date of birth, account number, Bill ID, phone or email (sent in the body, never the address). */
export function searchAccounts(connection: ConsoleConnection, q: string, options?: CallOptions): Promise<AccountSearch> {
  return post(connection, 'admin/v1/accounts/search', AccountSearchSchema, { q }, options);
}

export function getAccountDetail(connection: ConsoleConnection, accountId: string, { signal }: CallOptions = {}): Promise<AccountDetail> {
  return request(stateOf(connection).http, `admin/v1/accounts/${encodeURIComponent(accountId)}`, AccountDetailSchema, { signal });
}

export function getAccountAudit(connection: ConsoleConnection, accountId: string, { signal, before }: CallOptions & { before?: string | undefined } = {}): Promise<AuditTrail> {
  const query = before ? `?before=${encodeURIComponent(before)}` : '';
  return request(stateOf(connection).http, `admin/v1/accounts/${encodeURIComponent(accountId)}/audit${query}`, AuditTrailSchema, { signal });
}

/** A change of money, once per `idempotencyKey` (one per attempt, kept across retries of it). */
export interface ChangeOptions extends CallOptions {
  readonly idempotencyKey: string;
}

/** A change of money under `idempotencyKey`, with the session's CSRF token (for the SDK's other console modules). */
export function change<S extends z.ZodMiniType>(connection: ConsoleConnection, path: string, schema: S, json: unknown, { idempotencyKey, signal }: ChangeOptions): Promise<z.infer<S>> {
  const state = stateOf(connection);
  return request(state.http, path, schema, { method: 'post', json, headers: { ...csrf(state), 'idempotency-key': idempotencyKey }, signal, retry: IDEMPOTENT_RETRY });
}

/** Refunds all (no `amountCents`) or part of a payment. */
export function refundPayment(connection: ConsoleConnection, paymentId: string, input: RefundRequest, options: ChangeOptions): Promise<Refund> {
  return change(connection, `admin/v1/payments/${encodeURIComponent(paymentId)}/refunds`, RefundSchema, input, options);
}

export function addFee(connection: ConsoleConnection, accountId: string, input: AddFeeRequest, options: ChangeOptions): Promise<FeeView> {
  return change(connection, `admin/v1/accounts/${encodeURIComponent(accountId)}/fees`, FeeViewSchema, input, options);
}

export function waiveFee(connection: ConsoleConnection, accountId: string, feeId: string, input: WaiveFeeRequest, options: ChangeOptions): Promise<FeeView> {
  return change(connection, `admin/v1/accounts/${encodeURIComponent(accountId)}/fees/${encodeURIComponent(feeId)}/waive`, FeeViewSchema, input, options);
}

