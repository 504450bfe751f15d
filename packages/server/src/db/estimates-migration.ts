import { sql, type ColumnType, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Good-faith estimates as issued. A practice must keep a copy (commonly read as six years), so
 * rows are never deleted and never changed, except that an estimate given before its patient had
 * an account may be linked to that account once. The database itself refuses the rest.
 */
export const estimatesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('estimates')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('practice_id', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text', (c) => c.references('accounts.id'))
      .addColumn('issued_on', 'date', (c) => c.notNull())
      .addColumn('requested_on', 'date', (c) => c.notNull())
      .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
      .addColumn('first_name', 'text', (c) => c.notNull())
      .addColumn('last_name', 'text', (c) => c.notNull())
      .addColumn('last_name_key', 'text', (c) => c.notNull())
      .addColumn('date_of_birth', 'date', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('phone', 'text')
      .addColumn('coverage', 'text', (c) => c.notNull().check(sql`coverage in ('uninsured', 'not_using_insurance')`))
      .addColumn('scheduled_date', 'date')
      .addColumn('deadline_rule', 'text', (c) => c.notNull())
      .addColumn('due_by', 'date')
      .addColumn('deadline_met', 'boolean', (c) => c.notNull())
      .addColumn('total_cents', 'integer', (c) => c.notNull().check(sql`total_cents >= 0`))
      // The estimate exactly as the patient was given it.
      .addColumn('document', 'jsonb', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema.createIndex('estimates_account').on('estimates').column('account_id').execute();
    await db.schema.createIndex('estimates_patient').on('estimates').columns(['practice_id', 'last_name_key', 'date_of_birth']).execute();

    await sql`
      create function estimates_are_kept() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' then
          raise exception 'good-faith estimates are kept: never deleted' using errcode = 'P0001';
        end if;
        if old.account_id is not null and new.account_id is distinct from old.account_id then
          raise exception 'an estimate stays linked to its account' using errcode = 'P0001';
        end if;
        if (to_jsonb(new) - 'account_id') is distinct from (to_jsonb(old) - 'account_id') then
          raise exception 'good-faith estimates are kept as issued: never changed' using errcode = 'P0001';
        end if;
        return new;
      end $$`.execute(db);
    await sql`create trigger estimates_are_kept before update or delete on estimates for each row execute function estimates_are_kept()`.execute(db);
    await sql`
      create function estimates_not_truncated() returns trigger language plpgsql as $$
      begin
        raise exception 'good-faith estimates are kept: never deleted' using errcode = 'P0001';
      end $$`.execute(db);
    await sql`create trigger estimates_not_truncated before truncate on estimates for each statement execute function estimates_not_truncated()`.execute(db);
  },
};

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** The `estimates` table, typed for Kysely (`db.$extendTables<EstimateTables>()`). */
export interface EstimatesTable {
  id: string;
  practice_id: string;
  account_id: string | null;
  issued_on: string;
  requested_on: string;
  issued_at: Timestamp;
  first_name: string;
  last_name: string;
  /** The last name folded for matching: lower case, accents removed. */
  last_name_key: string;
  date_of_birth: string;
  email: string | null;
  phone: string | null;
  coverage: 'uninsured' | 'not_using_insurance';
  scheduled_date: string | null;
  deadline_rule: string;
  due_by: string | null;
  deadline_met: boolean;
  total_cents: number;
  /** The issued estimate (JSON); written as a string, read back parsed. */
  document: ColumnType<unknown, string, never>;
  created_at: Timestamp;
}

// A type alias, not an interface: `$extendTables` wants an index signature.
export type EstimateTables = { estimates: EstimatesTable };
