import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import { isoDate } from '../dates.js';
import type { RefundReason, RefundsTable } from '../db/practice-api-migration.js';
import type { Database } from '../db/schema.js';
import { recordEvent } from '../events/outbox.js';
import { queueRefundIssued } from '../messages/outbox.js';
import { DomainError } from '../domain/errors.js';
import type { Logger } from '../log.js';
import type { PracticeConfig } from '../practices/practices.js';
import type { ProcessorGateway, ProcessorRefund } from '../processor/port.js';
import { recordAudit } from '../security/audit.js';
import { requestHash } from '../security/request-hash.js';
import { processorFailureOf, processorUnavailable } from './processor-failure.js';
import { lockAccount, takenByOf, type PaymentRow, type TakenBy } from './record.js';

type Db = Kysely<Database>;
export type RefundRow = Selectable<RefundsTable>;

/** Why a ledger entry for a practice's refund exists: money of the payment beside it went back. */
export const REFUND_LEDGER_REASON = 'refund';

/** Payments whose money arrived: a card charge, a bank debit once it settled. */
const REFUNDABLE_STATUSES: ReadonlySet<PaymentRow['status']> = new Set(['succeeded', 'settled']);

export interface RefundContext {
  readonly db: Db;
  readonly gateway: ProcessorGateway;
  readonly practice: PracticeConfig;
  readonly now: Date;
  readonly logger?: Logger | undefined;
  /** The request this happens in, for the audit trail; recovery has none. */
  readonly requestId?: string | undefined;
}

export interface RefundRequest {
  /** Without an amount: all that is left refundable. */
  readonly amountCents?: number | undefined;
  readonly reason: RefundReason;
}

/** A refund as the practice API answers it. */
export interface RefundView {
  readonly id: string;
  readonly paymentId: string;
  readonly amountCents: number;
  readonly reason: RefundReason;
  readonly status: RefundRow['status'];
  /** The processor's id for the refund, once it made it. */
  readonly processorReference: string | null;
  readonly createdAt: string;
}

