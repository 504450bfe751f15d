import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Logger } from '../log.js';
import type { PracticeConfig } from '../practices/practices.js';
import { accountNumberKey } from '../lookup/lookup.js';
import { isoDate } from '../dates.js';
import type { ValidStatement } from './format.js';
import { queueStatementReady } from '../messages/outbox.js';
import { accountDetails, newRowId, randomBillId, statementRows, writeStatementRows } from './rows.js';

/** Why a statement whose account number another account holds is rejected (field `account.accountNumber`). */
export const NUMBER_OF_ANOTHER_ACCOUNT = 'is the account number of another account at this practice';

/** Why the ledger moves when a corrected statement replaces the one imported before. */
export const CORRECTION_REASON = 'statement_corrected';

export type ApplyOutcome =
  | { readonly outcome: 'created' | 'corrected' | 'unchanged'; readonly billId: string | undefined }
  | { readonly outcome: 'rejected'; readonly field: string; readonly message: string };

export interface ApplyContext {
  readonly db: Kysely<Database>;
  readonly practice: PracticeConfig;
  readonly now: Date;
  /** Check everything and write nothing: the transaction is rolled back. */
  readonly dryRun: boolean;
  /** Told when a batch fails as a whole and is applied one statement at a time (batch.ts). */
  readonly logger?: Logger;
}

