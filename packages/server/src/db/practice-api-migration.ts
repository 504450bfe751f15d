import { sql, type ColumnType, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { SAFETY_AUDIT_ACTIONS } from './safety-migration.js';

/** What a practice's API key may do; every `/admin/v1` route needs one of them. */
export const API_KEY_SCOPES = ['import', 'read', 'refunds', 'webhooks'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** Every audit action (the check constraint is replaced whole). */
export const PRACTICE_API_AUDIT_ACTIONS = [...SAFETY_AUDIT_ACTIONS, 'api_call', 'api_call_refused', 'refund_recorded'] as const;
export type PracticeApiAuditAction = (typeof PRACTICE_API_AUDIT_ACTIONS)[number];

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** A practice's server-to-server key. Only the SHA-256 of its secret is kept. */
export interface ApiKeysTable {
  /** `key_` and 16 letters and digits: the part of the key that names it, shown in lists and the audit trail. */
  id: string;
  practice_id: string;
  name: string | null;
  scopes: ApiKeyScope[];
  secret_hash: string;
  /** The key's first characters, enough to tell keys apart in a list, never enough to use one. */
  prefix: string;
  created_at: Timestamp;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export type RefundStatus = 'pending' | 'succeeded' | 'failed';
export type RefundReason = 'requested_by_patient' | 'duplicate' | 'billing_error' | 'goodwill' | 'other';
export const REFUND_REASONS = ['requested_by_patient', 'duplicate', 'billing_error', 'goodwill', 'other'] as const satisfies readonly RefundReason[];

/**
 * A refund a practice asked for, written `pending` before the processor is asked (under the
 * refund's id as the processor's idempotency key), so a crash in between leaves a trace that a
 * retry or recovery completes.
 */
export interface RefundsTable {
  id: string;
  practice_id: string;
  payment_id: string;
  account_id: string;
  idempotency_key: string;
  request_hash: string;
  amount_cents: number;
  reason: RefundReason;
  status: RefundStatus;
  /** The processor's refund, once it confirmed it. */
  processor_refund_id: string | null;
  /** The processor's code when it refused the refund. */
  failure_code: string | null;
  /** The key that asked for it. */
  api_key_id: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/**
 * The practice API (issue 13): API keys, refunds and their ledger entries, and an audit trail
 * that names the key of every call. A refused call may name no practice (no key, an unknown one),
 * so the trail's practice becomes optional.
 */
export const practiceApiMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('api_keys')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('practice_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.check(sql`length(name) between 1 and 100`))
      .addColumn('scopes', sql`text[]`, (c) =>
        c.notNull().check(sql`cardinality(scopes) > 0 and scopes <@ array[${sql.join(API_KEY_SCOPES.map((s) => sql.lit(s)))}]::text[]`),
      )
      .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
      .addColumn('prefix', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('last_used_at', 'timestamptz')
      .addColumn('revoked_at', 'timestamptz')
      .execute();
    await db.schema.createIndex('api_keys_practice').on('api_keys').column('practice_id').execute();

    await db.schema
      .createTable('refunds')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('practice_id', 'text', (c) => c.notNull())
      .addColumn('payment_id', 'text', (c) => c.notNull().references('payments.id'))
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('idempotency_key', 'text', (c) => c.notNull())
      .addColumn('request_hash', 'text', (c) => c.notNull())
      .addColumn('amount_cents', 'integer', (c) => c.notNull().check(sql`amount_cents > 0`))
      .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in (${sql.join(REFUND_REASONS.map((r) => sql.lit(r)))})`))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'succeeded', 'failed')`))
      .addColumn('processor_refund_id', 'text')
      .addColumn('failure_code', 'text')
      .addColumn('api_key_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addUniqueConstraint('refunds_practice_idempotency_key', ['practice_id', 'idempotency_key'])
      .execute();
    await db.schema.createIndex('refunds_payment').on('refunds').column('payment_id').execute();
    await db.schema.createIndex('refunds_status').on('refunds').column('status').execute();

    // A payment may be refunded in parts: each refund's entry is unique by the refund, and the
    // one-entry-per-payment-kind-reason rule stays for the entries no refund made.
    await db.schema.alterTable('ledger_entries').addColumn('refund_id', 'text', (c) => c.references('refunds.id')).execute();
    await sql`drop index ledger_entries_payment_kind`.execute(db);
    await sql`create unique index ledger_entries_payment_kind on ledger_entries (payment_id, kind, reason) where payment_id is not null and refund_id is null`.execute(db);
    await sql`create unique index ledger_entries_refund on ledger_entries (refund_id) where refund_id is not null`.execute(db);

    await db.schema.alterTable('audit_events').addColumn('api_key_id', 'text').addColumn('detail', 'text').execute();
    await sql`alter table audit_events alter column practice_id drop not null`.execute(db);
    await sql`alter table audit_events drop constraint audit_events_action_check`.execute(db);
    await sql`alter table audit_events add constraint audit_events_action_check check (action in (${sql.join(PRACTICE_API_AUDIT_ACTIONS.map((a) => sql.lit(a)))}))`.execute(db);
    await db.schema.createIndex('audit_events_api_key_at').on('audit_events').columns(['api_key_id', 'at']).execute();
  },
};

/** Kysely's view of the new tables (see schema.ts). */
export interface PracticeApiTables {
  api_keys: ApiKeysTable;
  refunds: RefundsTable;
}
