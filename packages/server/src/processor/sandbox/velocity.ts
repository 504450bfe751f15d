import { sql, type Kysely } from 'kysely';
import { ProcessorError } from './errors.js';
import { newId } from './keys.js';
import type { ProcessorDatabaseSchema } from './schema.js';

const HOUR_MS = 3_600_000;

/**
 * Tokenization requests one address may make in an hour, whatever the merchant: a patient
 * entering a card or two (and mistyping a few times) stays far below it; a script testing stolen
 * card numbers meets it at once. A real processor has limits of its own; this is the sandbox's.
 */
export const TOKEN_REQUESTS_PER_ADDRESS_PER_HOUR = 30;

/**
 * Counts a tokenization request from `clientHash` and refuses it (429, with `Retry-After` for when
 * the oldest counted request leaves the hour) when the address has made `limit` already.
 */
export async function countTokenRequest(db: Kysely<ProcessorDatabaseSchema>, clientHash: string, now: Date, limit = TOKEN_REQUESTS_PER_ADDRESS_PER_HOUR): Promise<void> {
  const since = new Date(now.getTime() - HOUR_MS);
  await db.transaction().execute(async (trx) => {
    // One address's requests are counted one after another (a burst sent at once included), on
    // any instance sharing the store: the count and the new row under one lock.
    await sql`select pg_advisory_xact_lock(hashtextextended(${`token_requests:${clientHash}`}, 0))`.execute(trx);
    const recent = await trx.selectFrom('token_requests').select('at').where('client_hash', '=', clientHash).where('at', '>', since).orderBy('at', 'desc').limit(limit).execute();
    if (recent.length >= limit) {
      const oldest = new Date(recent[recent.length - 1]!.at);
      const seconds = Math.max(1, Math.ceil((oldest.getTime() + HOUR_MS - now.getTime()) / 1000));
      throw new ProcessorError(429, 'rate_limited', 'Too many payment details were sent from this connection. Wait a while and try again.', undefined, { 'Retry-After': String(seconds) });
    }
    await trx.insertInto('token_requests').values({ id: newId('treq'), client_hash: clientHash, at: now }).execute();
  });
}

/** Forgets requests older than the hour they count in. */
export async function purgeTokenRequests(db: Kysely<ProcessorDatabaseSchema>, now: Date): Promise<number> {
  const result = await db.deleteFrom('token_requests').where('at', '<=', new Date(now.getTime() - HOUR_MS)).executeTakeFirst();
  return Number(result.numDeletedRows);
}
