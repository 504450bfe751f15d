import { sumCents } from '@billpay/sdk';
import type { Kysely } from 'kysely';
import type { Database, PaymentStatusColumn } from '../db/schema.js';
import type { MethodKind } from '../postings/postings.js';
import type { PracticeConfig } from '../practices/practices.js';
import { localDayWindow, localTime } from './zone.js';
import { takenByOf, type TakenBy } from '../payments/record.js';

/**
 * A day's money at the billing office (issue 14, "Money in and out"): every payment attempted on
 * the practice's day (its time zone), whatever became of it, the refunds asked for and the bank
 * debits that came back that day, with totals by method. Money moved is what a report adds up:
 * a declined card or a pending payment is listed, never counted.
 */

export type { TakenBy } from '../payments/record.js';

export interface DayPayment {
  readonly paymentId: string;
  readonly confirmationNumber: string;
  /** ISO 8601 instant, and the practice's clock time. */
  readonly at: string;
  readonly localTime: string;
  readonly accountNumber: string;
  readonly method: MethodKind | null;
  readonly brand: string | null;
  readonly last4: string | null;
  readonly wallet: string | null;
  readonly state: PaymentStatusColumn;
  readonly amountCents: number;
  readonly processorReference: string | null;
  readonly takenBy: TakenBy;
}

export interface DayRefund {
  readonly refundId: string;
  readonly paymentId: string;
  readonly at: string;
  readonly localTime: string;
  readonly accountNumber: string;
  readonly method: MethodKind | null;
  readonly state: 'pending' | 'succeeded' | 'failed';
  readonly reason: string;
  /** Negative: money back to the patient. */
  readonly amountCents: number;
  readonly processorReference: string | null;
  /** A practice API key or a member of staff. */
  readonly requestedBy: 'api_key' | 'staff';
}

export interface DayReturn {
  readonly paymentId: string;
  readonly at: string;
  readonly localTime: string;
  readonly accountNumber: string;
  readonly method: MethodKind | null;
  readonly returnCode: string | null;
  /** Negative: the debit taken back. */
  readonly amountCents: number;
  readonly processorReference: string | null;
}

export interface DayTotals {
  /** Payments whose money moved (or is on its way): succeeded, processing, settled, and those later returned or refunded. */
  readonly takenCents: number;
  readonly payments: number;
  readonly declined: number;
  /** Negative, as the rows are: succeeded refunds only. */
  readonly refundsCents: number;
  readonly returnsCents: number;
  readonly netCents: number;
}

export interface MoneyDay {
  readonly date: string;
  readonly timeZone: string;
  readonly payments: readonly DayPayment[];
  readonly refunds: readonly DayRefund[];
  readonly returns: readonly DayReturn[];
  readonly totals: DayTotals;
  readonly byMethod: Readonly<Record<MethodKind, DayTotals>>;
}

/** The payment states in which the processor took the money (it may have come back or been refunded since). */
const MONEY_MOVED: readonly PaymentStatusColumn[] = ['succeeded', 'processing', 'settled', 'returned', 'refunded'];
const METHODS: readonly MethodKind[] = ['card', 'bank', 'wallet'];


export function dayTotals(payments: readonly Pick<DayPayment, 'state' | 'amountCents'>[], refunds: readonly Pick<DayRefund, 'state' | 'amountCents'>[], returns: readonly Pick<DayReturn, 'amountCents'>[]): DayTotals {
  const taken = payments.filter((p) => MONEY_MOVED.includes(p.state));
  const takenCents = sumCents(taken.map((p) => p.amountCents));
  const refundsCents = sumCents(refunds.filter((r) => r.state === 'succeeded').map((r) => r.amountCents));
  const returnsCents = sumCents(returns.map((r) => r.amountCents));
  return {
    takenCents,
    payments: taken.length,
    declined: payments.filter((p) => p.state === 'declined').length,
    refundsCents,
    returnsCents,
    netCents: takenCents + refundsCents + returnsCents,
  };
}

