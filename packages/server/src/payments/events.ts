import type { Kysely } from 'kysely';
import { isoDate } from '../dates.js';
import type { Database } from '../db/schema.js';
import { recordEvent } from '../events/outbox.js';
import { queuePaymentReturned, queueReceipt } from '../messages/outbox.js';
import type { Logger } from '../log.js';
import { refreshRunningPlanIn, type ReturnApplied } from '../plans/refresh.js';
import type { PracticeConfig } from '../practices/practices.js';
import type { ProcessorCharge, ProcessorEvent, ProcessorGateway } from '../processor/port.js';
import { lockAccount, paymentEventData, recordOutcome } from './record.js';

type Db = Kysely<Database>;

export interface EventContext {
  readonly db: Db;
  readonly gateway: ProcessorGateway;
  readonly practice: PracticeConfig;
  readonly now: Date;
  readonly logger?: Logger | undefined;
}

/**
 * A charge an event names before its payment knows it (the server stopped between the charge and
 * its record, and recovery has not run yet): the charge names its payment (its `reference`,
 * and the payment's id is the charge's idempotency key), so it is recorded as any answer for that
 * key would be, never skipped; for a payment closed meanwhile as not charged, it is refunded.
 */
async function recordChargeOfEvent(db: Db, gateway: ProcessorGateway, practice: PracticeConfig, charge: ProcessorCharge, now: Date, logger: Logger | undefined): Promise<void> {
  const known = await db.selectFrom('payments').select('id').where('charge_id', '=', charge.id).where('practice_id', '=', practice.id).executeTakeFirst();
  const paymentId = charge.reference;
  if (known || !paymentId) return;
  const payment = await db.selectFrom('payments').select(['id', 'amount_cents']).where('id', '=', paymentId).where('practice_id', '=', practice.id).executeTakeFirst();
  if (payment?.amount_cents === charge.amountCents) await recordOutcome({ db, gateway, practice, now, logger }, payment.id, charge);
}

/**
 * Polls the processor's events for a practice from where the last poll stopped, and applies each
 * (see `applyProcessorEvent`). Returns how many changed a payment.
 */
export async function applyProcessorEvents(db: Db, gateway: ProcessorGateway, practice: PracticeConfig, now: Date, logger?: Logger): Promise<number> {
  const cursorKey = `processor_events_cursor:${practice.id}`;
  const cursor = (await db.selectFrom('meta').select('value').where('key', '=', cursorKey).executeTakeFirst())?.value ?? '0';
  const page = await gateway.events(practice.id, cursor);
  let applied = 0;
  for (const event of page.events) {
    if (await applyProcessorEvent({ db, gateway, practice, now, logger }, event)) applied++;
  }
  await db
    .insertInto('meta')
    .values({ key: cursorKey, value: page.nextCursor })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: page.nextCursor }))
    .execute();
  return applied;
}

/**
 * Applies one processor event, whether polled or pushed (a webhook): a bank debit that settled,
 * or came back. A return reverses the payment in the ledger and adds the practice's
 * returned-payment fee, under the account's lock and then the payment's (the order every writer
 * takes them in). Each change is made only from the status before it, so the same event applied
 * again, or by both a webhook and a poll, changes nothing. Whether it changed the payment.
 */
export async function applyProcessorEvent(ctx: EventContext, event: ProcessorEvent): Promise<boolean> {
  const { db, practice, now } = ctx;
  await recordChargeOfEvent(db, ctx.gateway, practice, event.charge, now, ctx.logger);
  return db.transaction().execute(async (trx) => {
    const owner = await trx.selectFrom('payments').select('account_id').where('charge_id', '=', event.charge.id).where('practice_id', '=', practice.id).executeTakeFirst();
    if (!owner) return false;
    await lockAccount(trx, owner.account_id);
    const row = await trx.selectFrom('payments').selectAll().where('charge_id', '=', event.charge.id).where('practice_id', '=', practice.id).forUpdate().executeTakeFirstOrThrow();
    // A settled or returned bank debit may pay, or uncover, a plan's installment: the plan's
    // standing is stored in the same transaction, so the plan and the patient's message agree.
    if (event.type === 'charge.settled' && row.status === 'processing') {
      await trx.updateTable('payments').set({ status: 'settled', updated_at: now }).where('id', '=', row.id).execute();
      // A bank debit has succeeded once it settles (a card payment, once recorded).
      await recordEvent(trx, { practiceId: practice.id, type: 'payment.succeeded', accountId: row.account_id, data: { ...paymentEventData(row), settled: true }, now });
      await queueReceipt(trx, row.id, now);
      await refreshRunningPlanIn(trx, row.account_id, isoDate(now), now);
      return true;
    }
    if (event.type === 'charge.returned' && (row.status === 'processing' || row.status === 'settled')) {
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
      const returnCode = event.charge.returnCode ?? 'R01';
      await recordEvent(trx, { practiceId: practice.id, type: 'payment.returned', accountId: row.account_id, data: { ...paymentEventData(row), returnCode }, now });
      const feeCents = practice.policies.returnedPaymentFeeCents;
      if (feeCents > 0) {
        await recordEvent(trx, { practiceId: practice.id, type: 'fee.added', accountId: row.account_id, data: { reason: 'returned_payment', amountCents: feeCents, paymentId: row.id, statementId: row.statement_id }, now });
      }
      // A plan's payment is told with what it did to the plan (queued by the plan's refresh); any
      // other, here. One message either way (one per payment).
      const returned: ReturnApplied = { paymentId: row.id, feeCents };
      await refreshRunningPlanIn(trx, row.account_id, postedOn, now, returned);
      await queuePaymentReturned(trx, row.account_id, row.id, feeCents, now);
      return true;
    }
    return false;
  });
}
