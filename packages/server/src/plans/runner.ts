import { addDays } from '@billpay/sdk';
import type { Kysely } from 'kysely';
import { isoDate } from '../dates.js';
import type { Database } from '../db/schema.js';
import { DomainError, isTemporary } from '../domain/errors.js';
import type { ProcessorGateway } from '../processor/port.js';
import { takePayment } from '../payments/payments.js';
import type { PracticeConfig } from '../practices/practices.js';
import { refreshPlan, refreshPlanIn, storeStanding } from './refresh.js';
import { availableBalance, RETRY_AFTER_DAYS } from './rows.js';
import { fail, succeed } from './status.js';

type Db = Kysely<Database>;

export interface RunDueOptions {
  readonly db: Db;
  readonly gateway: ProcessorGateway;
  readonly practices: ReadonlyMap<string, PracticeConfig>;
  readonly now: Date;
  /** Installments claimed per transaction. Default 25. */
  readonly batchSize?: number;
  /** An installment left `charging` this long (a runner died mid-charge) is driven on. Default 2 minutes. */
  readonly staleMs?: number;
}

export interface RunDueReport {
  /** Running plans brought up to date. */
  readonly refreshed: number;
  /** Charge attempts made (or driven on after a crash). */
  readonly charged: number;
  readonly paid: number;
  /** Bank debits made, not yet settled. */
  readonly processing: number;
  readonly declined: number;
  /** Not charged now: the processor was unreachable, or the balance is lower than the payment. */
  readonly deferred: number;
}

interface Work {
  readonly installmentId: string;
  readonly planId: string;
  readonly attempt: number;
  readonly key: string;
  readonly amountCents: number;
}

/** The idempotency key one charge attempt of one installment is taken under, at the processor too. */
export function installmentPaymentKey(installmentId: string, attempt: number): string {
  return `plan-installment:${installmentId}:${attempt}`;
}

/**
 * Charges the automatic installments due on `now`'s day, each exactly once, however many runners
 * run at the same moment (the server's timer on several instances, a cron's `run-due`):
 *
 * 1. Claim: in one transaction, due installments of active automatic plans are selected
 *    `FOR UPDATE OF installment, plan SKIP LOCKED` (a second runner skips them rather than
 *    waiting), and each gets a charge-attempt row (unique per installment and attempt, with a
 *    unique idempotency key) and the status `charging`. Once committed, no runner selects it as due.
 * 2. Charge: through `takePayment` with the attempt's key: the payment row, the processor charge
 *    (keyed by the payment) and the ledger entry each happen once per key, so an attempt driven
 *    twice (a runner that died after charging, then a stale claim taken over) is one charge.
 * 3. Record: under the plan's lock, only if the installment is still `charging` on this attempt:
 *    paid (or processing, for a bank debit), or declined, which is retried 3 days later; two
 *    failures in a row make the plan delinquent.
 */
export async function runDueInstallments(options: RunDueOptions): Promise<RunDueReport> {
  const { db, now } = options;
  const today = isoDate(now);
  const staleBefore = new Date(now.getTime() - (options.staleMs ?? 120_000));
  const counts = { refreshed: 0, charged: 0, paid: 0, processing: 0, declined: 0, deferred: 0 };

  // Settled and returned bank debits, missed manual payments, delinquency, completion.
  const running = await db.selectFrom('plans').select('id').where('status', 'in', ['active', 'delinquent']).execute();
  for (const { id } of running) {
    await refreshPlan(db, id, today, now);
    counts.refreshed++;
  }

  const skip = new Set<string>();
  const touched = new Set<string>();
  for (;;) {
    const batch = await claim(options, today, staleBefore, skip);
    if (batch.length === 0) break;
    for (const work of batch) {
      touched.add(work.planId);
      const outcome = await charge(options, work);
      counts.charged++;
      counts[outcome === 'refused' || outcome === 'pending' ? 'deferred' : outcome]++;
      if (outcome === 'refused' || outcome === 'pending') skip.add(work.installmentId);
    }
  }
  // A plan whose last installment was just paid is completed.
  for (const id of touched) await refreshPlan(db, id, today, now);
  return counts;
}

