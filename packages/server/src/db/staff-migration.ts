import { sql, type ColumnType, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { PRACTICE_API_AUDIT_ACTIONS } from './practice-api-migration.js';

/** What a member of a practice's staff may do (see staff/roles.ts). */
export const STAFF_ROLES = ['admin', 'billing', 'read-only'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Every audit action (the check constraint is replaced whole): the practice API's and the staff's. */
export const STAFF_AUDIT_ACTIONS = [
  ...PRACTICE_API_AUDIT_ACTIONS,
  'staff_added',
  'staff_disabled',
  'staff_enrolled',
  'staff_passkey_added',
  'staff_signed_in',
  'staff_sign_in_failed',
  'staff_sign_in_locked',
  'staff_signed_out',
  'staff_signed_out_everywhere',
] as const;
export type StaffAuditAction = (typeof STAFF_AUDIT_ACTIONS)[number];

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** A member of a practice's staff. Secrets are kept only as hashes (the password) or sealed (the TOTP key). */
export interface StaffTable {
  /** `stf_` and 26 letters and digits. */
  id: string;
  practice_id: string;
  /** Lower case; unique within the practice. */
  email: string;
  role: StaffRole;
  /** argon2id (PHC string); none until enrolled with a password, or for passkey-only staff. */
  password_hash: string | null;
  /** The TOTP key, sealed with the server secret (see security/seal.ts). */
  totp_secret: string | null;
  /** The last TOTP time step accepted: a code is never accepted twice. */
  totp_last_step: number | null;
  created_at: Timestamp;
  enrolled_at: Date | null;
  disabled_at: Date | null;
  /** The identity provider's issuer and subject of their single sign-on, once used (0018, see sso-migration.ts). */
  sso_issuer: string | null;
  sso_subject: string | null;
}

/** A one-time enrolment link; only the SHA-256 of its token is kept. */
export interface StaffEnrolmentsTable {
  token_hash: string;
  staff_id: string;
  /** The TOTP key offered by the enrolment page, sealed, until a first code confirms it. */
  pending_totp_secret: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Date | null;
}

/** A passkey (WebAuthn credential) of a member of staff. */
export interface StaffPasskeysTable {
  /** The credential id, base64url. */
  id: string;
  staff_id: string;
  /** The COSE public key, base64url. */
  public_key: string;
  /** uint32; bigint, which the drivers read as a string or a number. */
  counter: ColumnType<string | number, number, number>;
  transports: string[];
  created_at: Timestamp;
  last_used_at: Date | null;
}

/** A WebAuthn challenge, kept until it is used once or expires. */
export interface StaffChallengesTable {
  id: string;
  purpose: 'registration' | 'authentication';
  /** For a registration: whose passkey it is. */
  staff_id: string | null;
  challenge: string;
  expires_at: Timestamp;
}

/** A signed-in member of staff; only the SHA-256 of the cookie's token is kept. */
export interface StaffSessionsTable {
  id: string;
  token_hash: string;
  staff_id: string;
  practice_id: string;
  /** How the session was opened: `password`, `passkey`, `enrolment`. */
  method: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  revoked_at: Date | null;
}

/** A failed sign-in, counted under keyed hashes of the account and of the address. */
export interface StaffSignInFailuresTable {
  key_hash: string;
  failed_at: Timestamp;
}

/**
 * Staff and access (issue 14): staff accounts per practice, their enrolment links, passkeys,
 * WebAuthn challenges, sessions and failed sign-ins; the audit trail names the member of staff,
 * and a refund is asked for by an API key or by a member of staff.
 */
export const staffMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('staff')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('practice_id', 'text', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull().check(sql`email = lower(email) and length(email) between 3 and 254`))
      .addColumn('role', 'text', (c) => c.notNull().check(sql`role in (${sql.join(STAFF_ROLES.map((r) => sql.lit(r)))})`))
      .addColumn('password_hash', 'text')
      .addColumn('totp_secret', 'text')
      .addColumn('totp_last_step', 'integer')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('enrolled_at', 'timestamptz')
      .addColumn('disabled_at', 'timestamptz')
      .addUniqueConstraint('staff_practice_email', ['practice_id', 'email'])
      .execute();

    await db.schema
      .createTable('staff_enrolments')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
      .addColumn('pending_totp_secret', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
      .addColumn('used_at', 'timestamptz')
      .execute();
    await db.schema.createIndex('staff_enrolments_staff').on('staff_enrolments').column('staff_id').execute();

    await db.schema
      .createTable('staff_passkeys')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
      .addColumn('public_key', 'text', (c) => c.notNull())
      .addColumn('counter', 'bigint', (c) => c.notNull())
      .addColumn('transports', sql`text[]`, (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('last_used_at', 'timestamptz')
      .execute();
    await db.schema.createIndex('staff_passkeys_staff').on('staff_passkeys').column('staff_id').execute();

    await db.schema
      .createTable('staff_challenges')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('registration', 'authentication')`))
      .addColumn('staff_id', 'text', (c) => c.references('staff.id'))
      .addColumn('challenge', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('staff_sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
      .addColumn('practice_id', 'text', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
      .addColumn('revoked_at', 'timestamptz')
      .execute();
    await db.schema.createIndex('staff_sessions_staff').on('staff_sessions').column('staff_id').execute();

    await db.schema
      .createTable('staff_sign_in_failures')
      .addColumn('key_hash', 'text', (c) => c.notNull())
      .addColumn('failed_at', 'timestamptz', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('staff_sign_in_failures_key_at').on('staff_sign_in_failures').columns(['key_hash', 'failed_at']).execute();

    // A refund is asked for by a key or by a member of staff, never by neither.
    await sql`alter table refunds alter column api_key_id drop not null`.execute(db);
    await db.schema.alterTable('refunds').addColumn('staff_id', 'text').execute();
    await sql`alter table refunds add constraint refunds_requested_by check (api_key_id is not null or staff_id is not null)`.execute(db);

    await db.schema.alterTable('audit_events').addColumn('staff_id', 'text').execute();
    await sql`alter table audit_events drop constraint audit_events_action_check`.execute(db);
    await sql`alter table audit_events add constraint audit_events_action_check check (action in (${sql.join(STAFF_AUDIT_ACTIONS.map((a) => sql.lit(a)))}))`.execute(db);
    await db.schema.createIndex('audit_events_staff_at').on('audit_events').columns(['staff_id', 'at']).execute();
  },
};

/** Kysely's view of the new tables (see schema.ts). */
export interface StaffTables {
  staff: StaffTable;
  staff_enrolments: StaffEnrolmentsTable;
  staff_passkeys: StaffPasskeysTable;
  staff_challenges: StaffChallengesTable;
  staff_sessions: StaffSessionsTable;
  staff_sign_in_failures: StaffSignInFailuresTable;
}
