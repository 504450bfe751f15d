import { sql, type ColumnType, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** How a bank debit's authorization was given: on the patient's screen (Nacha WEB) or read to them by phone (TEL). */
export const AUTHORIZATION_CHANNELS = ['web', 'telephone'] as const;
export type AuthorizationChannel = (typeof AUTHORIZATION_CHANNELS)[number];

/**
 * Payments the billing office takes by phone (issue 14): the member of staff who took one, and for
 * a bank debit authorized by telephone, that it was (the channel) and the version of the wording
 * read; the words themselves and when the patient agreed are the authorization's own columns
 * (0003). A payment without staff is the patient's own, as before.
 */
export const phonePaymentsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('payments')
      .addColumn('taken_by_staff_id', 'text')
      .addColumn('authorization_channel', 'text', (c) => c.check(sql`authorization_channel in (${sql.join(AUTHORIZATION_CHANNELS.map((k) => sql.lit(k)))})`))
      .addColumn('authorization_version', 'text')
      .execute();
    // A telephone authorization is only ever one a member of staff read, with its wording's version.
    await sql`alter table payments add constraint payments_telephone_authorization check (authorization_channel <> 'telephone' or (taken_by_staff_id is not null and authorization_version is not null and authorization_text is not null))`.execute(db);
  },
};

type OptionalText = ColumnType<string | null, string | null | undefined, string | null>;

/** The columns 0021 adds to `payments`. */
export interface PhonePaymentColumns {
  /** The member of staff who took the payment by phone; null for the patient's own and a plan's. */
  taken_by_staff_id: OptionalText;
  authorization_channel: ColumnType<AuthorizationChannel | null, AuthorizationChannel | null | undefined, AuthorizationChannel | null>;
  /** The version of the telephone script read (`TELEPHONE_AUTHORIZATION_VERSION`). */
  authorization_version: OptionalText;
}