export function refundView(row: RefundRow): RefundView {
  return {
    id: row.id,
    paymentId: row.payment_id,
    amountCents: row.amount_cents,
    reason: row.reason,
    status: row.status,
    processorReference: row.processor_refund_id,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** Who asked for a refund: a practice API key, or a member of staff (exactly one of them). */
export interface RequestedBy {
  readonly apiKeyId: string | null;
  readonly staffId: string | null;
}

/** Money of the payment refunded or being refunded: a new refund may take only what is left. */
const heldSql = (paymentId: string) =>
  sql<number>`(select coalesce(sum(amount_cents), 0)::int from refunds where payment_id = ${paymentId} and status in ('pending', 'succeeded'))`;

/**
 * Refunds a payment of the practice, in full or in part, exactly once per Idempotency-Key, the
 * way a payment is taken: phase 1 writes the refund `pending` under the account's and then the
 * payment's lock, after checking the payment took money and that the amount is no more than what
 * is left refundable (refunds pending count, so two at once cannot both take the rest); phase 2
 * asks the processor with the refund's id as its idempotency key, outside any transaction; phase
 * 3 writes the outcome and the ledger entry with one conditional update from `pending`, which one
 * caller wins. A retry of the key, a concurrent duplicate and recovery after a crash all drive the
 * same refund through the same processor key, so the money goes back once.
 */
export async function takeRefund(ctx: RefundContext, paymentId: string, idempotencyKey: string, request: RefundRequest, by: RequestedBy): Promise<RefundView> {
  const hash = requestHash({ payment: paymentId, amountCents: request.amountCents ?? null, reason: request.reason }, 'refund:');
  let claimed: { refund: RefundRow; chargeId: string | null };
  try {
    claimed = await ctx.db.transaction().execute(async (trx) => {
      const owner = await trx.selectFrom('payments').select('account_id').where('id', '=', paymentId).where('practice_id', '=', ctx.practice.id).executeTakeFirst();
      if (!owner) throw paymentNotFound();
      await lockAccount(trx, owner.account_id);
      const payment = await trx
        .selectFrom('payments')
        .selectAll()
        .select(heldSql(paymentId).as('held'))
        .where('id', '=', paymentId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      const existing = await trx.selectFrom('refunds').selectAll().where('practice_id', '=', ctx.practice.id).where('idempotency_key', '=', idempotencyKey).executeTakeFirst();
      if (existing) {
        if (existing.request_hash !== hash) throw keyConflict();
        return { refund: existing, chargeId: payment.charge_id };
      }
      if (!REFUNDABLE_STATUSES.has(payment.status) || payment.charge_id === null) {
        throw new DomainError('payment_not_refundable', `A ${payment.status} payment cannot be refunded: only money that arrived (a card payment, a bank payment once settled) can go back.`);
      }
      const left = payment.amount_cents - payment.held;
      const amount = request.amountCents ?? left;
      if (left <= 0 || amount > left) {
        throw new DomainError('amount_exceeds_refundable', left <= 0 ? 'Nothing is left to refund on this payment.' : `At most ${left} cents of this payment can still be refunded.`, {
          issues: [{ path: ['amountCents'], code: 'amount_exceeds_refundable', message: 'More than is left refundable.' }],
          details: { maximumCents: Math.max(0, left) },
        });
      }
      const refund: RefundRow = {
        id: `rf_${randomUUID().replace(/-/g, '')}`,
        practice_id: ctx.practice.id,
        payment_id: paymentId,
        account_id: payment.account_id,
        idempotency_key: idempotencyKey,
        request_hash: hash,
        amount_cents: amount,
        reason: request.reason,
        status: 'pending',
        processor_refund_id: null,
        failure_code: null,
        api_key_id: by.apiKeyId,
        staff_id: by.staffId,
        created_at: ctx.now,
        updated_at: ctx.now,
      };
      await trx.insertInto('refunds').values(refund).execute();
      return { refund, chargeId: payment.charge_id };
    });
  } catch (error) {
    // The same key at once for payments of two accounts: the accounts' locks do not serialize
    // them, the key's unique constraint does. Either way it is one key for two refunds.
    if ((error as { code?: unknown }).code === '23505') throw keyConflict();
    throw error;
  }
  const row = claimed.refund.status === 'pending' ? await completeRefund(ctx, claimed.refund, claimed.chargeId!) : claimed.refund;
  if (row.status === 'failed') {
    throw new DomainError('refund_failed', `The processor refused this refund (${row.failure_code ?? 'refused'}). Nothing was refunded.`);
  }
  return refundView(row);
}

const paymentNotFound = () => new DomainError('payment_not_found', 'There is no such payment at this practice.');
const keyConflict = () => new DomainError('idempotency_conflict', 'This Idempotency-Key was already used for a different refund.');

/**
 * Phases 2 and 3 of a pending refund: what the request that made it runs, and what a retry and
 * recovery run too. The processor refunds once per key and answers every caller alike.
 */
export async function completeRefund(ctx: RefundContext, row: RefundRow, chargeId: string): Promise<RefundRow> {
  let answer: { refund: ProcessorRefund } | { failureCode: string };
  try {
    answer = { refund: await ctx.gateway.refund(ctx.practice.id, row.id, { chargeId, amountCents: row.amount_cents }) };
  } catch (error) {
    const failure = processorFailureOf(error);
    // Another request under this refund's key: a refund may exist under it. A person must look;
    // the refund stays pending, so it is never recorded as "not refunded" by mistake.
    if (failure.kind === 'rejected' && failure.code === 'idempotency_conflict') ctx.logger?.error({ event: 'processor_key_conflict', refund: row.id });
    if (failure.kind === 'unavailable' || failure.code === 'idempotency_conflict') {
      throw processorUnavailable('The refund could not be completed right now. Nothing was refunded twice; try again with the same Idempotency-Key.');
    }
    answer = { failureCode: failure.code };
  }
  return recordRefundOutcome(ctx, row.id, answer);
}

/**
 * Phase 3: the processor's answer for the refund's key, under the account's lock. A refund that
 * went through puts its amount back on what the patient owes (the payment's ledger entry stays;
 * the refund's entry beside it undoes part or all of it), and the audit trail says so.
 */
async function recordRefundOutcome(ctx: RefundContext, refundId: string, answer: { refund: ProcessorRefund } | { failureCode: string }): Promise<RefundRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const { account_id: accountId } = await trx.selectFrom('refunds').select('account_id').where('id', '=', refundId).executeTakeFirstOrThrow();
    await lockAccount(trx, accountId);
    const updated = await trx
      .updateTable('refunds')
      .set(
        'refund' in answer
          ? // What the processor refunded is what the ledger shows (it is what was asked, unless it broke its contract).
            { status: 'succeeded', processor_refund_id: answer.refund.id, amount_cents: answer.refund.amountCents, updated_at: ctx.now }
          : { status: 'failed', failure_code: answer.failureCode, updated_at: ctx.now },
      )
      .where('id', '=', refundId)
      .where('status', '=', 'pending')
      .returningAll()
      .executeTakeFirst();
    // Recorded already, by a retry, a duplicate or recovery: its record stands.
    if (!updated) return trx.selectFrom('refunds').selectAll().where('id', '=', refundId).executeTakeFirstOrThrow();
    if (updated.status !== 'succeeded') return updated;
    const payment = await trx.selectFrom('payments').select('statement_id').where('id', '=', updated.payment_id).executeTakeFirstOrThrow();
    await trx
      .insertInto('ledger_entries')
      .values({
        account_id: updated.account_id,
        statement_id: payment.statement_id,
        kind: 'reversal',
        reason: REFUND_LEDGER_REASON,
        amount_cents: updated.amount_cents,
        posted_on: isoDate(ctx.now),
        payment_id: updated.payment_id,
        refund_id: updated.id,
      })
      .execute();
    await recordEvent(trx, {
      practiceId: updated.practice_id,
      type: 'refund.succeeded',
      accountId: updated.account_id,
      data: { refundId: updated.id, paymentId: updated.payment_id, amountCents: updated.amount_cents, reason: updated.reason },
      now: ctx.now,
    });
    await queueRefundIssued(trx, updated.account_id, updated.id, updated.payment_id, ctx.now);
    await recordAudit(trx, {
      at: ctx.now,
      practiceId: updated.practice_id,
      accountId: updated.account_id,
      action: 'refund_recorded',
      apiKeyId: updated.api_key_id,
      staffId: updated.staff_id,
      requestId: ctx.requestId ?? `job:${updated.id}`,
    });
    return updated;
  });
}

