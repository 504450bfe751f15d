import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { MESSAGE_KINDS } from './messages-migration.js';

/**
 * A good-faith estimate's copy, emailed to the address the patient gave for it (issue 16). An
 * estimate may be made without an account, so its copy has none: `account_id` may be null for
 * that kind only, and every other message keeps its account. `practice_id` is kept as before. The
 * kinds check is made again from the live list, as 0029 did.
 */
export const estimateCopyMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`alter table messages drop constraint messages_kind_check`.execute(db);
    await sql`alter table messages add constraint messages_kind_check check (kind in (${sql.join(MESSAGE_KINDS.map((k) => sql.lit(k)))}))`.execute(db);
    await sql`alter table messages alter column account_id drop not null`.execute(db);
    await sql`alter table messages add constraint messages_account_check check (account_id is not null or kind = 'estimate_copy')`.execute(db);
    // The copies sent to one address lately, for the limit on them (estimates/routes.ts).
    await sql`create index messages_estimate_copies on messages (practice_id, lower(recipient), created_at) where kind = 'estimate_copy'`.execute(db);
  },
};
