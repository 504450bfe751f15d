import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openDatabase, type BillPayDatabase } from '../../src/db/database.js';
import { backends } from '../support/backends.js';
import { demo, openHarness, problem, unknownBillId, type Answer, type App, type Harness } from '../support/harness.js';

const FIFTEEN_MINUTES_MS = 15 * 60_000;

for (const backend of backends) {
  describe(`lookup lockout (${backend.name})`, () => {
    let h: Harness;
    before(async () => {
      h = await openHarness(backend);
    });
    after(async () => {
      await h.close();
    });

    const byBillId = (name: Parameters<typeof demo>[0], dateOfBirth = demo(name).dateOfBirth, address = '198.51.100.1') =>
      h.lookup({ practice: 'harbor-point', billId: demo(name).billId, dateOfBirth }, { address });

    it('locks a Bill ID at the sixth attempt, even with the right date of birth, and lets it go after 15 minutes', async () => {
      for (let i = 1; i <= 5; i++) problem(await byBillId('Okafor', `1971-11-0${i}`), 401, 'lookup_failed');

      const locked = await byBillId('Okafor');
      const error = problem(locked, 429, 'locked_out');
      assert.equal(locked.headers.get('retry-after'), '900');
      assert.equal(error.retryAt, new Date(h.clock.current.getTime() + FIFTEEN_MINUTES_MS).toISOString());

      // From another address too: the lock is on the Bill ID.
      problem(await byBillId('Okafor', undefined, '198.51.100.2'), 429, 'locked_out');

      h.clock.advance(14);
      const later = await byBillId('Okafor');
      problem(later, 429, 'locked_out');
      assert.equal(later.headers.get('retry-after'), '60');

      h.clock.advance(1);
      assert.equal((await byBillId('Okafor')).status, 201);
    });

    it('forgets the failures of a Bill ID once it is found', async () => {
      for (let round = 0; round < 2; round++) {
        for (let i = 1; i <= 4; i++) problem(await byBillId('Haddad', `2001-08-1${i}`), 401, 'lookup_failed');
        assert.equal((await byBillId('Haddad')).status, 201);
      }
    });

    it('counts only the failures of the last 15 minutes', async () => {
      for (let i = 1; i <= 4; i++) problem(await byBillId('Chen', `1958-06-0${i}`), 401, 'lookup_failed');
      h.clock.advance(15);
      problem(await byBillId('Chen', '1958-06-05'), 401, 'lookup_failed');
      assert.equal((await byBillId('Chen')).status, 201);
    });

    it('locks the account however it is named: an account number however written, then its Bill ID too', async () => {
      const tries = ['A-100451', 'a-100451', ' A-100 451', 'A -100451', 'A-100451 '];
      for (const [i, accountNumber] of tries.entries()) {
        const answer = await h.lookup({ practice: 'harbor-point', accountNumber, lastName: `Okafo${i}` }, { address: '198.51.100.3' });
        problem(answer, 401, 'lookup_failed');
      }
      const locked = await h.lookup({ practice: 'harbor-point', accountNumber: 'a-100451', lastName: 'okafor' }, { address: '198.51.100.4' });
      problem(locked, 429, 'locked_out');
      assert.ok(Number(locked.headers.get('retry-after')) > 0);
      // The Bill ID of the same account names the same account: no five more guesses that way.
      const byBill = problem(await byBillId('Okafor', undefined, '198.51.100.4'), 429, 'locked_out');
      assert.equal(byBill.stepUp, 'amount_due');
      h.clock.advance(15);
      assert.equal((await byBillId('Okafor', undefined, '198.51.100.4')).status, 201);
    });

    it('counts wrong dates of birth and wrong last names of one account together', async () => {
      const { accountNumber } = demo('Haddad');
      for (let i = 1; i <= 3; i++) problem(await byBillId('Haddad', `2001-08-2${i}`, '198.51.100.5'), 401, 'lookup_failed');
      for (let i = 1; i <= 2; i++) problem(await h.lookup({ practice: 'harbor-point', accountNumber, lastName: `Hadad${i}` }, { address: '198.51.100.6' }), 401, 'lookup_failed');
      problem(await byBillId('Haddad', undefined, '198.51.100.7'), 429, 'locked_out');
      h.clock.advance(15);
    });

    it('lets the patient through a lockout someone else keeps causing, with the amount due on a statement', async () => {
      const session = await h.open('Rivera', { address: '198.51.100.20' });
      const account = await h.request<{ statements: { amountCents: number }[]; balanceCents: number }>('/v1/account', session);
      const printed = account.body.statements[0]!.amountCents;
      const attacker = '203.0.113.40';
      const patient = '198.51.100.21';
      const withAmount = (amountDueCents: number, dateOfBirth = demo('Rivera').dateOfBirth, address = patient) =>
        h.lookup({ practice: 'harbor-point', billId: demo('Rivera').billId, dateOfBirth, amountDueCents }, { address });

      for (let i = 1; i <= 5; i++) problem(await byBillId('Rivera', `1984-03-1${i}`, attacker), 401, 'lookup_failed');
      assert.equal(problem(await byBillId('Rivera', undefined, patient), 429, 'locked_out').stepUp, 'amount_due');
      // Not with a wrong amount, nor with the amount but a wrong date of birth: the same refusal.
      assert.equal(problem(await withAmount(printed + 1), 429, 'locked_out').stepUp, 'amount_due');
      problem(await withAmount(printed, '1984-03-08'), 429, 'locked_out');
      // The right date of birth and the amount printed on the statement: through.
      const through = await withAmount(printed);
      assert.equal(through.status, 201, JSON.stringify(through.body));
      // The lock stays for everyone else; the patient gets in again, with the balance too.
      problem(await byBillId('Rivera', undefined, attacker), 429, 'locked_out');
      assert.equal((await withAmount(account.body.balanceCents)).status, 201);
      const audit = await h.database.db.selectFrom('audit_events').select('action').where('action', '=', 'lookup_stepped_up').execute();
      assert.equal(audit.length, 2);
      h.clock.advance(15);
    });

    it('takes the amount as the statement printed it, not with a fee added to that statement later', async () => {
      const session = await h.open('Haddad', { address: '198.51.100.80' });
      const account = await h.request<{ id: string; statements: { id: string; amountCents: number }[] }>('/v1/account', session);
      const [statement] = account.body.statements;
      // A returned bank payment's fee, posted to the statement today (after its date).
      await h.database.db
        .insertInto('ledger_entries')
        .values({ account_id: account.body.id, statement_id: statement!.id, kind: 'fee', reason: 'returned_payment', amount_cents: 3_000, posted_on: '2026-11-22' })
        .execute();
      for (let i = 1; i <= 5; i++) problem(await byBillId('Haddad', `2001-09-0${i}`, '203.0.113.81'), 401, 'lookup_failed');
      const { billId, dateOfBirth } = demo('Haddad');
      const answer = await h.lookup({ practice: 'harbor-point', billId, dateOfBirth, amountDueCents: statement!.amountCents }, { address: '198.51.100.82' });
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      h.clock.advance(15);
    });

    it('gives the amount-due tries a budget of their own, so they are no faster a way to guess a date of birth', async () => {
      const { billId, dateOfBirth } = demo('Chen');
      const session = await h.open('Chen', { address: '198.51.100.60' });
      const printed = (await h.request<{ statements: { amountCents: number }[] }>('/v1/account', session)).body.statements[0]!.amountCents;
      for (let i = 1; i <= 5; i++) problem(await byBillId('Chen', `1958-07-0${i}`, '203.0.113.61'), 401, 'lookup_failed');
      // $0.00 is anyone's guess: it proves nothing, even with the right date of birth.
      problem(await h.lookup({ practice: 'harbor-point', billId, dateOfBirth, amountDueCents: 0 }, { address: '198.51.100.62' }), 429, 'locked_out');
      // Five wrong tries (from five addresses) close the step-up too; the right amount then waits with everyone.
      for (let i = 1; i <= 4; i++) {
        problem(await h.lookup({ practice: 'harbor-point', billId, dateOfBirth: `1958-08-0${i}`, amountDueCents: printed }, { address: `203.0.113.${70 + i}` }), 429, 'locked_out');
      }
      const closed = problem(await h.lookup({ practice: 'harbor-point', billId, dateOfBirth, amountDueCents: printed }, { address: '198.51.100.63' }), 429, 'locked_out');
      assert.equal(closed.stepUp, undefined);
      h.clock.advance(15);
      assert.equal((await byBillId('Chen', undefined, '198.51.100.64')).status, 201);
    });

    it('does not let tries with an amount extend the account\'s lock, nor get through an address lock', async () => {
      for (let i = 1; i <= 5; i++) problem(await byBillId('Novak', `1990-01-0${i}`, '203.0.113.50'), 401, 'lookup_failed');
      // Guesses with amounts while locked count against their address only.
      for (let i = 1; i <= 4; i++) {
        problem(await h.lookup({ practice: 'harbor-point', billId: demo('Novak').billId, dateOfBirth: `1990-02-0${i}`, amountDueCents: i }, { address: '203.0.113.51' }), 429, 'locked_out');
      }
      h.clock.advance(15);
      assert.equal((await byBillId('Novak', undefined, '198.51.100.30')).status, 201, 'the lock ended on time');
      // An address that is locked gets no way around it.
      for (let n = 0; n < 20; n++) problem(await h.lookup({ practice: 'harbor-point', billId: unknownBillId(300 + n), dateOfBirth: '1990-01-01' }, { address: '203.0.113.52' }), 401, 'lookup_failed');
      const addressLocked = problem(await byBillId('Novak', undefined, '203.0.113.52'), 429, 'locked_out');
      assert.equal(addressLocked.stepUp, undefined);
      h.clock.advance(15);
    });

    it('locks an address after 20 failures within 15 minutes, whatever they name', async () => {
      const address = '203.0.113.7';
      for (let n = 0; n < 20; n++) {
        const answer = await h.lookup({ practice: 'harbor-point', billId: unknownBillId(100 + n), dateOfBirth: '1990-01-01' }, { address });
        problem(answer, 401, 'lookup_failed');
      }
      const locked = await byBillId('Rivera', undefined, address);
      const error = problem(locked, 429, 'locked_out');
      assert.equal(error.retryAt, new Date(h.clock.current.getTime() + FIFTEEN_MINUTES_MS).toISOString());
      assert.equal((await byBillId('Rivera', undefined, '203.0.113.8')).status, 201, 'other addresses are not locked');
      h.clock.advance(15);
      assert.equal((await byBillId('Rivera', undefined, address)).status, 201);
    });

    it('counts an IPv6 client by its /64, so fresh addresses from one block are no fresh start', async () => {
      for (let n = 0; n < 20; n++) {
        problem(await h.lookup({ practice: 'harbor-point', billId: unknownBillId(500 + n), dateOfBirth: '1990-01-01' }, { address: `2001:db8:77:1::${(n + 1).toString(16)}` }), 401, 'lookup_failed');
      }
      problem(await byBillId('Rivera', undefined, '2001:db8:77:1:abcd::9'), 429, 'locked_out');
      assert.equal((await byBillId('Rivera', undefined, '2001:db8:77:2::1')).status, 201, 'another /64 is another client');
      h.clock.advance(15);
    });

    it('records locked attempts in the audit trail', async () => {
      const rows = await h.database.db.selectFrom('audit_events').select('action').where('action', '=', 'lookup_locked').execute();
      assert.ok(rows.length >= 5);
    });

    it('keeps only keyed hashes of identifiers in the lockout tables', async () => {
      const guards = await h.database.db.selectFrom('lookup_guards').selectAll().execute();
      assert.ok(guards.length > 0);
      for (const guard of guards) assert.match(guard.key_hash, /^[0-9a-f]{64}$/);
    });

    it('leaves no Bill ID, date of birth, account number, last name or token in the log or the audit trail', async () => {
      await h.assertNothingLeaked();
    });
  });
}

