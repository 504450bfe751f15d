import { sql, type ColumnType, type Generated, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { MESSAGE_CHANNELS, MESSAGE_KINDS, type MessageChannel } from './messages-migration.js';
import type { ConsentStaffColumns } from './consent-staff-migration.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** The patient's choices (issue 16): one row per account once the patient has chosen anything. */
export interface MessagePreferencesTable {
  account_id: string;
  practice_id: string;
  /** No paper statement: the statement PDF run leaves the account out. */
  paperless: boolean;
  /** null: never chosen (statement emails go to the address on file, as before); false: turned off. */
  email_on: boolean | null;
  /** The verified address, when the patient typed one; null: the address on file. */
  email_address: string | null;
  /** false once the patient turned texts off here; true, texts go while the number's latest consent is granted. */
  sms_on: boolean;
  sms_address: string | null;
  updated_at: Timestamp;
}

export const CONSENT_ACTIONS = ['granted', 'revoked'] as const;
/** How it was given or taken back: the preferences (the patient), a STOP or START reply, an email's unsubscribe link, staff. */
export const CONSENT_SOURCES = ['patient', 'text_reply', 'unsubscribe_link', 'staff'] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

/**
 * Consent to messages, and its revocation, as it happened: append only (a trigger refuses updates
 * and deletes). The latest row for a practice, channel and address is where consent stands; a
 * text about statements goes only to a number whose latest row is `granted`.
 */
export interface MessageConsentsTable extends ConsentStaffColumns {
  seq: Generated<string>;
  practice_id: string;
  /** The account whose patient acted (none for a reply from a number). No foreign key: the record outlives the account. */
  account_id: string | null;
  channel: MessageChannel;
  /** The address as messages go to it: an email address lower-cased, a number as `+12035550123`. */
  address: string;
  action: (typeof CONSENT_ACTIONS)[number];
  source: ConsentSource;
  /** The exact words shown and agreed to (or the revocation's words, or the reply as received); in `language`. */
  words: string | null;
  language: 'en' | 'es' | null;
  /** The version of the words (`MESSAGE_CONSENT_VERSION`) when they came from the preferences. */
  words_version: string | null;
  /** The patient's client address (IP) as this server saw it. */
  client_address: string | null;
  /** The verification whose code proved the address, for a consent given in the preferences. */
  verification_id: string | null;
  /** The message whose unsubscribe link was used. */
  message_id: string | null;
  created_at: Timestamp;
}

/** A code sent to turn a channel on: kept as a keyed hash, for 10 minutes and 5 tries. */
export interface MessageVerificationsTable {
  id: string;
  practice_id: string;
  account_id: string;
  channel: MessageChannel;
  address: string;
  code_hash: string;
  attempts: ColumnType<number, number | undefined, number>;
  expires_at: Timestamp;
  language: 'en' | 'es';
  /** The consent's words shown when the code was asked for: recorded when it is typed back. */
  words: string;
  words_version: string;
  client_address: string;
  /** The client address's keyed hash (`addressKey`): codes asked for from one address are limited. */
  client_hash: string;
  created_at: Timestamp;
  used_at: Date | null;
}

const list = (values: readonly string[]) => sql.join(values.map((v) => sql.lit(v)));

export const preferencesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`alter table messages drop constraint messages_kind_check`.execute(db);
    await sql`alter table messages add constraint messages_kind_check check (kind in (${list(MESSAGE_KINDS)}))`.execute(db);

    await db.schema
      .createTable('message_preferences')
      .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id'))
      .addColumn('practice_id', 'text', (c) => c.notNull())
      .addColumn('paperless', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('email_on', 'boolean')
      .addColumn('email_address', 'text', (c) => c.check(sql`length(email_address) <= 254`))
      .addColumn('sms_on', 'boolean', (c) => c.notNull().defaultTo(true))
      .addColumn('sms_address', 'text', (c) => c.check(sql`length(sms_address) <= 16`))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .execute();
    await sql`create index message_preferences_paperless on message_preferences (practice_id) where paperless`.execute(db);

    await db.schema
      .createTable('message_consents')
      .addColumn('seq', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      .addColumn('practice_id', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text')
      .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in (${list(MESSAGE_CHANNELS)})`))
      .addColumn('address', 'text', (c) => c.notNull().check(sql`length(address) <= 254`))
      .addColumn('action', 'text', (c) => c.notNull().check(sql`action in (${list(CONSENT_ACTIONS)})`))
      .addColumn('source', 'text', (c) => c.notNull().check(sql`source in (${list(CONSENT_SOURCES)})`))
      .addColumn('words', 'text')
      .addColumn('language', 'text', (c) => c.check(sql`language in ('en', 'es')`))
      .addColumn('words_version', 'text')
      .addColumn('client_address', 'text')
      .addColumn('verification_id', 'text')
      .addColumn('message_id', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('message_consents_address').on('message_consents').columns(['practice_id', 'channel', 'address', 'seq']).execute();
    await db.schema.createIndex('message_consents_account').on('message_consents').column('account_id').execute();
    // A record of consent is evidence: it is added to, never changed.
    await sql`create function message_consents_append_only() returns trigger language plpgsql as $$ begin raise exception 'message_consents is append-only'; end $$`.execute(db);
    await sql`create trigger message_consents_append_only before update or delete on message_consents for each row execute function message_consents_append_only()`.execute(db);

    await db.schema
      .createTable('message_verifications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('practice_id', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in (${list(MESSAGE_CHANNELS)})`))
      .addColumn('address', 'text', (c) => c.notNull().check(sql`length(address) <= 254`))
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
      .addColumn('language', 'text', (c) => c.notNull().check(sql`language in ('en', 'es')`))
      .addColumn('words', 'text', (c) => c.notNull())
      .addColumn('words_version', 'text', (c) => c.notNull())
      .addColumn('client_address', 'text', (c) => c.notNull())
      .addColumn('client_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('used_at', 'timestamptz')
      .execute();
    await db.schema.createIndex('message_verifications_account').on('message_verifications').columns(['account_id', 'created_at']).execute();
    await db.schema.createIndex('message_verifications_client').on('message_verifications').columns(['client_hash', 'created_at']).execute();
  },
};

/** Kysely's view of the new tables (see schema.ts). */
export interface PreferencesTables {
  message_preferences: MessagePreferencesTable;
  message_consents: MessageConsentsTable;
  message_verifications: MessageVerificationsTable;
}
