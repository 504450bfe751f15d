import type { Kysely, Selectable } from 'kysely';
import type { MessagesTable } from '../db/messages-migration.js';
import type { Database } from '../db/schema.js';
import type { PracticeConfig } from '../practices/practices.js';
import { commonFacts, type MethodFacts, type Rendered, type RenderedText } from './render.js';
import {
  renderInstallmentFailed,
  renderInstallmentReminder,
  renderInstallmentReminderText,
  renderPlanConfirmation,
  renderPlanDelinquent,
  type InstallmentReminderFacts,
} from './render-plans.js';

type Db = Kysely<Database>;
type Row = Selectable<MessagesTable>;

/** Not sent, for good: the plan, or the payment a reminder was for, is gone or no longer due. */
interface NotSent {
  readonly kind: 'failed';
  readonly error: string;
}

const PLAN_MESSAGES: ReadonlySet<string> = new Set(['plan_confirmation', 'installment_reminder', 'installment_failed', 'plan_delinquent']);

/** The messages about a payment plan, rendered here from the plan's rows and what was queued with the change. */
export const isPlanMessage = (kind: string): boolean => PLAN_MESSAGES.has(kind);

/** A string of a message's `data`, or '' when there is none. */
export const dataText = (data: Row['data'], key: string): string => {
  const value = data[key];
  return typeof value === 'string' ? value : '';
};
const text = dataText;
const cents = (data: Row['data'], key: string): number => {
  const value = data[key];
  return typeof value === 'number' ? value : 0;
};

async function planOf(db: Db, row: Row) {
  return db
    .selectFrom('plans')
    .select(['id', 'status', 'mode', 'frequency', 'method_kind', 'method_brand', 'method_bank_name', 'method_last4'])
    .where('id', '=', text(row.data, 'planId'))
    .where('account_id', '=', row.account_id)
    .executeTakeFirst();
}

type PlanRow = NonNullable<Awaited<ReturnType<typeof planOf>>>;

const methodOf = (plan: PlanRow): MethodFacts | null => (plan.method_kind ? { kind: plan.method_kind, brand: plan.method_brand, bankName: plan.method_bank_name, last4: plan.method_last4 } : null);

/** A plan message as an email. */
export async function renderPlanEmail(db: Db, practice: PracticeConfig, payPage: string | undefined, row: Row): Promise<Rendered | NotSent> {
  const plan = await planOf(db, row);
  if (!plan) return { kind: 'failed', error: 'plan_gone' };
  const common = commonFacts(practice, row.language);
  const automatic = plan.mode === 'automatic';
  if (row.kind === 'plan_confirmation') {
    const payments = await db.selectFrom('plan_installments').select(['due_on', 'amount_cents', 'kind']).where('plan_id', '=', plan.id).where('status', '<>', 'canceled').orderBy('number').execute();
    // The authorization the plan was made with, exactly as the patient accepted it.
    const authorization = automatic ? await db.selectFrom('plan_authorizations').select(['text', 'accepted_at']).where('plan_id', '=', plan.id).orderBy('recorded_at').executeTakeFirst() : undefined;
    const method = methodOf(plan);
    if (automatic && (!authorization || !method)) return { kind: 'failed', error: 'authorization_gone' };
    return renderPlanConfirmation({
      ...common,
      frequency: plan.frequency,
      totalCents: payments.reduce((sum, p) => sum + p.amount_cents, 0),
      payments: payments.map((p) => ({ dueOn: p.due_on, amountCents: p.amount_cents, kind: p.kind })),
      automatic: authorization && method ? { method, authorizationText: authorization.text, acceptedAt: new Date(authorization.accepted_at) } : null,
      payPage: payPage ?? null,
    });
  }
  if (row.kind === 'installment_reminder') {
    const facts = await reminderFacts(db, row, plan, payPage);
    return 'error' in facts ? facts : renderInstallmentReminder({ ...common, ...facts });
  }
  if (row.kind === 'installment_failed') {
    return renderInstallmentFailed({ ...common, automatic, dueOn: text(row.data, 'dueOn'), amountCents: cents(row.data, 'amountCents'), retryOn: text(row.data, 'retryOn'), payPage: payPage ?? null });
  }
  if (row.kind === 'plan_delinquent') {
    return renderPlanDelinquent({ ...common, automatic, missed: cents(row.data, 'missed'), behindCents: cents(row.data, 'behindCents'), payPage: payPage ?? null });
  }
  return { kind: 'failed', error: 'kind_not_supported' };
}

/** A plan message as a text: only reminders go by text. */
export async function renderPlanText(db: Db, practice: PracticeConfig, payPage: string | undefined, row: Row): Promise<RenderedText | NotSent> {
  if (row.kind !== 'installment_reminder') return { kind: 'failed', error: 'kind_not_supported' };
  const plan = await planOf(db, row);
  if (!plan) return { kind: 'failed', error: 'plan_gone' };
  const facts = await reminderFacts(db, row, plan, payPage);
  return 'error' in facts ? facts : renderInstallmentReminderText({ ...commonFacts(practice, row.language), ...facts });
}

/** What a reminder tells, if the payment is still due on that day (a reminder put off past a payment made, moved or canceled is not sent). */
async function reminderFacts(db: Db, row: Row, plan: PlanRow, payPage: string | undefined): Promise<Omit<InstallmentReminderFacts, keyof ReturnType<typeof commonFacts>> | NotSent> {
  const dueOn = text(row.data, 'dueOn');
  const installment = await db.selectFrom('plan_installments').select(['status', 'next_attempt_on', 'amount_cents']).where('id', '=', text(row.data, 'installmentId')).where('plan_id', '=', plan.id).executeTakeFirst();
  if (plan.status !== 'active' || !installment || installment.status !== 'scheduled' || installment.next_attempt_on !== dueOn) return { kind: 'failed', error: 'no_longer_due' };
  const lead = text(row.data, 'lead');
  const previous = row.data['previousCents'];
  return {
    lead: lead === 'amount_changes' || lead === 'due' ? lead : 'upcoming',
    dueOn,
    amountCents: installment.amount_cents,
    previousCents: typeof previous === 'number' ? previous : null,
    method: methodOf(plan),
    payPage: payPage ?? null,
  };
}
