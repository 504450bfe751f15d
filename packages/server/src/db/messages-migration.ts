import { sql, type ColumnType, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { TextStatusColumns } from './text-status-migration.js';
import type { TextPacingColumns } from './texts-migration.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/**
 * What billpay sends a patient (issue 16); more kinds come with plans, refunds and returns.
 * `plan_method_link` (0025): the link staff send for the patient to change a plan's payment method.
 * `plan_amount_notice` (0027): Regulation E's notice that an automatic plan's payments change amount.
 * From 0029 (`plan-messages-migration.ts`): `plan_confirmation`, a new plan's schedule and its
 * authorization's copy; `installment_reminder`, before a plan's payment; `installment_failed`, a
 * payment that did not go through; `plan_delinquent`, a plan that fell behind; `payment_returned`,
 * a bank payment returned, with the fee; `refund_issued`.
 * `verification_code` (0028): the code a patient types back to turn email or texts on.
 * `estimate_copy` (0033, `estimate-copy-migration.ts`): a good-faith estimate's copy, to the
 * address the patient gave for it; the one kind that may have no account.
 */
export const MESSAGE_KINDS = ['statement_ready', 'payment_receipt', 'plan_method_link', 'plan_amount_notice', 'plan_confirmation', 'installment_reminder', 'installment_failed', 'plan_delinquent', 'payment_returned', 'refund_issued', 'verification_code', 'estimate_copy'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const MESSAGE_CHANNELS = ['email', 'sms'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

/**
 * `pending`: due at `next_attempt_at` (pushed past a lease while one instance sends it); `sent`:
 * the provider took it; `held`: no channel is configured, so it is kept for the embedded outbox
 * (`billpay outbox`); `failed`: tried for its whole window, or refused for good; `bounced`: the
 * provider refused the address; `suppressed`: the address unsubscribed before it went.
 */
export const MESSAGE_STATUSES = ['pending', 'sent', 'held', 'failed', 'bounced', 'suppressed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** The outbox of patient messages: one row written in the transaction of the change it tells of. */
export interface MessagesTable extends TextPacingColumns, TextStatusColumns {
  id: string;
  practice_id: string;
  /** The account told; null only for an estimate's copy made without one (0033). */
  account_id: string | null;
  kind: MessageKind;
  channel: MessageChannel;
  /** The address as the practice gave it (an email address, a mobile number). */
  recipient: string;
  language: 'en' | 'es';
  /** JSON: what the message is about (`statementId`, `paymentId`); never a token. */
  data: ColumnType<Record<string, unknown>, string, string>;
  /** One message per thing told: `statement_ready:<statement id>`, `payment_receipt:<payment id>`. */
  dedupe_key: string;
  status: MessageStatus;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp;
  last_attempt_at: Date | null;
  /** Why the last attempt failed: `smtp_550`, `network`, `timeout`, ... */
  last_error: string | null;
  /** The provider's id of what it took (an email's Message-ID). */
  provider_id: string | null;
  /** A held message as rendered (subject, text, HTML with its link), sealed under the server secret. */
  body_sealed: string | null;
  created_at: Timestamp;
  sent_at: Date | null;
}

/**
 * A text-to-pay link's token, kept as its SHA-256 only: 128 random bits, for one account and one
 * statement (or, from 0025, one plan whose payment method the patient is asked to change), until
 * it expires. The patient still gives their date of birth with it.
 */
export interface PayLinksTable {
  token_hash: string;
  practice_id: string;
  account_id: string;
  statement_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The plan a "change your payment method" link is for (0025); the lookup then says so. */
  plan_id: ColumnType<string | null, string | null | undefined, string | null>;
  message_id: string;
  expires_at: Timestamp;
  created_at: Timestamp;
}

/** An address that asked for no more notices (RFC 8058 one-click, or the link in the message); receipts still go. */
export interface MessageSuppressionsTable {
  practice_id: string;
  channel: MessageChannel;
  /** Lower-cased email address, or the mobile number as given. */
  address: string;
  reason: 'unsubscribed';
  /** The message whose link was used. */
  message_id: string | null;
  created_at: Timestamp;
}

const list = (values: readonly string[]) => sql.join(values.map((v) => sql.lit(v)));

export const messagesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('messages')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('practice_id', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in (${list(MESSAGE_KINDS)})`))
      .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in (${list(MESSAGE_CHANNELS)})`))
      .addColumn('recipient', 'text', (c) => c.notNull().check(sql`length(recipient) <= 254`))
      .addColumn('language', 'text', (c) => c.notNull().check(sql`language in ('en', 'es')`))
      .addColumn('data', 'jsonb', (c) => c.notNull())
      .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in (${list(MESSAGE_STATUSES)})`))
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
      .addColumn('last_attempt_at', 'timestamptz')
      .addColumn('last_error', 'text')
      .addColumn('provider_id', 'text')
      .addColumn('body_sealed', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('sent_at', 'timestamptz')
      .execute();
    await sql`create index messages_due on messages (next_attempt_at) where status = 'pending'`.execute(db);
    await db.schema.createIndex('messages_practice_status').on('messages').columns(['practice_id', 'status', 'created_at']).execute();
    await db.schema.createIndex('messages_account').on('messages').column('account_id').execute();

    await db.schema
      .createTable('pay_links')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('practice_id', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('statement_id', 'text', (c) => c.notNull().references('statements.id'))
      .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id'))
      .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('pay_links_expires').on('pay_links').column('expires_at').execute();

    await db.schema
      .createTable('message_suppressions')
      .addColumn('practice_id', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in (${list(MESSAGE_CHANNELS)})`))
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('unsubscribed')`))
      .addColumn('message_id', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('message_suppressions_pkey', ['practice_id', 'channel', 'address'])
      .execute();
  },
};

/** Kysely's view of the new tables (see schema.ts). */
export interface MessagesTables {
  messages: MessagesTable;
  pay_links: PayLinksTable;
  message_suppressions: MessageSuppressionsTable;
}
