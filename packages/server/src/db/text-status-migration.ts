import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** The column 0031 adds to `messages`. */
export interface TextStatusColumns {
  /** When the provider reported the text arrived (Twilio's status callback); null until then, or for email. */
  delivered_at: Date | null;
}

/** What became of a text after Twilio took it: when it arrived (its failures change `status` and `last_error`). */
export const textStatusMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('messages').addColumn('delivered_at', 'timestamptz').execute();
  },
};
