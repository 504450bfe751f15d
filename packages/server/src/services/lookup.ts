import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { lastNameKey } from '../demo/demo-data.js';
import { recordAudit } from './audit.js';
import { clearFailures, lockGuards, recordFailure, type Guard } from './lockout.js';
import { keyedHash } from './secret.js';
import { createSession } from './sessions.js';

/** A lookup after validation: the Bill ID already normalized and its check digit verified. */
export type LookupCriteria = (
  | { readonly kind: 'bill_id'; readonly billId: string; readonly dateOfBirth: string }
  | { readonly kind: 'account_number'; readonly accountNumber: string; readonly lastName: string }
) & {
  /** The amount due on one of the account's statements: gets a patient through a lockout of their bill. */
  readonly amountDueCents?: number | undefined;
};

export type LookupOutcome =
  | { readonly kind: 'found'; readonly accountId: string; readonly token: string }
  | { readonly kind: 'failed' }
  /** `stepUp`: the bill is locked, not the address, so the amount due would get the patient through. */
  | { readonly kind: 'locked'; readonly retryAt: Date; readonly stepUp: boolean };

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

/** The identifier a lookup named: the Bill ID or the account number, per practice. */
function identifierOf(criteria: LookupCriteria, practiceId: string): string {
  return criteria.kind === 'bill_id'
    ? `bill_id:${practiceId}:${criteria.billId}`
    : `account_number:${practiceId}:${accountNumberKey(criteria.accountNumber)}`;
}

/**
 * The account the identifier names, if any, and whether the secret given with it (the date of
 * birth, or the last name) is the account's: ONE query on the identifier, the same statement
 * whether the account exists or the secret matches, so neither the answer nor its timing tells.
 */
async function resolve(db: Kysely<Database>, practiceId: string, criteria: LookupCriteria): Promise<{ accountId: string; matches: boolean } | undefined> {
  const query = db.selectFrom('accounts').where('practice_id', '=', practiceId);
  const row =
    criteria.kind === 'bill_id'
      ? await query
          .select(['id', sql<boolean>`date_of_birth = ${criteria.dateOfBirth}::date`.as('matches')])
          .where('bill_id', '=', criteria.billId)
          .executeTakeFirst()
      : await query
          .select(['id', sql<boolean>`last_name_key = ${lastNameKey(criteria.lastName)}`.as('matches')])
          .where(sql<string>`upper(replace(account_number, ' ', ''))`, '=', accountNumberKey(criteria.accountNumber))
          .executeTakeFirst();
  return row ? { accountId: row.id, matches: row.matches } : undefined;
}

/**
 * Whether `cents` is the amount due on one of the account's statements (its patient
 * responsibility and fees, as the statement was printed) or the account's balance now.
 */
async function isAmountDue(db: Kysely<Database>, accountId: string, cents: number): Promise<boolean> {
  const { rows } = await sql<{ found: boolean }>`
    select exists (
      select 1 from statements s
      where s.account_id = ${accountId}
        and coalesce((select sum(patient_cents) from line_items i where i.statement_id = s.id), 0)
          + coalesce((select sum(amount_cents) from ledger_entries l where l.statement_id = s.id and l.kind = 'fee'), 0) = ${cents}
    ) or (select coalesce(sum(amount_cents), 0) from ledger_entries where account_id = ${accountId}) = ${cents} as found`.execute(db);
  return rows[0]?.found === true;
}

/**
 * One lookup attempt, in one transaction that holds the account's (or, for an identifier that is
 * no account's, the identifier's) guard and the client's guard from the lockout check to the
 * count, so concurrent attempts from any instance are judged one after another, and failures
 * count per account whichever way it was named: five wrong dates of birth with the Bill ID leave
 * no five more to try with the account number. The audit event is written in the same transaction.
 *
 * A lockout must not let anyone keep a patient out of their bill by failing on purpose: while the
 * account is locked (and the address is not), a lookup that also gives the amount due printed on
 * one of its statements gets through. Such attempts count against the address only, so they
 * cannot extend the account's lock; a wrong one is simply refused.
 */
export async function attemptLookup(context: LookupContext, criteria: LookupCriteria): Promise<LookupOutcome> {
  const { secret, practiceId, now, requestId } = context;
  const client: Guard = { key: keyedHash(secret, 'client_address', context.clientAddress), kind: 'client' };

  return context.db.transaction().execute(async (trx): Promise<LookupOutcome> => {
    const found = await resolve(trx, practiceId, criteria);
    const subject: Guard = {
      key: found ? keyedHash(secret, 'lookup_account', `${practiceId}:${found.accountId}`) : keyedHash(secret, 'lookup_subject', identifierOf(criteria, practiceId)),
      kind: 'subject',
    };
    const audit = { at: now, practiceId, subjectHash: subject.key, clientHash: client.key, requestId };
    const locks = await lockGuards(trx, [subject, client], now);
    const clientLock = locks.get(client.key);
    const subjectLock = locks.get(subject.key);
    if (clientLock) {
      await recordAudit(trx, { ...audit, action: 'lookup_locked' });
      return { kind: 'locked', retryAt: subjectLock && subjectLock > clientLock ? subjectLock : clientLock, stepUp: false };
    }
    if (subjectLock) {
      const proven = found?.matches === true && criteria.amountDueCents !== undefined && (await isAmountDue(trx, found.accountId, criteria.amountDueCents));
      if (!proven || !found) {
        if (criteria.amountDueCents !== undefined) await recordFailure(trx, [client], now);
        await recordAudit(trx, { ...audit, action: 'lookup_locked' });
        return { kind: 'locked', retryAt: subjectLock, stepUp: true };
      }
      await clearFailures(trx, subject, now);
      const token = await createSession(trx, found.accountId, practiceId, now);
      await recordAudit(trx, { ...audit, accountId: found.accountId, action: 'lookup_stepped_up' });
      return { kind: 'found', accountId: found.accountId, token };
    }
    if (!found?.matches) {
      await recordFailure(trx, [subject, client], now);
      await recordAudit(trx, { ...audit, action: 'lookup_failed' });
      return { kind: 'failed' };
    }
    await clearFailures(trx, subject, now);
    const token = await createSession(trx, found.accountId, practiceId, now);
    await recordAudit(trx, { ...audit, accountId: found.accountId, action: 'lookup_succeeded' });
    return { kind: 'found', accountId: found.accountId, token };
  });
}
