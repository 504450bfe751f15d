import { EstimateSchema, type Estimate } from '@billpay/sdk';
import { sql, type Kysely } from 'kysely';
import type { EstimateTables } from '../db/estimates-migration.js';
import type { Database } from '../db/schema.js';
import { recordAudit } from '../security/audit.js';
import { clearFailures, lockGuards, recordFailure, type Guard } from '../lookup/lockout.js';
import type { LookupContext } from '../lookup/lookup.js';
import { addressKey, keyedHash } from '../security/secret.js';

/** Like a bill lookup's: the database, the keyed-hash secret, the practice, who asks and when. */
export type EstimateAccessContext = LookupContext;

export type EstimateAccess = { readonly kind: 'found'; readonly estimate: Estimate } | { readonly kind: 'failed' } | { readonly kind: 'locked'; readonly retryAt: Date };

const documentOf = (document: unknown): Estimate => EstimateSchema.parse(typeof document === 'string' ? JSON.parse(document) : document);

/**
 * An estimate shown to the person who asked for it: its number and the patient's date of birth,
 * judged as a bill lookup is (one query whether the estimate exists or the date matches, the
 * same answer for both, failures counted per estimate and per address under the same lockout,
 * in one transaction with its audit event). The number alone, guessed or overheard, shows nothing.
 */
export async function estimateForPatient(ctx: EstimateAccessContext, estimateId: string, dateOfBirth: string): Promise<EstimateAccess> {
  const subject: Guard = { key: keyedHash(ctx.secret, 'estimate', `${ctx.practiceId}:${estimateId}`), kind: 'subject' };
  const client: Guard = { key: addressKey(ctx.secret, ctx.clientAddress), kind: 'client' };
  const audit = { at: ctx.now, practiceId: ctx.practiceId, subjectHash: subject.key, clientHash: client.key, requestId: ctx.requestId };
  return ctx.db.transaction().execute(async (trx): Promise<EstimateAccess> => {
    const locks = await lockGuards(trx, [subject, client], ctx.now);
    if (locks.size > 0) {
      await recordAudit(trx, { ...audit, action: 'estimate_lookup_locked' });
      return { kind: 'locked', retryAt: new Date(Math.max(...[...locks.values()].map((until) => until.getTime()))) };
    }
    const row = await trx
      .$extendTables<EstimateTables>()
      .selectFrom('estimates')
      .select(['document', 'account_id', sql<boolean>`date_of_birth = ${dateOfBirth}::date`.as('matches')])
      .where('id', '=', estimateId)
      .where('practice_id', '=', ctx.practiceId)
      .executeTakeFirst();
    if (!row?.matches) {
      await recordFailure(trx, [subject, client], ctx.now);
      await recordAudit(trx, { ...audit, action: 'estimate_lookup_failed' });
      return { kind: 'failed' };
    }
    await clearFailures(trx, subject, ctx.now);
    await recordAudit(trx, { ...audit, accountId: row.account_id, action: 'estimate_viewed' });
    return { kind: 'found', estimate: documentOf(row.document) };
  });
}

/** An estimate linked to the account (a patient's own session): `undefined` for any other. */
export async function estimateOfAccount(db: Kysely<Database>, practiceId: string, accountId: string, estimateId: string): Promise<Estimate | undefined> {
  const row = await db
    .$extendTables<EstimateTables>()
    .selectFrom('estimates')
    .select('document')
    .where('id', '=', estimateId)
    .where('practice_id', '=', practiceId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return row ? documentOf(row.document) : undefined;
}
