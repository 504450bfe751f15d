import type { Payment, PaymentDeclineCode } from '@billpay/sdk';
import { sql, type Kysely, type QueryCreator, type Selectable, type Transaction } from 'kysely';
import { isoDate } from '../dates.js';
import type { Database, LedgerKind, PaymentsTable } from '../db/schema.js';
import { recordEvent } from '../events/outbox.js';
import { queueReceipt } from '../messages/outbox.js';
import type { Logger } from '../log.js';
import type { PracticeConfig } from '../practices/practices.js';
import { recordAudit } from '../security/audit.js';
import { declineIsExplained } from './velocity.js';
import type { ProcessorCharge, ProcessorGateway } from '../processor/port.js';
import { processorFailureOf } from './processor-failure.js';

type Db = Kysely<Database>;
export type PaymentRow = Selectable<PaymentsTable>;

/**
 * What a payment came to: a receipt (201), a decline (402) that names its reason, or a charge
 * the processor made after the payment had been closed, refunded in full (409).
 */
export type PaymentOutcome =
  | { readonly kind: 'receipt'; readonly payment: Payment }
  | { readonly kind: 'declined'; readonly payment: Payment; readonly declineCode: PaymentDeclineCode }
  | { readonly kind: 'refunded'; readonly payment: Payment };

/** Why a ledger entry for a late charge's refund exists: the payment entry beside it is undone. */
export const LATE_CHARGE_REFUND_REASON = 'late_charge_refunded';

export function paymentView(row: PaymentRow): Payment {
  return {
    id: row.id,
    confirmationNumber: row.confirmation_number,
    status: row.status,
    amountCents: row.amount_cents,
    statementId: row.statement_id,
    method: {
      kind: row.method_kind ?? 'other',
      ...(row.brand ? { brand: row.brand as NonNullable<Payment['method']['brand']> } : {}),
      last4: row.last4 ?? '0000',
      ...(row.wallet ? { wallet: row.wallet as NonNullable<Payment['method']['wallet']> } : {}),
      ...(row.account_type ? { accountType: row.account_type } : {}),
      ...(row.bank_name ? { bankName: row.bank_name } : {}),
    },
    createdAt: new Date(row.created_at).toISOString(),
    ...(row.decline_code ? { declineCode: (row.decline_shown ?? row.decline_code) as PaymentDeclineCode } : {}),
    ...(row.return_code ? { returnCode: row.return_code } : {}),
    remainingBalanceCents: row.remaining_balance_cents ?? 0,
  };
}

export function outcomeOf(row: PaymentRow): PaymentOutcome {
  const payment = paymentView(row);
  if (row.status === 'refunded') return { kind: 'refunded', payment };
  return row.status === 'declined' ? { kind: 'declined', payment, declineCode: payment.declineCode ?? 'card_declined' } : { kind: 'receipt', payment };
}

/**
 * Serializes every change of one account's money: a new payment's balance check, an outcome and
 * its ledger entry, an event applied. Always taken before the payment's own row, in that order
 * everywhere, so two writers never wait on each other crosswise.
 */
export async function lockAccount(trx: Transaction<Database>, accountId: string): Promise<void> {
  await trx.selectFrom('accounts').select('id').where('id', '=', accountId).forUpdate().executeTakeFirstOrThrow();
}

/** How a payment moved money, as the ledger names it. */
function ledgerReason(kind: ProcessorCharge['method']['kind'] | undefined): string {
  return kind === 'bank' ? 'bank_payment' : kind === 'wallet' ? 'wallet_payment' : 'card_payment';
}

/** The charge's description of the method, where it has one (a decline without a charge keeps the token's). */
function methodColumns(charge: ProcessorCharge) {
  return {
    method_kind: charge.method.kind,
    brand: charge.method.brand ?? null,
    last4: charge.method.last4,
    wallet: charge.method.wallet ?? null,
    account_type: sql<'checking' | 'savings' | null>`coalesce(${charge.method.accountType ?? null}, payments.account_type)`,
    bank_name: sql<string | null>`coalesce(${charge.method.bankName ?? null}, payments.bank_name)`,
  };
}

/** Whether money moved: a card charged, a bank debit on its way. */
const moved = (charge: ProcessorCharge | undefined): charge is ProcessorCharge => charge !== undefined && charge.status !== 'declined';