async function claim(options: RunDueOptions, today: string, staleBefore: Date, skip: Set<string>): Promise<Work[]> {
  const { db, now } = options;
  return db.transaction().execute(async (trx) => {
    let query = trx
      .selectFrom('plan_installments as i')
      .innerJoin('plans as p', 'p.id', 'i.plan_id')
      .select(['i.id', 'i.plan_id', 'i.status', 'i.amount_cents', 'i.attempts', 'p.account_id'])
      .where('p.status', '=', 'active')
      .where('p.mode', '=', 'automatic')
      .where('p.payoff_key', 'is', null)
      .where((eb) =>
        eb.or([
          eb.and([eb('i.status', 'in', ['scheduled', 'failed']), eb('i.next_attempt_on', '<=', today)]),
          eb.and([eb('i.status', '=', 'charging'), eb('i.claimed_at', '<', staleBefore)]),
        ]),
      );
    if (skip.size > 0) query = query.where('i.id', 'not in', [...skip]);
    const rows = await query
      .orderBy('i.next_attempt_on')
      .orderBy('i.id')
      .limit(options.batchSize ?? 25)
      .forUpdate(['i', 'p'])
      .skipLocked()
      .execute();

    const work: Work[] = [];
    const available = new Map<string, number>();
    const caughtUp = new Set<string>();
    for (const row of rows) {
      if (row.status !== 'charging' && !caughtUp.has(row.plan_id)) {
        // The patient may have paid what was behind since this run began: apply it first, under
        // the plan's lock held here, so a retry they paid for by hand is not charged too.
        caughtUp.add(row.plan_id);
        const plan = await trx.selectFrom('plans').select('behind_since').where('id', '=', row.plan_id).executeTakeFirstOrThrow();
        if (plan.behind_since) await refreshPlanIn(trx, row.plan_id, today, now);
      }
      if (row.status !== 'charging') {
        const fresh = await trx.selectFrom('plan_installments').select('status').where('id', '=', row.id).executeTakeFirstOrThrow();
        if (fresh.status !== row.status) continue;
      }
      if (row.status === 'charging') {
        // A runner died between claiming and recording: drive the same attempt on, under its key.
        const attempt = await trx
          .selectFrom('plan_charge_attempts')
          .selectAll()
          .where('installment_id', '=', row.id)
          .where('attempt', '=', row.attempts)
          .executeTakeFirst();
        if (!attempt) continue;
        await trx.updateTable('plan_installments').set({ claimed_at: now }).where('id', '=', row.id).execute();
        work.push({ installmentId: row.id, planId: row.plan_id, attempt: attempt.attempt, key: attempt.idempotency_key, amountCents: attempt.amount_cents });
        continue;
      }
      // Never more than is owed (the patient may have paid some other way meanwhile).
      const left = available.get(row.account_id) ?? (await availableBalance(trx, row.account_id));
      const amountCents = Math.min(row.amount_cents, left);
      if (amountCents < 100) {
        skip.add(row.id);
        continue;
      }
      available.set(row.account_id, left - amountCents);
      const attempt = row.attempts + 1;
      const key = installmentPaymentKey(row.id, attempt);
      await trx
        .insertInto('plan_charge_attempts')
        .values({ id: `${row.id}_a${attempt}`, installment_id: row.id, attempt, idempotency_key: key, amount_cents: amountCents, created_at: now })
        .execute();
      await trx.updateTable('plan_installments').set({ status: 'charging', attempts: attempt, claimed_at: now, updated_at: now }).where('id', '=', row.id).execute();
      work.push({ installmentId: row.id, planId: row.plan_id, attempt, key, amountCents });
    }
    return work;
  });
}

type Outcome = 'paid' | 'processing' | 'declined' | 'refused' | 'pending';

async function charge(options: RunDueOptions, work: Work): Promise<Outcome> {
  const { db, gateway, practices, now } = options;
  const plan = await db.selectFrom('plans').selectAll().where('id', '=', work.planId).executeTakeFirstOrThrow();
  const practice = practices.get(plan.practice_id);
  const authorization = await db.selectFrom('plan_authorizations').select(['text', 'accepted_at']).where('plan_id', '=', plan.id).where('replaced_at', 'is', null).executeTakeFirst();
  if (!practice || !plan.token || !authorization) return 'pending';
  let outcome: Outcome;
  let paymentId: string | null = null;
  try {
    // Under the standing authorization the patient accepted for the plan; no patient is present.
    const result = await takePayment({ db, gateway, practice, accountId: plan.account_id, now }, work.key, {
      amountCents: work.amountCents,
      token: plan.token,
      authorization: { text: authorization.text, acceptedAt: new Date(authorization.accepted_at).toISOString() },
    });
    paymentId = result.payment.id;
    // A charge refunded because its payment had been closed (see `markLateCharge`) paid nothing.
    outcome = result.kind === 'declined' || result.kind === 'refunded' ? 'declined' : result.payment.status === 'processing' ? 'processing' : 'paid';
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    // The processor could not be reached: the attempt stays `charging` and is driven on later
    // under the same key. Less owed than the payment: charged on a later run at the lower amount.
    if (isTemporary(error)) return 'pending';
    if (error.code === 'amount_not_allowed') outcome = 'refused';
    // Any other refusal (a token or authorization the payment path no longer accepts) will not
    // pass by itself: it counts as a failed payment, so the patient is told and the plan does not
    // silently stop.
    else outcome = 'declined';
  }
  await record(options, work, outcome, paymentId);
  return outcome;
}

async function record(options: RunDueOptions, work: Work, outcome: Exclude<Outcome, 'pending'>, paymentId: string | null): Promise<void> {
  const { db, now } = options;
  const today = isoDate(now);
  await db.transaction().execute(async (trx) => {
    const plan = await trx.selectFrom('plans').selectAll().where('id', '=', work.planId).forUpdate().executeTakeFirstOrThrow();
    const installment = await trx.selectFrom('plan_installments').selectAll().where('id', '=', work.installmentId).forUpdate().executeTakeFirstOrThrow();
    // Someone else recorded this attempt already (a runner that took over a stale claim).
    if (installment.status !== 'charging' || installment.attempts !== work.attempt) return;
    await trx
      .updateTable('plan_charge_attempts')
      .set({ outcome, payment_id: paymentId, finished_at: now })
      .where('installment_id', '=', work.installmentId)
      .where('attempt', '=', work.attempt)
      .execute();
    const charged = { ...installment };
    const rows = { plan: { ...plan }, installments: [charged] };
    if (outcome === 'paid' || outcome === 'processing') {
      // Less than the installment when less was owed: it records what was taken.
      Object.assign(charged, { status: outcome, payment_id: paymentId, paid_on: today, claimed_at: null, amount_cents: Math.min(installment.amount_cents, work.amountCents) });
      // A bank debit counts as a success once it settles (it may still come back).
      if (outcome === 'paid') succeed(rows);
    } else if (outcome === 'declined') {
      fail(rows, charged, addDays(today, RETRY_AFTER_DAYS), today, now, { payment_id: paymentId });
    } else {
      Object.assign(charged, { status: installment.failures > 0 ? 'failed' : 'scheduled', claimed_at: null });
    }
    await storeStanding(trx, { plan, installments: [installment] }, rows, now);
  });
}
