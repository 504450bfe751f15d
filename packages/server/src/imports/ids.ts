import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * The practice's own ids of billpay statements it imported, by billpay's id. A corrected
 * statement's earlier versions count too: each leads, by the `replaces` of the version after it,
 * to the version its import row names now. Statements billpay made itself (the demo's) have none.
 */
export async function practiceStatementIds(db: Kysely<Database> | Transaction<Database>, practiceId: string, statementIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(statementIds)];
  if (ids.length === 0) return new Map();
  const rows = await sql<{ start_id: string; external_id: string }>`
    with recursive versions(start_id, id) as (
      select id, id from statements where id in (${sql.join(ids)})
      union all
      select v.start_id, later.id from statements later join versions v on later.replaces = v.id
    )
    select v.start_id, i.external_id
    from versions v join imported_statements i on i.statement_id = v.id and i.practice_id = ${practiceId}`.execute(db);
  return new Map(rows.rows.map((row) => [row.start_id, row.external_id]));
}
