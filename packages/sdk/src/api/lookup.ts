import { normalizeBillId } from '../bill-id.js';
import { AccountSchema, LookupResponseSchema, StatementSchema, type Account, type LookupIntent, type Statement } from '../account-schemas.js';
import { stateOf, type BillPayConnection, type CallOptions } from './connection.js';
import { bearer, request, sessionGet } from './request.js';

/** A lookup is sent again only after a 503 `busy` (the server's queue was full), when it says. */
const BUSY_RETRY = { limit: 2, methods: ['post'], statusCodes: [503], afterStatusCodes: [503], maxRetryAfter: 5_000, jitter: true };

/** Find a bill by what a paper statement gives, or by account number and last name (guest pay). */
export type LookupInput = (
  /** `billId`: the 12 digits of a statement (spaces and dashes allowed); `dateOfBirth`: `YYYY-MM-DD`. */
  | { readonly billId: string; readonly dateOfBirth: string }
  | { readonly accountNumber: string; readonly lastName: string }
  /** `payLink`: the token of a text-to-pay link (its `#link=` fragment), with the date of birth. */
  | { readonly payLink: string; readonly dateOfBirth: string }
) & {
  /** The amount due on a statement, to get through a lockout (see `LockedOutError.stepUp`). */
  readonly amountDueCents?: number | undefined;
};

/**
 * Finds a bill and opens a session scoped to its account. The session token is kept in the
 * connection's memory only: never in storage, never in a URL. A session the connection already
 * had stays until this lookup succeeds (a failed lookup changes nothing); then it is ended on the
 * server and replaced. Never retried automatically, since every attempt counts towards the
 * lockout, except when the server answers 503 `busy` (refused before anything was counted). `dateOfBirth` is `YYYY-MM-DD` (see `parseDateOfBirth` for what a patient types).
 * @throws LookupFailedError, LockedOutError, ApiError (`invalid_request`: `issues` name the field), NetworkError
 */
export async function lookupBill(connection: BillPayConnection, input: LookupInput, options: CallOptions = {}): Promise<Account> {
  return (await findBill(connection, input, options)).account;
}

/** What a lookup found: the account, and what the link it was found with was sent for beyond the bill (see `LookupIntent`). */
export interface FoundBill {
  readonly account: Account;
  readonly intent?: LookupIntent | undefined;
}

/**
 * `lookupBill`, answering also what a text-to-pay link was sent for beyond showing the bill (the
 * billing office asked the patient to change a plan's payment method), for a flow to open it.
 * @throws as `lookupBill`
 */
export async function findBill(connection: BillPayConnection, input: LookupInput, { signal }: CallOptions = {}): Promise<FoundBill> {
  const state = stateOf(connection);
  // "2025 1104 0018" and "2025-1104-0018" are sent as the 12 digits the API expects.
  const normalized = 'billId' in input ? normalizeBillId(input.billId, 'none') : undefined;
  const body = normalized?.ok ? { ...input, billId: normalized.billId } : input;
  const response = await request(state.http, 'v1/lookups', LookupResponseSchema, {
    method: 'post',
    json: { practice: connection.options.practice, ...body },
    retry: BUSY_RETRY,
    signal,
  });
  const previous = state.token;
  state.token = response.token;
  if (previous && previous !== response.token) {
    // The session it replaces ends now rather than after 15 idle minutes; the answer changes nothing.
    state.http.delete('v1/session', { headers: { authorization: `Bearer ${previous}` }, retry: 0 }).catch(() => undefined);
  }
  return { account: response.account, ...(response.intent ? { intent: response.intent } : {}) };
}

/** The account the session is scoped to. @throws SessionExpiredError */
export function getAccount(connection: BillPayConnection, { signal }: CallOptions = {}): Promise<Account> {
  return sessionGet(stateOf(connection), 'v1/account', AccountSchema, signal);
}

/** One statement of that account, itemized. @throws SessionExpiredError */
export function getStatement(connection: BillPayConnection, id: string, { signal }: CallOptions = {}): Promise<Statement> {
  return sessionGet(stateOf(connection), `v1/statements/${encodeURIComponent(id)}`, StatementSchema, signal);
}

/** Ends the session on the server and forgets the token (at once, whatever the server answers). */
export async function signOut(connection: BillPayConnection, { signal }: CallOptions = {}): Promise<void> {
  const state = stateOf(connection);
  if (!state.token) return;
  const headers = bearer(state);
  state.token = undefined;
  try {
    await state.http.delete('v1/session', { headers, retry: 0, signal });
  } catch {
    // The token is forgotten either way; an unreachable server expires it after 15 idle minutes.
  }
}
