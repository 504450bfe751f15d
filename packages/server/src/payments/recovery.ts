import type { Charge } from '@billpay/sdk/processor';
import type { Kysely } from 'kysely';
import { isoDate } from '../dates.js';
import type { Database } from '../db/schema.js';
import { DomainError } from '../domain/errors.js';
import type { Logger } from '../log.js';
import { refreshRunningPlanOf } from '../plans/refresh.js';
import type { PracticeConfig } from '../practices/practices.js';
import type { ProcessorGateway } from '../processor/gateway.js';
import { completePayment } from './payments.js';
import { lockAccount, recordOutcome, refundLateCharge } from './record.js';

type Db = Kysely<Database>;

export interface RecoveryOptions {
  /**
   * A pending payment younger than this is left to the request that made it (it is at the
   * processor now, or just gave up with a 503 its client will retry). Default 30 s: twice the
   * longest processor call.
   */
  readonly graceMs?: number | undefined;
  readonly logger?: Logger | undefined;
}

/**
 * Settles payments a crash (or a processor outage) left pending, by driving each on exactly as a
 * retry of its key would: the processor is asked to charge under the payment's key, which
 * answers with the charge made before the crash if there was one, or makes it now (the patient
 * asked for it, and the money is held for it meanwhile), or refuses. Whatever it answers is
 * recorded, once. Also asks again for refunds of late charges the processor did not confirm.
 */
export async function recoverPendingPayments(db: Db, gateway: ProcessorGateway, practices: ReadonlyMap<string, PracticeConfig>, now: Date, options: RecoveryOptions = {}): Promise<number> {
  const before = new Date(now.getTime() - (options.graceMs ?? 30_000));
  const pending = await db.selectFrom('payments').selectAll().where('status', '=', 'pending').where('created_at', '<', before).orderBy('created_at').execute();
  let settled = 0;
  for (const row of pending) {
    const practice = practices.get(row.practice_id);
    if (!practice) continue;
    try {
      await completePayment({ db, gateway, practice, now, logger: options.logger }, row);
      settled++;
    } catch (error) {
      // The processor is unreachable: the next run tries again.
      if (error instanceof DomainError && error.kind === 'unavailable') continue;
      throw error;
    }
  }
  const unrefunded = await db.selectFrom('payments').selectAll().where('status', '=', 'refunded').where('refund_id', 'is', null).execute();
  for (const row of unrefunded) {
    const practice = practices.get(row.practice_id);
    if (practice) await refundLateCharge({ db, gateway, practice, now, logger: options.logger }, row);
  }
  return settled;
}

/**
 * A charge an event names before its payment knows it (the server stopped between the charge and
 * its record, and recovery has not run yet): the charge names its payment (metadata `payment`,
 * and the payment's id is the charge's idempotency key), so it is recorded as any answer for that
 * key would be, never skipped; for a payment closed meanwhile as not charged, it is refunded.
 */
async function recordChargeOfEvent(db: Db, gateway: ProcessorGateway, practice: PracticeConfig, charge: Charge, now: Date, logger: Logger | undefined): Promise<void> {
  const known = await db.selectFrom('payments').select('id').where('charge_id', '=', charge.id).where('practice_id', '=', practice.id).executeTakeFirst();
  const paymentId = charge.metadata?.payment;
  if (known || !paymentId) return;
  const payment = await db.selectFrom('payments').select(['id', 'amount_cents']).where('id', '=', paymentId).where('practice_id', '=', practice.id).executeTakeFirst();
  if (payment?.amount_cents === charge.amountCents) await recordOutcome({ db, gateway, practice, now, logger }, payment.id, charge);
}

/**
 * Applies the processor's events: a bank debit that settled, or came back. A return reverses the
 * payment in the ledger and adds the practice's returned-payment fee, once, under the account's
 * lock and then the payment's (the order every writer takes them in).
 */
export async function applyProcessorEvents(db: Db, gateway: ProcessorGateway, practice: PracticeConfig, now: Date, logger?: Logger): Promise<number> {
  const cursorKey = `processor_events_cursor:${practice.id}`;
  const cursor = (await db.selectFrom('meta').select('value').where('key', '=', cursorKey).executeTakeFirst())?.value ?? '0';
  const list = await gateway.events(practice.id, cursor);
  let applied = 0;
  const accounts = new Set<string>();
  for (const event of list.data) {
    await recordChargeOfEvent(db, gateway, practice, event.charge, now, logger);
    await db.transaction().execute(async (trx) => {
      const owner = await trx.selectFrom('payments').select('account_id').where('charge_id', '=', event.charge.id).where('practice_id', '=', practice.id).executeTakeFirst();
      if (!owner) return;
      accounts.add(owner.account_id);
      await lockAccount(trx, owner.account_id);
      const row = await trx.selectFrom('payments').selectAll().where('charge_id', '=', event.charge.id).where('practice_id', '=', practice.id).forUpdate().executeTakeFirstOrThrow();
      if (event.type === 'charge.settled' && row.status === 'processing') {
        await trx.updateTable('payments').set({ status: 'settled', updated_at: now }).where('id', '=', row.id).execute();
        applied++;
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
        applied++;
      }
    });
  }
  await db
    .insertInto('meta')
    .values({ key: cursorKey, value: list.nextCursor })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: list.nextCursor }))
    .execute();
  // A settled or returned bank debit may pay, or uncover, a plan's installment.
  for (const accountId of accounts) await refreshRunningPlanOf(db, accountId, isoDate(now), now);
  return applied;
}