/** The practice's day `date` (`YYYY-MM-DD`, its time zone): payments, refunds, returns and their totals. */
export async function moneyDay(db: Kysely<Database>, practice: PracticeConfig, date: string): Promise<MoneyDay> {
  const timeZone = practice.contact.timeZone;
  const { from, to } = localDayWindow(date, timeZone);
  const at = (instant: Date | string) => {
    const when = new Date(instant);
    return { at: when.toISOString(), localTime: localTime(when, timeZone) };
  };
  const paymentRows = await db
    .selectFrom('payments as p')
    .innerJoin('accounts as a', 'a.id', 'p.account_id')
    .select(['p.id', 'p.confirmation_number', 'p.created_at', 'a.account_number', 'p.method_kind', 'p.brand', 'p.last4', 'p.wallet', 'p.status', 'p.amount_cents', 'p.charge_id', 'p.idempotency_key', 'p.taken_by_staff_id'])
    .where('p.practice_id', '=', practice.id)
    .where('a.practice_id', '=', practice.id)
    .where('p.created_at', '>=', from)
    .where('p.created_at', '<', to)
    .orderBy('p.created_at')
    .orderBy('p.id')
    .execute();
  const payments: DayPayment[] = paymentRows.map((row) => ({
    paymentId: row.id,
    confirmationNumber: row.confirmation_number,
    ...at(row.created_at),
    accountNumber: row.account_number,
    method: row.method_kind,
    brand: row.brand,
    last4: row.last4,
    wallet: row.wallet,
    state: row.status,
    amountCents: row.amount_cents,
    processorReference: row.charge_id,
    takenBy: takenByOf(row),
  }));

  const refundRows = await db
    .selectFrom('refunds as r')
    .innerJoin('payments as p', 'p.id', 'r.payment_id')
    .innerJoin('accounts as a', 'a.id', 'r.account_id')
    .select(['r.id', 'r.payment_id', 'r.created_at', 'a.account_number', 'p.method_kind', 'r.status', 'r.reason', 'r.amount_cents', 'r.processor_refund_id', 'r.staff_id'])
    .where('r.practice_id', '=', practice.id)
    .where('a.practice_id', '=', practice.id)
    .where('r.created_at', '>=', from)
    .where('r.created_at', '<', to)
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute();
  const refunds: DayRefund[] = refundRows.map((row) => ({
    refundId: row.id,
    paymentId: row.payment_id,
    ...at(row.created_at),
    accountNumber: row.account_number,
    method: row.method_kind,
    state: row.status,
    reason: row.reason,
    amountCents: -row.amount_cents,
    processorReference: row.processor_refund_id,
    requestedBy: row.staff_id ? 'staff' : 'api_key',
  }));

  // A bank debit that came back: its payment is marked `returned` (and last changed) then, with the ledger's reversal.
  const returnRows = await db
    .selectFrom('payments as p')
    .innerJoin('accounts as a', 'a.id', 'p.account_id')
    .select(['p.id', 'p.updated_at as created_at', 'a.account_number', 'p.method_kind', 'p.return_code', 'p.amount_cents', 'p.charge_id'])
    .where('p.practice_id', '=', practice.id)
    .where('a.practice_id', '=', practice.id)
    .where('p.status', '=', 'returned')
    .where('p.updated_at', '>=', from)
    .where('p.updated_at', '<', to)
    .orderBy('p.updated_at')
    .orderBy('p.id')
    .execute();
  const returns: DayReturn[] = returnRows.map((row) => ({
    paymentId: row.id,
    ...at(row.created_at),
    accountNumber: row.account_number,
    method: row.method_kind,
    returnCode: row.return_code,
    amountCents: -row.amount_cents,
    processorReference: row.charge_id,
  }));

  const of = <T extends { method: MethodKind | null }>(rows: readonly T[], method: MethodKind) => rows.filter((row) => row.method === method);
  const byMethod = Object.fromEntries(METHODS.map((method) => [method, dayTotals(of(payments, method), of(refunds, method), of(returns, method))])) as Record<MethodKind, DayTotals>;
  return { date, timeZone, payments, refunds, returns, totals: dayTotals(payments, refunds, returns), byMethod };
}

/** One line per movement, for the CSV: payments, then refunds, then returns. */
export interface DayLine {
  readonly kind: 'payment' | 'refund' | 'return';
  readonly at: string;
  readonly localTime: string;
  readonly paymentId: string;
  readonly refundId: string | null;
  readonly accountNumber: string;
  readonly method: MethodKind | null;
  readonly state: string;
  readonly amountCents: number;
  readonly amount: number;
  readonly processorReference: string | null;
  readonly takenBy: string | null;
}

export const DAY_COLUMNS = ['kind', 'at', 'localTime', 'paymentId', 'refundId', 'accountNumber', 'method', 'state', 'amountCents', 'amount', 'processorReference', 'takenBy'] as const satisfies readonly (keyof DayLine)[];

export function dayLines(day: MoneyDay): DayLine[] {
  const common = (row: { at: string; localTime: string; paymentId: string; accountNumber: string; method: MethodKind | null; amountCents: number; processorReference: string | null }) => ({
    at: row.at,
    localTime: row.localTime,
    paymentId: row.paymentId,
    accountNumber: row.accountNumber,
    method: row.method,
    amountCents: row.amountCents,
    amount: row.amountCents,
    processorReference: row.processorReference,
  });
  return [
    ...day.payments.map((p) => ({ kind: 'payment' as const, ...common(p), refundId: null, state: p.state, takenBy: p.takenBy })),
    ...day.refunds.map((r) => ({ kind: 'refund' as const, ...common(r), refundId: r.refundId, state: r.state, takenBy: r.requestedBy })),
    ...day.returns.map((r) => ({ kind: 'return' as const, ...common(r), refundId: null, state: r.returnCode ?? 'returned', takenBy: null })),
  ];
}
