import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../db/schema.js';
import { accountNumberKey } from '../lookup/lookup.js';
import { maskEmail, maskPhone, mobileOf, type SearchTerm } from './terms.js';

/** The most accounts one search answers with: enough to pick from, not a list of the practice. */
export const MAX_RESULTS = 25;

/** An account as a search lists it: enough to tell two patients apart, and no more. */
export interface AccountMatch {
  readonly id: string;
  readonly accountNumber: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly dateOfBirth: string;
  /** The last four digits only: `***-***-0142`. */
  readonly mobilePhone: string | null;
  /** The first character and the domain only: `r***@example.com`. */
  readonly email: string | null;
  readonly balanceCents: number;
}

export interface SearchResult {
  readonly data: readonly AccountMatch[];
  /** More accounts matched than are listed: the search should say more. */
  readonly truncated: boolean;
}

type Eb = ExpressionBuilder<Database, 'accounts'>;

/** Folded as the names are kept (see `billpay_fold` in account-desk-migration.ts). */
const fold = (value: string) => sql<string>`billpay_fold(${value})`;

/** Where an account matches one term; each kind is an index lookup within the practice. */
function matches(eb: Eb, term: SearchTerm, practiceId: string): Expression<SqlBool> {
  const accountNumber = (typed: string) => eb(sql`upper(replace(accounts.account_number, ' ', ''))`, '=', accountNumberKey(typed));
  switch (term.kind) {
    case 'name': {
      const prefix = sql<string>`${fold(term.text)} || '%'`;
      return eb.or([eb('accounts.last_name_fold', 'like', prefix), eb('accounts.first_name_fold', 'like', prefix)]);
    }
    case 'date_of_birth':
      return eb('accounts.date_of_birth', '=', term.date);
    case 'email':
      return eb(sql`lower(accounts.email)`, '=', term.email);
    case 'account_number':
      return accountNumber(term.typed);
    case 'number': {
      const either: Expression<SqlBool>[] = [accountNumber(term.typed)];
      if (term.typed !== term.digits) either.push(accountNumber(term.digits));
      if (term.digits.length === 12) {
        // The account's first Bill ID, and those of its imported statements.
        either.push(eb('accounts.bill_id', '=', term.digits));
        // `= any(array(...))`, not `in (...)`: within an OR, only the array form is an index lookup.
        const billIds = eb.selectFrom('bill_ids').select('bill_ids.account_id').where('bill_ids.practice_id', '=', practiceId).where('bill_ids.bill_id', '=', term.digits);
        either.push(sql<SqlBool>`accounts.id = any(array(${billIds}))`);
      }
      const mobile = mobileOf(term.digits);
      if (mobile) either.push(eb('accounts.mobile_phone', '=', mobile));
      return eb.or(either);
    }
  }
}

/**
 * The practice's accounts that match every term, by last name then first name, at most
 * `MAX_RESULTS` (one more is read to know whether there were more). Another practice's accounts
 * are never read.
 */
export async function searchAccounts(db: Kysely<Database>, practiceId: string, terms: readonly SearchTerm[]): Promise<SearchResult> {
  const rows = await db
    .selectFrom('accounts')
    .select([
      'accounts.id',
      'accounts.account_number',
      'accounts.first_name',
      'accounts.last_name',
      'accounts.date_of_birth',
      'accounts.mobile_phone',
      'accounts.email',
    ])
    .where('accounts.practice_id', '=', practiceId)
    .where((eb) => eb.and(terms.map((term) => matches(eb, term, practiceId))))
    .orderBy('accounts.last_name')
    .orderBy('accounts.first_name')
    .orderBy('accounts.id')
    .limit(MAX_RESULTS + 1)
    .execute();
  const listed = rows.slice(0, MAX_RESULTS);
  // Balances of the listed accounts only (not of every match the sort went through).
  const balances = listed.length
    ? await db
        .selectFrom('ledger_entries')
        .select(['account_id', sql<number>`sum(amount_cents)::int`.as('cents')])
        .where('account_id', 'in', listed.map((row) => row.id))
        .groupBy('account_id')
        .execute()
    : [];
  const balanceOf = new Map(balances.map((row) => [row.account_id, row.cents]));
  return {
    data: listed.map((row) => ({
      id: row.id,
      accountNumber: row.account_number,
      firstName: row.first_name,
      lastName: row.last_name,
      dateOfBirth: row.date_of_birth,
      mobilePhone: maskPhone(row.mobile_phone),
      email: maskEmail(row.email),
      balanceCents: balanceOf.get(row.id) ?? 0,
    })),
    truncated: rows.length > MAX_RESULTS,
  };
}
