import {
  AgingReportSchema,
  DepositDaySchema,
  MoneyDaySchema,
  PlanChangeResultSchema,
  PlanDeskSchema,
  PracticeSettingsViewSchema,
  type AgingReport,
  type DepositDay,
  type MoneyDay,
  type PlanChangeResult,
  type PlanChangeWhy,
  type PlanDesk,
  type PracticeSettingsUpdate,
  type PracticeSettingsView,
} from '../desk-schemas.js';
import { AccountMessagePreferencesSchema, type AccountMessagePreferences, type StopMessagesRequest } from '../message-desk-schemas.js';
import { AccountNoticeSchema, AccountNoticesSchema, type AccountNotice, type AccountNotices } from '../notice-schemas.js';
import { change, csrf, stateOf, type ChangeOptions, type ConsoleConnection } from './admin.js';
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

const accountPath = (accountId: string) => `admin/v1/accounts/${encodeURIComponent(accountId)}`;

/** The messages sent or waiting for an account, newest first (addresses masked; never a body or link). */
export function getAccountNotices(connection: ConsoleConnection, accountId: string, { signal }: CallOptions = {}): Promise<AccountNotices> {
  return request(stateOf(connection).http, `${accountPath(accountId)}/messages`, AccountNoticesSchema, { signal });
}

/** Queues the statement's "statement ready" email again, with a fresh text-to-pay link; once per `idempotencyKey`. */
export function resendStatement(connection: ConsoleConnection, accountId: string, statementId: string, options: ChangeOptions): Promise<AccountNotice> {
  return change(connection, `${accountPath(accountId)}/statements/${encodeURIComponent(statementId)}/resend`, AccountNoticeSchema, {}, options);
}

/** What the patient receives (paperless, email, texts; addresses masked) and where each channel's consent stands. */
export function getAccountMessagePreferences(connection: ConsoleConnection, accountId: string, { signal }: CallOptions = {}): Promise<AccountMessagePreferences> {
  return request(stateOf(connection).http, `${accountPath(accountId)}/message-preferences`, AccountMessagePreferencesSchema, { signal });
}

/**
 * Stops email and/or texts at the patient's request, at once (recorded as a revocation by the
 * member of staff, in `language`'s words). Stopping is the same however often it is sent, so a
 * network failure may simply be retried; answers the preferences as they now are.
 */
export function stopAccountMessages(connection: ConsoleConnection, accountId: string, input: StopMessagesRequest, { signal }: CallOptions = {}): Promise<AccountMessagePreferences> {
  const state = stateOf(connection);
  return request(state.http, `${accountPath(accountId)}/message-preferences`, AccountMessagePreferencesSchema, { method: 'post', json: input, headers: csrf(state), signal, retry: 0 });
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

/**
 * Emails the patient a link to change their automatic plan's payment method (they give the new
 * method and its authorization); once per `idempotencyKey`. The notice names the address masked.
 */
export function sendPlanMethodLink(connection: ConsoleConnection, planId: string, options: ChangeOptions): Promise<AccountNotice> {
  return change(connection, `${planPath(planId)}/method-link`, AccountNoticeSchema, {}, options);
}

/** The practice's settings an admin may change, with their version (admins only). */
export function getPracticeSettings(connection: ConsoleConnection, { signal }: CallOptions = {}): Promise<PracticeSettingsView> {
  return request(stateOf(connection).http, 'admin/v1/settings', PracticeSettingsViewSchema, { signal });
}

/**
 * Saves the whole settings, edited from `version`: 409 `settings_changed` when someone saved since
 * (read them again), 400 with an issue per field when a value is refused. Never retried: a save
 * is answered once.
 */
export function savePracticeSettings(connection: ConsoleConnection, update: PracticeSettingsUpdate, { signal }: CallOptions = {}): Promise<PracticeSettingsView> {
  const state = stateOf(connection);
  return request(state.http, 'admin/v1/settings', PracticeSettingsViewSchema, { method: 'put', json: update, headers: csrf(state), signal, retry: 0 });
}
