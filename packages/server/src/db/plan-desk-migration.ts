import { sql, type ColumnType, type Generated, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { EVENT_TYPES } from './events-migration.js';

/** What the billing office changes in a plan. */
export const PLAN_CHANGE_KINDS = ['cancel', 'skip', 'move', 'amount'] as const;
export type PlanChangeKind = (typeof PLAN_CHANGE_KINDS)[number];

/** Why the billing office changes a plan. */
export const PLAN_CHANGE_REASONS = ['requested_by_patient', 'hardship', 'billing_error', 'other'] as const;
export type PlanChangeReason = (typeof PLAN_CHANGE_REASONS)[number];

/**
 * The billing office's plan desk and money desk (issue 14):
 * - `plan_changes`: each change staff (or a practice's key) make to a plan, one row per
 *   Idempotency-Key, never updated: what changed (before and after), why, by whom, and for a change
 *   of an automatic payment's amount, that the patient must be told (Regulation E) and from which
 *   installment it takes effect;
 * - `plan.changed` events;
 * - the money desk's reads of a practice's day: payments and refunds by when they were made,
 *   returned payments by when they came back.
 */
export const planDeskMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('plan_changes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      // The order changes were made in (several may share a moment).
      .addColumn('seq', 'bigint', (c) => c.notNull().generatedAlwaysAsIdentity())
      .addColumn('practice_id', 'text', (c) => c.notNull())
      .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('idempotency_key', 'text', (c) => c.notNull())
      .addColumn('request_hash', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in (${sql.join(PLAN_CHANGE_KINDS.map((k) => sql.lit(k)))})`))
      .addColumn('installment_number', 'integer')
      .addColumn('detail', 'jsonb', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in (${sql.join(PLAN_CHANGE_REASONS.map((r) => sql.lit(r)))})`))
      .addColumn('note', 'text', (c) => c.check(sql`length(note) <= 500`))
      .addColumn('notice_required', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('effective_from', 'date')
      .addColumn('api_key_id', 'text')
      .addColumn('staff_id', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addUniqueConstraint('plan_changes_practice_idempotency_key', ['practice_id', 'idempotency_key'])
      .addCheckConstraint('plan_changes_requested_by', sql`api_key_id is not null or staff_id is not null`)
      .execute();
    await db.schema.createIndex('plan_changes_plan').on('plan_changes').columns(['plan_id', 'seq']).execute();

    await db.schema.createIndex('payments_practice_created').on('payments').columns(['practice_id', 'created_at']).execute();
    await db.schema.createIndex('refunds_practice_created').on('refunds').columns(['practice_id', 'created_at']).execute();
    await sql`create index payments_practice_returned on payments (practice_id, updated_at) where status = 'returned'`.execute(db);

    const types = sql.join(EVENT_TYPES.map((t) => sql.lit(t)));
    await sql`alter table events drop constraint events_type_check`.execute(db);
    await sql`alter table events add constraint events_type_check check (type in (${types}))`.execute(db);
    await sql`alter table webhook_endpoints drop constraint webhook_endpoints_event_types_check`.execute(db);
    await sql`alter table webhook_endpoints add constraint webhook_endpoints_event_types_check check (cardinality(event_types) > 0 and event_types <@ array[${types}]::text[])`.execute(db);
  },
};

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** One change of a plan by the billing office (see the migration). Never updated. */
export interface PlanChangesTable {
  id: string;
  seq: Generated<string>;
  practice_id: string;
  plan_id: string;
  account_id: string;
  idempotency_key: string;
  request_hash: string;
  kind: PlanChangeKind;
  installment_number: number | null;
  /** JSON: what changed, before and after (dates, amounts in cents). */
  detail: ColumnType<Record<string, unknown>, string, string>;
  reason: PlanChangeReason;
  note: string | null;
  notice_required: ColumnType<boolean, boolean | undefined, boolean>;
  effective_from: string | null;
  api_key_id: string | null;
  staff_id: string | null;
  created_at: Timestamp;
}

/** Kysely's view of the new table (see schema.ts). */
export interface PlanDeskTables {
  plan_changes: PlanChangesTable;
}
