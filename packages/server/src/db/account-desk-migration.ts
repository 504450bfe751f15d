import { sql, type ColumnType, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { EVENT_TYPES } from './events-migration.js';
import { STAFF_AUDIT_ACTIONS } from './staff-migration.js';

/** Every audit action (the check constraint is replaced whole): fees added and waived by the practice. */
export const ACCOUNT_DESK_AUDIT_ACTIONS = [...STAFF_AUDIT_ACTIONS, 'fee_added', 'fee_waived'] as const;
export type AccountDeskAuditAction = (typeof ACCOUNT_DESK_AUDIT_ACTIONS)[number];

/** Why the practice waives a fee. */
export const FEE_WAIVER_REASONS = ['requested_by_patient', 'billing_error', 'goodwill', 'hardship', 'other'] as const;
export type FeeWaiverReason = (typeof FEE_WAIVER_REASONS)[number];

/**
 * Accented Latin letters (U+00C0 to U+017F, both cases) and the plain letter each folds to, for
 * `billpay_fold`: the same letters `lastNameKey` folds (NFD, marks removed), as one `translate`.
 * PostgreSQL's own `lower()` may not know them (the C locale), and `unaccent` is an extension
 * PGlite does not have, so the table is spelled out here.
 */
function foldTable(): { from: string; to: string } {
  let from = '';
  let to = '';
  for (let code = 0xc0; code <= 0x17f; code++) {
    const letter = String.fromCodePoint(code);
    const plain = letter.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    if (plain !== letter.toLowerCase() && /^[a-z]$/.test(plain)) {
      from += letter;
      to += plain;
    }
  }
  return { from, to };
}

/**
 * The billing office's account desk (issue 14):
 * - `billpay_fold(text)`, the name folding search compares with (case and accents ignored), the
 *   folded names kept in each account's row, and indexes that keep each kind of search term an
 *   index lookup within the practice: names by prefix, date of birth, email, mobile phone
 *   (account numbers and Bill IDs have theirs);
 * - fees the practice adds or waives: each a ledger entry, a waiver naming the fee it waives (once),
 *   and a request row per Idempotency-Key recording who asked and why;
 * - `fee.waived` events, the new audit actions, and the audit trail read per account.
 */
export const accountDeskMigration: Migration = {
  async up(db: Kysely<unknown>) {
    const { from, to } = foldTable();
    await sql`create function billpay_fold(text) returns text language sql immutable strict parallel safe
      as ${sql.raw(`$$ select lower(translate($1, '${from}', '${to}')) $$`)}`.execute(db);
    // Kept folded in the row: a common name's hundreds of matches are then compared as they are,
    // not folded again one by one (that took 0.2 s for 6,000 matches on PGlite).
    // Set by a trigger rather than generated: a row copied whole into another insert (as tests
    // and tools do) is then folded again, not refused.
    await db.schema.alterTable('accounts').addColumn('last_name_fold', 'text').addColumn('first_name_fold', 'text').execute();
    await sql`update accounts set last_name_fold = billpay_fold(last_name), first_name_fold = billpay_fold(first_name)`.execute(db);
    await sql`create function accounts_fold_names() returns trigger language plpgsql as $$
      begin
        new.last_name_fold := billpay_fold(new.last_name);
        new.first_name_fold := billpay_fold(new.first_name);
        return new;
      end $$`.execute(db);
    await sql`create trigger accounts_fold_names before insert or update on accounts for each row execute function accounts_fold_names()`.execute(db);
    await sql`alter table accounts alter column last_name_fold set not null, alter column first_name_fold set not null`.execute(db);
    await sql`create index accounts_last_name_fold on accounts (practice_id, last_name_fold text_pattern_ops)`.execute(db);
    await sql`create index accounts_first_name_fold on accounts (practice_id, first_name_fold text_pattern_ops)`.execute(db);
    await db.schema.createIndex('accounts_practice_date_of_birth').on('accounts').columns(['practice_id', 'date_of_birth']).execute();
    await sql`create index accounts_practice_email on accounts (practice_id, lower(email)) where email is not null`.execute(db);
    await sql`create index accounts_practice_mobile on accounts (practice_id, mobile_phone) where mobile_phone is not null`.execute(db);
    await db.schema.createIndex('audit_events_account_at').on('audit_events').columns(['account_id', 'at']).execute();

    await db.schema.alterTable('ledger_entries').addColumn('waives_entry_id', 'text', (c) => c.references('ledger_entries.id')).execute();
    await sql`create unique index ledger_entries_waives on ledger_entries (waives_entry_id) where waives_entry_id is not null`.execute(db);

    await db.schema
      .createTable('fee_requests')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('practice_id', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('idempotency_key', 'text', (c) => c.notNull())
      .addColumn('request_hash', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('add', 'waive')`))
      .addColumn('ledger_entry_id', 'text', (c) => c.notNull().references('ledger_entries.id'))
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.check(sql`length(note) <= 500`))
      .addColumn('api_key_id', 'text')
      .addColumn('staff_id', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addUniqueConstraint('fee_requests_practice_idempotency_key', ['practice_id', 'idempotency_key'])
      .execute();
    await db.schema.createIndex('fee_requests_account').on('fee_requests').column('account_id').execute();

    const types = sql.join(EVENT_TYPES.map((t) => sql.lit(t)));
    await sql`alter table events drop constraint events_type_check`.execute(db);
    await sql`alter table events add constraint events_type_check check (type in (${types}))`.execute(db);
    await sql`alter table webhook_endpoints drop constraint webhook_endpoints_event_types_check`.execute(db);
    await sql`alter table webhook_endpoints add constraint webhook_endpoints_event_types_check check (cardinality(event_types) > 0 and event_types <@ array[${types}]::text[])`.execute(db);
    await sql`alter table audit_events drop constraint audit_events_action_check`.execute(db);
    await sql`alter table audit_events add constraint audit_events_action_check check (action in (${sql.join(ACCOUNT_DESK_AUDIT_ACTIONS.map((a) => sql.lit(a)))}))`.execute(db);
  },
};

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** A fee the practice added or waived, by Idempotency-Key: the entry it wrote, who asked, and why. */
export interface FeeRequestsTable {
  id: string;
  practice_id: string;
  account_id: string;
  idempotency_key: string;
  request_hash: string;
  kind: 'add' | 'waive';
  ledger_entry_id: string;
  reason: string;
  /** The staff member's own words, shown to staff only. */
  note: string | null;
  /** Who asked: a practice API key, or a member of staff in the console. */
  api_key_id: string | null;
  staff_id: string | null;
  created_at: Timestamp;
}

/** Kysely's view of the new table (see schema.ts). */
export interface AccountDeskTables {
  fee_requests: FeeRequestsTable;
}