for (const backend of backends.filter((b) => b.name === 'postgres')) {
  describe('lookup lockout shared by two instances on one PostgreSQL database', () => {
    let h: Harness & { url: string | undefined };
    let second: BillPayDatabase;
    let a: App;
    let b: App;
    before(async () => {
      h = await openHarness(backend);
      // Two apps over two connection pools, as two server processes would be.
      second = await openDatabase({ url: h.url });
      a = h.app;
      b = h.createApp(second);
    });
    after(async () => {
      await second.close();
      await h.close();
    });

    const attempt = (app: App, name: Parameters<typeof demo>[0], dateOfBirth: string, address: string) =>
      h.lookup({ practice: 'harbor-point', billId: demo(name).billId, dateOfBirth }, { address }, app);

    const statuses = (answers: readonly Answer[]) => answers.map((answer) => answer.status).sort();

    it('counts failures on either instance towards one lock', async () => {
      for (const [i, app] of [a, a, a, b, b].entries()) problem(await attempt(app, 'Okafor', `1971-11-0${i + 1}`, `198.51.100.${10 + i}`), 401, 'lookup_failed');
      problem(await attempt(a, 'Okafor', demo('Okafor').dateOfBirth, '198.51.100.20'), 429, 'locked_out');
      problem(await attempt(b, 'Okafor', demo('Okafor').dateOfBirth, '198.51.100.21'), 429, 'locked_out');
    });

    it('lets no more than 5 concurrent failures through, from both instances at once', async () => {
      for (const name of ['Chen', 'Haddad', 'Novak'] as const) {
        const answers = await Promise.all(
          Array.from({ length: 12 }, (_, i) => attempt(i % 2 ? a : b, name, `1900-01-${String(i + 1).padStart(2, '0')}`, `198.51.101.${i}`)),
        );
        assert.deepEqual(statuses(answers), [...Array<number>(5).fill(401), ...Array<number>(7).fill(429)], name);
        problem(await attempt(a, name, demo(name).dateOfBirth, '198.51.101.99'), 429, 'locked_out');
        problem(await attempt(b, name, demo(name).dateOfBirth, '198.51.101.99'), 429, 'locked_out');
      }
    });

    it('lets no more than 20 concurrent failures through from one address', async () => {
      const address = '203.0.113.50';
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, n) =>
          h.lookup({ practice: 'harbor-point', billId: unknownBillId(500 + n), dateOfBirth: '1990-01-01' }, { address }, n % 2 ? a : b),
        ),
      );
      assert.deepEqual(statuses(answers), [...Array<number>(20).fill(401), ...Array<number>(10).fill(429)]);
    });

    it('shares sessions too: a token from one instance works on the other', async () => {
      const token = await h.open('Rivera', { address: '198.51.102.1' });
      const response = await b.request('/v1/account', { headers: { authorization: `Bearer ${token}` } });
      assert.equal(response.status, 200);
    });

    it('leaves no identifier or token in the log or the audit trail', async () => {
      await h.assertNothingLeaked();
    });
  });
}
