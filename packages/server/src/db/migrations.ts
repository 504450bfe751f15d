import { sql, type Kysely } from 'kysely';
import type { Migration, MigrationProvider } from 'kysely/migration';
import { plansMigration } from './plans-migration.js';
import { estimatesMigration } from './estimates-migration.js';
import { safetyMigration } from './safety-migration.js';
import { practiceApiMigration } from './practice-api-migration.js';
import { eventsWebhooksMigration } from './events-migration.js';
import { importsMigration } from './imports-migration.js';
import { staffMigration } from './staff-migration.js';
import { accountDeskMigration } from './account-desk-migration.js';
import { ssoMigration } from './sso-migration.js';
import { practiceSettingsMigration } from './practice-settings-migration.js';
import { planDeskMigration } from './plan-desk-migration.js';
import { integrationMigration } from './integration-migration.js';
import { messagesMigration } from './messages-migration.js';
import { phonePaymentsMigration } from './phone-payments-migration.js';
import { planMethodMigration } from './plan-method-migration.js';
import { textsMigration } from './texts-migration.js';
import { planMessagesMigration } from './plan-messages-migration.js';
import { planNoticeMigration } from './plan-notice-migration.js';
import { preferencesMigration } from './preferences-migration.js';
import { textStatusMigration } from './text-status-migration.js';
import { estimateCopyMigration } from './estimate-copy-migration.js';
import { consentStaffMigration } from './consent-staff-migration.js';

/**
 * One set of migrations for PGlite and PostgreSQL alike. They are plain code, listed in order,
 * so the built server needs no migration files on disk.
 */
