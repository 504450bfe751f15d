import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { MESSAGE_KINDS } from './messages-migration.js';

/**
 * Regulation E's notice (12 CFR 1005.10(d)): when the billing office changes the amount of an
 * automatic plan's payments, the patient is emailed the new amounts and from when, as a message of
 * kind `plan_amount_notice`, queued with the change.
 */
export const planNoticeMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`alter table messages drop constraint messages_kind_check`.execute(db);
    await sql`alter table messages add constraint messages_kind_check check (kind in (${sql.join(MESSAGE_KINDS.map((k) => sql.lit(k)))}))`.execute(db);
  },
};