/**
 * Settles refunds a crash (or an outage) left pending, each exactly as a retry of its key would:
 * the processor answers with the refund it made before the crash, or makes it now (the practice
 * asked for it and the money is held for it meanwhile), or refuses. Returns how many were settled.
 */
export async function recoverPendingRefunds(db: Db, gateway: ProcessorGateway, practices: ReadonlyMap<string, PracticeConfig>, now: Date, options: { graceMs?: number | undefined; logger?: Logger | undefined } = {}): Promise<number> {
  const before = new Date(now.getTime() - (options.graceMs ?? 30_000));
  const pending = await db
    .selectFrom('refunds')
    .innerJoin('payments', 'payments.id', 'refunds.payment_id')
    .selectAll('refunds')
    .select('payments.charge_id')
    .where('refunds.status', '=', 'pending')
    .where('refunds.created_at', '<', before)
    .orderBy('refunds.created_at')
    .execute();
  let settled = 0;
  for (const { charge_id: chargeId, ...row } of pending) {
    const practice = practices.get(row.practice_id);
    if (!practice || chargeId === null) continue;
    try {
      await completeRefund({ db, gateway, practice, now, logger: options.logger }, row, chargeId);
      settled++;
    } catch (error) {
      // The processor is unreachable: the next run tries again.
      if (error instanceof DomainError && error.kind === 'unavailable') continue;
      throw error;
    }
  }
  return settled;
}