const migrations: Record<string, Migration> = {
  '0001_accounts_statements_ledger': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('accounts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('practice_id', 'text', (c) => c.notNull())
        .addColumn('account_number', 'text', (c) => c.notNull())
        .addColumn('bill_id', 'text', (c) => c.notNull())
        .addColumn('first_name', 'text', (c) => c.notNull())
        .addColumn('last_name', 'text', (c) => c.notNull())
        .addColumn('last_name_key', 'text', (c) => c.notNull())
        .addColumn('date_of_birth', 'date', (c) => c.notNull())
        .addColumn('coverage', 'text', (c) => c.notNull().check(sql`coverage in ('insured', 'self_pay')`))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addUniqueConstraint('accounts_practice_bill_id', ['practice_id', 'bill_id'])
        .addUniqueConstraint('accounts_practice_account_number', ['practice_id', 'account_number'])
        .execute();

      await db.schema
        .createTable('statements')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
        .addColumn('statement_date', 'date', (c) => c.notNull())
        .addColumn('period_start', 'date', (c) => c.notNull())
        .addColumn('period_end', 'date', (c) => c.notNull())
        .addColumn('due_date', 'date', (c) => c.notNull())
        .addColumn('letter_mailed_on', 'date')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema.createIndex('statements_account').on('statements').column('account_id').execute();

      await db.schema
        .createTable('line_items')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('statement_id', 'text', (c) => c.notNull().references('statements.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('service_date', 'date', (c) => c.notNull())
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('charge_cents', 'integer', (c) => c.notNull())
        .addColumn('insurance_paid_cents', 'integer', (c) => c.notNull())
        .addColumn('adjustment_cents', 'integer', (c) => c.notNull())
        .addColumn('patient_cents', 'integer', (c) => c.notNull())
        .addCheckConstraint(
          'line_items_adds_up',
          sql`charge_cents - insurance_paid_cents - adjustment_cents = patient_cents`,
        )
        .execute();
      await db.schema.createIndex('line_items_statement').on('line_items').column('statement_id').execute();

      await db.schema
        .createTable('insurer_notes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('statement_id', 'text', (c) => c.notNull().references('statements.id'))
        .addColumn('line_item_id', 'text', (c) => c.references('line_items.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('amount_cents', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('ledger_entries')
        .addColumn('id', 'text', (c) => c.primaryKey().defaultTo(sql`'le_' || md5(random()::text || clock_timestamp()::text)`))
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
        .addColumn('statement_id', 'text', (c) => c.references('statements.id'))
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('charge', 'fee', 'payment', 'reversal', 'adjustment')`))
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('amount_cents', 'integer', (c) => c.notNull())
        .addColumn('posted_on', 'date', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema.createIndex('ledger_entries_account').on('ledger_entries').column('account_id').execute();
    },
  },
  '0002_lookups_sessions_audit': {
    async up(db: Kysely<unknown>) {
      // Account-number lookups ignore case and spaces; this keeps that match an index lookup.
      await sql`create index accounts_account_number_key on accounts (practice_id, upper(replace(account_number, ' ', '')))`.execute(db);

      await db.schema
        .createTable('lookup_guards')
        .addColumn('key_hash', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('subject', 'client')`))
        .addColumn('locked_until', 'timestamptz')
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();

      // No foreign key to lookup_guards: its check would take row locks of its own beside the
      // guard's `for update`, and guards are never deleted.
      await db.schema
        .createTable('lookup_failures')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('key_hash', 'text', (c) => c.notNull())
        .addColumn('failed_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('lookup_failures_key_at').on('lookup_failures').columns(['key_hash', 'failed_at']).execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
        .addColumn('practice_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
        .addColumn('revoked_at', 'timestamptz')
        .execute();
      await db.schema.createIndex('sessions_account').on('sessions').column('account_id').execute();

      // Append-only; no foreign keys, so the trail outlives what it describes.
      await db.schema
        .createTable('audit_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', 'timestamptz', (c) => c.notNull())
        .addColumn('practice_id', 'text', (c) => c.notNull())
        .addColumn('account_id', 'text')
        .addColumn('action', 'text', (c) =>
          c
            .notNull()
            .check(
              sql`action in ('lookup_succeeded', 'lookup_failed', 'lookup_locked', 'account_viewed', 'statement_viewed', 'session_revoked')`,
            ),
        )
        .addColumn('subject_hash', 'text')
        .addColumn('client_hash', 'text')
        .addColumn('request_id', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_events_practice_at').on('audit_events').columns(['practice_id', 'at']).execute();
    },
  },
  '0003_payments': {
    async up(db: Kysely<unknown>) {
      // One row per payment attempt, keyed by the client's Idempotency-Key within the practice.
      // A row is written (pending) before the processor is called, so a crash in between leaves a
      // trace that recovery settles against the processor by the same key.
      await db.schema
        .createTable('payments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('practice_id', 'text', (c) => c.notNull())
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
        .addColumn('idempotency_key', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('confirmation_number', 'text', (c) => c.notNull().unique())
        .addColumn('status', 'text', (c) =>
          c.notNull().check(sql`status in ('pending', 'succeeded', 'declined', 'processing', 'settled', 'returned')`),
        )
        .addColumn('amount_cents', 'integer', (c) => c.notNull().check(sql`amount_cents > 0`))
        .addColumn('statement_id', 'text', (c) => c.references('statements.id'))
        .addColumn('token', 'text', (c) => c.notNull())
        .addColumn('charge_id', 'text')
        .addColumn('method_kind', 'text')
        .addColumn('brand', 'text')
        .addColumn('last4', 'text')
        .addColumn('wallet', 'text')
        .addColumn('decline_code', 'text')
        .addColumn('return_code', 'text')
        .addColumn('remaining_balance_cents', 'integer')
        .addColumn('authorization_text', 'text')
        .addColumn('authorization_accepted_at', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .addUniqueConstraint('payments_practice_idempotency_key', ['practice_id', 'idempotency_key'])
        .execute();
      await db.schema.createIndex('payments_account').on('payments').column('account_id').execute();
      await db.schema.createIndex('payments_status').on('payments').column('status').execute();
      // The ledger entry a payment made, so it is written once and can be reversed once.
      await db.schema.alterTable('ledger_entries').addColumn('payment_id', 'text').execute();
      await sql`create unique index ledger_entries_payment_kind on ledger_entries (payment_id, kind, reason) where payment_id is not null`.execute(db);
    },
  },
  '0004_payment_authorization_proof': {
    async up(db: Kysely<unknown>) {
      // Nacha asks for proof of a web debit's authorization: the text shown and when it was
      // accepted (0003) and who assented: the address and browser the request came from. And the
      // receipt names a bank account as the processor describes it: its type and its bank.
      await db.schema
        .alterTable('payments')
        .addColumn('authorization_ip_address', 'text')
        .addColumn('authorization_user_agent', 'text')
        .addColumn('account_type', 'text', (c) => c.check(sql`account_type in ('checking', 'savings')`))
        .addColumn('bank_name', 'text')
        .execute();
    },
  },
  // Good-faith estimates, kept as issued (its own module: it touches no other table).
  '0005_good_faith_estimates': estimatesMigration,
  // Payment plans, installments, charge attempts and authorizations (its own module; refers only to accounts).
  '0006_payment_plans': plansMigration,
  '0007_plan_catch_up': {
    async up(db: Kysely<unknown>) {
      // When the plan's current run of failed or missed payments began: payments the patient
      // makes from then on bring an automatic plan up to date (0006 counted only the plan's own charges).
      await db.schema.alterTable('plans').addColumn('behind_since', 'timestamptz').execute();
      // Plans already behind: since they fell behind, or at the latest since their last change.
      await sql`
        update plans set behind_since = coalesce(delinquent_since::timestamptz, updated_at)
        where status in ('active', 'delinquent')
          and (failures_in_row > 0 or exists (select 1 from plan_installments i where i.plan_id = plans.id and i.status = 'failed'))`.execute(db);
    },
  },
  '0008_estimate_audit': {
    async up(db: Kysely<unknown>) {
      // Issuing and viewing a good-faith estimate (a patient's name and date of birth) is audited
      // too; the issued events also bound how many estimates one address may request an hour.
      await sql`alter table audit_events drop constraint audit_events_action_check`.execute(db);
      await sql`alter table audit_events add constraint audit_events_action_check check (action in ('lookup_succeeded', 'lookup_failed', 'lookup_locked', 'account_viewed', 'statement_viewed', 'session_revoked', 'estimate_issued', 'estimate_viewed'))`.execute(db);
      await db.schema.createIndex('audit_events_client_action_at').on('audit_events').columns(['client_hash', 'action', 'at']).execute();
    },
  },
  // Card-testing counts, refunded late charges, and the audit actions of issue 10.
  '0009_money_and_data_safety': safetyMigration,
  // Practice API keys, refunds and their ledger entries, and the key of each call in the audit trail.
  '0010_practice_api': practiceApiMigration,
  // The outbox of events, webhook endpoints and their deliveries.
  '0011_events_webhooks': eventsWebhooksMigration,
  // Imported bills: the practice's ids, guarantors' contact details, Bill IDs, statement versions.
  '0012_imports': importsMigration,
  // The posting file reads a day's ledger entries.
  '0013_postings': {
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex('ledger_entries_posted_on').on('ledger_entries').column('posted_on').execute();
    },
  },
  // A statement's later versions are found from it (the practice's own ids of corrected statements).
  '0014_statement_versions': {
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex('statements_replaces').on('statements').column('replaces').execute();
    },
  },
  // Old events are removed with their deliveries (events/retention.ts).
  '0015_event_retention': {
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex('webhook_deliveries_event').on('webhook_deliveries').column('event_id').execute();
    },
  },
  // Staff accounts, enrolment links, passkeys, sessions and failed sign-ins; the staff in the audit trail.
  '0016_staff': staffMigration,
  // The billing office's account desk: search indexes, fees added and waived, fee.waived events.
  '0017_account_search': accountDeskMigration,
  // Staff single sign-on: each practice's OpenID Connect provider, each member's subject there.
  '0018_staff_sso': ssoMigration,
  // The billing office's plan changes and plan.changed events; the money desk's reads of a day.
  '0019_plan_desk': planDeskMigration,
  // Payments the billing office takes by phone: who took them, and a bank debit's telephone authorization.
  '0021_phone_payments': phonePaymentsMigration,
  // The integration desk: each import kept with each statement's outcome and issues.
  '0022_import_runs': integrationMigration,
  // The practice's settings an admin changes in the console, laid over its file, and every save.
  '0023_practice_settings': practiceSettingsMigration,
  // Messages to patients: the outbox, text-to-pay links and unsubscribed addresses (issue 16).
  '0024_messages': messagesMigration,
  // A patient changes an automatic plan's payment method from a link staff send: authorizations kept, links to a plan.
  '0025_plan_method': planMethodMigration,
  // Text messages: the place a text holds under the limits on what billpay sends on its own, and its first attempt.
  '0026_texts': textsMigration,
  // Regulation E's notice of an automatic plan's new payment amounts, emailed with the change.
  '0027_plan_amount_notice': planNoticeMigration,
  // The patient's message preferences: paperless, channels turned on by a code, consent recorded append-only.
  '0028_message_preferences': preferencesMigration,
  // Plan and payment messages: a plan's confirmation with its authorization's copy, reminders, a failed payment, a plan behind, a returned payment, a refund.
  '0029_plan_messages': planMessagesMigration,
  // When Twilio reports a text arrived (its failures are recorded as bounced or failed).
  '0031_text_status': textStatusMigration,
  // Who recorded a revocation the billing office made at the patient's request.
  '0032_consent_staff': consentStaffMigration,
  // A good-faith estimate's copy, emailed to the address the patient gave: the one message that may have no account.
  '0033_estimate_copy': estimateCopyMigration,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
