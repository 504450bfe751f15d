/**
 * Accounts for load tests: many patients, each owing enough, as a busy day would have them. (One
 * account paying many times at once is what the card-testing limits refuse, as they should.)
 */
import { luhnCheckDigit } from '@billpay/sdk';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';

export interface LoadAccount {
  readonly id: string;
  readonly billId: string;
  readonly dateOfBirth: string;
}

export async function insertLoadAccounts(db: Kysely<Database>, count: number, balanceCents: number, prefix = 'load'): Promise<LoadAccount[]> {
  const accounts = Array.from({ length: count }, (_, i) => {
    const body = `8${String(i).padStart(10, '0')}`;
    return { id: `acct_${prefix}${i}`, billId: `${body}${luhnCheckDigit(body)}`, dateOfBirth: '1980-01-01' };
  });
  await db
    .insertInto('accounts')
    .values(
      accounts.map((account, i) => ({
        id: account.id, practice_id: 'harbor-point', account_number: `${prefix.toUpperCase()}-${i}`, bill_id: account.billId, first_name: 'Load', last_name: `Test${i}`,
        last_name_key: `test${i}`, date_of_birth: account.dateOfBirth, coverage: 'self_pay' as const,
      })),
    )
    .execute();
  await db
    .insertInto('ledger_entries')
    .values(accounts.map((account) => ({ account_id: account.id, statement_id: null, kind: 'charge' as const, reason: 'statement', amount_cents: balanceCents, posted_on: '2026-01-01' })))
    .execute();
  return accounts;
}
