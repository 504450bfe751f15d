import { sql, type ColumnType, type Generated, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { WEBHOOK_EVENT_TYPES } from '@billpay/sdk/admin-integration';

/**
 * Every kind of event a practice can read in its feed and subscribe a webhook endpoint to: the
 * SDK's list, so the console and the server never disagree.
 */
export const EVENT_TYPES = WEBHOOK_EVENT_TYPES;
export type EventType = (typeof EVENT_TYPES)[number];

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/**
 * The outbox: one row per money movement or plan change, written in the transaction that made
 * the change. `id` is the order of writing, which is not the order of committing; `seq`, the
 * cursor the feed and the webhooks go by, is given by one publisher at a time to rows already
 * committed, so a reader never skips an event that commits late.
 */
export interface EventsTable {
  id: Generated<string>;
  /** `evt_` and 32 hex digits: the event's id in the feed and the `webhook-id` of its deliveries. */
  public_id: string;
  seq: string | null;
  practice_id: string;
  type: EventType;
  /** JSON: the practice's own ids where known (account number, payment, plan), amounts in cents. */
  data: ColumnType<Record<string, unknown>, string, string>;
  created_at: Timestamp;
}

export type WebhookEndpointStatus = 'enabled' | 'disabled';

export interface WebhookEndpointsTable {
  id: string;
  practice_id: string;
  url: string;
  description: string | null;
  event_types: EventType[];
  /** The signing secret, sealed with the server's secret (see `webhooks/secret.ts`). */
  secret_sealed: string;
  status: WebhookEndpointStatus;
  disabled_reason: string | null;
  /** When the failures in a row began; null while the last attempt was acknowledged. */
  failing_since: Date | null;
  failures_in_row: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One event for one endpoint, tried until acknowledged or three days have passed. */
export interface WebhookDeliveriesTable {
  id: string;
  event_id: string;
  endpoint_id: string;
  practice_id: string;
  status: WebhookDeliveryStatus;
  attempts: ColumnType<number, number | undefined, number>;
  /** Due from then; while one instance is sending, pushed past its lease so no other takes it. */
  next_attempt_at: Timestamp;
  last_attempt_at: Date | null;
  /** The receiver's HTTP status on the last attempt, if it answered. */
  response_status: number | null;
  /** Why the last attempt failed: `timeout`, `network`, `http_500`, ... */
  last_error: string | null;
  /** The delivery this one replays. */
  replay_of: string | null;
  created_at: Timestamp;
  delivered_at: Date | null;
}

/** Events (the outbox and its feed) and webhooks (endpoints and deliveries), issue 13. */
export const eventsWebhooksMigration: Migration = {
  async up(db: Kysely<unknown>) {
    const types = sql.join(EVENT_TYPES.map((t) => sql.lit(t)));
    await db.schema
      .createTable('events')
      .addColumn('id', 'bigserial', (c) => c.primaryKey())
      .addColumn('public_id', 'text', (c) => c.notNull().unique())
      .addColumn('seq', 'bigint', (c) => c.unique())
      .addColumn('practice_id', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull().check(sql`type in (${types})`))
      .addColumn('data', 'jsonb', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('events_practice_seq').on('events').columns(['practice_id', 'seq']).execute();
    await sql`create index events_unpublished on events (id) where seq is null`.execute(db);

    await db.schema
      .createTable('webhook_endpoints')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('practice_id', 'text', (c) => c.notNull())
      .addColumn('url', 'text', (c) => c.notNull().check(sql`length(url) <= 2048`))
      .addColumn('description', 'text', (c) => c.check(sql`length(description) <= 200`))
      .addColumn('event_types', sql`text[]`, (c) => c.notNull().check(sql`cardinality(event_types) > 0 and event_types <@ array[${types}]::text[]`))
      .addColumn('secret_sealed', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('enabled', 'disabled')`))
      .addColumn('disabled_reason', 'text')
      .addColumn('failing_since', 'timestamptz')
      .addColumn('failures_in_row', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('webhook_endpoints_practice').on('webhook_endpoints').column('practice_id').execute();

    await db.schema
      .createTable('webhook_deliveries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('event_id', 'bigint', (c) => c.notNull().references('events.id'))
      .addColumn('endpoint_id', 'text', (c) => c.notNull().references('webhook_endpoints.id').onDelete('cascade'))
      .addColumn('practice_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'delivered', 'failed')`))
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
      .addColumn('last_attempt_at', 'timestamptz')
      .addColumn('response_status', 'integer')
      .addColumn('last_error', 'text')
      .addColumn('replay_of', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('delivered_at', 'timestamptz')
      .execute();
    await sql`create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status = 'pending'`.execute(db);
    await db.schema.createIndex('webhook_deliveries_endpoint').on('webhook_deliveries').columns(['endpoint_id', 'created_at']).execute();
  },
};

/** Kysely's view of the new tables (see schema.ts). */
export interface EventsWebhooksTables {
  events: EventsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
}
