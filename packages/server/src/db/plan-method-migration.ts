import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { MESSAGE_KINDS } from './messages-migration.js';

/**
 * A patient changes an automatic plan's payment method from a link the billing office sends
 * (issue 14, "Plans"):
 * - `plan_authorizations` keeps every authorization a plan had: the one in force has no
 *   `replaced_at` (one per plan); a change's row carries the Idempotency-Key and request hash it
 *   was made under (once per key within the account);
 * - `plans` names the automatic payment's card or account as the processor described it (brand,
 *   bank's name, account type, last 4), for the patient and staff to recognise; never more;
 * - `pay_links` may name a plan instead of a statement: the lookup then opens the change;
 * - messages of kind `plan_method_link`.
 */
export const planMethodMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`alter table plan_authorizations drop constraint plan_authorizations_pkey`.execute(db);
    await db.schema
      .alterTable('plan_authorizations')
      .addColumn('replaced_at', 'timestamptz')
      .addColumn('idempotency_key', 'text')
      .addColumn('request_hash', 'text')
      .execute();
    await sql`create unique index plan_authorizations_current on plan_authorizations (plan_id) where replaced_at is null`.execute(db);
    await sql`create unique index plan_authorizations_key on plan_authorizations (account_id, idempotency_key) where idempotency_key is not null`.execute(db);

    await db.schema
      .alterTable('plans')
      .addColumn('method_brand', 'text')
      .addColumn('method_bank_name', 'text')
      .addColumn('method_account_type', 'text', (c) => c.check(sql`method_account_type in ('checking', 'savings')`))
      .addColumn('method_last4', 'text', (c) => c.check(sql`method_last4 ~ '^[0-9]{4}$'`))
      .execute();

    await sql`alter table pay_links alter column statement_id drop not null`.execute(db);
    await db.schema.alterTable('pay_links').addColumn('plan_id', 'text', (c) => c.references('plans.id')).execute();
    await sql`alter table pay_links add constraint pay_links_names_one check ((statement_id is null) <> (plan_id is null))`.execute(db);

    await sql`alter table messages drop constraint messages_kind_check`.execute(db);
    await sql`alter table messages add constraint messages_kind_check check (kind in (${sql.join(MESSAGE_KINDS.map((k) => sql.lit(k)))}))`.execute(db);
  },
};
