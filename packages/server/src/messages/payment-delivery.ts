import { sql, type Kysely, type Selectable } from 'kysely';
import type { MessagesTable } from '../db/messages-migration.js';
import type { Database } from '../db/schema.js';
import type { PracticeConfig } from '../practices/practices.js';
import type { ReturnedPlanPayment } from './outbox.js';
import { dataText } from './plan-delivery.js';
import { commonFacts, type Rendered } from './render.js';
import { renderPaymentReturned, renderRefundIssued } from './render-payments.js';

type Db = Kysely<Database>;
type Row = Selectable<MessagesTable>;

const PAYMENT_MESSAGES: ReadonlySet<string> = new Set(['payment_returned', 'refund_issued']);

/** The messages about a payment after it was made (returned, refunded), rendered here from its rows. */
export const isPaymentMessage = (kind: string): boolean => PAYMENT_MESSAGES.has(kind);

/** A returned payment's or a refund's email, or why it cannot be sent. */
export async function renderPaymentEmail(db: Db, practice: PracticeConfig, payPage: string | undefined, row: Row): Promise<Rendered | { readonly kind: 'failed'; readonly error: string }> {
  const payment = await db
    .selectFrom('payments')
    .select(['amount_cents', 'method_kind', 'brand', 'last4', 'bank_name', 'created_at'])
    .where('id', '=', dataText(row.data, 'paymentId'))
    .where('account_id', '=', row.account_id)
    .executeTakeFirst();
  if (!payment) return { kind: 'failed', error: 'payment_gone' };
  const common = commonFacts(practice, row.language);
  const method = { kind: payment.method_kind ?? 'other', brand: payment.brand, bankName: payment.bank_name ?? null, last4: payment.last4 };
  if (row.kind === 'payment_returned') {
    const balance = await db.selectFrom('ledger_entries').select(sql<number>`coalesce(sum(amount_cents), 0)::int`.as('cents')).where('account_id', '=', row.account_id).executeTakeFirstOrThrow();
    const fee = row.data['feeCents'];
    return renderPaymentReturned({ ...common, amountCents: payment.amount_cents, paidAt: new Date(payment.created_at), method, feeCents: typeof fee === 'number' ? fee : 0, balanceCents: balance.cents, payPage: payPage ?? null, plan: returnedPlan(row.data['plan']) });
  }
  const refund = await db.selectFrom('refunds').select(['amount_cents', 'status']).where('id', '=', dataText(row.data, 'refundId')).where('account_id', '=', row.account_id).executeTakeFirst();
  if (!refund || refund.status !== 'succeeded') return { kind: 'failed', error: 'refund_gone' };
  return renderRefundIssued({ ...common, amountCents: refund.amount_cents, paymentAmountCents: payment.amount_cents, paidAt: new Date(payment.created_at), method });
}

/** The plan's part of a return's message as it was queued (`queuePaymentReturned`), or none. */
function returnedPlan(value: unknown): ReturnedPlanPayment | null {
  if (typeof value !== 'object' || value === null) return null;
  const plan = value as Record<string, unknown>;
  const automatic = plan['automatic'] === true;
  const text = (key: string) => (typeof plan[key] === 'string' ? plan[key] : undefined);
  const count = (key: string) => (typeof plan[key] === 'number' && Number.isSafeInteger(plan[key]) ? plan[key] : undefined);
  const [dueOn, retryOn, missed, behindCents] = [text('dueOn'), text('retryOn'), count('missed'), count('behindCents')];
  if (plan['kind'] === 'retry' && dueOn && retryOn) return { kind: 'retry', automatic, dueOn, retryOn };
  if (plan['kind'] === 'behind' && missed !== undefined && behindCents !== undefined) return { kind: 'behind', automatic, missed, behindCents };
  return null;
}
