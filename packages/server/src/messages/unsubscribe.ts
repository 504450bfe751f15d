import { timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { keyedHash } from '../security/secret.js';
import { recordConsent, suppressionAddress } from './consent.js';

type Db = Kysely<Database>;

/** Where the unsubscribe links point, under the API's origin (outside `/v1`: mail providers POST there without an Origin). */
export const UNSUBSCRIBE_PATH = '/messages/unsubscribe';

/** The link's proof that billpay wrote it: a keyed hash of the message id (128 bits). */
export function unsubscribeSignature(secret: string, messageId: string): string {
  return keyedHash(secret, 'message_unsubscribe', messageId).slice(0, 32);
}

/** The one-click unsubscribe address of a message (RFC 8058: the same URL takes the POST). */
export function unsubscribeUrl(publicUrl: string, secret: string, messageId: string): string {
  return new URL(`${UNSUBSCRIBE_PATH}/${messageId}/${unsubscribeSignature(secret, messageId)}`, publicUrl).href;
}

/** The message a link names, if its signature is right. */
export async function messageOfLink(db: Db, secret: string, messageId: string, signature: string): Promise<{ id: string; practiceId: string; channel: 'email' | 'sms'; recipient: string; language: 'en' | 'es' } | undefined> {
  if (!/^msg_[0-9a-f]{32}$/.test(messageId) || !/^[0-9a-f]{32}$/.test(signature)) return undefined;
  const expected = Buffer.from(unsubscribeSignature(secret, messageId));
  if (!timingSafeEqual(expected, Buffer.from(signature))) return undefined;
  const row = await db.selectFrom('messages').select(['id', 'practice_id', 'channel', 'recipient', 'language']).where('id', '=', messageId).executeTakeFirst();
  return row && { id: row.id, practiceId: row.practice_id, channel: row.channel, recipient: row.recipient, language: row.language };
}

export { suppressionAddress };

/**
 * Records at once that the address wants no more notices from the practice: the next statement
 * email to it, and any still waiting in the outbox, is suppressed. Receipts still go. Doing it
 * twice changes nothing.
 */
export async function unsubscribe(db: Db, message: { id: string; practiceId: string; channel: 'email' | 'sms'; recipient: string }, now: Date): Promise<void> {
  const already = await db.selectFrom('message_suppressions').select('address').where('practice_id', '=', message.practiceId).where('channel', '=', message.channel).where('address', '=', suppressionAddress(message.channel, message.recipient)).executeTakeFirst();
  if (!already) await recordConsent(db, { practiceId: message.practiceId, accountId: null, channel: message.channel, address: message.recipient, action: 'revoked', source: 'unsubscribe_link', messageId: message.id, at: now });
  await db
    .insertInto('message_suppressions')
    .values({ practice_id: message.practiceId, channel: message.channel, address: suppressionAddress(message.channel, message.recipient), reason: 'unsubscribed', message_id: message.id, created_at: now })
    .onConflict((oc) => oc.columns(['practice_id', 'channel', 'address']).doNothing())
    .execute();
}
