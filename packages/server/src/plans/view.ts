import type { AccountPlan, Plan, PlanInstallment } from '@billpay/sdk';
import { OPEN, RUNNING, type AuthorizationRow, type Db, type InstallmentRow, type PlanRow } from './rows.js';
import { behindOn, refreshPlan } from './refresh.js';

function installmentView(row: InstallmentRow): PlanInstallment {
  return {
    number: row.number,
    kind: row.kind,
    dueOn: row.due_on,
    amountCents: row.amount_cents,
    status: row.status,
    failures: row.failures,
    ...(row.status === 'failed' || (row.failures > 0 && OPEN.includes(row.status as (typeof OPEN)[number])) ? { retryOn: row.next_attempt_on } : {}),
    ...(row.paid_on ? { paidOn: row.paid_on } : {}),
    ...(row.payment_id ? { paymentId: row.payment_id } : {}),
  };
}

export function summaryOf(plan: PlanRow, installments: readonly InstallmentRow[], today: string): AccountPlan {
  const open = installments.filter((i) => OPEN.includes(i.status as (typeof OPEN)[number])).sort((a, b) => a.next_attempt_on.localeCompare(b.next_attempt_on) || a.number - b.number);
  const next = open[0];
  const sum = (rows: readonly InstallmentRow[]) => rows.reduce((total, row) => total + row.amount_cents, 0);
  return {
    id: plan.id,
    status: plan.status,
    frequency: plan.frequency,
    mode: plan.mode,
    current: plan.status === 'active',
    ...(next && (plan.status === 'active' || plan.status === 'delinquent')
      ? { nextPayment: { number: next.number, kind: next.kind, dueOn: next.next_attempt_on, amountCents: next.amount_cents, retry: next.failures > 0 } }
      : {}),
    paidCents: sum(installments.filter((i) => i.status === 'paid' || i.status === 'processing')),
    remainingCents: plan.status === 'active' || plan.status === 'delinquent' ? sum(open) : 0,
    paymentsLeft: plan.status === 'active' || plan.status === 'delinquent' ? open.length : 0,
    behindCents: plan.status === 'active' || plan.status === 'delinquent' ? sum(behindOn(plan, installments, today)) : 0,
    ...(plan.delinquent_since ? { delinquentSince: plan.delinquent_since } : {}),
  };
}

function toPlan(plan: PlanRow, installments: readonly InstallmentRow[], authorization: AuthorizationRow | undefined, today: string): Plan {
  return {
    ...summaryOf(plan, installments, today),
    balanceCents: plan.balance_cents,
    downPaymentCents: plan.down_payment_cents,
    installmentCents: plan.installment_cents,
    firstDate: plan.first_date,
    lastDate: plan.last_date,
    createdAt: new Date(plan.created_at).toISOString(),
    ...(plan.method_kind ? { method: plan.method_kind } : {}),
    ...(authorization ? { authorization: { text: authorization.text, acceptedAt: new Date(authorization.accepted_at).toISOString() } } : {}),
    installments: [...installments].sort((a, b) => a.number - b.number).map(installmentView),
    ...(plan.canceled_on ? { canceledOn: plan.canceled_on } : {}),
  };
}

/** A plan of the account as the API answers it on `today`; `undefined` when the account has no such plan. */
export async function planView(db: Db, planId: string, accountId: string, today: string): Promise<Plan | undefined> {
  const plan = await db.selectFrom('plans').selectAll().where('id', '=', planId).where('account_id', '=', accountId).executeTakeFirst();
  if (!plan) return undefined;
  const installments = await db.selectFrom('plan_installments').selectAll().where('plan_id', '=', plan.id).orderBy('number').execute();
  const authorization = await db.selectFrom('plan_authorizations').selectAll().where('plan_id', '=', plan.id).executeTakeFirst();
  return toPlan(plan, installments, authorization, today);
}

/**
 * A plan of the account as it stands on `today`, a running one brought up to date first;
 * `undefined` when the account has no such plan. (This read writes: see `runningPlanOf`.)
 */
export async function currentPlanView(db: Db, planId: string, accountId: string, today: string, now: Date): Promise<Plan | undefined> {
  const found = await planView(db, planId, accountId, today);
  if (!found || (found.status !== 'active' && found.status !== 'delinquent')) return found;
  await refreshPlan(db, planId, today, now);
  return planView(db, planId, accountId, today);
}

/**
 * The plan running on an account (active or delinquent), brought up to date, as the account shows
 * it. This read writes what the refresh finds (as the installment runner does): the refresh is
 * path-dependent (a catch-up links payments to installments from when the plan fell behind), so
 * a view computed without keeping it could differ from what the runner keeps later.
 */
export async function runningPlanOf(db: Db, accountId: string, today: string, now: Date): Promise<AccountPlan | undefined> {
  const plan = await db.selectFrom('plans').select('id').where('account_id', '=', accountId).where('status', 'in', RUNNING).executeTakeFirst();
  if (!plan) return undefined;
  await refreshPlan(db, plan.id, today, now);
  const row = await db.selectFrom('plans').selectAll().where('id', '=', plan.id).executeTakeFirstOrThrow();
  if (row.status !== 'active' && row.status !== 'delinquent') return undefined;
  const installments = await db.selectFrom('plan_installments').selectAll().where('plan_id', '=', plan.id).execute();
  return summaryOf(row, installments, today);
}
