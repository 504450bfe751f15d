import type { ColumnType, Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** JSON as PostgreSQL's jsonb gives it back; written as a JSON string. */
type Json = ColumnType<unknown, string, string>;

/**
 * The practice's settings an admin changes in the console (issue 14), one row per practice that
 * has any: laid over the practice's file when it is read (the database's value wins), `version`
 * counting the saves, so a save made from an older version is refused and every instance notices
 * a save by reading the versions alone.
 */
export interface PracticeSettingsTable {
  practice_id: string;
  /** The whole editable part (`PracticeSettingsSchema` of the SDK). */
  settings: Json;
  version: number;
  updated_at: Timestamp;
  updated_by: string | null;
}

/**
 * Every save, never updated: what changed (the fields' paths), the settings before and after, who
 * (the member of staff), from where (the client address's keyed hash, as the audit trail keeps it)
 * and when; `request_id` joins it to the call's row in `audit_events`.
 */
export interface PracticeSettingsChangesTable {
  id: string;
  practice_id: string;
  version: number;
  changed: Json;
  before: Json;
  after: Json;
  staff_id: string;
  client_hash: string | null;
  request_id: string;
  at: Timestamp;
}

export interface PracticeSettingsTables {
  practice_settings: PracticeSettingsTable;
  practice_settings_changes: PracticeSettingsChangesTable;
}

export const practiceSettingsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('practice_settings')
      .addColumn('practice_id', 'text', (c) => c.primaryKey())
      .addColumn('settings', 'jsonb', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_by', 'text')
      .execute();
    await db.schema
      .createTable('practice_settings_changes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('practice_id', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('changed', 'jsonb', (c) => c.notNull())
      .addColumn('before', 'jsonb', (c) => c.notNull())
      .addColumn('after', 'jsonb', (c) => c.notNull())
      .addColumn('staff_id', 'text', (c) => c.notNull())
      .addColumn('client_hash', 'text')
      .addColumn('request_id', 'text', (c) => c.notNull())
      .addColumn('at', 'timestamptz', (c) => c.notNull())
      .addUniqueConstraint('practice_settings_changes_version', ['practice_id', 'version'])
      .execute();
  },
};
