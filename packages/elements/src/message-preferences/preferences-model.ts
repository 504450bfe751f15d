/**
 * `<message-preferences>`'s choices and refusals as pure functions: what a typed address or code
 * lacks (by the SDK's checks), what a refusal of the API means for the patient, and its words.
 */
import { isApiError } from '@billpay/sdk/checks';
import { checkMessageAddress, checkVerificationCode, type MessageChannel, type Verification } from '@billpay/sdk/preferences';
import type { PreferencesTranslation } from '../i18n/preferences.js';

/** Turning a channel on: where the code goes, then the code. */
export interface Setup {
  readonly channel: MessageChannel;
  readonly step: 'address' | 'code';
  /** Send the code to the address on file (when there is one) rather than the one typed. */
  readonly useOnFile: boolean;
  readonly address: string;
  readonly code: string;
  readonly verification?: Verification | undefined;
}

export type Slot = 'address' | 'code';

/** What is wrong, as a code the dictionary words. */
export type Problem =
  | 'address_missing'
  | 'address_invalid'
  | 'code_missing'
  | 'code_format'
  | 'code_wrong'
  | 'code_expired'
  | 'too_many_attempts'
  | 'too_many_codes'
  | 'no_address'
  | 'paperless_needs_channel'
  | 'session_expired'
  | 'failed';

/** A problem of one answer (shown by its field) or of the whole step. */
export interface Refusal {
  readonly slot?: Slot | undefined;
  readonly problem: Problem;
}

export const newSetup = (channel: MessageChannel, hasOnFile: boolean): Setup => ({ channel, step: 'address', useOnFile: hasOnFile, address: '', code: '' });

/** The address as the server will take it, or what is wrong with it; `undefined` for the one on file. */
export function addressOf(setup: Setup): { ok: true; address: string | undefined } | { ok: false; refusal: Refusal } {
  if (setup.useOnFile) return { ok: true, address: undefined };
  const checked = checkMessageAddress(setup.channel, setup.address);
  if (checked.ok) return { ok: true, address: checked.address };
  return { ok: false, refusal: { slot: 'address', problem: checked.issue === 'missing' ? 'address_missing' : 'address_invalid' } };
}

/** The code's six digits, or what is wrong with it. */
export function codeOf(setup: Setup): { ok: true; code: string } | { ok: false; refusal: Refusal } {
  const checked = checkVerificationCode(setup.code);
  if (checked.ok) return { ok: true, code: checked.code };
  return { ok: false, refusal: { slot: 'code', problem: checked.issue === 'missing' ? 'code_missing' : 'code_format' } };
}

/** What a refusal of the API means for the patient. */
export function refusalOf(error: unknown): Refusal {
  if (!isApiError(error)) return { problem: 'failed' };
  switch (error.code) {
    case 'code_invalid':
      return { slot: 'code', problem: 'code_wrong' };
    case 'invalid_request':
      return error.issues.some((issue) => issue.path[0] === 'address') ? { slot: 'address', problem: 'address_invalid' } : { problem: 'failed' };
    case 'code_expired':
    case 'too_many_attempts':
    case 'too_many_codes':
    case 'no_address':
    case 'paperless_needs_channel':
      return { problem: error.code };
    case 'verification_not_found':
      return { problem: 'code_expired' };
    default:
      return { problem: 'failed' };
  }
}

/** A problem's words, for the channel it is about. */
export function problemText(t: PreferencesTranslation, problem: Problem, channel: MessageChannel | undefined): string {
  const sms = channel === 'sms';
  switch (problem) {
    case 'address_missing':
      return sms ? t.addressMissingSms : t.addressMissingEmail;
    case 'address_invalid':
      return sms ? t.addressInvalidSms : t.addressInvalidEmail;
    case 'code_missing':
      return t.codeMissing;
    case 'code_format':
      return t.codeFormat;
    case 'code_wrong':
      return t.codeWrong;
    case 'code_expired':
      return t.codeExpired;
    case 'too_many_attempts':
      return t.tooManyAttempts;
    case 'too_many_codes':
      return t.tooManyCodes;
    case 'no_address':
      return t.noAddress;
    case 'paperless_needs_channel':
      return t.paperlessNeedsChannel;
    case 'session_expired':
    case 'failed':
      return t.failed;
  }
}
