import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { unstorableStringAt } from '../edge/input.js';
import type { PracticeConfig } from '../practices/practices.js';
import { applyStatement } from './apply.js';
import { csvStatements } from './csv.js';
import { validateStatement } from './format.js';
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
}

const MAX_ISSUES_PER_STATEMENT = 50;

/**
 * Reads an import file as it arrives and applies each statement as soon as it is read, each in
 * its own transaction: a statement with any issue is rejected whole, with the line, field and
 * why of each issue, and the rest of the file goes on. Only one statement is held at a time.
 */
export async function importStatements(source: AsyncIterable<Uint8Array>, options: ImportOptions): Promise<ImportResult> {
  const units = options.format === 'csv' ? csvStatements(source) : jsonLinesStatements(source);
  const statements: StatementResult[] = [];
  const seen = new Set<string>();
  let truncated = false;
  for await (const unit of units) {
    if (statements.length >= MAX_STATEMENTS_PER_FILE) {
      truncated = true;
      break;
    }
    statements.push(await applyUnit(unit, options, seen));
  }
  const counts = { created: 0, corrected: 0, unchanged: 0, rejected: 0 };
  for (const statement of statements) counts[statement.outcome]++;
  return { dryRun: options.dryRun, statements, counts, truncated };
}

async function applyUnit(unit: StatementUnit, options: ImportOptions, seen: Set<string>): Promise<StatementResult> {
  const base = { line: unit.line, statementId: unit.statementId ?? null, accountId: unit.accountId ?? null };
  const rejected = (issues: readonly ImportIssue[]): StatementResult => ({ ...base, outcome: 'rejected', billId: null, issues: issues.slice(0, MAX_ISSUES_PER_STATEMENT) });
  if (unit.readIssues.length) return rejected(unit.readIssues);
  const unstorable = unstorableStringAt(unit.raw);
  if (unstorable) return rejected([{ ...unit.locate(unstorable), message: 'contains characters that cannot be kept (NUL, an unpaired surrogate)' }]);
  const validation = validateStatement(unit.raw, options.practice);
  if (!validation.ok) return rejected(validation.issues.map((issue) => ({ ...unit.locate(issue.path), message: issue.message })));
  const id = validation.statement.input.statement.id;
  if (seen.has(id)) return rejected([{ ...unit.locate(['statement', 'id']), message: 'appears more than once in this file (a statement’s rows must be together)' }]);
  seen.add(id);
  const applied = await applyStatement({ db: options.db, practice: options.practice, now: options.now, dryRun: options.dryRun }, validation.statement);
  if (applied.outcome === 'rejected') return rejected([{ ...unit.locate(applied.field.split('.')), message: applied.message }]);
  return { ...base, outcome: applied.outcome, billId: applied.billId ?? null, issues: [] };
}

/** The format a file name or media type names: `.csv` / `text/csv`, `.jsonl` / `.ndjson` / `application/x-ndjson`. */
export function formatOf(name: string): ImportFormat | undefined {
  const lower = name.toLowerCase();
  if (/(?:\.csv|^text\/csv)(?:$|;)/.test(lower)) return 'csv';
  if (/(?:\.jsonl|\.ndjson|^application\/(?:x-)?(?:ndjson|jsonl|json-lines))(?:$|;)/.test(lower)) return 'jsonl';
  return undefined;
}
