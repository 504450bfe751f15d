import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { IMPORT_OUTCOMES, type ImportOutcome, type ImportRunsTable } from '../db/integration-migration.js';
import type { Database } from '../db/schema.js';
import { DomainError } from '../domain/errors.js';
import type { ImportFormat, ImportResult } from './import.js';
import type { ImportIssue } from './read.js';

export { IMPORT_OUTCOMES, type ImportOutcome };

type Db = Kysely<Database>;

/** Statement rows written per insert: 7 parameters each, well under PostgreSQL's limit. */
const INSERT_CHUNK = 1_000;

/** An import as the practice API lists it. */
export interface ImportRunView {
  readonly id: string;
  readonly createdAt: string;
  readonly dryRun: boolean;
  readonly format: ImportFormat;
  /** `api`: sent to `POST /admin/v1/imports` (by a key or from the console); `command`: `billpay import`. */
  readonly source: 'api' | 'command';
  readonly requestedBy: { readonly apiKeyId: string | null; readonly staffId: string | null };
  readonly counts: Readonly<Record<ImportOutcome, number>>;
  readonly truncated: boolean;
}

/** One statement of an import, as it was kept. */
export interface ImportStatementView {
  readonly position: number;
  readonly line: number;
  readonly statementId: string | null;
  readonly accountId: string | null;
  readonly outcome: ImportOutcome;
  readonly issues: readonly ImportIssue[];
}

export interface ImportRunDetail extends ImportRunView {
  /** A page of its statements in file order (`after` the position of the last one shown). */
  readonly statements: { readonly data: readonly ImportStatementView[]; readonly hasMore: boolean };
}

/** Who made an import. */
export interface ImportRunOrigin {
  readonly practiceId: string;
  readonly format: ImportFormat;
  readonly source: 'api' | 'command';
  readonly apiKeyId?: string | null;
  readonly staffId?: string | null;
  readonly now: Date;
}

const runNotFound = () => new DomainError('import_not_found', 'There is no such import at this practice.');

function runView(row: Selectable<ImportRunsTable>): ImportRunView {
  return {
    id: row.id,
    createdAt: new Date(row.created_at).toISOString(),
    dryRun: row.dry_run,
    format: row.format,
    source: row.source,
    requestedBy: { apiKeyId: row.api_key_id, staffId: row.staff_id },
    counts: { created: row.created, corrected: row.corrected, unchanged: row.unchanged, rejected: row.rejected },
    truncated: row.truncated,
  };
}

/**
 * Keeps an import's result (dry runs too): the run with its counts, and each statement's outcome
 * and issues in file order, in one transaction. Its id, for the answer and for staff to read later.
 */
export async function recordImportRun(db: Db, origin: ImportRunOrigin, result: ImportResult): Promise<string> {
  const id = `imp_${randomUUID().replace(/-/g, '')}`;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('import_runs')
      .values({
        id,
        practice_id: origin.practiceId,
        created_at: origin.now,
        dry_run: result.dryRun,
        format: origin.format,
        source: origin.source,
        api_key_id: origin.apiKeyId ?? null,
        staff_id: origin.staffId ?? null,
        ...result.counts,
        truncated: result.truncated,
      })
      .execute();
    for (let start = 0; start < result.statements.length; start += INSERT_CHUNK) {
      const rows = result.statements.slice(start, start + INSERT_CHUNK).map((s, i) => ({
        run_id: id,
        position: start + i + 1,
        line: s.line,
        statement_id: s.statementId,
        account_id: s.accountId,
        outcome: s.outcome,
        issues: JSON.stringify(s.issues.map(({ line, field, message }) => ({ line, field, message }))),
      }));
      await trx.insertInto('import_run_statements').values(rows).execute();
    }
  });
  return id;
}

/** The practice's imports, newest first; `before` is an import id from an earlier page. */
export async function listImportRuns(db: Db, practiceId: string, limit: number, before: string | undefined): Promise<{ data: ImportRunView[]; hasMore: boolean }> {
  let query = db.selectFrom('import_runs').selectAll().where('practice_id', '=', practiceId);
  if (before !== undefined) {
    const mark = await db.selectFrom('import_runs').select(['created_at', 'id']).where('id', '=', before).where('practice_id', '=', practiceId).executeTakeFirst();
    if (!mark) throw new DomainError('import_not_found', 'There is no such import at this practice.', { details: { param: 'before' } });
    query = query.where((eb) => eb.or([eb('created_at', '<', mark.created_at), eb.and([eb('created_at', '=', mark.created_at), eb('id', '<', mark.id)])]));
  }
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
  return { data: rows.slice(0, limit).map(runView), hasMore: rows.length > limit };
}

export interface StatementPage {
  readonly limit: number;
  /** The position of the last statement shown. */
  readonly after?: number | undefined;
  /** Only the statements with this outcome (`rejected`: the ones to fix). */
  readonly outcome?: ImportOutcome | undefined;
}

/** An import of the practice with a page of its statements; another practice's is not found, like one that does not exist. */
export async function getImportRun(db: Db, practiceId: string, id: string, page: StatementPage): Promise<ImportRunDetail> {
  const run = await db.selectFrom('import_runs').selectAll().where('id', '=', id).where('practice_id', '=', practiceId).executeTakeFirst();
  if (!run) throw runNotFound();
  let query = db.selectFrom('import_run_statements').selectAll().where('run_id', '=', id).where('position', '>', page.after ?? 0);
  if (page.outcome) query = query.where('outcome', '=', page.outcome);
  const rows = await query.orderBy('position').limit(page.limit + 1).execute();
  const data = rows.slice(0, page.limit).map((row) => ({
    position: row.position,
    line: row.line,
    statementId: row.statement_id,
    accountId: row.account_id,
    outcome: row.outcome,
    issues: row.issues,
  }));
  return { ...runView(run), statements: { data, hasMore: rows.length > page.limit } };
}
