import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { normalizeBillId } from '@billpay/sdk';
import type { ImportResult, StatementResult } from '../../src/imports/import.js';
import { backends } from '../support/backends.js';
import { FROM_TEST_PROXY, openHarness, problem, type Harness } from '../support/harness.js';
import { adminKey } from '../support/admin.js';
import { statementLine as statement } from '../support/statements.js';

const sample = (name: string) => readFile(new URL(`../../../../demo/import/${name}`, import.meta.url), 'utf8');
const CSV_FILE = 'statements-2026-11-20.csv';
const JSONL_FILE = 'statements-2026-11-20.jsonl';

for (const backend of backends) {
  describe(`imports (${backend.name})`, () => {
    let harness: Harness;
    let key: string;

    before(async () => {
      harness = await openHarness(backend);
      key = (await adminKey(harness.database, 'harbor-point', ['import'])).secret;
    });
    after(async () => {
      await harness.close();
    });

    async function post(body: BodyInit, contentType: string, query = '', headers: Record<string, string> = {}, withKey = key) {
      const response = await harness.app.request(
        `/admin/v1/imports${query}`,
        { method: 'POST', headers: { authorization: `Bearer ${withKey}`, 'content-type': contentType, ...headers }, body, ...(body instanceof ReadableStream ? { duplex: 'half' } : {}) },
        FROM_TEST_PROXY,
      );
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : null) as ImportResult };
    }
    const jsonl = (lines: string[], query = '') => post(lines.join('\n'), 'application/x-ndjson', query);
    const only = (result: ImportResult, id: string): StatementResult => {
      const found = result.statements.find((s) => s.statementId === id);
      assert.ok(found, `${id} is in the result: ${JSON.stringify(result.statements)}`);
      return found;
    };
    const balanceOf = async (externalId: string) => {
      const row = await harness.database.db
        .selectFrom('ledger_entries')
        .innerJoin('accounts', 'accounts.id', 'ledger_entries.account_id')
        .select((eb) => eb.fn.sum<string>('ledger_entries.amount_cents').as('sum'))
        .where('accounts.external_id', '=', externalId)
        .executeTakeFirstOrThrow();
      return Number(row.sum);
    };

    it('imports the sample run as JSON Lines, gives each statement a new Bill ID, and the same run as CSV changes nothing', async () => {
      const first = await post(await sample(JSONL_FILE), 'application/x-ndjson');
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assert.ok(first.body.statements.length >= 20);
      assert.deepEqual(first.body.counts, { created: first.body.statements.length, corrected: 0, unchanged: 0, rejected: 0 });
      const billIds = first.body.statements.map((s) => s.billId!);
      for (const billId of billIds) assert.deepEqual(normalizeBillId(billId, 'luhn'), { ok: true, billId });
      assert.equal(new Set(billIds).size, billIds.length);

      const again = await post(await sample(CSV_FILE), 'text/csv');
      assert.equal(again.status, 200);
      assert.deepEqual(again.body.counts, { created: 0, corrected: 0, unchanged: billIds.length, rejected: 0 }, JSON.stringify(again.body.statements.filter((s) => s.outcome !== 'unchanged')));
      assert.deepEqual(again.body.statements.map((s) => s.billId), billIds);
      const twice = await post(await sample(JSONL_FILE), 'application/x-ndjson');
      assert.equal(twice.body.counts.unchanged, billIds.length);
      const log = harness.logLines.join('\n');
      for (const billId of billIds) assert.equal(log.includes(billId), false, 'no Bill ID in the log');
      assert.equal(log.includes('1950-01-01'), false, 'no date of birth in the log');
    });

    it('lets an imported patient find the bill by its Bill ID and date of birth, and see its line items', async () => {
      const result = await jsonl([statement(1)]);
      const { billId } = only(result.body, 'T-ST-1');
      const found = await harness.lookup<{ token: string }>({ practice: 'harbor-point', billId, dateOfBirth: '1980-02-03' });
      assert.equal(found.status, 201, JSON.stringify(found.body));
      const account = await harness.request<{ balanceCents: number; statements: { id: string; amountCents: number }[] }>('/v1/account', found.body.token);
      assert.equal(account.status, 200);
      assert.equal(account.body.balanceCents, 3_000);
      const view = await harness.request<{ lineItems: { code: string; patientCents: number; adjustmentCents: number; notes: { kind: string }[] }[] }>(`/v1/statements/${account.body.statements[0]!.id}`, found.body.token);
      assert.equal(view.status, 200);
      assert.deepEqual(view.body.lineItems.map((i) => [i.code, i.patientCents, i.adjustmentCents, i.notes.map((n) => n.kind)]), [['99213-25', 4_000, 4_000, ['coinsurance']]]);
    });

    it('a second statement of the same account gets a Bill ID of its own, which finds the account too', async () => {
      const result = await jsonl([statement(1, (s) => (s.statement.id = 'T-ST-1b'))]);
      const { billId } = only(result.body, 'T-ST-1b');
      assert.equal(only(result.body, 'T-ST-1b').outcome, 'created');
      const found = await harness.lookup({ practice: 'harbor-point', billId, dateOfBirth: '1980-02-03' });
      assert.equal(found.status, 201);
    });

    it('rejects each bad statement whole with its line, field and why, and applies the rest', async () => {
      const result = await jsonl([
        statement(10),
        '{"account": ',
        statement(11, (s) => ((s.lineItems[0] as Record<string, unknown>).charge = 180)),
        statement(12, (s) => (s.lineItems[0].charge = '-180.00')),
        statement(13, (s) => (s.lineItems[0].npi = '1234567891')),
        statement(14, (s) => (s.lineItems[0].npi = '1982345674')),
        statement(15, (s) => (s.lineItems[0].patientResponsibility = '45.00')),
        statement(16, (s) => (s.account.dateOfBirth = '1980-02-30')),
        statement(17),
        statement(18, (s) => (s.account.firstName = 'Nul\u0000')),
      ]);
      assert.equal(result.status, 200);
      const outcome = (line: number) => result.body.statements.find((s) => s.line === line)!;
      assert.equal(outcome(1).outcome, 'created');
      assert.equal(outcome(9).outcome, 'created');
      assert.deepEqual(outcome(2).issues, [{ line: 2, field: null, message: 'the line is not valid JSON' }]);
      assert.deepEqual(outcome(3).issues.map((i) => [i.line, i.field]), [[3, 'lineItems.0.charge']]);
      assert.match(outcome(4).issues[0]!.message, /negative/);
      assert.match(outcome(5).issues[0]!.message, /check digit/);
      assert.deepEqual(outcome(6).issues.map((i) => [i.field, i.message]), [['lineItems.0.npi', 'is not the NPI of one of the practice’s providers']]);
      assert.equal(outcome(7).issues[0]!.field, 'lineItems.0.patientResponsibility');
      assert.match(outcome(7).issues[0]!.message, /does not add up/);
      assert.equal(outcome(8).issues[0]!.field, 'account.dateOfBirth');
      assert.deepEqual(outcome(10).issues.map((i) => [i.line, i.field]), [[10, 'account.firstName']]);
      for (const line of [2, 3, 4, 5, 6, 7, 8, 10]) assert.equal(outcome(line).outcome, 'rejected');
      // Nothing of a rejected statement was written.
      const accounts = await harness.database.db.selectFrom('accounts').select('external_id').where('external_id', 'in', ['T-11', 'T-12', 'T-13', 'T-14', 'T-15', 'T-16', 'T-18']).execute();
      assert.deepEqual(accounts, []);
    });

    it('names the CSV line and column of a bad row, and a malformed row rejects its statement', async () => {
      const csv = (await sample(CSV_FILE)).trimEnd().split('\n');
      const header = csv[0]!;
      const columns = header.split(',');
      const row = (cells: Record<string, string>) => columns.map((c) => (cells[c] ?? '').includes(',') ? `"${cells[c]}"` : cells[c] ?? '').join(',');
      const base = { record: 'line_item', account_number: 'C-1', first_name: 'Ana', last_name: 'Csv', date_of_birth: '1970-05-06', address_line1: '2 Test Road', city: 'New Haven', state: 'CT', postal_code: '06510', statement_date: '2026-11-20', period_start: '2026-10-02', period_end: '2026-10-02', due_date: '2026-12-18', service_date: '2026-10-02', npi: '1679576722', code: '80053', description: 'Metabolic panel', charge: '310.00', insurance_paid: '0.00', patient_responsibility: '310.00' };
      const text = [
        header,
        row({ ...base, account_id: 'C-1', statement_id: 'C-ST-1' }),
        row({ ...base, account_id: 'C-2', account_number: 'C-2', statement_id: 'C-ST-2', charge: '3x0.00' }),
        row({ ...base, account_id: 'C-3', account_number: 'C-3', statement_id: 'C-ST-3' }),
        'line_item,C-3,"broken',
        row({ ...base, account_id: 'C-4', account_number: 'C-4', statement_id: 'C-ST-4', adjustments: 'CO-45 10.00', patient_responsibility: '310.00' }),
      ].join('\n');
      const result = await post(text, 'text/csv');
      assert.equal(result.status, 200, JSON.stringify(result.body));
      assert.equal(only(result.body, 'C-ST-1').outcome, 'created', JSON.stringify(result.body.statements));
      assert.deepEqual(only(result.body, 'C-ST-2').issues.map((i) => [i.line, i.field]), [[3, 'charge']]);
      assert.equal(only(result.body, 'C-ST-3').outcome, 'rejected');
      assert.match(only(result.body, 'C-ST-3').issues[0]!.message, /could not be read: a quoted field is never closed/);
      const rejected = await harness.database.db.selectFrom('accounts').select('external_id').where('external_id', 'in', ['C-2', 'C-3']).execute();
      assert.deepEqual(rejected, []);
    });

    it('refuses a CSV whose header is wrong, with nothing applied', async () => {
      const result = await post('record,account_id,whatever\nline_item,X,1\n', 'text/csv');
      assert.equal(result.status, 200);
      assert.equal(result.body.statements.length, 1);
      assert.equal(result.body.statements[0]!.outcome, 'rejected');
      assert.match(result.body.statements[0]!.issues[0]!.message, /missing columns: .*unknown columns: whatever/);
    });

    it('a changed statement is a correction: the old entries reversed, new ones written, the Bill ID kept', async () => {
      const first = only((await jsonl([statement(20)])).body, 'T-ST-20');
      assert.equal(await balanceOf('T-20'), 3_000);
      const corrected = only((await jsonl([statement(20, (s) => Object.assign(s.lineItems[0], { insurancePaid: '120.00', adjustments: [{ code: 'CO-45', amount: '40.00' }, { code: 'PR-2', amount: '20.00' }], patientResponsibility: '20.00' }))])).body, 'T-ST-20');
      assert.deepEqual([corrected.outcome, corrected.billId], ['corrected', first.billId]);
      assert.equal(await balanceOf('T-20'), 1_000);
      const ledger = await harness.database.db
        .selectFrom('ledger_entries')
        .innerJoin('accounts', 'accounts.id', 'ledger_entries.account_id')
        .select(['kind', 'reason', 'amount_cents'])
        .where('accounts.external_id', '=', 'T-20')
        .orderBy('ledger_entries.created_at')
        .orderBy('kind')
        .execute();
      assert.deepEqual(
        ledger.map((e) => `${e.kind}:${e.reason}:${e.amount_cents}`).sort(),
        ['charge:statement:4000', 'charge:statement:2000', 'payment:front_desk_payment:-1000', 'payment:front_desk_payment:-1000', 'reversal:statement_corrected:-4000', 'reversal:statement_corrected:1000'].sort(),
      );
      const statements = await harness.database.db.selectFrom('statements').innerJoin('accounts', 'accounts.id', 'statements.account_id').select(['statements.id', 'replaces']).where('accounts.external_id', '=', 'T-20').execute();
      assert.equal(statements.length, 2, 'the replaced statement is kept as it was');
      // The patient sees the corrected statement only, and the practice's payment once.
      const found = await harness.lookup<{ token: string }>({ practice: 'harbor-point', billId: first.billId, dateOfBirth: '1980-02-03' });
      const account = await harness.request<{ balanceCents: number; statements: { amountCents: number; openCents: number }[]; payments: { amountCents: number; method: string }[] }>('/v1/account', found.body.token);
      assert.equal(account.body.balanceCents, 1_000);
      assert.deepEqual(account.body.statements.map((s) => [s.amountCents, s.openCents]), [[2_000, 1_000]]);
      assert.deepEqual(account.body.payments.map((p) => [p.amountCents, p.method]), [[1_000, 'other']]);
      const again = only((await jsonl([statement(20, (s) => Object.assign(s.lineItems[0], { insurancePaid: '120.00', adjustments: [{ code: 'CO-45', amount: '40.00' }, { code: 'PR-2', amount: '20.00' }], patientResponsibility: '20.00' }))])).body, 'T-ST-20');
      assert.equal(again.outcome, 'unchanged');
    });

    it('a dry run checks and reports, and writes nothing', async () => {
      const result = await jsonl([statement(30)], '?dryRun=true');
      assert.equal(result.status, 200);
      assert.deepEqual([result.body.dryRun, only(result.body, 'T-ST-30').outcome, only(result.body, 'T-ST-30').billId], [true, 'created', null]);
      assert.equal(await harness.database.db.selectFrom('accounts').select('id').where('external_id', '=', 'T-30').executeTakeFirst(), undefined);
    });

    it('refuses a file too large by its Content-Length (413), and one that grows past the limit as it streams', async () => {
      problem(await post('x', 'text/csv', '', { 'content-length': String(300 * 1024 * 1024) }) as never, 413, 'payload_too_large');
      const chunk = new Uint8Array(4 * 1024 * 1024).fill(0x20);
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent >= 260 * 1024 * 1024) controller.close();
          else {
            sent += chunk.byteLength;
            controller.enqueue(chunk);
          }
        },
      });
      problem((await post(stream, 'application/x-ndjson')) as never, 413, 'payload_too_large');
    });

    it('a line over 1 MiB rejects its statement only', async () => {
      const result = await jsonl([`{"pad": "${'x'.repeat(1_100_000)}"}`, statement(40)]);
      assert.equal(result.status, 200);
      assert.deepEqual(result.body.statements.map((s) => s.outcome), ['rejected', 'created']);
      assert.match(result.body.statements[0]!.issues[0]!.message, /longer than/);
    });

    it('needs the import scope and a CSV or JSON Lines body', async () => {
      const readOnly = (await adminKey(harness.database, 'harbor-point', ['read'])).secret;
      problem((await post(statement(50), 'application/x-ndjson', '', {}, readOnly)) as never, 403, 'insufficient_scope');
      problem((await post(statement(50), 'application/json')) as never, 415, 'unsupported_media_type');
    });
  });
}
