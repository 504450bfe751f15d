import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Logger } from '../log.js';
import { unstorableStringAt } from '../edge/input.js';
import type { PracticeConfig } from '../practices/practices.js';
import { applyStatement, type ApplyOutcome } from './apply.js';
import { applyBatch } from './batch.js';
import { csvStatements } from './csv.js';
import { validateStatement, type ValidStatement } from './format.js';
import { jsonLinesStatements, type ImportIssue, type StatementUnit } from './read.js';

export type ImportFormat = 'csv' | 'jsonl';

/** The most statements one file may hold, so the result (one entry each) stays bounded. */
export const MAX_STATEMENTS_PER_FILE = 50_000;

export interface StatementResult {
  /** The line the statement starts on. */
  readonly line: number;
  /** The practice's statement and account ids, as far as they could be read. */
  readonly statementId: string | null;
  readonly accountId: string | null;
  readonly outcome: 'created' | 'corrected' | 'unchanged' | 'rejected';
  /** The statement's Bill ID (not for a rejected statement, nor a new one in a dry run). */
  readonly billId: string | null;
  readonly issues: readonly ImportIssue[];
}

export interface ImportResult {
  readonly dryRun: boolean;
  readonly statements: readonly StatementResult[];
  readonly counts: Readonly<Record<StatementResult['outcome'], number>>;
  /** Set when the file held more than `MAX_STATEMENTS_PER_FILE` statements: the rest was not read. */
  readonly truncated: boolean;
}

export interface ImportOptions {
  readonly db: Kysely<Database>;
  readonly practice: PracticeConfig;
  readonly format: ImportFormat;
  readonly dryRun: boolean;
  readonly now: Date;
  /** Told when a batch is applied one statement at a time after failing whole. */
  readonly logger?: Logger;
  /** Statements applied in one transaction (see batch.ts); 1 applies each in its own. Default `BATCH_SIZE`. */
  readonly batchSize?: number;
}

const MAX_ISSUES_PER_STATEMENT = 50;

/**
 * Statements applied together, in one transaction: as many as the direct inserts the import is
 * measured against put in one (bench/import.mjs). Their rows go to the database as JSON, one
 * parameter a table, so no parameter limit bounds a batch; `MAX_BATCH_LINE_ITEMS` bounds its size.
 */
export const BATCH_SIZE = 1000;

/** A batch is applied once its statements hold this many line items, whatever their number (a statement may have 500). */
export const MAX_BATCH_LINE_ITEMS = 10_000;

/** A valid statement's place in the results until its batch is applied. */
const NOT_YET_APPLIED: StatementResult = { line: 0, statementId: null, accountId: null, outcome: 'rejected', billId: null, issues: [] };

/** A valid statement waiting for its batch, and where its result goes. */
interface Pending {
  readonly index: number;
  readonly unit: StatementUnit;
  readonly statement: ValidStatement;
}

/**
 * Reads an import file as it arrives and checks each statement as soon as it is read: a
 * statement with any issue is rejected whole, with the line, field and why of each issue, and
 * the rest of the file goes on. Valid statements are applied `batchSize` at a time (batch.ts),
 * each with the outcome it would have had applied alone, in file order; a second statement of an
 * account waits until the ones held before it are applied. A batch is read and checked while
 * the one before is written, so at most two are held at a time.
 */
