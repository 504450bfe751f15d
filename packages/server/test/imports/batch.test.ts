import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { BillPayDatabase } from '../../src/db/database.js';
import { importStatements, type ImportResult } from '../../src/imports/import.js';
import type { LogFields } from '../../src/log.js';
import { backends } from '../support/backends.js';
import { harborPoint } from '../support/harness.js';
import { statementLine as statement } from '../support/statements.js';

const NOW = new Date('2026-11-22T12:00:00Z');

/** Imports JSON Lines with the given batch size (1: each statement in its own transaction). */
function run(database: BillPayDatabase, lines: readonly string[], options: { batchSize?: number; dryRun?: boolean; log?: LogFields[] } = {}): Promise<ImportResult> {
  const log = options.log ?? [];
  const logger = { info: (fields: LogFields) => log.push(fields), warn: (fields: LogFields) => log.push(fields), error: (fields: LogFields) => log.push(fields) };
  const file = new TextEncoder().encode(lines.join('\n'));
  return importStatements(Readable.from([file]), { db: database.db, practice: harborPoint, format: 'jsonl', dryRun: options.dryRun ?? false, now: NOW, batchSize: options.batchSize, logger });
}

/** What a result says of each statement, without the Bill IDs (random): outcome, whether it has one, and the issues. */
const outcomesOf = (result: ImportResult) => result.statements.map((s) => [s.statementId, s.outcome, s.billId !== null, s.issues.map((i) => `${i.line} ${i.field}: ${i.message}`)]);

/**
 * The rows an import wrote, with the random ids (accounts, statements, Bill IDs) replaced by the
 * practice's ids they stand for, so two databases that had the same imports compare equal.
 */
async function contents(database: BillPayDatabase) {
  const { db } = database;
  const imported = await db.selectFrom('imported_statements').selectAll().orderBy('external_id').execute();
  const accounts = await db.selectFrom('accounts').selectAll().where('external_id', 'is not', null).orderBy('external_id').execute();
  const statements = await db.selectFrom('statements').select(['id', 'account_id', 'statement_date', 'period_start', 'due_date', 'replaces']).execute();
  const accountOf = new Map(accounts.map((a) => [a.id, a.external_id]));
  const current = new Map(imported.map((i) => [i.statement_id, i.external_id]));
  const replacedBy = new Map(statements.filter((s) => s.replaces).map((s) => [s.replaces!, s.id]));
  const statementLabel = (id: string | null): string => (id === null ? '-' : current.get(id) ?? `replaced by ${statementLabel(replacedBy.get(id) ?? null)}`);
  const billLabel = new Map(imported.map((i) => [i.bill_id, i.external_id]));
  const bills = await db.selectFrom('bill_ids').selectAll().execute();
  const items = await db.selectFrom('line_items').selectAll().execute();
  const notes = await db.selectFrom('insurer_notes').selectAll().execute();
  const ledger = await db.selectFrom('ledger_entries').select(['account_id', 'statement_id', 'kind', 'reason', 'amount_cents', 'posted_on']).execute();
  const sorted = (rows: string[]) => rows.sort();
  return {
    accounts: accounts.map(({ id: _id, created_at: _at, bill_id, ...rest }) => ({ ...rest, bill: billLabel.get(bill_id) })),
    statements: sorted(statements.map((s) => `${accountOf.get(s.account_id)} ${statementLabel(s.id)} ${s.statement_date} ${s.period_start} ${s.due_date} replaces ${statementLabel(s.replaces)}`)),
    lineItems: sorted(items.map((i) => `${statementLabel(i.statement_id)} ${i.position} ${i.code} ${i.provider} ${i.charge_cents} ${i.insurance_paid_cents} ${i.adjustment_cents} ${i.patient_cents}`)),
    notes: sorted(notes.map((n) => `${statementLabel(n.statement_id)} ${n.kind} ${n.amount_cents}`)),
    ledger: sorted(ledger.map((e) => `${accountOf.get(e.account_id)} ${statementLabel(e.statement_id)} ${e.kind} ${e.reason} ${e.amount_cents} ${e.posted_on}`)),
    billIds: sorted(bills.filter((b) => accountOf.has(b.account_id)).map((b) => `${billLabel.get(b.bill_id)} ${accountOf.get(b.account_id)} ${statementLabel(b.statement_id)}`)),
    imported: imported.map((i) => `${i.external_id} ${accountOf.get(i.account_id)} ${statementLabel(i.statement_id)} ${i.content_hash}`),
  };
}

