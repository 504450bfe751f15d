import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Charge, Payment, PaymentDeclineCode, PaymentRequest } from '@billpay/sdk';
import type { Database, PaymentsTable } from '../db/schema.js';
import { isoDate } from '../dates.js';
import { ApiProblem } from '../http/problem.js';
import type { PracticeConfig } from '../practices.js';
import { ProcessorRejectedError, ProcessorUnavailableError, type ProcessorGateway } from './gateway.js';

type Db = Kysely<Database>;
type PaymentRow = Selectable<PaymentsTable>;

/** The smallest payment taken online. */
export const MIN_PAYMENT_CENTS = 100;

/** What the route answers: a receipt (201), or a decline (402) that names its reason. */
export type PaymentOutcome =
  | { readonly kind: 'receipt'; readonly payment: Payment }
  | { readonly kind: 'declined'; readonly payment: Payment; readonly declineCode: PaymentDeclineCode };

export interface PaymentContext {
  readonly db: Db;
  readonly gateway: ProcessorGateway;
  readonly practice: PracticeConfig;
  readonly accountId: string;
  readonly now: Date;
}

/** Letters and digits that cannot be misread over the phone (no 0/O, 1/I/L). */
const CONFIRMATION_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

function confirmationNumber(): string {
  const bytes = randomBytes(8);
  const chars = Array.from(bytes, (b) => CONFIRMATION_ALPHABET[b % CONFIRMATION_ALPHABET.length]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

export function paymentRequestHash(request: PaymentRequest): string {
  const canonical = JSON.stringify([request.amountCents, request.token, request.statementId ?? null, request.authorization ?? null]);
  return createHash('sha256').update(canonical).digest('hex');
}

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
    },
    createdAt: new Date(row.created_at).toISOString(),
    ...(row.decline_code ? { declineCode: row.decline_code as PaymentDeclineCode } : {}),
    ...(row.return_code ? { returnCode: row.return_code } : {}),
    remainingBalanceCents: row.remaining_balance_cents ?? 0,
  };
}

function outcomeOf(row: PaymentRow): PaymentOutcome {
  const payment = paymentView(row);
  return row.status === 'declined' ? { kind: 'declined', payment, declineCode: payment.declineCode ?? 'card_declined' } : { kind: 'receipt', payment };
}

async function balanceOf(trx: Db, accountId: string): Promise<number> {
  const { total } = await trx
    .selectFrom('ledger_entries')
    .select(sql<number>`coalesce(sum(amount_cents), 0)::int`.as('total'))
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return total;
}

/** Money promised to payments still in flight: they hold it until they succeed or fail. */
async function reservedOf(trx: Db, accountId: string): Promise<number> {
  const { total } = await trx
    .selectFrom('payments')
    .select(sql<number>`coalesce(sum(amount_cents), 0)::int`.as('total'))
    .where('account_id', '=', accountId)
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  return total;
}

/** Serializes every payment on one account: the balance check and the write see the same ledger. */
async function lockAccount(trx: Transaction<Database>, accountId: string): Promise<void> {
  await trx.selectFrom('accounts').select('id').where('id', '=', accountId).forUpdate().executeTakeFirstOrThrow();
}

/**
 * Takes a payment exactly once. Phase 1 records it as pending under the client's key, after
 * checking the amount against what is owed and not already promised; phase 2 charges the
 * processor with the payment's id as the processor's idempotency key; phase 3 writes the outcome
 * and the ledger entry. Any request carrying the same key (a retry, a concurrent duplicate, or
 * recovery after a crash) drives the same row through the same phases, and the processor and a
 * status check make each phase happen once.
 */
