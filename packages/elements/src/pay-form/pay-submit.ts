/**
 * Paying, as pure functions: the debit authorization's words for a review, and what a payment that
 * did not go through means for the form.
 */
import { isAmountNotAllowedError, isApiError, isNetworkError, isPaymentDeclinedError, isSessionExpiredError, type Practice } from '@billpay/sdk';
import { MIN_PAYMENT_CENTS } from '@billpay/sdk/core';
import { formatDate, money } from '../i18n/format.js';
import type { Locale } from '../i18n/locales.js';
import { payWords } from '../i18n/pay.js';
import { declineCodeOf, refusalOf, type Failure, type Review } from './pay-model.js';

/** The one-time debit authorization for a bank account's review ('' for a card or a wallet). */
export function debitAuthorizationText(review: Review, practice: Practice | undefined, locale: Locale): string {
  const bank = review.bank;
  if (!practice || !bank) return '';
  return payWords[locale].authorizationText({
    holder: bank.holder,
    practice: practice.name,
    amount: money(review.amountCents, locale),
    type: bank.type,
    last4: bank.last4,
    date: formatDate(review.date, locale),
    fee: money(practice.policies.returnedPaymentFeeCents, locale),
    phone: practice.contact.phone,
  });
}

/** What a payment that did not go through means. */
export type PayFailure =
  /** The session ended. */
  | { readonly then: 'expired' }
  /**
   * Whether it went through is not known yet (no answer, a server error, a conflict over this
   * attempt's key): never "not charged". Stays on the review: Pay again repeats the same attempt.
   */
  | { readonly then: 'unknown'; readonly code: string; readonly message: string }
  /** Refused: back to the form with why; `clearCard` after a card's decline, `otherAmount` when the amount is not allowed. */
  | { readonly then: 'refused'; readonly code: string; readonly message: string; readonly failure: Failure; readonly clearCard: boolean; readonly otherAmount: boolean };

/** `card`: the review's method is a card (or a wallet's card), whose data is never kept after a decline. */
export function payFailureOf(error: unknown, card: boolean): PayFailure {
  if (isSessionExpiredError(error)) return { then: 'expired' };
  const errorCode = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : 'unknown';
  const code = isPaymentDeclinedError(error) ? error.reason : errorCode;
  const message = (error as Error).message;
  const refusal = isApiError(error) ? refusalOf(error) : undefined;
  if (!refusal && (isNetworkError(error) || (error instanceof Error && 'status' in error && typeof error.status === 'number' && (error.status >= 500 || error.status === 409)))) {
    return { then: 'unknown', code, message };
  }
  const refused = { then: 'refused', code, message, clearCard: false, otherAmount: false } as const;
  if (refusal) return { ...refused, failure: refusal };
  if (isPaymentDeclinedError(error)) return { ...refused, failure: { kind: 'declined', code: declineCodeOf(error.reason), cardCleared: card }, clearCard: card };
  if (isAmountNotAllowedError(error)) {
    return { ...refused, failure: { kind: 'amount', minimumCents: error.minimumCents ?? MIN_PAYMENT_CENTS, maximumCents: error.maximumCents ?? 0 }, otherAmount: true };
  }
  return { ...refused, failure: { kind: 'other' } };
}