/** Statements imported before the mixed file: accounts T-1, T-2, T-3 and T-5. */
const EARLIER = [statement(1), statement(2), statement(3), statement(5)];

const changedAmounts = (s: Parameters<Parameters<typeof statement>[1] & object>[0]) =>
  Object.assign(s.lineItems[0], { insurancePaid: '120.00', adjustments: [{ code: 'CO-45', amount: '40.00' }, { code: 'PR-2', amount: '20.00' }], patientResponsibility: '20.00' });

/** A month's file with every kind of statement, some depending on the ones before them. */
const MIXED = [
  statement(10), // new account, new statement
  statement(1), // the same again: unchanged
  statement(2, (s) => ((s.statement.id = 'T-ST-2b'), (s.account.address.line1 = '9 New Road'))), // an existing account's next statement
  statement(2, changedAmounts), // a correction, of the account just updated
  statement(12, (s) => (s.account.accountNumber = 'T-ACCT-3')), // the number of an account imported before: rejected
  statement(13), // a new account ...
  statement(13, (s) => (s.statement.id = 'T-ST-13b')), // ... and its second statement in the same file
  statement(5, (s) => ((s.statement.id = 'T-ST-5b'), (s.account.accountNumber = 'T-ACCT-5B'))), // an account gives up its number ...
  statement(14, (s) => (s.account.accountNumber = 'T-ACCT-5')), // ... which the next new account takes
  statement(15, (s) => (s.account.accountNumber = 't-acct-1 0')), // the number of the account created above: rejected
  statement(3, (s) => ((s.account.id = 'T-1'), (s.account.accountNumber = 'T-ACCT-1'), changedAmounts(s))), // imported before for another account: rejected
  statement(16, changedAmounts),
];