export async function takePayment(ctx: PaymentContext, idempotencyKey: string, request: PaymentRequest): Promise<PaymentOutcome> {
  const hash = paymentRequestHash(request);
  const row = await ctx.db.transaction().execute(async (trx) => {
    await lockAccount(trx, ctx.accountId);
    const existing = await trx
      .selectFrom('payments')
      .selectAll()
      .where('practice_id', '=', ctx.practice.id)
      .where('idempotency_key', '=', idempotencyKey)
      .executeTakeFirst();
    if (existing) {
      if (existing.request_hash !== hash || existing.account_id !== ctx.accountId) {
        throw new ApiProblem(409, 'idempotency_conflict', 'This Idempotency-Key was already used for a different payment.');
      }
      return existing;
    }
    if (request.statementId) {
      const statement = await trx
        .selectFrom('statements')
        .select('id')
        .where('id', '=', request.statementId)
        .where('account_id', '=', ctx.accountId)
        .executeTakeFirst();
      if (!statement) throw new ApiProblem(400, 'invalid_request', 'There is no such statement on this account.', [{ path: ['statementId'], code: 'not_found', message: 'No such statement.' }]);
    }
    const available = (await balanceOf(trx, ctx.accountId)) - (await reservedOf(trx, ctx.accountId));
    if (request.amountCents < MIN_PAYMENT_CENTS || request.amountCents > available) {
      throw new ApiProblem(
        422,
        'amount_not_allowed',
        available < MIN_PAYMENT_CENTS ? 'There is nothing to pay on this account right now.' : 'The amount must be at least $1.00 and at most what is owed.',
        [{ path: ['amountCents'], code: 'amount_not_allowed', message: 'Outside the allowed range.' }],
        {},
        { minimumCents: MIN_PAYMENT_CENTS, maximumCents: Math.max(0, available) },
      );
    }
    const inserted: PaymentRow = {
      id: `pay_${randomUUID().replace(/-/g, '')}`,
      practice_id: ctx.practice.id,
      account_id: ctx.accountId,
      idempotency_key: idempotencyKey,
      request_hash: hash,
      confirmation_number: confirmationNumber(),
      status: 'pending',
      amount_cents: request.amountCents,
      statement_id: request.statementId ?? null,
      token: request.token,
      charge_id: null,
      method_kind: null,
      brand: null,
      last4: null,
      wallet: null,
      decline_code: null,
      return_code: null,
      remaining_balance_cents: null,
      authorization_text: request.authorization?.text ?? null,
      authorization_accepted_at: request.authorization?.acceptedAt ?? null,
      created_at: ctx.now,
      updated_at: ctx.now,
    };
    await trx.insertInto('payments').values(inserted).execute();
    return inserted;
  });
  if (row.status !== 'pending') return outcomeOf(row);
  return completePayment(ctx.db, ctx.gateway, ctx.practice, row, ctx.now);
}

/** Phases 2 and 3 for a pending payment; also what crash recovery runs. */
export async function completePayment(db: Db, gateway: ProcessorGateway, practice: PracticeConfig, row: PaymentRow, now: Date): Promise<PaymentOutcome> {
  let charge: Charge | undefined;
  try {
    charge = await gateway.charge(practice.id, row.id, {
      token: row.token,
      amountCents: row.amount_cents,
      description: `${practice.name} bill payment ${row.confirmation_number}`,
      metadata: { payment: row.id },
    });
  } catch (error) {
    if (error instanceof ProcessorUnavailableError) {
      throw new ApiProblem(503, 'processor_unavailable', 'The payment could not be completed right now. Nothing was charged twice; try again.', [], { 'retry-after': '2' });
    }
    if (!(error instanceof ProcessorRejectedError)) throw error;
  }
  return recordOutcome(db, row.id, charge, now);
}

/** Phase 3: the charge's outcome and, for money that moved, one ledger entry. */
async function recordOutcome(db: Db, paymentId: string, charge: Charge | undefined, now: Date): Promise<PaymentOutcome> {
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('payments').selectAll().where('id', '=', paymentId).executeTakeFirstOrThrow();
    await lockAccount(trx, current.account_id);
    const row = await trx.selectFrom('payments').selectAll().where('id', '=', paymentId).forUpdate().executeTakeFirstOrThrow();
    if (row.status !== 'pending') return outcomeOf(row);

    // A bank debit is 'processing' until the processor's events say it settled or came back.
    const status: PaymentsTable['status'] = !charge || charge.status === 'declined' ? 'declined' : charge.status === 'succeeded' ? 'succeeded' : 'processing';
    if (status !== 'declined') {
      await trx
        .insertInto('ledger_entries')
        .values({
          account_id: row.account_id,
          statement_id: row.statement_id,
          kind: 'payment',
          reason: charge?.method.kind === 'bank' ? 'bank_payment' : charge?.method.kind === 'wallet' ? 'wallet_payment' : 'card_payment',
          amount_cents: -row.amount_cents,
          posted_on: isoDate(now),
          payment_id: row.id,
        })
        .execute();
    }
    const remaining = await balanceOf(trx, row.account_id);
    const updated = await trx
      .updateTable('payments')
      .set({
        status,
        charge_id: charge?.id ?? null,
        method_kind: charge?.method.kind ?? null,
        brand: charge?.method.brand ?? null,
        last4: charge?.method.last4 ?? null,
        wallet: charge?.method.wallet ?? null,
        decline_code: status === 'declined' ? (charge?.declineCode ?? 'processing_error') : null,
        remaining_balance_cents: remaining,
        updated_at: now,
      })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return outcomeOf(updated);
  });
}

