import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** The audit actions up to this migration (the check constraint is replaced whole; later ones extend the list). */
export const SAFETY_AUDIT_ACTIONS = [
  'lookup_succeeded',
  'lookup_failed',
  'lookup_locked',
  'lookup_stepped_up',
  'account_viewed',
  'statement_viewed',
  'session_revoked',
  'estimate_issued',
  'estimate_viewed',
  'estimate_lookup_failed',
  'estimate_lookup_locked',
  'payment_refused',
  'late_charge_refunded',
] as const;

/**
 * Money and data safety (issue 10):
 * - a payment keeps the session and (hashed) address it was made from, so declines can be
 *   counted per session, per account and per address against card testing, and the decline
 *   reason it was told, so every retry of its key is told the same;
 * - a charge the processor made for a payment already closed is refunded: the payment is then
 *   `refunded`, with the refund's id once the processor confirmed it;
 * - the audit trail records refused payments, refunded late charges, step-up lookups and
 *   estimate lookups.
 */
export const safetyMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('payments')
      .addColumn('session_id', 'text')
      .addColumn('client_hash', 'text')
      .addColumn('refund_id', 'text')
      // The decline reason the payer was told: past a session's first declines, only "declined".
      .addColumn('decline_shown', 'text')
      .execute();
    await sql`alter table payments drop constraint payments_status_check`.execute(db);
    await sql`alter table payments add constraint payments_status_check check (status in ('pending', 'succeeded', 'declined', 'processing', 'settled', 'returned', 'refunded'))`.execute(db);
    await db.schema.createIndex('payments_account_status_created').on('payments').columns(['account_id', 'status', 'created_at']).execute();
    await db.schema.createIndex('payments_client_created').on('payments').columns(['client_hash', 'created_at']).execute();
    await db.schema.createIndex('payments_session_created').on('payments').columns(['session_id', 'created_at']).execute();

    await sql`alter table audit_events drop constraint audit_events_action_check`.execute(db);
    await sql`alter table audit_events add constraint audit_events_action_check check (action in (${sql.join(SAFETY_AUDIT_ACTIONS.map((a) => sql.lit(a)))}))`.execute(db);
  },
};

export type SafetyAuditAction = (typeof SAFETY_AUDIT_ACTIONS)[number];