class Rejected extends Error {
  override readonly name = 'Rejected';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Thrown to roll a dry run's transaction back, carrying what it would have done. */
class DryRunDone extends Error {
  override readonly name = 'DryRunDone';
  constructor(readonly result: ApplyOutcome) {
    super('dry run');
  }
}

/** How many random Bill IDs are tried before giving up (each is free with near certainty). */
export const MAX_BILL_ID_TRIES = 20;

/** A Bill ID no account or statement of the practice has ever had. Ids given out stay in `bill_ids`, so none comes back. */
async function newBillId(trx: Transaction<Database>, practice: PracticeConfig): Promise<string> {
  for (let attempt = 0; attempt < MAX_BILL_ID_TRIES; attempt++) {
    const billId = randomBillId(practice);
    const taken = await trx
      .selectFrom('accounts')
      .select('id')
      .where('practice_id', '=', practice.id)
      .where('bill_id', '=', billId)
      .unionAll(trx.selectFrom('bill_ids').select('account_id as id').where('practice_id', '=', practice.id).where('bill_id', '=', billId))
      .executeTakeFirst();
    if (!taken) return billId;
  }
  throw new Error('No free Bill ID was found.');
}

/** The guarantor's account, created or brought up to date from the statement's account columns. */
async function upsertAccount(trx: Transaction<Database>, practice: PracticeConfig, statement: ValidStatement, billId: () => Promise<string>): Promise<{ id: string; billId: string | undefined }> {
  const { account } = statement.input;
  const details = accountDetails(statement);
  const existing = await trx.selectFrom('accounts').select('id').where('practice_id', '=', practice.id).where('external_id', '=', account.id).forUpdate().executeTakeFirst();
  const numberHolder = await trx
    .selectFrom('accounts')
    .select('id')
    .where('practice_id', '=', practice.id)
    .where(sql<string>`upper(replace(account_number, ' ', ''))`, '=', accountNumberKey(account.accountNumber))
    .executeTakeFirst();
  if (numberHolder && numberHolder.id !== existing?.id) throw new Rejected('account.accountNumber', NUMBER_OF_ANOTHER_ACCOUNT);
  if (existing) {
    await trx.updateTable('accounts').set(details).where('id', '=', existing.id).execute();
    return { id: existing.id, billId: undefined };
  }
  const id = newRowId('acct');
  const accountBillId = await billId();
  await trx.insertInto('accounts').values({ id, practice_id: practice.id, external_id: account.id, bill_id: accountBillId, ...details }).execute();
  return { id, billId: accountBillId };
}

/** The statement, its line items, their notes and its ledger entries, written as a new statement. */
async function writeStatement(trx: Transaction<Database>, accountId: string, statement: ValidStatement, replaces: string | null): Promise<string> {
  const statementId = newRowId('stmt');
  await writeStatementRows(trx, [statementRows(accountId, statementId, statement, replaces)]);
  return statementId;
}

/**
 * The import's entries on a statement that a correction replaces, each reversed by a new entry
 * on the same statement: history stays as it was, and the two add up to nothing. Payments the
 * patient made through billpay (those with a payment of ours behind them) are not the import's.
 */
async function reverseImported(trx: Transaction<Database>, accountId: string, statementId: string, today: string): Promise<void> {
  const entries = await trx
    .selectFrom('ledger_entries')
    .select(['kind', 'reason', 'amount_cents'])
    .where('statement_id', '=', statementId)
    .where('payment_id', 'is', null)
    .where('refund_id', 'is', null)
    .where('kind', 'in', ['charge', 'fee', 'payment'])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  if (entries.length === 0) return;
  await trx
    .insertInto('ledger_entries')
    .values(entries.map((entry) => ({ account_id: accountId, statement_id: statementId, kind: 'reversal' as const, reason: CORRECTION_REASON, amount_cents: -entry.amount_cents, posted_on: today })))
    .execute();
}

/**
 * Applies one valid statement in one transaction, whole or not at all. The practice's statement
 * id decides: new, it is written and given a Bill ID; seen with the same content, nothing
 * changes; seen with other content, it is a correction: a new statement replaces the old, whose
 * entries are reversed, and it keeps its Bill ID.
 */
export async function applyStatement(context: ApplyContext, statement: ValidStatement): Promise<ApplyOutcome> {
  const { db, practice, now, dryRun } = context;
  const { input, contentHash } = statement;
  try {
    return await db.transaction().execute(async (trx) => {
      const known = await trx
        .selectFrom('imported_statements')
        .selectAll()
        .where('practice_id', '=', practice.id)
        .where('external_id', '=', input.statement.id)
        .forUpdate()
        .executeTakeFirst();
      if (known?.content_hash === contentHash) return { outcome: 'unchanged', billId: known.bill_id } as const;

      let statementBillId: string | undefined;
      const billId = async () => (statementBillId ??= await newBillId(trx, practice));
      const account = await upsertAccount(trx, practice, statement, billId);
      if (known && known.account_id !== account.id) throw new Rejected('statement.id', 'was imported before for another account');

      const statementId = await writeStatement(trx, account.id, statement, known?.statement_id ?? null);
      let result: ApplyOutcome;
      if (known) {
        await reverseImported(trx, account.id, known.statement_id, isoDate(now));
        await trx
          .updateTable('imported_statements')
          .set({ statement_id: statementId, content_hash: contentHash, updated_at: now })
          .where('practice_id', '=', practice.id)
          .where('external_id', '=', input.statement.id)
          .execute();
        result = { outcome: 'corrected', billId: known.bill_id };
      } else {
        const id = await billId();
        await trx.insertInto('bill_ids').values({ practice_id: practice.id, bill_id: id, account_id: account.id, statement_id: statementId, created_at: now }).execute();
        await trx
          .insertInto('imported_statements')
          .values({ practice_id: practice.id, external_id: input.statement.id, account_id: account.id, statement_id: statementId, bill_id: id, content_hash: contentHash, created_at: now, updated_at: now })
          .execute();
        await queueStatementReady(trx, [statementId], now);
        result = { outcome: 'created', billId: id };
      }
      if (dryRun) throw new DryRunDone(result.outcome === 'created' ? { outcome: 'created', billId: undefined } : result);
      return result;
    });
  } catch (error) {
    if (error instanceof DryRunDone) return error.result;
    if (error instanceof Rejected) return { outcome: 'rejected', field: error.field, message: error.message };
    // Another import wrote the same account or statement at the same moment (PostgreSQL).
    if ((error as { code?: unknown }).code === '23505') return { outcome: 'rejected', field: 'statement.id', message: 'was being imported by another import at the same time; import it again' };
    throw error;
  }
}
