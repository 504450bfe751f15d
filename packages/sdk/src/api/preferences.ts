import {
  MessagePreferencesSchema,
  VerificationSchema,
  type MessagePreferences,
  type PreferencesChange,
  type Verification,
  type VerificationRequest,
} from '../message-preference-schemas.js';
import { MESSAGE_CONSENT_VERSION } from '../message-consent.js';
import { stateOf, type BillPayConnection, type CallOptions } from './connection.js';
import { bearer, request, sessionGet, withSession } from './request.js';

/** A channel to turn on: where the code goes (left out: the address on file) and the language of the consent shown. */
export type StartVerificationInput = Omit<VerificationRequest, 'consentVersion'>;

const PATH = 'v1/message-preferences';

/** The session's account's message preferences. @throws SessionExpiredError */
export function getMessagePreferences(connection: BillPayConnection, { signal }: CallOptions = {}): Promise<MessagePreferences> {
  return sessionGet(stateOf(connection), PATH, MessagePreferencesSchema, signal);
}

/**
 * Sends a 6-digit code to the address, to turn the channel on once it is typed back; the consent's
 * words of `MESSAGE_CONSENT_VERSION` in `language` are what the patient agrees to. Not retried:
 * each call sends a code.
 * @throws ApiError `invalid_request` (an address that is no email address or US mobile number),
 *   `no_address` (none typed and none on file), `too_many_codes` (429, with `retryAfterSeconds`), SessionExpiredError
 */
export function startVerification(connection: BillPayConnection, input: StartVerificationInput, { signal }: CallOptions = {}): Promise<Verification> {
  const state = stateOf(connection);
  return withSession(state, () =>
    request(state.http, `${PATH}/verifications`, VerificationSchema, { method: 'post', json: { ...input, consentVersion: MESSAGE_CONSENT_VERSION }, headers: bearer(state), retry: 0, signal }),
  );
}

/**
 * Checks the code the patient typed; right, the channel is on and the consent recorded.
 * @throws ApiError `code_invalid` (422, the code is wrong: try again), `code_expired` (409: ask for
 *   a new one), `too_many_attempts` (429: ask for a new one), `verification_not_found`, SessionExpiredError
 */
export function confirmVerification(connection: BillPayConnection, id: string, code: string, { signal }: CallOptions = {}): Promise<MessagePreferences> {
  const state = stateOf(connection);
  return withSession(state, () =>
    request(state.http, `${PATH}/verifications/${encodeURIComponent(id)}`, MessagePreferencesSchema, { method: 'post', json: { code }, headers: bearer(state), retry: 0, signal }),
  );
}

/**
 * Paperless on or off, a channel off (at once, recorded as a revocation). Repeating is harmless.
 * @throws ApiError `paperless_needs_channel` (409: turn email or texts on first), SessionExpiredError
 */
export function changeMessagePreferences(connection: BillPayConnection, change: PreferencesChange, { signal }: CallOptions = {}): Promise<MessagePreferences> {
  const state = stateOf(connection);
  return withSession(state, () => request(state.http, PATH, MessagePreferencesSchema, { method: 'post', json: change, headers: bearer(state), signal }));
}
