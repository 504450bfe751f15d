import { randomBytes, randomInt } from 'node:crypto';
import { billIdFrom } from '@billpay/sdk';
import { CompiledQuery, type Insertable, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { PracticeConfig } from '../practices/practices.js';
import { lastNameKey } from '../lookup/lookup.js';
import type { ValidStatement } from './format.js';

/**
 * The rows an imported statement becomes, built once for both ways of writing them: one
 * statement in its own transaction (apply.ts) and many at once (batch.ts).
 */

/**
 * A new row id: the prefix, the time in milliseconds (12 hex digits) and 80 random bits (20 hex
 * digits), as UUIDv7 orders them. Ids made one after another land side by side in the primary key
 * and in the indexes of the rows that name them (a statement's account, a line item's statement),
 * rather than anywhere in them: an import's inserts then touch a few index pages, not one each.
 */
export const newRowId = (prefix: 'acct' | 'stmt'): string => `${prefix}_${Date.now().toString(16).padStart(12, '0')}${randomBytes(10).toString('hex')}`;

/**
 * A Bill ID candidate: 11 random digits (not starting with 0) and the practice's check digit.
 * Whether it is free is for the caller to check, against `accounts` and `bill_ids`.
 */
export function randomBillId(practice: PracticeConfig): string {
  const body = `${randomInt(1, 10)}${String(randomInt(0, 10_000_000_000)).padStart(10, '0')}`;
  return billIdFrom(body, practice.billIdCheckDigit, String(randomInt(0, 10)));
}

/** The account columns a statement sets, on a new account and on one brought up to date. */
export function accountDetails(statement: ValidStatement) {
  const { account } = statement.input;
  return {
    account_number: account.accountNumber,
    first_name: account.firstName,
    last_name: account.lastName,
    last_name_key: lastNameKey(account.lastName),
    date_of_birth: account.dateOfBirth,
    coverage: statement.coverage,
    email: account.email ?? null,
    mobile_phone: account.mobile ?? null,
    preferred_language: account.language ?? null,
    address_line1: account.address.line1,
    address_line2: account.address.line2 ?? null,
    city: account.address.city,
    state: account.address.state,
    postal_code: account.address.postalCode,
  };
}

export type AccountDetails = ReturnType<typeof accountDetails>;

export interface StatementRows {
  readonly statement: Insertable<Database['statements']>;
  readonly lineItems: Insertable<Database['line_items']>[];
  readonly notes: Insertable<Database['insurer_notes']>[];
  readonly ledger: Insertable<Database['ledger_entries']>[];
}

/** The statement, its line items, their notes and its ledger entries, as rows of a new statement. */
export function statementRows(accountId: string, statementId: string, statement: ValidStatement, replaces: string | null): StatementRows {
  const { statement: dates } = statement.input;
  const lineItems: Insertable<Database['line_items']>[] = [];
  const notes: Insertable<Database['insurer_notes']>[] = [];
  for (const [position, item] of statement.lineItems.entries()) {
    const lineItemId = `${statementId}_${position + 1}`;
    lineItems.push({
      id: lineItemId,
      statement_id: statementId,
      position,
      service_date: item.serviceDate,
      provider: item.provider,
      description: item.description,
      code: item.code,
      charge_cents: item.chargeCents,
      insurance_paid_cents: item.insurancePaidCents,
      adjustment_cents: item.adjustmentCents,
      patient_cents: item.patientCents,
    });
    for (const [n, note] of item.notes.entries()) {
      notes.push({ id: `${lineItemId}_n${n + 1}`, statement_id: statementId, line_item_id: lineItemId, kind: note.kind, amount_cents: note.amountCents });
    }
  }
  const owed = statement.lineItems.reduce((sum, item) => sum + item.patientCents, 0);
  const entries = [
    { kind: 'charge' as const, reason: 'statement', amount_cents: owed, posted_on: dates.date },
    ...statement.fees.map((fee) => ({ kind: 'fee' as const, reason: fee.reason, amount_cents: fee.amountCents, posted_on: fee.date })),
    ...statement.payments.map((payment) => ({ kind: 'payment' as const, reason: payment.reason, amount_cents: payment.amountCents, posted_on: payment.date })),
  ];
  return {
    statement: { id: statementId, account_id: accountId, statement_date: dates.date, period_start: dates.periodStart, period_end: dates.periodEnd, due_date: dates.dueDate, letter_mailed_on: null, replaces },
    lineItems,
    notes,
    ledger: entries.map((entry) => ({ ...entry, account_id: accountId, statement_id: statementId })),
  };
}

/** PostgreSQL takes at most 65,535 parameters a query; a multi-row query stays under this. */
const MAX_PARAMETERS = 60_000;

/** How many rows of `columns` columns one query may carry. */
export const rowsPerQuery = (columns: number): number => Math.max(1, Math.floor(MAX_PARAMETERS / columns));

/**
 * A `VALUES` list of rows, `($1, $2), ($3, $4)`, and its parameters in order. Built as text, not
 * through Kysely's query builder, whose compiling of thousands of values was a good part of an
 * import's time; the column names are ours, every value a parameter.
 */
export function valuesList(rows: readonly Readonly<Record<string, unknown>>[], columns: readonly string[]): { text: string; parameters: unknown[] } {
  const parameters: unknown[] = [];
  const tuples: string[] = [];
  for (const row of rows) {
    const placeholders: string[] = [];
    for (const column of columns) {
      parameters.push(row[column] ?? null);
      placeholders.push(`$${parameters.length}`);
    }
    tuples.push(`(${placeholders.join(', ')})`);
  }
  return { text: tuples.join(', '), parameters };
}

/** Inserts rows of one table, all with the same columns, in as few multi-row inserts as the parameter limit allows. */
export async function insertRows<T extends keyof Database>(trx: Transaction<Database>, table: T, rows: readonly Insertable<Database[T]>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const perQuery = rowsPerQuery(columns.length);
  for (let from = 0; from < rows.length; from += perQuery) {
    const values = valuesList(rows.slice(from, from + perQuery), columns);
    await trx.executeQuery(CompiledQuery.raw(`insert into ${table} (${columns.join(', ')}) values ${values.text}`, values.parameters));
  }
}

/** Writes a statement's rows (see `statementRows`), one multi-row insert a table. */
export async function writeStatementRows(trx: Transaction<Database>, rows: readonly StatementRows[]): Promise<void> {
  await insertRows(trx, 'statements', rows.map((r) => r.statement));
  await insertRows(trx, 'line_items', rows.flatMap((r) => r.lineItems));
  await insertRows(trx, 'insurer_notes', rows.flatMap((r) => r.notes));
  await insertRows(trx, 'ledger_entries', rows.flatMap((r) => r.ledger));
}
