import { sql, type ColumnType, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** What an import did with one statement (imports/import.ts). */
export const IMPORT_OUTCOMES = ['created', 'corrected', 'unchanged', 'rejected'] as const;
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];

/**
 * The billing office's integration desk (issue 14): each import kept with what it did, so staff
 * (and the practice's keys with `import`) can read it later:
 * - `import_runs`: one row per import (through the API, the console or `billpay import`, dry runs
 *   too), who sent it, its encoding and its counts;
 * - `import_run_statements`: each statement's outcome in file order, with its issues (line, field,
 *   why). The practice's own ids only: no Bill ID, no patient data beyond what the issue names.
 */
export const integrationMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('import_runs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('practice_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('dry_run', 'boolean', (c) => c.notNull())
      .addColumn('format', 'text', (c) => c.notNull().check(sql`format in ('csv', 'jsonl')`))
      .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('api', 'command')`))
      .addColumn('api_key_id', 'text')
      .addColumn('staff_id', 'text')
      .addColumn('created', 'integer', (c) => c.notNull())
      .addColumn('corrected', 'integer', (c) => c.notNull())
      .addColumn('unchanged', 'integer', (c) => c.notNull())
      .addColumn('rejected', 'integer', (c) => c.notNull())
      .addColumn('truncated', 'boolean', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('import_runs_practice_created').on('import_runs').columns(['practice_id', 'created_at', 'id']).execute();
    await db.schema
      .createTable('import_run_statements')
      .addColumn('run_id', 'text', (c) => c.notNull().references('import_runs.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('line', 'integer', (c) => c.notNull())
      .addColumn('statement_id', 'text')
      .addColumn('account_id', 'text')
      .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in (${sql.join(IMPORT_OUTCOMES.map((o) => sql.lit(o)))})`))
      .addColumn('issues', 'jsonb', (c) => c.notNull())
      .addPrimaryKeyConstraint('import_run_statements_pk', ['run_id', 'position'])
      .execute();
  },
};

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** One import, as it ended (see the migration). Never updated. */
export interface ImportRunsTable {
  id: string;
  practice_id: string;
  created_at: Timestamp;
  dry_run: boolean;
  format: 'csv' | 'jsonl';
  /** `api` (a key or the console's staff), `command` (`billpay import`). */
  source: 'api' | 'command';
  api_key_id: string | null;
  staff_id: string | null;
  created: number;
  corrected: number;
  unchanged: number;
  rejected: number;
  truncated: boolean;
}

/** One statement of an import: where it was in the file, and what became of it. */
export interface ImportRunStatementsTable {
  run_id: string;
  position: number;
  line: number;
  statement_id: string | null;
  account_id: string | null;
  outcome: ImportOutcome;
  /** JSON: `[{ line, field, message }]`, empty unless rejected. */
  issues: ColumnType<{ line: number; field: string | null; message: string }[], string, string>;
}

/** Kysely's view of the new tables (see schema.ts). */
export interface IntegrationTables {
  import_runs: ImportRunsTable;
  import_run_statements: ImportRunStatementsTable;
}
