/**
 * Paying: the chosen method turned into a processor token, and as pure functions the debit
 * authorization's words for a review and what a payment that did not go through means for the form.
 */
import { isAmountNotAllowedError, isApiError, isNetworkError, isPaymentDeclinedError, isSessionExpiredError, tokenizeWallet, type BillPayConnection, type DebitAuthorization, type PayInput, type Practice, type Wallet } from '@billpay/sdk';
import { localToday, MIN_PAYMENT_CENTS } from '@billpay/sdk/core';
import { formatDate, money } from '../i18n/format.js';
import type { Locale } from '../i18n/locales.js';
import { payWords } from '../i18n/pay.js';
import { captureProblem, tokenizeCapture, type CaptureProblem, type CapturedMethod, type CardCapture } from '../payment-method/capture.js';
import type { CardFields } from '../payment-method/card-fields.js';
import type { OpenWallet } from '../payment-method/wallet.js';
import { declineCodeOf, refusalOf, type Failure, type Method, type Review, type Values } from './pay-model.js';

/**
 * The chosen method as a processor token: the wallet's card once the patient authorizes it in the
 * sheet (opened while Review was being handled), or the card or bank account entered. Throws what
 * went wrong; `undefined` when the patient closed the sheet.
 */
export async function prepareMethod(
  client: BillPayConnection,
  values: Values,
  cardCapture: CardCapture,
  cardFields: CardFields | undefined,
  wallet: OpenWallet | undefined,
): Promise<CapturedMethod | undefined> {
  if (values.method === 'wallet') {
    const authorization = wallet && (await wallet.sheet);
    if (!wallet || !authorization) return undefined;
    try {
      const token = await tokenizeWallet(client, { wallet: wallet.wallet, ...(authorization.sandboxCard ? { sandboxCard: authorization.sandboxCard } : {}) });
      await authorization.complete('success');
      return { token: token.id, method: { kind: 'wallet', wallet: wallet.wallet, brand: token.card.brand, last4: token.card.last4 } };
    } catch (error) {
      await authorization.complete('fail');
      throw error;
    }
  }
  return tokenizeCapture(client, values, values.method, cardCapture, cardFields);
}

/** Why a method could not be turned into a token: a field's problem, or the form's. */
export function prepareProblemOf(error: unknown, method: Method, wallet: Wallet | undefined): CaptureProblem | Failure {
  const problem = method === 'wallet' ? undefined : captureProblem(error, method);
  if (problem) return problem;
  if (method === 'wallet' && wallet) return { kind: 'wallet', wallet };
  return isNetworkError(error) ? { kind: 'network' } : { kind: 'other' };
}

/** The review of `amount` paid with `prepared`, today, under a new key (a new attempt). */
export function reviewOf(amount: { readonly cents: number; readonly statementId: string | undefined }, prepared: CapturedMethod): Review {
  const { token, method, bank } = prepared;
  return { amountCents: amount.cents, statementId: amount.statementId, token, method, bank, date: localToday(), idempotencyKey: crypto.randomUUID() };
}

/** A bank debit's authorization, accepted now, or the one the first press of Pay made ('' for a card or a wallet). */
export function debitAuthorizationOf(review: Review, text: string): DebitAuthorization | undefined {
  return review.bank ? (review.authorization ?? { text, acceptedAt: new Date().toISOString() }) : undefined;
}

/** What Pay sends for `review`: the same every time it is pressed again. */
export function payRequestOf(review: Review): PayInput {
  const { amountCents, token, statementId, authorization, idempotencyKey } = review;
  return { amountCents, token, statementId, authorization, idempotencyKey };
}

/** The one-time debit authorization for a bank account's review ('' for a card or a wallet). */
export function debitAuthorizationText(review: Review, practice: Practice | undefined, locale: Locale): string {
  const bank = review.bank;
  if (!practice || !bank) return '';
  return payWords(locale).authorizationText({
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
