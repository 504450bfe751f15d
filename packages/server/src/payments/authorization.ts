import type { DebitAuthorization } from '@billpay/sdk';
import { TELEPHONE_AUTHORIZATION_VERSION } from '@billpay/sdk/admin-phone';
import { DomainError } from '../domain/errors.js';

/** How far in the future an authorization's `acceptedAt` may be (the browser's clock may run fast). */
export const AUTHORIZATION_CLOCK_SKEW_MS = 5 * 60_000;
/** How old an authorization accepted by a patient who is present may be. */
export const AUTHORIZATION_MAX_AGE_MS = 24 * 3_600_000;
/** The shortest authorization text taken for the real one: a sentence naming who debits what, not a placeholder. */
export const MIN_AUTHORIZATION_TEXT_LENGTH = 40;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * The one check of a debit authorization a patient accepted (Nacha), for a bank payment and for a
 * plan's automatic payments alike: the exact text shown (at least 40 characters besides spaces),
 * and a sane time of acceptance: a full ISO 8601 date and time with a time zone, on a real day,
 * not in the future, and when the patient is present, within the last day. `at` is where the
 * authorization sits in the request (a plan's is under `payment`).
 */
export function checkDebitAuthorization(
  authorization: DebitAuthorization | undefined,
  now: Date,
  payerPresent: boolean,
  at: readonly string[] = [],
): { text: string; acceptedAt: string } {
  const refuse = (code: 'authorization_required' | 'authorization_invalid', field: string, message: string, issue: string): never => {
    const path = [...at, ...field.split('.')];
    throw new DomainError(code, message, { issues: [{ path, code: issue, message }], details: { param: path.join('.') } });
  };
  if (!authorization) {
    return refuse('authorization_required', 'authorization', 'A payment from a bank account needs the debit authorization the patient accepted: its text and when it was accepted.', 'required');
  }
  if (authorization.text.trim().length < MIN_AUTHORIZATION_TEXT_LENGTH) {
    return refuse('authorization_invalid', 'authorization.text', 'The authorization text is missing or cut short: send the exact text the patient accepted.', authorization.text.trim() === '' ? 'empty' : 'too_short');
  }
  const acceptedAt = new Date(authorization.acceptedAt);
  if (!ISO_DATE_TIME.test(authorization.acceptedAt) || Number.isNaN(acceptedAt.getTime()) || !isCalendarDate(authorization.acceptedAt.slice(0, 10))) {
    return refuse('authorization_invalid', 'authorization.acceptedAt', 'acceptedAt must be an ISO 8601 date and time with a time zone.', 'invalid_date');
  }
  if (acceptedAt.getTime() > now.getTime() + AUTHORIZATION_CLOCK_SKEW_MS) {
    return refuse('authorization_invalid', 'authorization.acceptedAt', 'The authorization cannot have been accepted in the future.', 'in_future');
  }
  if (payerPresent && acceptedAt.getTime() < now.getTime() - AUTHORIZATION_MAX_AGE_MS) {
    return refuse('authorization_invalid', 'authorization.acceptedAt', 'The authorization was accepted too long ago: ask the patient to accept it again.', 'too_old');
  }
  return { text: authorization.text, acceptedAt: acceptedAt.toISOString() };
}

/** Whether YYYY-MM-DD names a real day (Date would read 2026-02-30 as March 2). */
function isCalendarDate(ymd: string): boolean {
  const [year, month, day] = ymd.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * A bank debit taken by phone (Nacha TEL) keeps the version of the script staff read: only the
 * current wording is taken, so the record always says which words the patient heard.
 */
export function checkTelephoneVersion(version: string | undefined): void {
  if (version === TELEPHONE_AUTHORIZATION_VERSION) return;
  const message = `Read the current telephone authorization (version ${TELEPHONE_AUTHORIZATION_VERSION}) to the patient, then send its version with it.`;
  throw new DomainError(version === undefined ? 'authorization_required' : 'authorization_invalid', message, {
    issues: [{ path: ['authorization', 'version'], code: version === undefined ? 'required' : 'unknown_version', message }],
    details: { param: 'authorization.version' },
  });
}