export interface RecordContext {
  readonly db: Db;
  readonly gateway: ProcessorGateway;
  readonly practice: PracticeConfig;
  readonly now: Date;
  readonly logger?: Logger | undefined;
  /** The request this happens in, for the audit trail; background jobs have none. */
  readonly requestId?: string | undefined;
}

/**
 * Phase 3 of a payment: the processor's answer for the payment's key (`charge`, or none when the
 * processor refused the request itself) and, for money that moved, one ledger entry. Under the
 * account's lock, so the remaining balance on the receipt is the ledger's after this entry, not
 * a figure read beside other payments being recorded. The outcome applies only while the payment
 * is still pending: whoever records first (the request, a retry, recovery, an event) wins and the
 * others read what it recorded. They all hold the same processor answer, since the processor
 * charges once per key; should the processor nevertheless have charged a payment already closed
 * without money, that charge is refunded (see `refundLateCharge`), never lost.
 */
export async function recordOutcome(ctx: RecordContext, paymentId: string, charge: ProcessorCharge | undefined): Promise<PaymentOutcome> {
  const { db, now } = ctx;
  const status: PaymentsTable['status'] = !moved(charge) ? 'declined' : charge.status === 'succeeded' ? 'succeeded' : 'processing';
  const result = await db.transaction().execute(async (trx) => {
    const { account_id: accountId, session_id: sessionId } = await trx.selectFrom('payments').select(['account_id', 'session_id']).where('id', '=', paymentId).executeTakeFirstOrThrow();
    await lockAccount(trx, accountId);
    const declineCode = status === 'declined' ? (charge?.declineCode ?? 'processing_error') : null;
    // Decided once, here: every retry of the key, in any session, is told the same.
    const declineShown = declineCode && sessionId && !(await declineIsExplained(trx, sessionId, paymentId, now)) ? 'card_declined' : declineCode;
    // Read after the lock: every entry recorded before this one is in it.
    const balance = sql<number>`(select coalesce(sum(l.amount_cents), 0)::int from ledger_entries l where l.account_id = payments.account_id)`;
    const update = (qc: QueryCreator<Database>) =>
      qc
        .updateTable('payments')
        .set({
          status,
          charge_id: charge?.id ?? null,
          ...(charge ? methodColumns(charge) : {}),
          decline_code: declineCode,
          decline_shown: declineShown,
          // The statement's snapshot does not see its own ledger entry: the balance after it subtracts it.
          remaining_balance_cents: moved(charge) ? sql<number>`${balance} - payments.amount_cents` : balance,
          updated_at: now,
        })
        .where('id', '=', paymentId)
        .where('status', '=', 'pending')
        .returningAll();
    const updated = moved(charge)
      ? await trx
          .with('recorded', (qc) => update(qc))
          .with('entry', (qc) => insertPaymentEntry(qc, ledgerReason(charge.method.kind), now))
          .selectFrom('recorded')
          .selectAll()
          .executeTakeFirst()
      : await update(trx).executeTakeFirst();
    if (updated) {
      if (moved(charge)) {
        const type = status === 'succeeded' ? 'payment.succeeded' : 'payment.processing';
        await recordEvent(trx, { practiceId: updated.practice_id, type, accountId: updated.account_id, data: paymentEventData(updated), now });
        if (status === 'succeeded') await queueReceipt(trx, updated.id, now);
      }
      return { row: updated, late: false };
    }
    const row = await trx.selectFrom('payments').selectAll().where('id', '=', paymentId).executeTakeFirstOrThrow();
    // Recorded already. The same charge, or a decline: its outcome stands.
    if (!moved(charge) || row.charge_id === charge.id) return { row, late: false };
    if (row.status !== 'declined' || row.charge_id !== null) {
      // Two money-moving charges for one key: the processor broke its promise. Said loudly; a
      // person must look (nothing is recorded twice).
      ctx.logger?.error({ event: 'second_charge_for_payment', payment: row.id });
      return { row, late: false };
    }
    return { row: await markLateCharge(trx, ctx, row, charge), late: true };
  });
  if (result.late) await refundLateCharge(ctx, result.row);
  return outcomeOf(result.late ? await db.selectFrom('payments').selectAll().where('id', '=', paymentId).executeTakeFirstOrThrow() : result.row);
}

