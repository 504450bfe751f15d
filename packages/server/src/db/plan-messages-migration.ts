import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { MESSAGE_KINDS } from './messages-migration.js';

/**
 * What billpay tells a patient of their plan (issue 16): its confirmation with the schedule and a
 * copy of the authorization as accepted (Regulation E, 12 CFR 1005.10(b)), reminders before its
 * payments (10 days before one whose amount differs from the last, 1005.10(d)), a payment that
 * failed, a plan that fell behind; and of a payment, a bank payment returned with the fee and a
 * refund issued. The kinds check is made again from the live list, as 0027 did.
 */
export const planMessagesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`alter table messages drop constraint messages_kind_check`.execute(db);
    await sql`alter table messages add constraint messages_kind_check check (kind in (${sql.join(MESSAGE_KINDS.map((k) => sql.lit(k)))}))`.execute(db);
  },
};
