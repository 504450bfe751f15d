import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/**
 * Limits against card testing (someone running stolen card numbers through a patient's bill to
 * learn which are live). A patient who mistypes a security code twice never meets them; a script
 * meets them within a handful of attempts, in sequence or all at once.
 */
export const CARD_TESTING_LIMITS = {
  /** Declined payments in one session... */
  session: { declines: 3, windowMs: 30 * MINUTE_MS },
  /**
   * ...on one account, whatever the session (a plan's declined installments count too, so plans
   * are no way around it), counting payments still in flight as if they were declined: a burst
   * sent at once is judged as it would be one after another...
   */
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
  /** Payment plans one account may set up in a day (each may charge a card at once). */
  plansPerDay: 3,
} as const;

export type VelocityRefusal =
  | { readonly kind: 'too_many_declines'; readonly scope: 'session' | 'account' | 'address'; readonly retryAt: Date }
  | { readonly kind: 'in_flight' }
  | { readonly kind: 'too_many_plans'; readonly retryAt: Date };

export interface VelocityScope {
  readonly accountId: string;
  readonly sessionId: string;
  readonly clientHash: string;
  readonly now: Date;
}

interface Counts {
  session_n: number;
  session_oldest: Date | null;
  account_n: number;
  account_oldest: Date | null;
  address_n: number;
  address_oldest: Date | null;
  session_pending: number;
  account_pending: number;
}

/** Declines and payments in flight, per session, account and address, in one statement. */
async function countsOf(db: Kysely<Database>, scope: VelocityScope): Promise<Counts> {
  const { session, account, address } = CARD_TESTING_LIMITS;
  const since = (windowMs: number) => new Date(scope.now.getTime() - windowMs);
  const widest = since(Math.max(session.windowMs, account.windowMs, address.windowMs));
  const declined = (column: 'session_id' | 'account_id' | 'client_hash', value: string, windowMs: number) =>
    sql`status = 'declined' and ${sql.ref(column)} = ${value} and created_at > ${since(windowMs)}`;
  const { rows } = await sql<Counts>`
    select
      count(*) filter (where ${declined('session_id', scope.sessionId, session.windowMs)})::int as session_n,
      min(created_at) filter (where ${declined('session_id', scope.sessionId, session.windowMs)}) as session_oldest,
      count(*) filter (where ${declined('account_id', scope.accountId, account.windowMs)})::int as account_n,
      min(created_at) filter (where ${declined('account_id', scope.accountId, account.windowMs)}) as account_oldest,
      count(*) filter (where ${declined('client_hash', scope.clientHash, address.windowMs)})::int as address_n,
      min(created_at) filter (where ${declined('client_hash', scope.clientHash, address.windowMs)}) as address_oldest,
      count(*) filter (where status = 'pending' and session_id = ${scope.sessionId})::int as session_pending,
      count(*) filter (where status = 'pending' and account_id = ${scope.accountId})::int as account_pending
    from payments
    where (account_id = ${scope.accountId} or client_hash = ${scope.clientHash})
      and (status = 'pending' or (status = 'declined' and created_at > ${widest}))`.execute(db);
  return rows[0]!;
}

/** The decline limits a scope is over, with when it may pay again (the latest of them). */
function overDeclines(counts: Counts, now: Date): VelocityRefusal | undefined {
  const { session, account, address } = CARD_TESTING_LIMITS;
  const over = (
    [
      ['session', counts.session_n, counts.session_oldest, session],
      ['account', counts.account_n, counts.account_oldest, account],
      ['address', counts.address_n, counts.address_oldest, address],
    ] as const
  ).filter(([, n, , limit]) => n >= limit.declines);
  if (over.length === 0) return undefined;
  // Allowed again when the oldest decline counted leaves its window.
  const retryAt = new Date(Math.max(...over.map(([, , oldest, limit]) => new Date(oldest ?? now).getTime() + limit.windowMs)));
  return { kind: 'too_many_declines', scope: over[0]![0], retryAt };
}

/**
 * Whether a new payment must be refused. Run under the account's lock, so payments on one account
 * are judged one after another: a session's and the account's counts, in flight included, are
 * exact. The address's count spans accounts (a tester needs a patient's bill for each), and counts
 * declines only: many patients may share one address (a carrier's NAT) and pay at the same time.
 */
export async function velocityRefusal(db: Kysely<Database>, scope: VelocityScope): Promise<VelocityRefusal | undefined> {
  const counts = await countsOf(db, scope);
  const declines = overDeclines(counts, scope.now);
  if (declines) return declines;
  if (counts.session_pending >= CARD_TESTING_LIMITS.inFlight) return { kind: 'in_flight' };
  if (counts.account_n + counts.account_pending >= CARD_TESTING_LIMITS.account.declines) return { kind: 'in_flight' };
  return undefined;
}

/**
 * Whether a new payment plan must be refused: while payments on the account are paused for
 * declines, and past a few plans a day (each plan may charge a card at once, then be canceled).
 */
export async function planRefusal(db: Kysely<Database>, scope: VelocityScope): Promise<VelocityRefusal | undefined> {
  const declines = overDeclines(await countsOf(db, scope), scope.now);
  if (declines) return declines;
  const recent = await db
    .selectFrom('plans')
    .select('created_at')
    .where('account_id', '=', scope.accountId)
    .where('created_at', '>', new Date(scope.now.getTime() - 24 * HOUR_MS))
    .orderBy('created_at')
    .execute();
  if (recent.length < CARD_TESTING_LIMITS.plansPerDay) return undefined;
  return { kind: 'too_many_plans', retryAt: new Date(new Date(recent[0]!.created_at).getTime() + 24 * HOUR_MS) };
}

/**
 * Whether a decline in this session is told with its reason (see `explainedDeclines`): fewer than
 * that many other declines in the session's window. Decided once, when the decline is recorded.
 */
export async function declineIsExplained(db: Kysely<Database>, sessionId: string, paymentId: string, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom('payments')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('session_id', '=', sessionId)
    .where('status', '=', 'declined')
    .where('id', '!=', paymentId)
    .where('created_at', '>', new Date(now.getTime() - CARD_TESTING_LIMITS.session.windowMs))
    .executeTakeFirstOrThrow();
  return Number(row.n) < CARD_TESTING_LIMITS.explainedDeclines;
}
