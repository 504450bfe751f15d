import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { recordAudit } from '../security/audit.js';
import { clearFailures, lockGuards, recordFailure, type Guard } from './lockout.js';
import { addressKey, keyedHash, tokenHash } from '../security/secret.js';
import { createSession } from '../accounts/sessions.js';

/** A lookup after validation: the Bill ID already normalized and its check digit verified. */
export type LookupCriteria = (
  | { readonly kind: 'bill_id'; readonly billId: string; readonly dateOfBirth: string }
  | { readonly kind: 'account_number'; readonly accountNumber: string; readonly lastName: string }
  /** A text-to-pay link's token (messages/pay-links.ts), good until it expires, with the date of birth. */
  | { readonly kind: 'pay_link'; readonly payLink: string; readonly dateOfBirth: string }
) & {
  /** The amount due on one of the account's statements: gets a patient through a lockout of their bill. */
  readonly amountDueCents?: number | undefined;
};

export type LookupOutcome =
  /** `planId`: the link was sent for the patient to change this plan's payment method. */
  | { readonly kind: 'found'; readonly accountId: string; readonly token: string; readonly planId?: string | undefined }
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

/** Folds a name for matching: "Novák" and "NOVAK" both become "novak". */
export function lastNameKey(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/** The identifier a lookup named: the Bill ID or the account number, per practice. */
function identifierOf(criteria: LookupCriteria, practiceId: string): string {
  if (criteria.kind === 'pay_link') return `pay_link:${practiceId}:${tokenHash(criteria.payLink)}`;
  return criteria.kind === 'bill_id'
    ? `bill_id:${practiceId}:${criteria.billId}`
    : `account_number:${practiceId}:${accountNumberKey(criteria.accountNumber)}`;
}

/** The least amount due that proves anything: $0.00 (a paid account, a copay statement) is anyone's guess. */
export const MIN_AMOUNT_DUE_PROOF_CENTS = 100;

/**
 * Whether `cents` is the amount due printed on one of the account's statements (its patient
 * responsibility and the fees posted on it by its date; a fee added later is not on the paper) or
 * the account's balance now, as SQL on `accounts.id`. At least $1.00, or nothing matches.
 */
const amountDueMatches = (cents: number | undefined) =>
  cents === undefined || cents < MIN_AMOUNT_DUE_PROOF_CENTS
    ? sql<boolean>`false`
    : sql<boolean>`(
        exists (
          select 1 from statements s
          where s.account_id = accounts.id
            and coalesce((select sum(i.patient_cents) from line_items i where i.statement_id = s.id), 0)
              + coalesce((select sum(l.amount_cents) from ledger_entries l where l.statement_id = s.id and l.kind = 'fee' and l.posted_on <= s.statement_date), 0) = ${cents}
        )
        or (select coalesce(sum(l.amount_cents), 0) from ledger_entries l where l.account_id = accounts.id) = ${cents}
      )`;

/**
 * The account the identifier names, if any, whether the secret given with it (the date of birth,
 * or the last name) is the account's, and whether the amount due given matches: ONE query on the
 * identifier, the same statement whether the account exists, the secret matches or the amount
 * does, so neither the answer nor its timing tells which.
 */
async function resolve(db: Kysely<Database>, practiceId: string, criteria: LookupCriteria, now: Date): Promise<{ accountId: string; matches: boolean; amountMatches: boolean } | undefined> {
  const amountMatches = amountDueMatches(criteria.amountDueCents).as('amount_matches');
  const query = db.selectFrom('accounts').where('practice_id', '=', practiceId);
  const row =
    criteria.kind === 'pay_link'
      ? await query
          .select(['id', sql<boolean>`date_of_birth = ${criteria.dateOfBirth}::date`.as('matches'), amountMatches])
          // The account of a link that has not expired (a link names one account and statement).
          .where('id', '=', (eb) =>
            eb.selectFrom('pay_links').select('account_id').where('practice_id', '=', practiceId).where('token_hash', '=', tokenHash(criteria.payLink)).where('expires_at', '>', now),
          )
          .executeTakeFirst()
      : criteria.kind === 'bill_id'
      ? await query
          .select(['id', sql<boolean>`date_of_birth = ${criteria.dateOfBirth}::date`.as('matches'), amountMatches])
          // The account's own Bill ID, or one given to a statement of it (imports/apply.ts).
          .where((eb) =>
            eb.or([
              eb('bill_id', '=', criteria.billId),
              eb('id', '=', eb.selectFrom('bill_ids').select('account_id').where('practice_id', '=', practiceId).where('bill_id', '=', criteria.billId)),
            ]),
          )
          .executeTakeFirst()
      : await query
          .select(['id', sql<boolean>`last_name_key = ${lastNameKey(criteria.lastName)}`.as('matches'), amountMatches])
          .where(sql<string>`upper(replace(account_number, ' ', ''))`, '=', accountNumberKey(criteria.accountNumber))
          .executeTakeFirst();
  return row ? { accountId: row.id, matches: row.matches, amountMatches: row.amount_matches } : undefined;
}

/** The plan a "change your payment method" link is for (asked only once the link has opened the bill). */
async function linkedPlan(db: Kysely<Database>, practiceId: string, criteria: LookupCriteria): Promise<string | undefined> {
  if (criteria.kind !== 'pay_link') return undefined;
  const link = await db.selectFrom('pay_links').select('plan_id').where('practice_id', '=', practiceId).where('token_hash', '=', tokenHash(criteria.payLink)).executeTakeFirst();
  return link?.plan_id ?? undefined;
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
 * one of its statements (at least $1.00) gets through, and the lock stays for everyone else. Such
 * tries have a budget of their own per account (the lockout's, 5 in 15 minutes), so the step-up is
 * no faster a way to guess a date of birth than a lookup; they never extend the account's lock.
 */
export async function attemptLookup(context: LookupContext, criteria: LookupCriteria): Promise<LookupOutcome> {
  const { secret, practiceId, now, requestId } = context;
  const client: Guard = { key: addressKey(secret, context.clientAddress), kind: 'client' };

  return context.db.transaction().execute(async (trx): Promise<LookupOutcome> => {
    const found = await resolve(trx, practiceId, criteria, now);
    const subject: Guard = {
      key: found ? keyedHash(secret, 'lookup_account', `${practiceId}:${found.accountId}`) : keyedHash(secret, 'lookup_subject', identifierOf(criteria, practiceId)),
      kind: 'subject',
    };
    const stepUp: Guard = { key: keyedHash(secret, 'lookup_step_up', subject.key), kind: 'subject' };
    const audit = { at: now, practiceId, subjectHash: subject.key, clientHash: client.key, requestId };
    const locks = await lockGuards(trx, [subject, client], now);
    const clientLock = locks.get(client.key);
    const subjectLock = locks.get(subject.key);
    if (clientLock) {
      await recordAudit(trx, { ...audit, action: 'lookup_locked' });
      return { kind: 'locked', retryAt: subjectLock && subjectLock > clientLock ? subjectLock : clientLock, stepUp: false };
    }
    if (subjectLock) {
      // Taken only now, and only ever after the account's guard: no two lookups wait crosswise.
      const stepUpOpen = (await lockGuards(trx, [stepUp], now)).size === 0;
      if (!stepUpOpen || !found?.matches || !found.amountMatches) {
        if (stepUpOpen && criteria.amountDueCents !== undefined) await recordFailure(trx, [client, stepUp], now);
        await recordAudit(trx, { ...audit, action: 'lookup_locked' });
        return { kind: 'locked', retryAt: subjectLock, stepUp: stepUpOpen };
      }
      await clearFailures(trx, stepUp, now);
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
    return { kind: 'found', accountId: found.accountId, token, planId: await linkedPlan(trx, practiceId, criteria) };
  });
}
