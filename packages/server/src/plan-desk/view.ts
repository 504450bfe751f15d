import type { Plan } from '@billpay/sdk';
import type { Kysely } from 'kysely';
import { isoDate } from '../dates.js';
import type { Database } from '../db/schema.js';
import type { PlanChangeKind, PlanChangeReason } from '../db/plan-desk-migration.js';
import { currentPlanView } from '../plans/view.js';

/** One charge attempt of an automatic installment, as the billing office sees it. */
export interface PlanAttemptView {
  readonly installmentNumber: number;
  readonly attempt: number;
  readonly amountCents: number;
  /** null while it is under way. */
  readonly outcome: 'paid' | 'processing' | 'declined' | 'refused' | null;
  readonly paymentId: string | null;
  readonly createdAt: string;
  readonly finishedAt: string | null;
}

/** One change the billing office made to the plan. */
export interface PlanChangeView {
  readonly id: string;
  readonly kind: PlanChangeKind;
  readonly installmentNumber: number | null;
  readonly detail: Record<string, unknown>;
  readonly reason: PlanChangeReason;
  readonly note: string | null;
  /** A change of an automatic payment's amount: the patient must be told (Regulation E) before `effectiveFrom`. */
  readonly noticeRequired: boolean;
  readonly effectiveFrom: string | null;
  readonly requestedBy: { readonly apiKeyId: string | null; readonly staffId: string | null };
  readonly createdAt: string;
}

/** A plan as the billing office sees it: the patient's view of it, its attempts and its changes. */
export interface PlanDeskView {
  readonly plan: Plan;
  /** The practice's own account id (imported accounts), otherwise billpay's. */
  readonly accountId: string;
  readonly accountNumber: string;
  readonly attempts: readonly PlanAttemptView[];
  readonly changes: readonly PlanChangeView[];
}

/** A plan of the practice, with billpay's id of its account; undefined when the practice has no such plan. */
export async function practicePlan(db: Kysely<Database>, practiceId: string, planId: string): Promise<{ id: string; accountId: string } | undefined> {
  const row = await db.selectFrom('plans').select(['id', 'account_id']).where('id', '=', planId).where('practice_id', '=', practiceId).executeTakeFirst();
  return row && { id: row.id, accountId: row.account_id };
}

/** The plan `planId` of the practice as it stands at `now` (a read: it writes nothing). */
export async function planDeskView(db: Kysely<Database>, practiceId: string, planId: string, now: Date): Promise<PlanDeskView | undefined> {
  const found = await practicePlan(db, practiceId, planId);
  if (!found) return undefined;
  const plan = await currentPlanView(db, found.id, found.accountId, isoDate(now), now);
  if (!plan) return undefined;
  const account = await db.selectFrom('accounts').select(['account_number', 'external_id']).where('id', '=', found.accountId).executeTakeFirstOrThrow();
  const attempts = await db
    .selectFrom('plan_charge_attempts as a')
    .innerJoin('plan_installments as i', 'i.id', 'a.installment_id')
    .select(['i.number', 'a.attempt', 'a.amount_cents', 'a.outcome', 'a.payment_id', 'a.created_at', 'a.finished_at'])
    .where('i.plan_id', '=', found.id)
    .orderBy('a.created_at')
    .orderBy('i.number')
    .orderBy('a.attempt')
    .execute();
  const changes = await db.selectFrom('plan_changes').selectAll().where('plan_id', '=', found.id).orderBy('seq').execute();
  return {
    plan,
    accountId: account.external_id ?? found.accountId,
    accountNumber: account.account_number,
    attempts: attempts.map((a) => ({
      installmentNumber: a.number,
      attempt: a.attempt,
      amountCents: a.amount_cents,
      outcome: a.outcome,
      paymentId: a.payment_id,
      createdAt: new Date(a.created_at).toISOString(),
      finishedAt: a.finished_at ? new Date(a.finished_at).toISOString() : null,
    })),
    changes: changes.map((c) => ({
      id: c.id,
      kind: c.kind,
      installmentNumber: c.installment_number,
      detail: c.detail,
      reason: c.reason,
      note: c.note,
      noticeRequired: c.notice_required,
      effectiveFrom: c.effective_from,
      requestedBy: { apiKeyId: c.api_key_id, staffId: c.staff_id },
      createdAt: new Date(c.created_at).toISOString(),
    })),
  };
}