export async function importStatements(source: AsyncIterable<Uint8Array>, options: ImportOptions): Promise<ImportResult> {
  const units = options.format === 'csv' ? csvStatements(source) : jsonLinesStatements(source);
  const batchSize = Math.max(1, options.batchSize ?? BATCH_SIZE);
  const statements: StatementResult[] = [];
  const seen = new Set<string>();
  let pending: Pending[] = [];
  let pendingLineItems = 0;
  const pendingAccounts = new Set<string>();
  const apply = async (batch: readonly Pending[]) => {
    const context = { db: options.db, practice: options.practice, now: options.now, dryRun: options.dryRun, logger: options.logger };
    const outcomes: ApplyOutcome[] = [];
    if (batchSize > 1) outcomes.push(...(await applyBatch(context, batch.map((p) => p.statement))));
    else for (const p of batch) outcomes.push(await applyStatement(context, p.statement));
    for (const [i, p] of batch.entries()) statements[p.index] = resultOf(p.unit, outcomes[i]!);
  };
  // The batch being written while the next is read and checked; each starts once the one before
  // has committed, so it sees what that one wrote.
  let applying: Promise<void> = Promise.resolve();
  const flush = async () => {
    const batch = pending;
    pending = [];
    pendingAccounts.clear();
    pendingLineItems = 0;
    await applying;
    if (batch.length === 0) return;
    applying = apply(batch);
    // Its failure is thrown where it is awaited: by the next flush, or at the end.
    applying.catch(() => {});
  };
  let truncated = false;
  for await (const unit of units) {
    if (statements.length >= MAX_STATEMENTS_PER_FILE) {
      truncated = true;
      break;
    }
    const checked = checkUnit(unit, options, seen);
    if (!('statement' in checked)) {
      statements.push(checked);
      continue;
    }
    const account = checked.statement.input.account.id;
    if (pendingAccounts.has(account)) await flush();
    pending.push({ index: statements.length, unit, statement: checked.statement });
    pendingAccounts.add(account);
    statements.push(NOT_YET_APPLIED);
    pendingLineItems += checked.statement.lineItems.length;
    if (pending.length >= batchSize || pendingLineItems >= MAX_BATCH_LINE_ITEMS) await flush();
  }
  await flush();
  await applying;
  const counts = { created: 0, corrected: 0, unchanged: 0, rejected: 0 };
  for (const statement of statements) counts[statement.outcome]++;
  return { dryRun: options.dryRun, statements, counts, truncated };
}

const baseOf = (unit: StatementUnit) => ({ line: unit.line, statementId: unit.statementId ?? null, accountId: unit.accountId ?? null });

function rejected(unit: StatementUnit, issues: readonly ImportIssue[]): StatementResult {
  return { ...baseOf(unit), outcome: 'rejected', billId: null, issues: issues.slice(0, MAX_ISSUES_PER_STATEMENT) };
}

/** A statement's result: rejected with its issue, or what applying it did. */
function resultOf(unit: StatementUnit, applied: ApplyOutcome): StatementResult {
  if (applied.outcome === 'rejected') return rejected(unit, [{ ...unit.locate(applied.field.split('.')), message: applied.message }]);
  return { ...baseOf(unit), outcome: applied.outcome, billId: applied.billId ?? null, issues: [] };
}

/** The statement valid and ready to apply, or its rejection: unreadable, invalid, or its id seen before in the file. */
function checkUnit(unit: StatementUnit, options: ImportOptions, seen: Set<string>): StatementResult | { statement: ValidStatement } {
  if (unit.readIssues.length) return rejected(unit, unit.readIssues);
  const unstorable = unstorableStringAt(unit.raw);
  if (unstorable) return rejected(unit, [{ ...unit.locate(unstorable), message: 'contains characters that cannot be kept (NUL, an unpaired surrogate)' }]);
  const validation = validateStatement(unit.raw, options.practice);
  if (!validation.ok) return rejected(unit, validation.issues.map((issue) => ({ ...unit.locate(issue.path), message: issue.message })));
  const id = validation.statement.input.statement.id;
  if (seen.has(id)) return rejected(unit, [{ ...unit.locate(['statement', 'id']), message: 'appears more than once in this file (a statement’s rows must be together)' }]);
  seen.add(id);
  return { statement: validation.statement };
}

/** The format a file name or media type names: `.csv` / `text/csv`, `.jsonl` / `.ndjson` / `application/x-ndjson`. */
export function formatOf(name: string): ImportFormat | undefined {
  const lower = name.toLowerCase();
  if (/(?:\.csv|^text\/csv)(?:$|;)/.test(lower)) return 'csv';
  if (/(?:\.jsonl|\.ndjson|^application\/(?:x-)?(?:ndjson|jsonl|json-lines))(?:$|;)/.test(lower)) return 'jsonl';
  return undefined;
}
