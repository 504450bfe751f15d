import { sql, type Kysely } from 'kysely';
import type { Migration, MigrationProvider } from 'kysely/migration';

/** The processor's own migrations, apart from the practice API's (its own migration table too). */
const migrations: Record<string, Migration> = {
  '0001_vault_charges_events': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('vault_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('merchant_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('card', 'bank')`))
        .addColumn('wallet', 'text', (c) => c.check(sql`wallet in ('apple_pay', 'google_pay')`))
        .addColumn('number_encrypted', 'text', (c) => c.notNull())
        .addColumn('key_version', 'integer', (c) => c.notNull())
        .addColumn('last4', 'text', (c) => c.notNull())
        .addColumn('brand', 'text')
        .addColumn('exp_month', 'integer')
        .addColumn('exp_year', 'integer')
        .addColumn('holder_name', 'text')
        .addColumn('postal_code', 'text')
        .addColumn('cvc_check', 'text', (c) => c.check(sql`cvc_check in ('pass', 'fail', 'unchecked')`))
        .addColumn('routing_number', 'text')
        .addColumn('account_type', 'text', (c) => c.check(sql`account_type in ('checking', 'savings')`))
        .addColumn('validated', 'boolean', (c) => c.notNull())
        .addColumn('used_at', 'timestamptz')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('idempotency_keys')
        .addColumn('merchant_id', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('response_status', 'integer')
        .addColumn('response_body', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['merchant_id', 'key'])
        .execute();

      await db.schema
        .createTable('charges')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('merchant_id', 'text', (c) => c.notNull())
        .addColumn('idempotency_key', 'text', (c) => c.notNull())
        .addColumn('token_id', 'text', (c) => c.notNull().references('vault_tokens.id'))
        .addColumn('status', 'text', (c) =>
          c.notNull().check(sql`status in ('succeeded', 'declined', 'processing', 'settled', 'returned')`),
        )
        .addColumn('amount_cents', 'integer', (c) => c.notNull().check(sql`amount_cents > 0`))
        .addColumn('amount_refunded_cents', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('decline_code', 'text')
        .addColumn('return_code', 'text')
        .addColumn('method_kind', 'text', (c) => c.notNull().check(sql`method_kind in ('card', 'bank', 'wallet')`))
        .addColumn('brand', 'text')
        .addColumn('last4', 'text', (c) => c.notNull())
        .addColumn('wallet', 'text')
        .addColumn('description', 'text')
        .addColumn('metadata', 'text')
        .addColumn('settles_at', 'timestamptz')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addUniqueConstraint('charges_merchant_idempotency_key', ['merchant_id', 'idempotency_key'])
        .addCheckConstraint('charges_refund_within_amount', sql`amount_refunded_cents between 0 and amount_cents`)
        .execute();
      await db.schema.createIndex('charges_processing').on('charges').columns(['status', 'settles_at']).execute();

      await db.schema
        .createTable('refunds')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('merchant_id', 'text', (c) => c.notNull())
        .addColumn('charge_id', 'text', (c) => c.notNull().references('charges.id'))
        .addColumn('idempotency_key', 'text', (c) => c.notNull())
        .addColumn('amount_cents', 'integer', (c) => c.notNull().check(sql`amount_cents > 0`))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addUniqueConstraint('refunds_merchant_idempotency_key', ['merchant_id', 'idempotency_key'])
        .execute();

      await db.schema
        .createTable('events')
        .addColumn('seq', 'serial', (c) => c.primaryKey())
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('merchant_id', 'text', (c) => c.notNull())
        .addColumn('charge_id', 'text', (c) => c.notNull().references('charges.id'))
        .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('charge.settled', 'charge.returned')`))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('events_merchant_seq').on('events').columns(['merchant_id', 'seq']).execute();
    },
  },
  '0002_charge_bank_details': {
    // A bank debit describes its account as the receipt shows it: type, and the bank when known.
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('charges')
        .addColumn('account_type', 'text', (c) => c.check(sql`account_type in ('checking', 'savings')`))
        .addColumn('bank_name', 'text')
        .execute();
    },
  },
  '0003_idempotency_key_purge': {
    // Stored answers are purged after a day, oldest first.
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex('idempotency_keys_created_at').on('idempotency_keys').column('created_at').execute();
    },
  },
  '0004_reusable_card_tokens': {
    // A card saved with the cardholder's consent for later charges (a payment plan's installments)
    // may be charged again; any other card token stands for one authorization and is single-use.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('vault_tokens').addColumn('reusable', 'boolean', (c) => c.notNull().defaultTo(false)).execute();
    },
  },
  '0005_token_requests': {
    // Tokenization requests per address (a keyed hash), against card testing; kept for an hour.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('token_requests')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('client_hash', 'text', (c) => c.notNull())
        .addColumn('at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('token_requests_client_at').on('token_requests').columns(['client_hash', 'at']).execute();
    },
  },
};

export const processorMigrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