/** A payment as the practice API answers it: where it stands, how it was paid, and its refunds. */
export interface PracticePaymentView {
  readonly id: string;
  readonly confirmationNumber: string;
  readonly status: PaymentRow['status'];
  readonly amountCents: number;
  readonly refundedCents: number;
  readonly refundableCents: number;
  readonly method: { readonly kind: string; readonly brand: string | null; readonly last4: string | null; readonly wallet: string | null };
  /** The processor's charge. */
  readonly processorReference: string | null;
  readonly statementId: string | null;
  /** The patient, the practice (a plan's automatic installment) or staff by phone, and which member of staff. */
  readonly takenBy: TakenBy;
  readonly takenByStaffId: string | null;
  /** Why the processor declined it (the processor's code, not the one the patient was shown). */
  readonly declineCode: string | null;
  /** The bank's return code (R01, ...) of a returned bank debit. */
  readonly returnCode: string | null;
  readonly createdAt: string;
  readonly refunds: readonly RefundView[];
}

/** A payment of the practice; `undefined` for one of another practice, exactly as for none. */
export async function practicePaymentView(db: Db, practiceId: string, paymentId: string): Promise<PracticePaymentView | undefined> {
  const payment = await db.selectFrom('payments').selectAll().where('id', '=', paymentId).where('practice_id', '=', practiceId).executeTakeFirst();
  if (!payment) return undefined;
  const refunds = await db.selectFrom('refunds').selectAll().where('payment_id', '=', paymentId).orderBy('created_at').orderBy('id').execute();
  return practicePaymentOf(payment, refunds);
}

/** Every payment of an account, oldest first, as the practice API answers one. */
export async function practicePaymentViews(db: Db, accountId: string): Promise<PracticePaymentView[]> {
  const payments = await db.selectFrom('payments').selectAll().where('account_id', '=', accountId).orderBy('created_at').orderBy('id').execute();
  const refunds = await db.selectFrom('refunds').selectAll().where('account_id', '=', accountId).orderBy('created_at').orderBy('id').execute();
  return payments.map((payment) => practicePaymentOf(payment, refunds.filter((refund) => refund.payment_id === payment.id)));
}

function practicePaymentOf(payment: PaymentRow, refunds: readonly RefundRow[]): PracticePaymentView {
  const sum = (rows: readonly RefundRow[]) => rows.reduce((total, row) => total + row.amount_cents, 0);
  const refunded = sum(refunds.filter((row) => row.status === 'succeeded'));
  const held = refunded + sum(refunds.filter((row) => row.status === 'pending'));
  return {
    id: payment.id,
    confirmationNumber: payment.confirmation_number,
    status: payment.status,
    amountCents: payment.amount_cents,
    refundedCents: refunded,
    refundableCents: REFUNDABLE_STATUSES.has(payment.status) && payment.charge_id !== null ? Math.max(0, payment.amount_cents - held) : 0,
    method: { kind: payment.method_kind ?? 'other', brand: payment.brand, last4: payment.last4, wallet: payment.wallet },
    processorReference: payment.charge_id,
    statementId: payment.statement_id,
    takenBy: takenByOf(payment),
    takenByStaffId: payment.taken_by_staff_id,
    declineCode: payment.decline_code,
    returnCode: payment.return_code,
    createdAt: new Date(payment.created_at).toISOString(),
    refunds: refunds.map(refundView),
  };
}
