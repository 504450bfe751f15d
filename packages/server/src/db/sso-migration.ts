import { sql, type ColumnType, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** A practice's single sign-on through its OpenID Connect identity provider (see staff/sso.ts). */
export interface StaffSsoTable {
  practice_id: string;
  /** The provider's issuer identifier (https), where discovery starts. */
  issuer: string;
  client_id: string;
  /** Sealed with the server secret (see security/seal.ts); never shown again. */
  client_secret: string;
  /** Lower case; empty when any email of the practice's staff may sign in this way. */
  email_domains: string[];
  enabled: boolean;
  updated_at: Timestamp;
}

/**
 * Single sign-on for staff (issue 14): each practice's identity provider, and on each member of
 * staff the provider's subject (`sub`) recorded at their first sign-in through it, which every
 * later one must match. A subject is unique per issuer, so it is kept with its issuer, and no two
 * members of a practice's staff can hold the same one.
 */
export const ssoMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('staff_sso')
      .addColumn('practice_id', 'text', (c) => c.primaryKey())
      .addColumn('issuer', 'text', (c) => c.notNull())
      .addColumn('client_id', 'text', (c) => c.notNull())
      .addColumn('client_secret', 'text', (c) => c.notNull())
      .addColumn('email_domains', sql`text[]`, (c) => c.notNull())
      .addColumn('enabled', 'boolean', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .execute();

    await db.schema.alterTable('staff').addColumn('sso_issuer', 'text').addColumn('sso_subject', 'text').execute();
    await sql`alter table staff add constraint staff_sso_subject_with_issuer check ((sso_issuer is null) = (sso_subject is null))`.execute(db);
    await sql`create unique index staff_sso_subject on staff (practice_id, sso_issuer, sso_subject) where sso_subject is not null`.execute(db);
  },
};

/** Kysely's view of the new table (see schema.ts). */
export interface SsoTables {
  staff_sso: StaffSsoTable;
}
