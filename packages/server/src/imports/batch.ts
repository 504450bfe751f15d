import { CompiledQuery, sql, type Insertable, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { PracticeConfig } from '../practices/practices.js';
import { accountNumberKey } from '../lookup/lookup.js';
import { applyStatement, MAX_BILL_ID_TRIES, NUMBER_OF_ANOTHER_ACCOUNT, type ApplyContext, type ApplyOutcome } from './apply.js';
import type { ValidStatement } from './format.js';
import { accountDetails, insertRows, newRowId, randomBillId, rowsPerQuery, statementRows, valuesList, writeStatementRows, type AccountDetails } from './rows.js';

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

/** The account number as the lookup folds it in SQL (see `accountNumberKey`). */
const NUMBER_KEY = sql<string>`upper(replace(account_number, ' ', ''))`;

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
 * have done, as one statement after another would.
 */
async function applyLeadingRun(context: ApplyContext, statements: readonly ValidStatement[]): Promise<ApplyOutcome[]> {
  const { db, practice, dryRun } = context;
  return db.transaction().execute(async (trx) => {
    const known = new Map(
      (
        await trx
          .selectFrom('imported_statements')
          .select(['external_id', 'bill_id', 'content_hash'])
          .where('practice_id', '=', practice.id)
          .where(
            'external_id',
            'in',
            statements.map((s) => s.input.statement.id),
          )
          .forUpdate()
          .execute()
      ).map((row) => [row.external_id, row]),
    );
    const correction = statements.findIndex((s) => {
      const seen = known.get(s.input.statement.id);
      return seen !== undefined && seen.content_hash !== s.contentHash;
    });
    const run = correction === -1 ? statements : statements.slice(0, correction);
    if (run.length === 0) return [];

    const fresh = run.filter((s) => !known.has(s.input.statement.id));
    const accounts = fresh.length
      ? await trx
          .selectFrom('accounts')
          .select(['id', 'external_id', NUMBER_KEY.as('number_key')])
          .where('practice_id', '=', practice.id)
          .where(
            'external_id',
            'in',
            fresh.map((s) => s.input.account.id),
          )
          .forUpdate()
          .execute()
      : [];
    const existing = new Map(accounts.map((a) => [a.external_id!, a]));
    const holders = fresh.length
      ? await trx
          .selectFrom('accounts')
          .select(['id', NUMBER_KEY.as('number_key')])
          .where('practice_id', '=', practice.id)
          .where(
            NUMBER_KEY,
            'in',
            fresh.map((s) => accountNumberKey(s.input.account.accountNumber)),
          )
          .execute()
      : [];
    const holderOf = new Map(holders.map((h) => [h.number_key, h.id]));

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

    await giveBillIds(trx, practice, planned);
    await writePlanned(trx, context, planned);
    for (const p of planned) outcomes[p.index] = { outcome: 'created', billId: dryRun ? undefined : p.billId };
    if (dryRun) throw new BatchDryRunDone(outcomes);
    return outcomes;
  });
}

/** A free Bill ID for each planned statement, the whole batch checked in one query a try. */
async function giveBillIds(trx: Transaction<Database>, practice: PracticeConfig, planned: readonly Planned[]): Promise<void> {
  let waiting = [...planned];
  const given = new Set<string>();
  for (let attempt = 0; waiting.length > 0; attempt++) {
    if (attempt === MAX_BILL_ID_TRIES) throw new Error('No free Bill ID was found.');
    for (const p of waiting) {
      do p.billId = randomBillId(practice);
      while (given.has(p.billId));
      given.add(p.billId);
    }
    const candidates = waiting.map((p) => p.billId);
    const taken = new Set(
      (
        await trx
          .selectFrom('accounts')
          .select('bill_id')
          .where('practice_id', '=', practice.id)
          .where('bill_id', 'in', candidates)
          .unionAll(trx.selectFrom('bill_ids').select('bill_id').where('practice_id', '=', practice.id).where('bill_id', 'in', candidates))
          .execute()
      ).map((row) => row.bill_id),
    );
    waiting = waiting.filter((p) => taken.has(p.billId));
  }
}

/** Writes the planned statements: accounts brought up to date, then new accounts, statements and their registry rows. */
async function writePlanned(trx: Transaction<Database>, context: ApplyContext, planned: readonly Planned[]): Promise<void> {
  const { practice, now } = context;
  await updateAccounts(
    trx,
    planned.filter((p) => !p.newAccount).map((p) => ({ id: p.accountId, ...accountDetails(p.statement) })),
  );
  await insertRows(
    trx,
    'accounts',
    planned.filter((p) => p.newAccount).map((p) => ({ id: p.accountId, practice_id: practice.id, external_id: p.statement.input.account.id, bill_id: p.billId, ...accountDetails(p.statement) })),
  );
  const statementIds = planned.map(() => newRowId('stmt'));
  await writeStatementRows(
    trx,
    planned.map((p, i) => statementRows(p.accountId, statementIds[i]!, p.statement, null)),
  );
  await insertRows(
    trx,
    'bill_ids',
    planned.map((p, i) => ({ practice_id: practice.id, bill_id: p.billId, account_id: p.accountId, statement_id: statementIds[i]!, created_at: now })),
  );
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
  await insertRows(trx, 'imported_statements', imported);
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
