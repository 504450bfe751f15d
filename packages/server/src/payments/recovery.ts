import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { DomainError } from '../domain/errors.js';
import type { Logger } from '../log.js';
import type { PracticeConfig } from '../practices/practices.js';
import type { ProcessorGateway } from '../processor/port.js';
import { completePayment } from './payments.js';
import { refundLateCharge } from './record.js';

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
