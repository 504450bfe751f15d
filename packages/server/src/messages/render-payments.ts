import type { ReturnedPlanPayment } from './outbox.js';
import { PLAN_WORDS } from './plan-words.js';
import { email } from './render-plans.js';
import { day, methodWords, moment, money, type Common, type MethodFacts, type Rendered } from './render.js';

/**
 * The messages about a payment after it was made: a bank payment returned (with the practice's
 * fee) and a refund issued. Rendered as `render.ts` renders the others; the one link is the
 * practice's pay page, absolute; no Bill ID, no date of birth, no name.
 */

export interface PaymentReturnedFacts extends Common {
  readonly amountCents: number;
  readonly paidAt: Date;
  readonly method: MethodFacts;
  readonly feeCents: number;
  /** What the account owes now, the payment and the fee included. */
  readonly balanceCents: number;
  readonly payPage: string | null;
  /** A payment plan's payment: what coming back did to the plan, told here rather than in a second message. */
  readonly plan: ReturnedPlanPayment | null;
}

export interface RefundIssuedFacts extends Common {
  readonly amountCents: number;
  readonly paymentAmountCents: number;
  readonly paidAt: Date;
  readonly method: MethodFacts;
}

const en = {
  returnedSubject: (practice: string) => `Your bank returned your payment to ${practice}`,
  returnedHeading: 'Your bank payment was returned',
  returnedLead: (amount: string, date: string) => `Your bank returned your payment of ${amount} made on ${date}, so it was not paid.`,
  returnedFee: (fee: string) => `A returned-payment fee of ${fee} was added to your balance.`,
  returnedWhat: 'Please pay again with another bank account or a card. If you think your bank made a mistake, ask your bank first.',
  returnedPlan: (date: string) => `It was your payment plan's payment due on ${date}.`,
  payment: 'Payment',
  paidWith: 'Paid with',
  fee: 'Returned-payment fee',
  balance: 'Balance now',
  payButton: 'Pay now',
  refundSubject: (practice: string) => `${practice} refunded you`,
  refundHeading: 'Your refund was issued',
  refundLead: (amount: string, date: string) => `We refunded ${amount} of your payment made on ${date}.`,
  refundWhen: 'It goes back to the card or bank account you paid with. It can take 5 to 10 business days to show.',
  refund: 'Refund',
  refundTo: 'Refunded to',
  original: 'Original payment',
};

type PaymentWords = typeof en;

const es: PaymentWords = {
  returnedSubject: (practice) => `Su banco devolvió su pago a ${practice}`,
  returnedHeading: 'Su pago bancario fue devuelto',
  returnedLead: (amount, date) => `Su banco devolvió su pago de ${amount} hecho el ${date}, así que no quedó pagado.`,
  returnedFee: (fee) => `Se agregó a su saldo un cargo por pago devuelto de ${fee}.`,
  returnedWhat: 'Por favor pague de nuevo con otra cuenta bancaria o con tarjeta. Si cree que su banco se equivocó, consulte primero con su banco.',
  returnedPlan: (date) => `Era el pago de su plan de pagos que vencía el ${date}.`,
  payment: 'Pago',
  paidWith: 'Pagado con',
  fee: 'Cargo por pago devuelto',
  balance: 'Saldo actual',
  payButton: 'Pagar ahora',
  refundSubject: (practice) => `${practice} le hizo un reembolso`,
  refundHeading: 'Su reembolso fue emitido',
  refundLead: (amount, date) => `Le reembolsamos ${amount} de su pago hecho el ${date}.`,
  refundWhen: 'Vuelve a la tarjeta o cuenta bancaria con la que pagó. Puede tardar de 5 a 10 días hábiles en aparecer.',
  refund: 'Reembolso',
  refundTo: 'Reembolsado a',
  original: 'Pago original',
};

const WORDS: Readonly<Record<'en' | 'es', PaymentWords>> = { en, es };

/**
 * A bank payment returned: which, the fee added, what is owed now, and paying again; a plan's
 * payment, with what happens to the plan (tried again on a date, or the plan is behind) instead.
 */
export function renderPaymentReturned(facts: PaymentReturnedFacts): Rendered {
  const w = WORDS[facts.language];
  const amount = money(facts, facts.amountCents);
  const rows: (readonly [string, string])[] = [
    [w.payment, amount],
    [w.paidWith, methodWords(facts, facts.method)],
  ];
  if (facts.feeCents > 0) rows.push([w.fee, money(facts, facts.feeCents)]);
  rows.push([w.balance, money(facts, Math.max(0, facts.balanceCents))]);
  const lines = [w.returnedLead(amount, moment(facts, facts.paidAt)), ...(facts.feeCents > 0 ? [w.returnedFee(money(facts, facts.feeCents))] : [])];
  const plan = facts.plan;
  const p = PLAN_WORDS[facts.language];
  if (plan?.kind === 'retry') {
    const retry = day(facts, plan.retryOn);
    lines.push(w.returnedPlan(day(facts, plan.dueOn)), ...(plan.automatic ? [p.failedRetry(retry), p.failedChange] : [p.failedManual(retry)]));
  } else if (plan?.kind === 'behind') {
    lines.push(p.delinquentLead(facts.practiceName, plan.missed), ...(plan.automatic ? [p.delinquentPaused] : []), p.delinquentWhat);
    rows.push([p.behind, money(facts, plan.behindCents)]);
  } else {
    lines.push(w.returnedWhat);
  }
  return email(facts, w.returnedSubject(facts.practiceName), w.returnedHeading, lines, rows, facts.payPage ? { href: facts.payPage, label: w.payButton } : null);
}

/** A refund issued: how much, of which payment, to what, and when it shows. */
export function renderRefundIssued(facts: RefundIssuedFacts): Rendered {
  const w = WORDS[facts.language];
  const rows = [
    [w.refund, money(facts, facts.amountCents)],
    [w.refundTo, methodWords(facts, facts.method)],
    [w.original, money(facts, facts.paymentAmountCents)],
  ] as const;
  return email(facts, w.refundSubject(facts.practiceName), w.refundHeading, [w.refundLead(money(facts, facts.amountCents), moment(facts, facts.paidAt)), w.refundWhen], rows, null);
}
