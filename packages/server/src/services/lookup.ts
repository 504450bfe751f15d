import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { lastNameKey } from '../demo/demo-data.js';
import { recordAudit } from './audit.js';
import { clearFailures, lockGuards, recordFailure, type Guard } from './lockout.js';
import { keyedHash } from './secret.js';
import { createSession } from './sessions.js';

/** A lookup after validation: the Bill ID already normalized and its check digit verified. */
export type LookupCriteria =
  | { readonly kind: 'bill_id'; readonly billId: string; readonly dateOfBirth: string }
  | { readonly kind: 'account_number'; readonly accountNumber: string; readonly lastName: string };

export type LookupOutcome =
  | { readonly kind: 'found'; readonly accountId: string; readonly token: string }
  | { readonly kind: 'failed' }
  | { readonly kind: 'locked'; readonly retryAt: Date };

export interface LookupContext {
  readonly db: Kysely<Database>;
  readonly secret: string;
  readonly practiceId: string;
  readonly clientAddress: string;
  readonly requestId: string;
  readonly now: Date;
}

/** Account numbers match without regard to case or spaces: "a-100 234" finds "A-100234". */
export function accountNumberKey(accountNumber: string): string {
  return accountNumber.replace(/\s/g, '').toUpperCase();
}

/** The identifier a lookup is counted against: the Bill ID or the account number, per practice. */
function subjectOf(criteria: LookupCriteria, practiceId: string): string {
  return criteria.kind === 'bill_id'
    ? `bill_id:${practiceId}:${criteria.billId}`
    : `account_number:${practiceId}:${accountNumberKey(criteria.accountNumber)}`;
}

/**
 * The match, as ONE query on the identifier and the secret together: an unknown Bill ID and a
 * wrong date of birth run the same statement and get the same empty answer, so neither the
 * response nor its timing tells which it was.
 */
async function match(db: Kysely<Database>, practiceId: string, criteria: LookupCriteria): Promise<string | undefined> {
  const query = db.selectFrom('accounts').select('id').where('practice_id', '=', practiceId);
  const row =
    criteria.kind === 'bill_id'
      ? await query.where('bill_id', '=', criteria.billId).where('date_of_birth', '=', criteria.dateOfBirth).executeTakeFirst()
      : await query
          .where(sql<string>`upper(replace(account_number, ' ', ''))`, '=', accountNumberKey(criteria.accountNumber))
          .where('last_name_key', '=', lastNameKey(criteria.lastName))
          .executeTakeFirst();
  return row?.id;
}

/**
 * One lookup attempt, in one transaction that holds the identifier's and the client's guards
 * from the lockout check to the count, so concurrent attempts (from any instance on the same
 * database) are judged one after another. The audit event is written in the same transaction.
 */
export async function attemptLookup(context: LookupContext, criteria: LookupCriteria): Promise<LookupOutcome> {
  const { secret, practiceId, now, requestId } = context;
  const subject: Guard = { key: keyedHash(secret, 'lookup_subject', subjectOf(criteria, practiceId)), kind: 'subject' };
  const client: Guard = { key: keyedHash(secret, 'client_address', context.clientAddress), kind: 'client' };
  const audit = { at: now, practiceId, subjectHash: subject.key, clientHash: client.key, requestId };

  return context.db.transaction().execute(async (trx): Promise<LookupOutcome> => {
    const lockedUntil = await lockGuards(trx, [subject, client], now);
    if (lockedUntil) {
      await recordAudit(trx, { ...audit, action: 'lookup_locked' });
      return { kind: 'locked', retryAt: lockedUntil };
    }
    const accountId = await match(trx, practiceId, criteria);
    if (!accountId) {
      await recordFailure(trx, [subject, client], now);
      await recordAudit(trx, { ...audit, action: 'lookup_failed' });
      return { kind: 'failed' };
    }
    await clearFailures(trx, subject, now);
    const token = await createSession(trx, accountId, practiceId, now);
    await recordAudit(trx, { ...audit, accountId, action: 'lookup_succeeded' });
    return { kind: 'found', accountId, token };
  });
}
