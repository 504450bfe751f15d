import { OPEN_INSTALLMENT_STATUSES, planSummary, type AccountPlan, type PaymentMethod, type Plan, type PlanInstallment } from '@billpay/sdk';
import { loadPlanFacts } from './refresh.js';
import { RUNNING, type AuthorizationRow, type Db, type InstallmentRow, type PlanRow } from './rows.js';
import { planStandingOn } from './status.js';

function installmentView(row: InstallmentRow): PlanInstallment {
  return {
    number: row.number,
    kind: row.kind,
    dueOn: row.due_on,
    amountCents: row.amount_cents,
    status: row.status,
    failures: row.failures,
    ...(row.status === 'failed' || (row.failures > 0 && OPEN_INSTALLMENT_STATUSES.includes(row.status)) ? { retryOn: row.next_attempt_on } : {}),
    ...(row.paid_on ? { paidOn: row.paid_on } : {}),
    ...(row.payment_id ? { paymentId: row.payment_id } : {}),
  };
}

/** What the account shows of a plan on `today`: the SDK's `planSummary` over the rows. */
export function summaryOf(plan: PlanRow, installments: readonly InstallmentRow[], today: string): AccountPlan {
  return planSummary(
    { id: plan.id, status: plan.status, frequency: plan.frequency, mode: plan.mode, delinquentSince: plan.delinquent_since ?? undefined },
    installments.map((i) => ({ number: i.number, kind: i.kind, amountCents: i.amount_cents, status: i.status, nextDueOn: i.next_attempt_on, failures: i.failures })),
    today,
  );
}

/** The automatic payment's card or bank account as the processor described it (plans made or changed since it was kept). */
function methodOf(kind: 'card' | 'bank', last4: string, plan: PlanRow): PaymentMethod {
  if (kind === 'card') return { kind, last4, ...(plan.method_brand ? { brand: plan.method_brand as NonNullable<PaymentMethod['brand']> } : {}) };
  return { kind, last4, ...(plan.method_account_type ? { accountType: plan.method_account_type } : {}), ...(plan.method_bank_name ? { bankName: plan.method_bank_name } : {}) };
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
    ...(plan.method_kind && plan.method_last4 ? { paymentMethod: methodOf(plan.method_kind, plan.method_last4, plan) } : {}),
    ...(authorization ? { authorization: { text: authorization.text, acceptedAt: new Date(authorization.accepted_at).toISOString() } } : {}),
    installments: [...installments].sort((a, b) => a.number - b.number).map(installmentView),
    ...(plan.canceled_on ? { canceledOn: plan.canceled_on } : {}),
  };
}

/**
 * A plan of the account as it stands on `today`; `undefined` when the account has no such plan.
 * A read: it writes nothing. The standing is computed from the stored rows and the account's
 * payments by `planStandingOn`, the rule the write paths store, so a running plan shows today
 * what the installment runner would store today (a missed payment, a payment that covered one).
 */
export async function currentPlanView(db: Db, planId: string, accountId: string, today: string, now: Date): Promise<Plan | undefined> {
  const facts = await loadPlanFacts(db, planId, { lock: false, accountId });
  if (!facts) return undefined;
  const { plan, installments } = planStandingOn(facts, today, now);
  // The authorization in force (a change of payment method keeps the ones it replaced).
  const authorization = await db.selectFrom('plan_authorizations').selectAll().where('plan_id', '=', plan.id).where('replaced_at', 'is', null).executeTakeFirst();
  return toPlan(plan, installments, authorization, today);
}

/**
 * The plan running on an account (active or delinquent) as it stands on `today`, as the account
 * shows it; a read, like `currentPlanView`.
 */
export async function runningPlanOf(db: Db, accountId: string, today: string, now: Date): Promise<AccountPlan | undefined> {
  const running = await db.selectFrom('plans').select('id').where('account_id', '=', accountId).where('status', 'in', RUNNING).executeTakeFirst();
  const facts = running && (await loadPlanFacts(db, running.id, { lock: false }));
  if (!facts) return undefined;
  const { plan, installments } = planStandingOn(facts, today, now);
  if (plan.status !== 'active' && plan.status !== 'delinquent') return undefined;
  return summaryOf(plan, installments, today);
}
