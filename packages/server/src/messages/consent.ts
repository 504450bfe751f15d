import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../db/schema.js';
import type { MessageChannel } from '../db/messages-migration.js';
import type { ConsentSource } from '../db/preferences-migration.js';

type Db = Kysely<Database>;

/**
 * Consent to messages, recorded as it happens (TCPA: the words, the time, the address, where it
 * came from), in `message_consents`, which is only ever added to. The latest row for a practice,
 * channel and address says where consent stands.
 */

/** The key an address is suppressed and consented under: email addresses without regard to case. */
export const suppressionAddress = (channel: 'email' | 'sms', recipient: string): string => (channel === 'email' ? recipient.trim().toLowerCase() : recipient.trim());

export interface ConsentRecord {
  readonly practiceId: string;
  readonly accountId: string | null;
  readonly channel: MessageChannel;
  readonly address: string;
  readonly action: 'granted' | 'revoked';
  readonly source: ConsentSource;
  readonly words?: string | null | undefined;
  readonly language?: 'en' | 'es' | null | undefined;
  readonly wordsVersion?: string | null | undefined;
  readonly clientAddress?: string | null | undefined;
  readonly verificationId?: string | null | undefined;
  readonly messageId?: string | null | undefined;
  /** The member of staff who recorded it (source `staff`). */
  readonly staffId?: string | null | undefined;
  readonly at: Date;
}

/** Adds one row to the record (the address as messages go to it). */
export async function recordConsent(db: Db, record: ConsentRecord): Promise<void> {
  await db
    .insertInto('message_consents')
    .values({
      practice_id: record.practiceId,
      account_id: record.accountId,
      channel: record.channel,
      address: suppressionAddress(record.channel, record.address),
      action: record.action,
      source: record.source,
      words: record.words ?? null,
      language: record.language ?? null,
      words_version: record.wordsVersion ?? null,
      client_address: record.clientAddress ?? null,
      verification_id: record.verificationId ?? null,
      message_id: record.messageId ?? null,
      staff_id: record.staffId ?? null,
      created_at: record.at,
    })
    .execute();
}

/** The latest row of the record for the address: where its consent stands, and how it got there. */
export async function latestConsent(db: Db, practiceId: string, channel: MessageChannel, address: string): Promise<{ action: 'granted' | 'revoked'; source: ConsentSource; created_at: Date } | undefined> {
  return db
    .selectFrom('message_consents')
    .select(['action', 'source', 'created_at'])
    .where('practice_id', '=', practiceId)
    .where('channel', '=', channel)
    .where('address', '=', suppressionAddress(channel, address))
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * SQL that is true when the practice's latest consent row for the number is `granted`: what a text
 * about statements needs (billing texts are not within the TCPA's healthcare exemption).
 */
export function textConsentGranted(practiceId: Expression<unknown>, number: Expression<unknown>): Expression<SqlBool> {
  return sql<SqlBool>`coalesce((select c.action = 'granted' from message_consents c
    where c.practice_id = ${practiceId} and c.channel = 'sms' and c.address = ${number}
    order by c.seq desc limit 1), false)`;
}