/** What an event tells of a payment: the practice's ids for it, its amount in cents, how it was paid. */
export function paymentEventData(row: PaymentRow) {
  return {
    paymentId: row.id,
    confirmationNumber: row.confirmation_number,
    amountCents: row.amount_cents,
    method: row.method_kind,
    statementId: row.statement_id,
    takenBy: takenByOf(row),
  };
}

/**
 * Who took a payment: the patient themselves (the widget, a pay-off), the practice (a plan's
 * automatic installment, charged under a key the runner makes: see `installmentPaymentKey`), or a
 * member of the billing office's staff by phone.
 */
export type TakenBy = 'patient' | 'practice' | 'staff';

export function takenByOf(row: Pick<PaymentRow, 'idempotency_key' | 'taken_by_staff_id'>): TakenBy {
  if (row.taken_by_staff_id !== null) return 'staff';
  return row.idempotency_key.startsWith('plan-installment:') ? 'practice' : 'patient';
}

/** The ledger entry of the payment a CTE named `recorded` just updated. */
function insertPaymentEntry(qc: QueryCreator<Database & { recorded: PaymentRow }>, reason: string, now: Date) {
  return qc
    .insertInto('ledger_entries')
    .columns(['account_id', 'statement_id', 'kind', 'reason', 'amount_cents', 'posted_on', 'payment_id'])
    .expression((eb) =>
      eb
        .selectFrom('recorded')
        .select([
          'recorded.account_id',
          'recorded.statement_id',
          sql<LedgerKind>`'payment'`.as('kind'),
          sql<string>`${reason}::text`.as('reason'),
          sql<number>`-recorded.amount_cents`.as('amount_cents'),
          sql<string>`${isoDate(now)}::date`.as('posted_on'),
          'recorded.id',
        ]),
    );
}

/**
 * A charge for a payment closed as not charged (the patient was told nothing was taken): the
 * money did move, so it goes in the ledger, and back out with its refund, in one transaction
 * under the account's lock. The patient owes what they owed; the books show both; the payment
 * says `refunded`, and the audit trail says when. The refund itself is asked of the processor
 * once this commits (and again by the payment jobs until it answers).
 */
async function markLateCharge(trx: Transaction<Database>, ctx: RecordContext, row: PaymentRow, charge: ProcessorCharge): Promise<PaymentRow> {
  const postedOn = isoDate(ctx.now);
  const marked = await trx
    .updateTable('payments')
    .set({ status: 'refunded', charge_id: charge.id, ...methodColumns(charge), decline_code: null, decline_shown: null, updated_at: ctx.now })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('ledger_entries')
    .values([
      { account_id: row.account_id, statement_id: row.statement_id, kind: 'payment', reason: ledgerReason(charge.method.kind), amount_cents: -row.amount_cents, posted_on: postedOn, payment_id: row.id },
      { account_id: row.account_id, statement_id: row.statement_id, kind: 'reversal', reason: LATE_CHARGE_REFUND_REASON, amount_cents: row.amount_cents, posted_on: postedOn, payment_id: row.id },
    ])
    .execute();
  await recordAudit(trx, { at: ctx.now, practiceId: row.practice_id, accountId: row.account_id, action: 'late_charge_refunded', requestId: ctx.requestId ?? `job:${row.id}` });
  ctx.logger?.warn({ event: 'late_charge_refunded', payment: row.id });
  return marked;
}

/**
 * Asks the processor to refund a late charge, once per payment (the key is the payment's), and
 * keeps the refund's id. Unreachable now: the payment jobs ask again (`refundLateCharges`).
 */
export async function refundLateCharge(ctx: RecordContext, row: PaymentRow): Promise<boolean> {
  if (row.status !== 'refunded' || row.refund_id !== null || row.charge_id === null) return false;
  try {
    const refund = await ctx.gateway.refund(ctx.practice.id, `late-charge-refund:${row.id}`, { chargeId: row.charge_id });
    await ctx.db.updateTable('payments').set({ refund_id: refund.id, updated_at: ctx.now }).where('id', '=', row.id).execute();
    return true;
  } catch (error) {
    const failure = processorFailureOf(error);
    // A bank debit can be refunded only once it settled: asked again on later runs, quietly.
    if (!(failure.kind === 'rejected' && failure.code === 'charge_not_refundable')) {
      ctx.logger?.warn({ event: 'late_charge_refund_deferred', payment: row.id, error: (error as Error).name });
    }
    return false;
  }
}
