import { isApiError, isNetworkError } from '@billpay/sdk/errors';
import type { ConsoleTranslation } from '../i18n/en.js';

/**
 * The words for a failed call: the server's refusal by its code (or a search's by its issue), a
 * network failure, or a passkey the browser did not give. Never the server's English message.
 */
export function problemWords(error: unknown, t: ConsoleTranslation): string {
  if (isApiError(error)) {
    const issue = error.issues[0]?.code;
    if (error.code === 'invalid_request' && issue && t.problems[issue]) return t.problems[issue];
    return t.problems[error.code] ?? t.problems.other!;
  }
  if (isNetworkError(error)) return t.problems.network!;
  if (error instanceof Error && (error.name === 'NotAllowedError' || error.name === 'AbortError')) return t.problems.passkey_cancelled!;
  return t.problems.other!;
}
