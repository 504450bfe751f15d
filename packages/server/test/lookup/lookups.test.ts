import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addDays, LookupResponseSchema, type Account } from '@billpay/sdk';
import { backends } from '../support/backends.js';
import {
  ALLOWED_ORIGIN,
  demo,
  openHarness,
  problem,
  TODAY,
  unknownBillId,
  withoutRequestId,
  type DemoName,
  type Harness,
} from '../support/harness.js';

const BALANCES: Record<DemoName, number> = { Rivera: 14_250, Okafor: 240_000, Chen: 31_000, Novak: 0, Haddad: 6_500 };

for (const backend of backends) {
  describe(`bill lookup (${backend.name})`, () => {
    let h: Harness;
    before(async () => {
      h = await openHarness(backend);
    });
    after(async () => {
      await h.close();
    });

    /** Looks up and returns the account, checked against the contract. */
    const found = async (body: Record<string, string>, address = '192.0.2.1'): Promise<Account> => {
      const answer = await h.lookup({ practice: 'harbor-point', ...body }, { address });
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      const parsed = LookupResponseSchema.parse(answer.body);
      assert.equal(parsed.idleTimeoutSeconds, 900);
      assert.match(parsed.token, /^[A-Za-z0-9_-]{43}$/);
      return parsed.account;
    };

    it('finds each demo account by Bill ID and date of birth, with its balance', async () => {
      for (const [name, balance] of Object.entries(BALANCES) as [DemoName, number][]) {
        const { billId, dateOfBirth, accountNumber } = demo(name);
        const account = await found({ billId, dateOfBirth });
        assert.equal(account.accountNumber, accountNumber);
        assert.equal(account.balanceCents, balance, name);
        assert.equal(account.asOf, TODAY);
        assert.equal(account.patient.lastInitial, name[0]);
      }
    });

    it('finds each demo account by account number and last name, in any case and with or without accents', async () => {
      const spellings: Record<DemoName, [string, string]> = {
        Rivera: ['A-100234', 'rivera'],
        Okafor: ['a-100451', 'OKAFOR'],
        Chen: [' A-100587 ', 'Chen'],
        Novak: ['a-100612', 'novák'],
        Haddad: ['A-100 799', 'Haddad'],
      };
      for (const [name, [accountNumber, lastName]] of Object.entries(spellings) as [DemoName, [string, string]][]) {
        const account = await found({ accountNumber, lastName });
        assert.equal(account.accountNumber, demo(name).accountNumber);
        assert.equal(account.balanceCents, BALANCES[name], name);
      }
      assert.equal((await found({ accountNumber: 'A-100612', lastName: 'NOVAK' })).patient.firstName, 'Petra');
    });

    it("explains Chen's past-due balance: the letter went out, collections 30 days after it", async () => {
      const chen = await found({ billId: demo('Chen').billId, dateOfBirth: demo('Chen').dateOfBirth });
      const letter = addDays(TODAY, -5);
      assert.deepEqual(chen.nextStep, { kind: 'letter_sent', letterMailedOn: letter, collectionsOn: addDays(letter, 30) });
      assert.deepEqual(chen.aging, { currentCents: 0, days30Cents: 0, days60Cents: 0, days90PlusCents: 31_000 });
      assert.equal(chen.dueDate, addDays(addDays(TODAY, -95), 30));
      assert.deepEqual(
        chen.statements.map((s) => [s.amountCents, s.openCents]),
        [[31_000, 31_000]],
      );
    });

    it('shows Novak paid in full with her two payments, and nothing due', async () => {
      const novak = await found({ accountNumber: 'A-100612', lastName: 'Novak' });
      assert.deepEqual(novak.nextStep, { kind: 'paid_in_full' });
      assert.equal(novak.dueDate, undefined);
      assert.deepEqual(
        novak.payments.map((p) => [p.amountCents, p.method, p.postedOn]),
        [
          [2_500, 'card', addDays(TODAY, -150)],
          [5_500, 'bank', addDays(TODAY, -61)],
        ],
      );
      assert.deepEqual(
        novak.statements.map((s) => s.openCents),
        [0, 0],
      );
      assert.deepEqual(novak.aging, { currentCents: 0, days30Cents: 0, days60Cents: 0, days90PlusCents: 0 });
    });

    it("lists Rivera's two statements newest first, and the invoicing fee with its reason", async () => {
      const rivera = await found({ billId: demo('Rivera').billId, dateOfBirth: demo('Rivera').dateOfBirth });
      assert.deepEqual(
        rivera.statements.map((s) => [s.id, s.statementDate, s.amountCents, s.openCents]),
        [
          ['stmt_demo1_lab-panel', addDays(TODAY, -5), 9_250, 9_250],
          ['stmt_demo1_office-visit', addDays(TODAY, -12), 5_000, 5_000],
        ],
      );
      assert.equal(rivera.fees.length, 1);
      assert.deepEqual(
        { ...rivera.fees[0], id: undefined },
        { id: undefined, statementId: 'stmt_demo1_office-visit', postedOn: addDays(TODAY, -12), amountCents: 1_000, reason: 'invoicing_fee' },
      );
      assert.deepEqual(rivera.nextStep, { kind: 'due', dueDate: addDays(TODAY, 18) });
      assert.equal(rivera.dueDate, addDays(TODAY, 18));
      assert.deepEqual(rivera.payments, []);
      assert.equal(rivera.coverage, 'insured');
    });

    it('answers an unknown Bill ID and a wrong date of birth identically', async () => {
      const rivera = demo('Rivera');
      const unknown = await h.lookup({ practice: 'harbor-point', billId: unknownBillId(1), dateOfBirth: rivera.dateOfBirth }, { address: '192.0.2.2' });
      const wrongDob = await h.lookup({ practice: 'harbor-point', billId: rivera.billId, dateOfBirth: '1984-03-10' }, { address: '192.0.2.2' });
      const wrongName = await h.lookup({ practice: 'harbor-point', accountNumber: rivera.accountNumber, lastName: 'Riviera' }, { address: '192.0.2.2' });
      const unknownAccount = await h.lookup({ practice: 'harbor-point', accountNumber: 'A-999999', lastName: 'Rivera' }, { address: '192.0.2.2' });
      const bodies = [unknown, wrongDob, wrongName, unknownAccount].map((answer) => withoutRequestId(problem(answer, 401, 'lookup_failed')));
      for (const body of bodies) assert.deepEqual(body, bodies[0]);
      const headerNames = (answer: typeof unknown) => [...answer.headers.keys()].filter((name) => name !== 'x-request-id').sort();
      assert.deepEqual(headerNames(wrongDob), headerNames(unknown));
      assert.equal(unknown.headers.get('retry-after'), null);
    });

    it('does not find another practice’s patients, and refuses origins the practice does not allow', async () => {
      const rivera = demo('Rivera');
      problem(await h.lookup({ practice: 'nowhere', billId: rivera.billId, dateOfBirth: rivera.dateOfBirth }), 404, 'practice_not_found');
      const foreign = await h.lookup({ practice: 'harbor-point', billId: rivera.billId, dateOfBirth: rivera.dateOfBirth }, { origin: 'https://evil.example' });
      problem(foreign, 403, 'origin_not_allowed');
      assert.equal(foreign.headers.get('access-control-allow-origin'), null);
      const allowed = await h.lookup({ practice: 'harbor-point', billId: rivera.billId, dateOfBirth: rivera.dateOfBirth }, { origin: ALLOWED_ORIGIN, address: '192.0.2.3' });
      assert.equal(allowed.status, 201);
      assert.equal(allowed.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
      assert.equal(allowed.headers.get('cache-control'), 'no-store');
    });

    it('answers malformed, mistyped and incomplete requests with a structured 400, never a 500', async () => {
      const { billId, dateOfBirth } = demo('Rivera');
      const cases: { body: unknown; path: (string | number)[]; code?: string }[] = [
        { body: '{"practice": "harbor-point", "billId": ', path: [], code: 'invalid_json' },
        { body: '', path: [], code: 'invalid_json' },
        { body: 'null', path: [] },
        { body: '[]', path: [] },
        { body: '"202511040018"', path: [] },
        { body: { practice: 'harbor-point', billId: 202511040018, dateOfBirth }, path: ['billId'] },
        { body: { practice: 'harbor-point', billId, dateOfBirth: 19840309 }, path: ['dateOfBirth'] },
        { body: { practice: 'harbor-point', billId }, path: ['dateOfBirth'] },
        { body: { practice: 'harbor-point', accountNumber: 'A-100234' }, path: ['lastName'] },
        { body: { billId, dateOfBirth }, path: ['practice'] },
        { body: { practice: 'Harbor Point', billId, dateOfBirth }, path: ['practice'] },
        { body: { practice: 'harbor-point', billId: '2025 1104 0018', dateOfBirth }, path: ['billId'] },
        { body: { practice: 'harbor-point', billId: '202511040019', dateOfBirth }, path: ['billId'], code: 'bill_id.check_digit' },
        { body: { practice: 'harbor-point', billId, dateOfBirth: '1984-02-30' }, path: ['dateOfBirth'] },
        { body: { practice: 'harbor-point', billId, dateOfBirth: '0000-01-01' }, path: ['dateOfBirth'] },
        { body: { practice: 'harbor-point', billId, dateOfBirth: '03/09/1984' }, path: ['dateOfBirth'] },
        { body: { practice: 'harbor-point', accountNumber: '   ', lastName: 'Rivera' }, path: ['accountNumber'] },
        { body: { practice: 'harbor-point', accountNumber: 'A-100234', lastName: '\u0301' }, path: ['lastName'] },
        { body: { practice: 'harbor-point', accountNumber: 'A-100234', lastName: 'x'.repeat(81) }, path: ['lastName'] },
      ];
      for (const { body, path, code } of cases) {
        const answer = await h.lookup(body, { address: '192.0.2.4' });
        const error = problem(answer, 400, 'invalid_request');
        const issue = error.issues?.find((i) => JSON.stringify(i.path) === JSON.stringify(path));
        assert.ok(issue, `${JSON.stringify(body)}: expected an issue at ${JSON.stringify(path)}, got ${JSON.stringify(error.issues)}`);
        if (code) assert.equal(issue.code, code);
      }

      const send = (headers: Record<string, string>, body: string) => h.app.request('/v1/lookups', { method: 'POST', headers, body });
      const json = JSON.stringify({ practice: 'harbor-point', billId, dateOfBirth });
      problem(await answerOf(send({ 'content-type': 'text/plain' }, json)), 415, 'unsupported_media_type');
      problem(await answerOf(send({}, json)), 415, 'unsupported_media_type');
      problem(await answerOf(send({ 'content-type': 'application/json' }, JSON.stringify({ practice: 'harbor-point', pad: 'x'.repeat(20_000) }))), 413, 'payload_too_large');

      // None of these counted as a failed attempt: the address and the Bill ID are not locked.
      assert.equal((await h.lookup({ practice: 'harbor-point', billId, dateOfBirth }, { address: '192.0.2.4' })).status, 201);
    });

    it('accepts JSON with a charset and ignores fields it does not know', async () => {
      const { billId, dateOfBirth } = demo('Haddad');
      const answer = await h.lookup({ practice: 'harbor-point', billId, dateOfBirth, remember: true }, { headers: { 'content-type': 'application/json; charset=utf-8' } });
      assert.equal(answer.status, 201);
    });

    it('writes one audit event per lookup, with keyed hashes only', async () => {
      const rows = await h.database.db.selectFrom('audit_events').selectAll().where('action', 'in', ['lookup_succeeded', 'lookup_failed', 'lookup_locked']).execute();
      assert.ok(rows.some((row) => row.action === 'lookup_succeeded' && row.account_id === 'acct_demo1'));
      const failed = rows.filter((row) => row.action === 'lookup_failed');
      assert.equal(failed.length, 4);
      for (const row of failed) {
        assert.equal(row.account_id, null);
        assert.equal(row.practice_id, 'harbor-point');
        assert.ok(row.subject_hash && row.client_hash && row.request_id);
      }
      // One Bill ID hashes the same way every time (that is what lockouts count by).
      const riveraByBillId = rows.filter((row) => row.action === 'lookup_succeeded' && row.account_id === 'acct_demo1');
      assert.ok(riveraByBillId.length >= 2);
    });

    it('leaves no Bill ID, date of birth, account number, last name or token in the log or the audit trail', async () => {
      await h.assertNothingLeaked();
    });
  });
}

async function answerOf(response: Response | Promise<Response>) {
  const r = await response;
  return { status: r.status, headers: r.headers, body: (await r.json()) as unknown };
}