/**
 * Settles payments a crash left pending: each is looked up at the processor by its key. A charge
 * that exists is recorded; one that never reached the processor (older than `graceMs`) is closed
 * as not charged, so its money is no longer held.
 */
export async function recoverPendingPayments(
  db: Db,
  gateway: ProcessorGateway,
  practices: ReadonlyMap<string, PracticeConfig>,
  now: Date,
  graceMs = 60_000,
): Promise<number> {
  const pending = await db.selectFrom('payments').selectAll().where('status', '=', 'pending').execute();
  let settled = 0;
  for (const row of pending) {
    const practice = practices.get(row.practice_id);
    if (!practice) continue;
    let charge: Charge | undefined;
    try {
      charge = await gateway.findCharge(practice.id, row.id);
    } catch (error) {
      if (error instanceof ProcessorUnavailableError) continue;
      throw error;
    }
    if (!charge && now.getTime() - new Date(row.created_at).getTime() < graceMs) continue;
    await recordOutcome(db, row.id, charge, now);
    settled++;
  }
  return settled;
}

/**
 * Applies the processor's events: a bank debit that settled, or came back. A return reverses the
 * payment in the ledger and adds the practice's returned-payment fee, once.
 */
export async function applyProcessorEvents(db: Db, gateway: ProcessorGateway, practice: PracticeConfig, now: Date): Promise<number> {
  const cursorKey = `processor_events_cursor:${practice.id}`;
  const cursor = (await db.selectFrom('meta').select('value').where('key', '=', cursorKey).executeTakeFirst())?.value ?? '0';
  const list = await gateway.events(practice.id, cursor);
  let applied = 0;
  for (const event of list.data) {
    await db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('payments').selectAll().where('charge_id', '=', event.charge.id).where('practice_id', '=', practice.id).executeTakeFirst();
      if (!row) return;
      await lockAccount(trx, row.account_id);
      const current = await trx.selectFrom('payments').selectAll().where('id', '=', row.id).forUpdate().executeTakeFirstOrThrow();
      if (event.type === 'charge.settled' && current.status === 'processing') {
        await trx.updateTable('payments').set({ status: 'settled', updated_at: now }).where('id', '=', row.id).execute();
        applied++;
      }
      if (event.type === 'charge.returned' && (current.status === 'processing' || current.status === 'settled')) {
        const postedOn = isoDate(now);
        await trx
          .insertInto('ledger_entries')
          .values([
            { account_id: row.account_id, statement_id: row.statement_id, kind: 'reversal', reason: 'returned_payment', amount_cents: row.amount_cents, posted_on: postedOn, payment_id: row.id },
            { account_id: row.account_id, statement_id: row.statement_id, kind: 'fee', reason: 'returned_payment', amount_cents: practice.policies.returnedPaymentFeeCents, posted_on: postedOn, payment_id: row.id },
          ])
          .execute();
        await trx
          .updateTable('payments')
          .set({ status: 'returned', return_code: event.charge.returnCode ?? 'R01', updated_at: now })
          .where('id', '=', row.id)
          .execute();
        applied++;
      }
    });
  }
  await db
    .insertInto('meta')
    .values({ key: cursorKey, value: list.nextCursor })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: list.nextCursor }))
    .execute();
  return applied;
}
