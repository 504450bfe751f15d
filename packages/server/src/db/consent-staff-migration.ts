import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * The member of staff who recorded a revocation (issue 16: staff stop email or texts in the
 * console at the patient's request). No foreign key: the consent record outlives staff accounts,
 * as it outlives the account it is about.
 */
export const consentStaffMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('message_consents').addColumn('staff_id', 'text').execute();
  },
};

/** The column 0032 adds to `message_consents`. */
export interface ConsentStaffColumns {
  /** The member of staff who recorded the row (source `staff`); null for every other source. */
  staff_id: string | null;
}
