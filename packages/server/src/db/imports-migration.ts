import { sql, type ColumnType, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/**
 * Every Bill ID a practice has given out, to an account (its first) or to a statement. Rows are
 * never deleted, so a Bill ID is never given out twice; the patient lookup finds an account by
 * any of its Bill IDs.
 */
export interface BillIdsTable {
  practice_id: string;
  bill_id: string;
  account_id: string;
  statement_id: string | null;
  created_at: Timestamp;
}

/**
 * A statement as the practice's system names it, and the version of it that is current: a
 * correction writes a new statement (its `replaces` names the old one) and points this row at it.
 */
export interface ImportedStatementsTable {
  practice_id: string;
  external_id: string;
  account_id: string;
  statement_id: string;
  bill_id: string;
  /** SHA-256 of the statement as imported: the same content again changes nothing. */
  content_hash: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/**
 * Bills in (issue 13): the practice's own ids of accounts and statements, the guarantor's
 * contact details, the registry of Bill IDs, and statement versions.
 */
export const importsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('accounts')
      .addColumn('external_id', 'text')
      .addColumn('email', 'text')
      .addColumn('mobile_phone', 'text')
      .addColumn('preferred_language', 'text')
      .addColumn('address_line1', 'text')
      .addColumn('address_line2', 'text')
      .addColumn('city', 'text')
      .addColumn('state', 'text')
      .addColumn('postal_code', 'text')
      .execute();
    await sql`create unique index accounts_practice_external_id on accounts (practice_id, external_id) where external_id is not null`.execute(db);

    // The statement a correction replaces; the replaced one stays as it was, its entries reversed.
    await db.schema.alterTable('statements').addColumn('replaces', 'text', (c) => c.references('statements.id')).execute();

    await db.schema
      .createTable('bill_ids')
      .addColumn('practice_id', 'text', (c) => c.notNull())
      .addColumn('bill_id', 'text', (c) => c.notNull().check(sql`bill_id ~ '^[0-9]{12}$'`))
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('statement_id', 'text', (c) => c.references('statements.id'))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('bill_ids_pkey', ['practice_id', 'bill_id'])
      .execute();
    await db.schema.createIndex('bill_ids_account').on('bill_ids').column('account_id').execute();
    await sql`insert into bill_ids (practice_id, bill_id, account_id, created_at) select practice_id, bill_id, id, created_at from accounts`.execute(db);

    await db.schema
      .createTable('imported_statements')
      .addColumn('practice_id', 'text', (c) => c.notNull())
      .addColumn('external_id', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('statement_id', 'text', (c) => c.notNull().references('statements.id'))
      .addColumn('bill_id', 'text', (c) => c.notNull())
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('imported_statements_pkey', ['practice_id', 'external_id'])
      .execute();
  },
};

/** Kysely's view of the new tables (see schema.ts). */
export interface ImportsTables {
  bill_ids: BillIdsTable;
  imported_statements: ImportedStatementsTable;
}
