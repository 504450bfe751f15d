import {
  AgingReportSchema,
  DepositDaySchema,
  MoneyDaySchema,
  PlanChangeResultSchema,
  PlanDeskSchema,
  type AgingReport,
  type DepositDay,
  type MoneyDay,
  type PlanChangeResult,
  type PlanChangeWhy,
  type PlanDesk,
} from '../desk-schemas.js';
import { change, stateOf, type ChangeOptions, type ConsoleConnection } from './admin.js';
import type { CallOptions } from './connection.js';
import { request } from './request.js';

/** One of the billing office's money reports under `/admin/v1/money`. */
export type MoneyReport = 'day' | 'deposits' | 'aging';

/**
 * Where a money report's CSV is (same origin, the session's cookie): a plain GET, for a link the
 * browser downloads. `date` (YYYY-MM-DD, the practice's day) for the day and deposits; aging is
 * always today's.
 */
export function moneyCsvPath(report: MoneyReport, date?: string): string {
  const query = new URLSearchParams(report === 'aging' || !date ? {} : { date });
  query.set('format', 'csv');
  return `/admin/v1/money/${report}?${query.toString()}`;
}

/** The practice's day `date` (YYYY-MM-DD, its time zone): payments, refunds and returns with totals by method. */
export function getMoneyDay(connection: ConsoleConnection, date: string, { signal }: CallOptions = {}): Promise<MoneyDay> {
  return request(stateOf(connection).http, `admin/v1/money/day?date=${encodeURIComponent(date)}`, MoneyDaySchema, { signal });
}

/** What the processor should deposit on `date`, by method, reconciled against its settlement report. */
export function getDeposits(connection: ConsoleConnection, date: string, { signal }: CallOptions = {}): Promise<DepositDay> {
  return request(stateOf(connection).http, `admin/v1/money/deposits?date=${encodeURIComponent(date)}`, DepositDaySchema, { signal });
}

/** The aging of balances on the practice's today (`asOf`): a page of accounts by number (`after` the last one shown), totals over all. */
export function getAging(connection: ConsoleConnection, { signal, limit, after }: CallOptions & { limit?: number | undefined; after?: string | undefined } = {}): Promise<AgingReport> {
  const query = new URLSearchParams();
  if (limit !== undefined) query.set('limit', String(limit));
  if (after !== undefined) query.set('after', after);
  const text = query.toString();
  const tail = text ? `?${text}` : '';
  return request(stateOf(connection).http, `admin/v1/money/aging${tail}`, AgingReportSchema, { signal });
}

const planPath = (planId: string) => `admin/v1/plans/${encodeURIComponent(planId)}`;

/** A plan of the practice with its schedule, charge attempts and the changes made to it. */
export function getPlanDesk(connection: ConsoleConnection, planId: string, { signal }: CallOptions = {}): Promise<PlanDesk> {
  return request(stateOf(connection).http, planPath(planId), PlanDeskSchema, { signal });
}

/** Cancels the plan: the installments left are not charged. */
export function cancelPlanAsStaff(connection: ConsoleConnection, planId: string, why: PlanChangeWhy, options: ChangeOptions): Promise<PlanChangeResult> {
  return change(connection, `${planPath(planId)}/cancel`, PlanChangeResultSchema, why, options);
}

/** Skips installment `number`: its amount is due one period after the plan's last date. */
export function skipInstallment(connection: ConsoleConnection, planId: string, number: number, why: PlanChangeWhy, options: ChangeOptions): Promise<PlanChangeResult> {
  return change(connection, `${planPath(planId)}/installments/${number}/skip`, PlanChangeResultSchema, why, options);
}

/** Moves installment `number` to `dueOn` (YYYY-MM-DD), within the policy's window. */
export function moveInstallment(connection: ConsoleConnection, planId: string, number: number, input: PlanChangeWhy & { readonly dueOn: string }, options: ChangeOptions): Promise<PlanChangeResult> {
  return change(connection, `${planPath(planId)}/installments/${number}/move`, PlanChangeResultSchema, input, options);
}

/** Re-cuts the installments left into parts of `amountCents` (the plan's total stays); may need a Regulation E notice. */
export function changeInstallmentAmount(connection: ConsoleConnection, planId: string, input: PlanChangeWhy & { readonly amountCents: number }, options: ChangeOptions): Promise<PlanChangeResult> {
  return change(connection, `${planPath(planId)}/amount`, PlanChangeResultSchema, input, options);
}
