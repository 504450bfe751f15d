/**
 * The "Take a payment" dialog's rules, pure: the amount staff chose (the SDK's money rules, integer
 * cents), and the facts the telephone authorization script names, once they are all known.
 */
import { MIN_PAYMENT_CENTS } from '@billpay/sdk/payments';
import { parseMoney } from '@billpay/sdk/money';
import { isApiError, isNetworkError } from '@billpay/sdk/errors';
import type { CaptureValues } from '@billpay/elements/payment-parts.js';
import { intlLocales, type Locale } from '@billpay/elements/parts.js';

export type AmountChoice = 'whole' | 'other';

export type AmountCheck = { readonly ok: true; readonly cents: number } | { readonly ok: false; readonly issue: 'missing' | 'too_small' | 'too_large' };

/** The amount chosen, in cents: the whole balance, or the dollars typed, from $1.00 to the balance. */
export function checkAmount(choice: AmountChoice, typed: string, balanceCents: number): AmountCheck {
  if (choice === 'whole') return balanceCents >= MIN_PAYMENT_CENTS ? { ok: true, cents: balanceCents } : { ok: false, issue: 'too_small' };
  const parsed = parseMoney(typed);
  if (!parsed.ok) return { ok: false, issue: 'missing' };
  if (parsed.cents < MIN_PAYMENT_CENTS) return { ok: false, issue: 'too_small' };
  if (parsed.cents > balanceCents) return { ok: false, issue: 'too_large' };
  return { ok: true, cents: parsed.cents };
}

/** The last four digits of the account number typed, once it has at least four. */
export function typedLast4(values: Pick<CaptureValues, 'bankAccount'>): string | undefined {
  const digits = values.bankAccount.replace(/\D/g, '');
  return digits.length >= 4 ? digits.slice(-4) : undefined;
}

/**
 * The server's code of a refused payment (the SDK turns some into classes of their own: a decline,
 * an amount out of range, an authorization refused), and the most the account allows when it says.
 */
export function refusalOf(error: unknown): { readonly code: string; readonly maximumCents?: number | undefined } | undefined {
  if (isApiError(error)) return { code: error.serverCode };
  // The SDK's own classes (`PaymentDeclinedError`, `AmountNotAllowedError`, ...) carry the code too.
  if (!(error instanceof Error) || isNetworkError(error) || !('code' in error) || typeof error.code !== 'string') return undefined;
  return { code: error.code, maximumCents: 'maximumCents' in error && typeof error.maximumCents === 'number' ? error.maximumCents : undefined };
}

/** A moment with its date and time, in the reader's time zone: "November 27, 2026 at 5:35 AM". */
export function formatMoment(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocales[locale], { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
}

/** Today's date as a sentence says it, in the reader's time zone: "November 27, 2026". */
export function formatToday(locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocales[locale], { dateStyle: 'long' }).format(new Date());
}

/** The bank account's fields, in page order. */

/** A moment of today as its time of day, for a sentence: "6:13 AM". */
export function formatClock(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocales[locale], { hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
}
