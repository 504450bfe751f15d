import { CompiledQuery, sql, type Insertable, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * The set-wise queries of a batch (batch.ts), so that a batch of statements costs the database a
 * few round trips whatever its size: what the database already holds of the batch (its
 * statements, accounts, account numbers and Bill ID candidates) read in one query, and every row
 * of the batch written in one statement. On PostgreSQL the import spent most of its time waiting
 * on the database, a query after another (issue 13: the import at half the rate of inserting the
 * same rows directly). Lists go as one parameter each (an array, or the rows as JSON), so a query's
 * text and its planning do not grow with the batch.
 */

/** The account number as the lookup folds it in SQL (see `accountNumberKey`). */
export const NUMBER_KEY = sql<string>`upper(replace(account_number, ' ', ''))`;

/** What a batch asks of the database before it is planned. */
export interface BatchQuestion {
  readonly practiceId: string;
  /** The practice's statement ids: which were imported before (locked until the batch ends). */
  readonly statementIds: readonly string[];
  /** The practice's account ids: which accounts exist (locked until the batch ends). */
  readonly accountIds: readonly string[];
  /** Account numbers, folded (`accountNumberKey`): which accounts hold them. */
  readonly numberKeys: readonly string[];
  /** Bill IDs about to be given out: which the practice has given out before. */
  readonly billIds: readonly string[];
}

export interface BatchAnswer {
  readonly known: readonly { external_id: string; bill_id: string; content_hash: string }[];
  readonly accounts: readonly { id: string; external_id: string; number_key: string }[];
  readonly holders: readonly { id: string; number_key: string }[];
  readonly taken: readonly string[];
}

/** Everything the database holds of a batch, in one query; the rows of its statements and accounts locked. */
export async function askBatch(trx: Transaction<Database>, question: BatchQuestion): Promise<BatchAnswer> {
  const { practiceId } = question;
  const list = (values: readonly string[]) => sql`${[...values]}::text[]`;
  const { rows } = await sql<{ known: BatchAnswer['known']; accounts: BatchAnswer['accounts']; holders: BatchAnswer['holders']; taken: string[] | null }>`
    with known_rows as (
      select external_id, bill_id, content_hash from imported_statements
      where practice_id = ${practiceId} and external_id = any(${list(question.statementIds)})
      for update
    ), account_rows as (
      select id, external_id, ${NUMBER_KEY} as number_key from accounts
      where practice_id = ${practiceId} and external_id = any(${list(question.accountIds)})
      for update
    ), holder_rows as (
      select id, ${NUMBER_KEY} as number_key from accounts
      where practice_id = ${practiceId} and ${NUMBER_KEY} = any(${list(question.numberKeys)})
    ), taken_rows as (
      select bill_id from accounts where practice_id = ${practiceId} and bill_id = any(${list(question.billIds)})
      union all
      select bill_id from bill_ids where practice_id = ${practiceId} and bill_id = any(${list(question.billIds)})
    )
    select
      (select coalesce(json_agg(known_rows), '[]') from known_rows) as known,
      (select coalesce(json_agg(account_rows), '[]') from account_rows) as accounts,
      (select coalesce(json_agg(holder_rows), '[]') from holder_rows) as holders,
      (select array_agg(bill_id) from taken_rows) as taken`.execute(trx);
  const answer = rows[0]!;
  return { known: answer.known, accounts: answer.accounts, holders: answer.holders, taken: answer.taken ?? [] };
}

/** Which of `billIds` the practice has given out before (one query). */
export async function takenBillIds(trx: Transaction<Database>, practiceId: string, billIds: readonly string[]): Promise<Set<string>> {
  const answer = await askBatch(trx, { practiceId, statementIds: [], accountIds: [], numberKeys: [], billIds });
  return new Set(answer.taken);
}

/** Rows of one table, all with the same columns. */
export interface TableRows<T extends keyof Database = keyof Database> {
  readonly table: T;
  readonly rows: readonly Insertable<Database[T]>[];
}

/**
 * Inserts rows into several tables in one statement: one `insert ... select ... from
 * json_populate_recordset` a table, each reading its rows from one JSON parameter (the table's
 * own row type gives each column its type). A table's foreign keys are checked at the end of the
 * statement, so the tables' rows may refer to each other's. Table and column names are ours,
 * every value is in the JSON.
 */
export async function insertTables(trx: Transaction<Database>, tables: readonly TableRows[]): Promise<void> {
  const present = tables.filter((t) => t.rows.length > 0);
  if (present.length === 0) return;
  const inserts = present.map(({ table, rows }, i) => {
    const columns = Object.keys(rows[0]!).join(', ');
    return `w${i} as (insert into ${table} (${columns}) select ${columns} from json_populate_recordset(null::${table}, $${i + 1}::json))`;
  });
  await trx.executeQuery(
    CompiledQuery.raw(
      `with ${inserts.join(', ')} select 1`,
      present.map((t) => JSON.stringify(t.rows)),
    ),
  );
}
