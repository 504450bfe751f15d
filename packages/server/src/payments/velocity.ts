import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/**
 * Limits against card testing (someone running stolen card numbers through a patient's bill to
 * learn which are live). A patient who mistypes a security code twice never meets them; a script
 * meets them within a handful of attempts. Only payments made by a patient who is present count
 * (a plan's installments are the practice's own charges).
 */
export const CARD_TESTING_LIMITS = {
  /** Declined payments in one session... */
  session: { declines: 3, windowMs: 30 * MINUTE_MS },
  /** ...on one account, whatever the session... */
  account: { declines: 5, windowMs: 24 * HOUR_MS },
  /** ...and from one address, whatever the account, before new payments are refused. */
  address: { declines: 10, windowMs: HOUR_MS },
  /**
   * Payments of one session still at the processor at once: a person pays one at a time (a second
   * tab, perhaps); a script sends many in parallel, each before any decline could be counted.
   */
  inFlight: 2,
  /**
   * Declines in a session whose reason is told ("the security code is wrong"); later ones are
   * only "declined", so a tester learns nothing from them that a patient needs.
   */
  explainedDeclines: 2,
} as const;

export type VelocityRefusal =
  | { readonly kind: 'too_many_declines'; readonly scope: 'session' | 'account' | 'address'; readonly retryAt: Date }
  | { readonly kind: 'in_flight' };

export interface VelocityScope {
  readonly accountId: string;
  readonly sessionId: string;
  readonly clientHash: string;
  readonly now: Date;
}

/**
 * Whether a new payment must be refused. Run under the account's lock, so payments on one account
 * are judged one after another (a session's and the account's counts are exact); the address's
 * count spans accounts and is as exact as their commits.
 */
export async function velocityRefusal(db: Kysely<Database>, scope: VelocityScope): Promise<VelocityRefusal | undefined> {
  const { session, account, address } = CARD_TESTING_LIMITS;
  const since = (windowMs: number) => new Date(scope.now.getTime() - windowMs);
  const widest = since(Math.max(session.windowMs, account.windowMs, address.windowMs));
  const { rows } = await sql<{
    session_n: number;
    session_oldest: Date | null;
    account_n: number;
    account_oldest: Date | null;
    address_n: number;
    address_oldest: Date | null;
    in_flight: number;
  }>`
    select
      count(*) filter (where status = 'declined' and session_id = ${scope.sessionId} and created_at > ${since(session.windowMs)})::int as session_n,
      min(created_at) filter (where status = 'declined' and session_id = ${scope.sessionId} and created_at > ${since(session.windowMs)}) as session_oldest,
      count(*) filter (where status = 'declined' and account_id = ${scope.accountId} and created_at > ${since(account.windowMs)})::int as account_n,
      min(created_at) filter (where status = 'declined' and account_id = ${scope.accountId} and created_at > ${since(account.windowMs)}) as account_oldest,
      count(*) filter (where status = 'declined' and client_hash = ${scope.clientHash} and created_at > ${since(address.windowMs)})::int as address_n,
      min(created_at) filter (where status = 'declined' and client_hash = ${scope.clientHash} and created_at > ${since(address.windowMs)}) as address_oldest,
      count(*) filter (where status = 'pending' and session_id = ${scope.sessionId})::int as in_flight
    from payments
    where session_id is not null
      and (account_id = ${scope.accountId} or client_hash = ${scope.clientHash})
      and (status = 'pending' or (status = 'declined' and created_at > ${widest}))`.execute(db);
  const counts = rows[0];
  if (!counts) return undefined;
  const over = (
    [
      ['session', counts.session_n, counts.session_oldest, session],
      ['account', counts.account_n, counts.account_oldest, account],
      ['address', counts.address_n, counts.address_oldest, address],
    ] as const
  ).filter(([, n, , limit]) => n >= limit.declines);
  if (over.length > 0) {
    // Allowed again when the oldest decline counted leaves its window (the latest of the scopes over).
    const retryAt = new Date(Math.max(...over.map(([, , oldest, limit]) => new Date(oldest ?? scope.now).getTime() + limit.windowMs)));
    return { kind: 'too_many_declines', scope: over[0]![0], retryAt };
  }
  if (counts.in_flight >= CARD_TESTING_LIMITS.inFlight) return { kind: 'in_flight' };
  return undefined;
}

/** Whether a decline in this session is told with its reason (see `explainedDeclines`). */
export async function declineIsExplained(db: Kysely<Database>, sessionId: string, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom('payments')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('session_id', '=', sessionId)
    .where('status', '=', 'declined')
    .where('created_at', '>', new Date(now.getTime() - CARD_TESTING_LIMITS.session.windowMs))
    .executeTakeFirstOrThrow();
  return Number(row.n) <= CARD_TESTING_LIMITS.explainedDeclines;
}