for (const backend of backends) {
  describe(`imports in batches (${backend.name})`, () => {
    const opened: { database: BillPayDatabase; drop(): Promise<void> }[] = [];
    const fresh = async () => {
      const created = await backend.create();
      opened.push(created);
      return created.database;
    };
    after(async () => {
      for (const { database, drop } of opened) {
        await database.close();
        await drop();
      }
    });

    let oneByOne: { result: ImportResult; database: BillPayDatabase };
    before(async () => {
      const database = await fresh();
      await run(database, EARLIER, { batchSize: 1 });
      oneByOne = { result: await run(database, MIXED, { batchSize: 1 }), database };
    });

    it('gives every statement of a mixed file the outcome, and writes the rows, that one statement at a time does', async () => {
      assert.deepEqual(
        oneByOne.result.statements.map((s) => s.outcome),
        ['created', 'unchanged', 'created', 'corrected', 'rejected', 'created', 'created', 'created', 'created', 'rejected', 'rejected', 'created'],
        JSON.stringify(oneByOne.result.statements),
      );
      const database = await fresh();
      const log: LogFields[] = [];
      await run(database, EARLIER, { log });
      const batched = await run(database, MIXED, { log });
      assert.deepEqual(outcomesOf(batched), outcomesOf(oneByOne.result));
      assert.deepEqual(batched.counts, oneByOne.result.counts);
      assert.deepEqual(await contents(database), await contents(oneByOne.database));
      assert.deepEqual(log, [], 'no batch fell back to one by one');
      const billIds = batched.statements.flatMap((s) => (s.billId ? [s.billId] : []));
      assert.equal(new Set(billIds).size, billIds.length, 'each new statement has a Bill ID of its own');
      const unchanged = batched.statements[1]!;
      const first = (await run(database, [statement(1)])).statements[0]!;
      assert.equal(unchanged.billId, first.billId, 'an unchanged statement answers with its Bill ID');
    });

    it('checks a batch in a dry run as it would be applied, and writes nothing; new statements get no Bill ID', async () => {
      const database = await fresh();
      await run(database, EARLIER);
      const before = await contents(database);
      // Line 10 depends on line 1, which a dry run does not keep for the batches after its own.
      const lines = MIXED.filter((_, i) => i !== 9);
      const dry = await run(database, lines, { dryRun: true });
      assert.equal(dry.dryRun, true);
      const expected = oneByOne.result.statements.filter((_, i) => i !== 9);
      assert.deepEqual(
        dry.statements.map((s) => [s.statementId, s.outcome, s.billId !== null]),
        expected.map((s) => [s.statementId, s.outcome, s.outcome === 'unchanged' || s.outcome === 'corrected']),
      );
      assert.ok(dry.statements[1]!.billId, 'an unchanged statement answers with its Bill ID');
      assert.deepEqual(await contents(database), before);
    });

    it('applies a batch that fails whole one statement at a time, with the same outcomes and nothing written twice', async () => {
      const database = await fresh();
      await run(database, EARLIER);
      // A batch writes several imported statements in one insert; one statement at a time, one.
      await sql`create function one_at_a_time() returns trigger language plpgsql as $$
        begin
          if (select count(*) from inserted) > 1 then raise exception 'one at a time'; end if;
          return null;
        end $$`.execute(database.db);
      await sql`create trigger one_at_a_time after insert on imported_statements referencing new table as inserted for each statement execute function one_at_a_time()`.execute(database.db);
      const log: LogFields[] = [];
      const result = await run(database, MIXED, { log });
      assert.deepEqual(outcomesOf(result), outcomesOf(oneByOne.result));
      assert.deepEqual(await contents(database), await contents(oneByOne.database));
      assert.ok(log.length > 0 && log.every((fields) => fields.event === 'import_batch_applied_one_by_one' && fields.practice === 'harbor-point'), JSON.stringify(log));
      assert.equal(JSON.stringify(log).includes('T-ACCT'), false, 'no account number in the log');
    });

    it('rejects a bad statement in the middle of a batch alone: its neighbours applied, nothing of it written; batches bounded by line items', async () => {
      const database = await fresh();
      // 30 statements of 400 line items: a batch closes at 10,000 line items (the 25th), the rest go in a second.
      const lines = Array.from({ length: 30 }, (_, n) =>
        statement(200 + n, (s) => {
          s.lineItems = Array.from({ length: 400 }, () => ({ ...s.lineItems[0] })) as typeof s.lineItems;
          // The 12th takes the account number of the 3rd, written in the same batch: it alone is rejected.
          if (n === 11) s.account.accountNumber = 'T-ACCT-202';
        }),
      );
      const log: LogFields[] = [];
      const result = await run(database, lines, { log });
      assert.deepEqual(result.counts, { created: 29, corrected: 0, unchanged: 0, rejected: 1 });
      assert.deepEqual(
        result.statements.filter((s) => s.outcome === 'rejected'),
        [{ line: 12, statementId: 'T-ST-211', accountId: 'T-211', outcome: 'rejected', billId: null, issues: [{ line: 12, field: 'account.accountNumber', message: 'is the account number of another account at this practice' }] }],
      );
      assert.deepEqual(log, [], 'no batch fell back to one by one');
      const { db } = database;
      const count = async (table: 'line_items' | 'statements' | 'ledger_entries' | 'bill_ids') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
      assert.equal(await count('statements'), 29);
      assert.equal(await count('line_items'), 29 * 400);
      assert.equal(await count('ledger_entries'), 29 * 2, 'a charge and a payment each');
      assert.equal(await count('bill_ids'), 29);
      assert.equal(await db.selectFrom('accounts').select('id').where('external_id', '=', 'T-211').executeTakeFirst(), undefined, 'no account of the rejected statement');
      assert.equal(await db.selectFrom('imported_statements').select('external_id').where('external_id', '=', 'T-ST-211').executeTakeFirst(), undefined);
      const again = await run(database, lines);
      assert.deepEqual(again.counts, { created: 0, corrected: 0, unchanged: 29, rejected: 1 }, 'the same file again changes nothing');
      assert.equal(await count('line_items'), 29 * 400);
    });

    it('applies a file longer than a batch, in order, the second statement of an account after the first', async () => {
      const database = await fresh();
      const lines = Array.from({ length: 1_203 }, (_, n) => statement(100 + (n % 1_100), (s) => (s.statement.id = `T-ST-${100 + n}`)));
      const result = await run(database, lines);
      assert.deepEqual(result.counts, { created: 1_203, corrected: 0, unchanged: 0, rejected: 0 });
      assert.deepEqual(result.statements.map((s) => s.line), lines.map((_, n) => n + 1));
      const { count } = await database.db.selectFrom('accounts').select((eb) => eb.fn.countAll<string>().as('count')).where('external_id', 'like', 'T-%').executeTakeFirstOrThrow();
      assert.equal(Number(count), 1_100);
      const again = await run(database, lines);
      assert.deepEqual(again.counts, { created: 0, corrected: 0, unchanged: 1_203, rejected: 0 });
      assert.deepEqual(again.statements.map((s) => s.billId), result.statements.map((s) => s.billId));
    });
  });
}
