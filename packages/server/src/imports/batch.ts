import { CompiledQuery, type Insertable, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { PracticeConfig } from '../practices/practices.js';
import { accountNumberKey } from '../lookup/lookup.js';
import { applyStatement, MAX_BILL_ID_TRIES, NUMBER_OF_ANOTHER_ACCOUNT, type ApplyContext, type ApplyOutcome } from './apply.js';
import type { ValidStatement } from './format.js';
import { queueStatementReady } from '../messages/outbox.js';
import { askBatch, insertTables, takenBillIds } from './batch-queries.js';
import { accountDetails, newRowId, randomBillId, rowsPerQuery, statementRows, valuesList, type AccountDetails } from './rows.js';

/**
 * Many statements applied in one transaction with a handful of queries, with the outcomes
 * `applyStatement` gives them one after another (issue 13: the import at half the rate of
 * inserting the same rows directly). The caller gives statements of distinct accounts
 * (`importStatements` applies what it holds before a second statement of an account); a
 * correction goes by `applyStatement`, in its place in the file; and a batch that fails as a
 * whole (another import writing the same account at the same moment, or anything unexpected) is
 * rolled back and applied one statement at a time, so nothing is half applied.
 */

/** Thrown to roll a dry run's batch back, carrying what it would have done. */
class BatchDryRunDone extends Error {
  override readonly name = 'BatchDryRunDone';
  constructor(readonly outcomes: ApplyOutcome[]) {
    super('dry run');
  }
}

/** Applies valid statements of distinct accounts, giving each its outcome in the same order. */
export async function applyBatch(context: ApplyContext, statements: readonly ValidStatement[]): Promise<ApplyOutcome[]> {
  const outcomes: ApplyOutcome[] = [];
  while (outcomes.length < statements.length) {
    const rest = statements.slice(outcomes.length);
    let applied: ApplyOutcome[];
    try {
      applied = rest.length === 1 ? [] : await applyLeadingRun(context, rest);
    } catch (error) {
      if (!(error instanceof BatchDryRunDone)) {
        const code = (error as { code?: unknown }).code;
        context.logger?.info({ event: 'import_batch_applied_one_by_one', practice: context.practice.id, statements: rest.length, error: (error as Error).name, code: typeof code === 'string' ? code : undefined });
        for (const statement of rest) outcomes.push(await applyStatement(context, statement));
        break;
      }
      applied = error.outcomes;
    }
    // None applied: the first is a correction (or alone), which takes the one-statement path.
    if (applied.length === 0) outcomes.push(await applyStatement(context, rest[0]!));
    else outcomes.push(...applied);
  }
  return outcomes;
}

/** A statement the batch writes: its account (new or brought up to date) and the Bill ID it gets. */
interface Planned {
  readonly index: number;
  readonly statement: ValidStatement;
  readonly accountId: string;
  readonly newAccount: boolean;
  billId: string;
}

/**
 * Applies the statements up to the first correction in one transaction, and returns their
 * outcomes (none when the first is a correction). Statements seen before with the same content
 * are unchanged; the account number check is run in file order over what the statements before
 * have done, as one statement after another would. Four round trips whatever the batch's size:
 * one query asks what the database holds of it, one statement writes it (and one brings the
 * accounts it updates up to date), besides begin and commit.
 */
async function applyLeadingRun(context: ApplyContext, statements: readonly ValidStatement[]): Promise<ApplyOutcome[]> {
  const { db, practice, dryRun } = context;
  return db.transaction().execute(async (trx) => {
    const candidates = billIdCandidates(practice, statements.length, new Set());
    const answer = await askBatch(trx, {
      practiceId: practice.id,
      statementIds: statements.map((s) => s.input.statement.id),
      accountIds: statements.map((s) => s.input.account.id),
      numberKeys: statements.map((s) => accountNumberKey(s.input.account.accountNumber)),
      billIds: candidates,
    });
    const known = new Map(answer.known.map((row) => [row.external_id, row]));
    const correction = statements.findIndex((s) => {
      const seen = known.get(s.input.statement.id);
      return seen !== undefined && seen.content_hash !== s.contentHash;
    });
    const run = correction === -1 ? statements : statements.slice(0, correction);
    if (run.length === 0) return [];

    const existing = new Map(answer.accounts.map((a) => [a.external_id, a]));
    const holderOf = new Map(answer.holders.map((h) => [h.number_key, h.id]));
    const outcomes: ApplyOutcome[] = [];
    const planned: Planned[] = [];
    for (const [index, statement] of run.entries()) {
      const seen = known.get(statement.input.statement.id);
      if (seen) {
        outcomes.push({ outcome: 'unchanged', billId: seen.bill_id });
        continue;
      }
      const account = existing.get(statement.input.account.id);
      const key = accountNumberKey(statement.input.account.accountNumber);
      const holder = holderOf.get(key);
      if (holder !== undefined && holder !== account?.id) {
        outcomes.push({ outcome: 'rejected', field: 'account.accountNumber', message: NUMBER_OF_ANOTHER_ACCOUNT });
        continue;
      }
      const accountId = account?.id ?? newRowId('acct');
      // The account's old number is free for the statements after it once this one changes it.
      if (account && account.number_key !== key && holderOf.get(account.number_key) === account.id) holderOf.delete(account.number_key);
      holderOf.set(key, accountId);
      planned.push({ index, statement, accountId, newAccount: !account, billId: '' });
      outcomes.push({ outcome: 'created', billId: undefined });
    }

    await giveBillIds(trx, practice, planned, candidates, new Set(answer.taken));
    await writePlanned(trx, context, planned);
    for (const p of planned) outcomes[p.index] = { outcome: 'created', billId: dryRun ? undefined : p.billId };
    if (dryRun) throw new BatchDryRunDone(outcomes);
    return outcomes;
  });
}

/** `count` random Bill IDs, distinct from each other and from `given`. */
function billIdCandidates(practice: PracticeConfig, count: number, given: Set<string>): string[] {
  const candidates: string[] = [];
  while (candidates.length < count) {
    const billId = randomBillId(practice);
    if (given.has(billId)) continue;
    given.add(billId);
    candidates.push(billId);
  }
  return candidates;
}

/**
 * A free Bill ID for each planned statement: first the candidates the batch's lookup checked
 * (`taken` those the practice has given out before), then, for any that were taken, new ones,
 * the rest checked in one query a try.
 */
async function giveBillIds(trx: Transaction<Database>, practice: PracticeConfig, planned: readonly Planned[], checked: readonly string[], taken: ReadonlySet<string>): Promise<void> {
  const given = new Set(checked);
  const free = checked.filter((billId) => !taken.has(billId));
  let waiting: Planned[] = [];
  for (const p of planned) {
    const billId = free.shift();
    if (billId === undefined) waiting.push(p);
    else p.billId = billId;
  }
  for (let attempt = 1; waiting.length > 0; attempt++) {
    if (attempt === MAX_BILL_ID_TRIES) throw new Error('No free Bill ID was found.');
    const candidates = billIdCandidates(practice, waiting.length, given);
    for (const [i, p] of waiting.entries()) p.billId = candidates[i]!;
    const takenNow = await takenBillIds(trx, practice.id, candidates);
    waiting = waiting.filter((p) => takenNow.has(p.billId));
  }
}

/** Writes the planned statements: accounts brought up to date, then, in one statement, new accounts, statements and their registry rows. */
async function writePlanned(trx: Transaction<Database>, context: ApplyContext, planned: readonly Planned[]): Promise<void> {
  const { practice, now } = context;
  await updateAccounts(
    trx,
    planned.filter((p) => !p.newAccount).map((p) => ({ id: p.accountId, ...accountDetails(p.statement) })),
  );
  const statementIds = planned.map(() => newRowId('stmt'));
  const rows = planned.map((p, i) => statementRows(p.accountId, statementIds[i]!, p.statement, null));
  const imported: Insertable<Database['imported_statements']>[] = planned.map((p, i) => ({
    practice_id: practice.id,
    external_id: p.statement.input.statement.id,
    account_id: p.accountId,
    statement_id: statementIds[i]!,
    bill_id: p.billId,
    content_hash: p.statement.contentHash,
    created_at: now,
    updated_at: now,
  }));
  await insertTables(trx, [
    { table: 'accounts', rows: planned.filter((p) => p.newAccount).map((p) => ({ id: p.accountId, practice_id: practice.id, external_id: p.statement.input.account.id, bill_id: p.billId, ...accountDetails(p.statement) })) },
    { table: 'statements', rows: rows.map((r) => r.statement) },
    { table: 'line_items', rows: rows.flatMap((r) => r.lineItems) },
    { table: 'insurer_notes', rows: rows.flatMap((r) => r.notes) },
    { table: 'ledger_entries', rows: rows.flatMap((r) => r.ledger) },
    { table: 'bill_ids', rows: planned.map((p, i) => ({ practice_id: practice.id, bill_id: p.billId, account_id: p.accountId, statement_id: statementIds[i]!, created_at: now })) },
    { table: 'imported_statements', rows: imported },
  ]);
  // "Your statement is ready", with the statements (a dry run's roll back with them).
  await queueStatementReady(trx, statementIds, now);
}

/** Columns of `accountDetails` that are not text, cast from the text a VALUES list carries. */
const CASTS: Partial<Record<keyof AccountDetails, string>> = { date_of_birth: 'date' };

/** Brings existing accounts up to date, one `UPDATE ... FROM (VALUES ...)` per chunk. */
async function updateAccounts(trx: Transaction<Database>, rows: readonly ({ id: string } & AccountDetails)[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const set = columns
    .filter((c) => c !== 'id')
    .map((c) => `${c} = v.${c}${CASTS[c as keyof AccountDetails] ? `::${CASTS[c as keyof AccountDetails]}` : ''}`)
    .join(', ');
  const perQuery = rowsPerQuery(columns.length);
  for (let from = 0; from < rows.length; from += perQuery) {
    const values = valuesList(rows.slice(from, from + perQuery), columns);
    await trx.executeQuery(CompiledQuery.raw(`update accounts set ${set} from (values ${values.text}) as v (${columns.join(', ')}) where accounts.id = v.id`, values.parameters));
  }
}
