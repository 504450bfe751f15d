import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { AccountSchema, addDays, StatementSchema } from '@billpay/sdk';
import { backends } from '../support/backends.js';
import { ALLOWED_ORIGIN, openHarness, problem, TODAY, withoutRequestId, type Harness } from '../support/harness.js';

for (const backend of backends) {
  describe(`sessions, account and statements (${backend.name})`, () => {
    let h: Harness;
    before(async () => {
      h = await openHarness(backend);
    });
    after(async () => {
      await h.close();
    });

    const account = (token: string | undefined, init: Parameters<Harness['request']>[2] = {}) => h.request('/v1/account', token, init);

    it('opens a session whose token works in the Authorization header', async () => {
      const token = await h.open('Rivera');
      const answer = await account(token);
      assert.equal(answer.status, 200);
      const parsed = AccountSchema.parse(answer.body);
      assert.equal(parsed.balanceCents, 14_250);
      assert.equal(answer.headers.get('cache-control'), 'no-store');
    });

    it('accepts the token nowhere else: not in the URL, not in a cookie, not without "Bearer"', async () => {
      const token = await h.open('Rivera');
      const attempts = [
        h.request(`/v1/account?token=${token}`, undefined),
        h.request(`/v1/account?access_token=${token}`, undefined),
        account(undefined, { headers: { cookie: `token=${token}; session=${token}` } }),
        account(undefined, { headers: { authorization: token } }),
        account(undefined, { headers: { authorization: `Basic ${token}` } }),
        account(undefined),
        account('not-a-token'),
        account(`${token}x`),
      ];
      for (const answer of await Promise.all(attempts)) {
        problem(answer, 401, 'session_expired');
        assert.equal(answer.headers.get('www-authenticate'), 'Bearer');
      }
    });

    it('stores only the SHA-256 of the token', async () => {
      const token = await h.open('Okafor');
      const rows = await h.database.db.selectFrom('sessions').selectAll().execute();
      const row = rows.find((r) => r.token_hash === createHash('sha256').update(token).digest('hex'));
      assert.ok(row);
      assert.equal(row.account_id, 'acct_demo2');
      assert.equal(row.practice_id, 'harbor-point');
      assert.equal(JSON.stringify(rows).includes(token), false);
    });

    it('ends a session after 15 idle minutes, and each use restarts the 15 minutes', async () => {
      const token = await h.open('Chen');
      h.clock.advance(14);
      assert.equal((await account(token)).status, 200);
      h.clock.advance(14);
      assert.equal((await h.request('/v1/statements/stmt_demo3_physical-therapy', token)).status, 200);
      h.clock.advance(14);
      assert.equal((await account(token)).status, 200);
      h.clock.advance(15);
      problem(await account(token), 401, 'session_expired');
      // Expired stays expired: a later request does not revive it.
      problem(await account(token), 401, 'session_expired');
    });

    it('revokes a session with DELETE /v1/session, and only that one', async () => {
      const first = await h.open('Haddad');
      const second = await h.open('Haddad');
      const revoked = await h.request('/v1/session', first, { method: 'DELETE' });
      assert.equal(revoked.status, 204);
      assert.equal(revoked.body, null);
      problem(await account(first), 401, 'session_expired');
      problem(await h.request('/v1/session', first, { method: 'DELETE' }), 401, 'session_expired');
      assert.equal((await account(second)).status, 200);
    });

    it("refuses a session's requests from an origin its practice does not allow", async () => {
      const token = await h.open('Rivera');
      const foreign = await account(token, { origin: 'https://evil.example' });
      problem(foreign, 403, 'origin_not_allowed');
      assert.equal(foreign.headers.get('access-control-allow-origin'), null);
      problem(await h.request('/v1/session', token, { method: 'DELETE', origin: 'https://evil.example' }), 403, 'origin_not_allowed');
      const allowed = await account(token, { origin: ALLOWED_ORIGIN });
      assert.equal(allowed.status, 200);
      assert.equal(allowed.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
      assert.equal(allowed.headers.get('access-control-allow-credentials'), null);
    });

    it('itemizes a statement: line items in order with their insurer notes, fees, payments and totals', async () => {
      const token = await h.open('Rivera');
      const answer = await h.request('/v1/statements/stmt_demo1_office-visit', token);
      assert.equal(answer.status, 200);
      const statement = StatementSchema.parse(answer.body);
      assert.equal(statement.statementDate, addDays(TODAY, -12));
      assert.equal(statement.dueDate, addDays(TODAY, 18));
      assert.deepEqual(
        statement.lineItems.map((item) => ({ ...item, id: undefined })),
        [
          {
            id: undefined,
            serviceDate: addDays(TODAY, -41),
            provider: 'Dr. Marisol Alvarez, MD',
            description: 'Office visit, established patient',
            descriptionEs: 'Consulta, paciente establecido (20 a 29 minutos)',
            code: '99213',
            chargeCents: 18_000,
            insurancePaidCents: 11_500,
            adjustmentCents: 2_500,
            patientCents: 4_000,
            notes: [{ kind: 'copay_not_paid_at_visit', amountCents: 4_000 }],
          },
        ],
      );
      assert.deepEqual(
        statement.fees.map((fee) => [fee.reason, fee.amountCents]),
        [['invoicing_fee', 1_000]],
      );
      assert.deepEqual(statement.totals, {
        chargeCents: 18_000,
        insurancePaidCents: 11_500,
        adjustmentCents: 2_500,
        patientCents: 4_000,
        feesCents: 1_000,
        paymentsCents: 0,
      });
      assert.equal(statement.amountCents, 5_000);
      assert.equal(statement.openCents, 5_000);

      const lab = StatementSchema.parse((await h.request('/v1/statements/stmt_demo1_lab-panel', token)).body);
      assert.deepEqual(lab.lineItems[0]?.notes, [{ kind: 'coinsurance', amountCents: 9_250 }]);
      assert.equal(lab.totals.patientCents, 9_250);
    });

    it("shows a paid statement's payment and nothing open", async () => {
      const token = await h.open('Novak');
      const statement = StatementSchema.parse((await h.request('/v1/statements/stmt_demo4_x-ray', token)).body);
      assert.deepEqual(
        statement.payments.map((p) => [p.amountCents, p.method, p.status]),
        [[5_500, 'bank', 'succeeded']],
      );
      assert.equal(statement.totals.paymentsCents, 5_500);
      assert.equal(statement.openCents, 0);
      assert.equal(statement.amountCents, 5_500);
    });

    it("names each billed service in Spanish by its code, from the practice's price list, and by the provider that billed it", async () => {
      const okafor = await h.open('Okafor');
      const mri = StatementSchema.parse((await h.request('/v1/statements/stmt_demo2_lumbar-mri', okafor)).body);
      // 72148 is on the price list twice: the imaging center's MRI and the radiologists' reading.
      assert.deepEqual(
        mri.lineItems.map((item) => [item.code, item.provider, item.description, item.descriptionEs]),
        [['72148', 'Harbor Point Imaging Center', 'MRI lumbar spine without contrast', 'Resonancia magnética de la zona lumbar, sin contraste']],
      );
      const novak = await h.open('Novak');
      const xray = StatementSchema.parse((await h.request('/v1/statements/stmt_demo4_x-ray', novak)).body);
      assert.equal(xray.lineItems[0]?.descriptionEs, 'Radiografía de muñeca, 3 vistas');
    });

    it("answers another account's statement exactly like one that does not exist", async () => {
      const token = await h.open('Rivera');
      const others = await h.request('/v1/statements/stmt_demo3_physical-therapy', token);
      const missing = await h.request('/v1/statements/stmt_nope', token);
      assert.deepEqual(withoutRequestId(problem(others, 404, 'statement_not_found')), withoutRequestId(problem(missing, 404, 'statement_not_found')));
      problem(await h.request('/v1/statements/stmt_demo1_lab-panel', undefined), 401, 'session_expired');
    });

    it('audits views and sign-outs against the account', async () => {
      const rows = await h.database.db.selectFrom('audit_events').selectAll().where('action', 'in', ['account_viewed', 'statement_viewed', 'session_revoked']).execute();
      const actions = new Set(rows.map((row) => row.action));
      assert.deepEqual([...actions].sort(), ['account_viewed', 'session_revoked', 'statement_viewed']);
      for (const row of rows) assert.ok(row.account_id?.startsWith('acct_'));
    });

    it('leaves no Bill ID, date of birth, account number, last name or token in the log or the audit trail', async () => {
      await h.assertNothingLeaked();
    });
  });
}
