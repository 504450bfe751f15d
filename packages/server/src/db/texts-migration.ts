import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Text messages (issue 16): what pacing the texts billpay sends on its own needs. `paced_at` is
 * when a text was let through the limits (quiet hours, one a day, three a week): while it is being
 * sent or once sent it holds that place, and the next text to the same number counts it.
 * `first_attempt_at` starts the day a message is tried for, so a text held back by the limits
 * is still tried for a whole day once it may go.
 */
export const textsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('messages').addColumn('first_attempt_at', 'timestamptz').addColumn('paced_at', 'timestamptz').execute();
    await sql`create index messages_texts_paced on messages (practice_id, recipient, paced_at) where channel = 'sms' and paced_at is not null`.execute(db);
  },
};

/** The columns 0026 adds to `messages`. */
export interface TextPacingColumns {
  first_attempt_at: Date | null;
  paced_at: Date | null;
}
