/** What `<pay-form>` holds and checks, as types and pure functions: the amount chosen, the problems, the refusals. */
import { parseMoney, type Account, type ApiError, type BankAccountType, type DebitAuthorization, type PaymentDeclineCode, type PaymentMethod, type Wallet } from '@billpay/sdk';
import { MIN_PAYMENT_CENTS } from '@billpay/sdk/core';
import type { PayIssueCode } from '../i18n/pay.js';
import { CAPTURE_INPUT, type CaptureSlot, type CaptureValues } from '../payment-method/capture.js';

export type Method = 'card' | 'bank' | 'wallet';

/** Where a problem is shown; each has one input that receives focus. */
export type Slot = 'amount' | CaptureSlot | 'authorization';

/** In the order the fields appear on the page. */
export const INPUT_OF: Record<Slot, string> = {
  amount: 'amount-other',
  ...CAPTURE_INPUT,
  authorization: 'authorization-accept',
};

/** A problem: an SDK/element issue code, or an amount outside what may be paid. */
export type Issue = { code: PayIssueCode } | { code: 'amount.too_small' | 'amount.too_large'; limitCents: number };

export interface Values extends CaptureValues {
  amountChoice: string;
  otherAmount: string;
  method: Method;
}

/** What the review shows, frozen: exactly this is charged when the patient selects Pay. */
export interface Review {
  readonly amountCents: number;
  readonly statementId: string | undefined;
  readonly token: string;
  readonly method: PaymentMethod;
  readonly bank: { readonly holder: string; readonly type: BankAccountType; readonly last4: string } | undefined;
  readonly date: string;
  /** One key per reviewed payment: Pay, a double click and every retry share it. */
  readonly idempotencyKey: string;
  /**
   * A bank debit's authorization as the patient accepted it, made at the first press of Pay and
   * sent again, the same, with every retry (another text or time would be another request).
   */
  readonly authorization?: DebitAuthorization | undefined;
}

export type Failure =
  | { kind: 'declined'; code: PaymentDeclineCode; cardCleared: boolean }
  | { kind: 'amount'; minimumCents: number; maximumCents: number }
  | { kind: 'wallet'; wallet: Wallet }
  | { kind: 'network' }
  /** Card-testing limits: online payments on this bill are paused until then. */
  | { kind: 'paused'; until: Date }
  /** Another payment of this session is still at the processor. */
  | { kind: 'in_progress' }
  /** The processor charged after the payment was closed, so it was refunded. */
  | { kind: 'refunded' }
  | { kind: 'other' };

/** The API's refusals of a payment that are neither a decline nor a bad amount. */
export function refusalOf(error: ApiError): Failure | undefined {
  if (error.code === 'too_many_declines') return { kind: 'paused', until: new Date(Date.now() + (error.retryAfterSeconds ?? 3_600) * 1000) };
  if (error.code === 'payment_in_progress') return { kind: 'in_progress' };
  if (error.code === 'payment_refunded') return { kind: 'refunded' };
  return undefined;
}

/** The errors with one slot's issue set, or removed when there is none. */
export function withIssue(errors: Partial<Record<Slot, Issue>>, slot: Slot, issue: Issue | undefined): Partial<Record<Slot, Issue>> {
  const entries = Object.entries(errors).filter(([key]) => key !== slot);
  if (issue) entries.push([slot, issue]);
  return Object.fromEntries(entries);
}

export function declineCodeOf(reason: string): PaymentDeclineCode {
  const known: readonly string[] = ['card_declined', 'expired_card', 'incorrect_cvc', 'insufficient_funds', 'processing_error'];
  return (known.includes(reason) ? reason : 'card_declined') as PaymentDeclineCode;
}

/**
 * What a payment plan on the account asks the patient to pay now: what brings it up to date when it
 * is behind, or, for a plan paid by hand, its next payment. A choice of its own only when it is less
 * than the whole balance (otherwise paying the whole balance is the same choice).
 */
export function planPayment(account: Account): { cents: number; dueOn?: string } | undefined {
  const plan = account.plan;
  const balance = account.balanceCents;
  if (!plan) return undefined;
  const asked = plan.behindCents > 0 ? { cents: plan.behindCents } : plan.mode === 'manual' && plan.nextPayment ? { cents: plan.nextPayment.amountCents, dueOn: plan.nextPayment.dueOn } : undefined;
  if (!asked || asked.cents < MIN_PAYMENT_CENTS || asked.cents >= balance) return undefined;
  return asked;
}

/** The amount chosen (the balance, the plan's payment, a statement, or another amount), or the problem with it. */
export function chosenAmount(values: Values, account: Account | undefined): { cents: number; statementId: string | undefined } | { issue: Issue } {
  const balance = Math.max(0, account?.balanceCents ?? 0);
  const choice = values.amountChoice;
  if (choice === 'balance') return { cents: balance, statementId: undefined };
  if (choice === 'plan') {
    const plan = account && planPayment(account);
    return { cents: plan ? plan.cents : balance, statementId: undefined };
  }
  if (choice.startsWith('statement:')) {
    const statement = account?.statements.find((s) => `statement:${s.id}` === choice);
    if (statement) return { cents: Math.min(statement.openCents, balance), statementId: statement.id };
    return { cents: balance, statementId: undefined };
  }
  const parsed = parseMoney(values.otherAmount);
  if (!parsed.ok) return { issue: { code: parsed.issue } };
  if (parsed.cents < MIN_PAYMENT_CENTS) return { issue: { code: 'amount.too_small', limitCents: MIN_PAYMENT_CENTS } };
  if (parsed.cents > balance) return { issue: { code: 'amount.too_large', limitCents: balance } };
  return { cents: parsed.cents, statementId: undefined };
}

/** The ways to pay offered: those `methods` names (space-separated) that can be used here (a wallet only when the browser offers one). */
export function offeredMethods(methods: string, wallet: Wallet | undefined): Set<Method> {
  const named = new Set(methods.split(/\s+/).filter((m): m is Method => m === 'card' || m === 'bank' || m === 'wallet'));
  if (!wallet) named.delete('wallet');
  return named;
}

/** The amount an account most likely pays: the statement asked for, else what its plan asks, else the balance. */
export function defaultAmountChoice(account: Account | undefined, statementId: string): string {
  if (statementId && account?.statements.some((s) => s.id === statementId && s.openCents > 0)) return `statement:${statementId}`;
  // A patient on a plan most likely came to pay what the plan asks.
  if (account && planPayment(account)) return 'plan';
  return 'balance';
}
