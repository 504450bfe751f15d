import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { staffCommand } from '../../src/staff/command.js';
import { tokenHash } from '../../src/security/secret.js';
import { backends } from '../support/backends.js';
import { commandDatabase, runCommand } from '../support/cli.js';

const SECRET = 'staff-command-secret-that-is-long-enough-0123';

for (const backend of backends) {
  describe(`billpay staff (${backend.name})`, () => {
    const commandDb = commandDatabase(backend, 'staff');
    const { open } = commandDb;
    const run = (...args: string[]) => runCommand(staffCommand, args, commandDb.env({ BILLPAY_SECRET: SECRET, BILLPAY_CONSOLE_ORIGIN: 'https://billing.harbor.example' }));

    it('adds staff with a one-time enrolment link stored as a hash, lists them, issues a new link and disables them', async () => {
      const added = await run('add', '--practice', 'harbor-point', '--email', 'Admin@Harbor.example', '--role', 'admin');
      assert.equal(added.code, 0, added.err);
      const id = /Added (stf_[0-9a-f]{26}) admin@harbor\.example to harbor-point as admin\./.exec(added.out)?.[1];
      const token = /https:\/\/billing\.harbor\.example\/console\/enrol#token=([A-Za-z0-9_-]{43})$/m.exec(added.out)?.[1];
      assert.ok(id && token, added.out);

      const db = await open();
      try {
        const row = await db.db.selectFrom('staff_enrolments').selectAll().where('staff_id', '=', id).executeTakeFirstOrThrow();
        assert.equal(row.token_hash, tokenHash(token));
        assert.equal(new Date(row.expires_at).getTime() - new Date(row.created_at).getTime(), 72 * 3_600_000);
      } finally {
        await db.close();
      }

      assert.equal((await run('add', '--practice', 'harbor-point', '--email', 'admin@harbor.example', '--role', 'billing')).code, 1);
      const listed = await run('list', '--practice', 'harbor-point');
      assert.match(listed.out, new RegExp(`^${id}  admin@harbor\\.example  admin  not enrolled$`));
      assert.equal(listed.out.includes(token), false);

      const link = await run('link', id);
      assert.equal(link.code, 0, link.err);
      assert.match(link.out, /#token=[A-Za-z0-9_-]{43}$/m);

      const disabled = await run('disable', id, '--practice', 'harbor-point');
      assert.equal(disabled.code, 0, disabled.err);
      assert.match((await run('list', '--practice', 'harbor-point')).out, / admin {2}disabled /);
      assert.equal((await run('link', id)).code, 1);

      // Both changes are in the practice's audit trail, as the operator's, with no token in it.
      const audited = await open();
      try {
        const rows = await audited.db.selectFrom('audit_events').select(['action', 'detail', 'request_id', 'staff_id']).where('practice_id', '=', 'harbor-point').where('request_id', 'like', 'cli:%').orderBy('at').execute();
        assert.deepEqual(rows.map((r) => [r.action, r.detail, r.staff_id]), [['staff_added', `billpay staff add ${id} admin`, null], ['staff_disabled', `billpay staff disable ${id}`, null]]);
      } finally {
        await audited.close();
      }
    });

    it('refuses a mistaken command with its usage', async () => {
      for (const args of [
        ['add', '--practice', 'harbor-point', '--email', 'x@harbor.example', '--role', 'owner'],
        ['add', '--practice', 'harbor-point', '--role', 'admin'],
        ['add', '--practice', 'nowhere', '--email', 'x@harbor.example', '--role', 'admin'],
        ['add', '--practice', 'harbor-point', '--email', 'not-an-email', '--role', 'admin'],
        ['remove'],
      ]) {
        const answer = await run(...args);
        assert.equal(answer.code, 2, `${args.join(' ')}: ${answer.out}`);
        assert.ok(answer.err.length > 0);
      }
      assert.equal((await run('disable', 'stf_nobody')).code, 1);
    });
  });
}
