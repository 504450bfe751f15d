import { agingOf, openByStatement, sumCents, type Aging } from '@billpay/sdk';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { PracticeConfig } from '../practices/practices.js';
import { localDate } from './zone.js';

/**
 * The aging of the practice's balances (issue 14): what each account still owes, by the age of
 * the statement it is open on (current, 30, 60, 90+ days, the SDK's `openByStatement` and
 * `agingOf`, the rules the patient's own account shows), on the practice's today, with totals.
 * Accounts that owe nothing (or are in credit) are not listed.
 */

export interface AgingRow extends Aging {
  /** The practice's own account id (imported accounts), otherwise billpay's. */
  readonly accountId: string;
  readonly accountNumber: string;
  readonly name: string;
  readonly totalCents: number;
}

export interface AgingReport {
  readonly asOf: string;
  readonly rows: readonly AgingRow[];
  /** Over every account that owes, not only this page's. */
  readonly totals: Aging & { readonly totalCents: number; readonly accounts: number };
  /** Pass as `after` for the next page; absent on the last. */
  readonly nextAfter?: string | undefined;
}

export const AGING_COLUMNS = ['accountId', 'accountNumber', 'name', 'currentCents', 'days30Cents', 'days60Cents', 'days90PlusCents', 'totalCents'] as const satisfies readonly (keyof AgingRow)[];

const totalOf = (aging: Aging) => aging.currentCents + aging.days30Cents + aging.days60Cents + aging.days90PlusCents;

/**
 * The aging report on `now`'s day in the practice's time zone. Rows by account number; `limit`
 * of them after the account number `after`; the totals count every account.
 */
export async function agingReport(db: Kysely<Database>, practice: PracticeConfig, now: Date, page: { readonly limit: number; readonly after?: string | undefined }): Promise<AgingReport> {
  const asOf = localDate(now, practice.contact.timeZone);
  const accounts = await db
    .selectFrom('accounts')
    .select(['id', 'external_id', 'account_number', 'first_name', 'last_name'])
    .where('practice_id', '=', practice.id)
    .orderBy('account_number')
    .execute();
  const statements = await db
    .selectFrom('statements as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .select(['s.id', 's.account_id', 's.statement_date', 's.due_date', 's.letter_mailed_on'])
    .where('a.practice_id', '=', practice.id)
    .execute();
  // What the ledger holds per account and statement: `openByStatement` only sums a statement's lines.
  const sums = await db
    .selectFrom('ledger_entries as l')
    .innerJoin('accounts as a', 'a.id', 'l.account_id')
    .select(['l.account_id', 'l.statement_id', sql<number>`sum(l.amount_cents)::int`.as('cents')])
    .where('a.practice_id', '=', practice.id)
    .groupBy(['l.account_id', 'l.statement_id'])
    .execute();
  const statementsOf = new Map<string, { id: string; statementDate: string; dueDate: string; letterMailedOn: string | null }[]>();
  for (const s of statements) statementsOf.set(s.account_id, [...(statementsOf.get(s.account_id) ?? []), { id: s.id, statementDate: s.statement_date, dueDate: s.due_date, letterMailedOn: s.letter_mailed_on }]);
  const linesOf = new Map<string, { statementId: string | null; amountCents: number; postedOn: string }[]>();
  for (const line of sums) linesOf.set(line.account_id, [...(linesOf.get(line.account_id) ?? []), { statementId: line.statement_id, amountCents: line.cents, postedOn: asOf }]);

  const owing: AgingRow[] = [];
  for (const account of accounts) {
    const own = statementsOf.get(account.id) ?? [];
    const aging = agingOf(own, openByStatement(own, linesOf.get(account.id) ?? []), asOf);
    const totalCents = totalOf(aging);
    if (totalCents <= 0) continue;
    owing.push({ accountId: account.external_id ?? account.id, accountNumber: account.account_number, name: `${account.last_name}, ${account.first_name}`, ...aging, totalCents });
  }
  const sum = (pick: (row: AgingRow) => number) => sumCents(owing.map(pick));
  const totals = {
    accounts: owing.length,
    currentCents: sum((r) => r.currentCents),
    days30Cents: sum((r) => r.days30Cents),
    days60Cents: sum((r) => r.days60Cents),
    days90PlusCents: sum((r) => r.days90PlusCents),
    totalCents: sum((r) => r.totalCents),
  };
  const after = page.after;
  const rest = after === undefined ? owing : owing.filter((row) => row.accountNumber > after);
  const rows = rest.slice(0, page.limit);
  return { asOf, rows, totals, ...(rest.length > page.limit ? { nextAfter: rows.at(-1)!.accountNumber } : {}) };
}
