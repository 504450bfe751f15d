import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import { authenticateApiKey } from '../../src/keys/keys.js';
import { keysCommand } from '../../src/keys/command.js';
import { backends } from '../support/backends.js';
import { cli, commandDatabase, runCommand } from '../support/cli.js';

const SECRET = 'keys-command-secret-that-is-long-enough-0123';

for (const backend of backends) {
  describe(`billpay keys (${backend.name})`, () => {
    const commandDb = commandDatabase(backend, 'keys');
    const { open } = commandDb;
    /** One in-process run of `billpay keys ...args`: exit code, what it printed, what it complained of. */
    const run = (...args: string[]) => runCommand(keysCommand, args, commandDb.env({ BILLPAY_SECRET: SECRET }));

    it('creates a key shown once, lists it without its secret, and revokes it by id', async () => {
      const made = await run('create', '--practice', 'harbor-point', '--scopes', 'import,read', '--name', 'Nightly import');
      assert.equal(made.code, 0, made.err);
      const secret = /(bp_live_\S+)/.exec(made.out)?.[1];
      const id = /Created (key_[a-z2-7]{16})/.exec(made.out)?.[1];
      assert.ok(secret && id, made.out);
      assert.match(made.out, /scopes: import, read/);

      const listed = await run('list', '--practice', 'harbor-point');
      assert.equal(listed.code, 0);
      assert.match(listed.out, new RegExp(`^${id}  bp_live_[a-z2-7]{16}_\\S{4}…  import,read  created \\S+  last used never  Nightly import$`));
      assert.equal(listed.out.includes(secret), false);
      const json = await run('list', '--practice', 'harbor-point', '--json');
      assert.deepEqual((JSON.parse(json.out) as { id: string; scopes: string[] }[]).map((k) => [k.id, k.scopes]), [[id, ['import', 'read']]]);

      const db = await open();
      try {
        assert.equal((await authenticateApiKey(db.db, secret, new Date())).ok, true);
      } finally {
        await db.close();
      }
      const revoked = await run('revoke', id, '--practice', 'harbor-point');
      assert.equal(revoked.code, 0, revoked.err);
      assert.match((await run('list', '--practice', 'harbor-point')).out, /revoked \d{4}-/);
      const after = await open();
      try {
        assert.equal((await authenticateApiKey(after.db, secret, new Date())).ok, false);
      } finally {
        await after.close();
      }
    });

    it('refuses mistakes with exit code 2 (or 1 for a key not there), saying what is wrong', async () => {
      for (const [args, message] of [
        [['create', '--practice', 'harbor-point', '--scopes', 'read,admin'], /"admin" is not a scope/],
        [['create', '--practice', 'harbor-point'], /--scopes/],
        [['create', '--scopes', 'read'], /--practice/],
        [['list', '--practice', 'nowhere'], /no practice "nowhere"/],
        [['list', '--practice', 'harbor-point', '--colour'], /Unknown option/],
        [['revoke'], /Name the key to revoke/],
        [['rotate', '--practice', 'harbor-point'], /Unknown keys command "rotate"/],
      ] as const) {
        const result = await run(...args);
        assert.equal(result.code, 2, `${args.join(' ')}: ${result.out}`);
        assert.match(result.err, message);
      }
      const missing = await run('revoke', 'key_aaaaaaaaaaaaaaaa');
      assert.equal(missing.code, 1);
      assert.match(missing.err, /no key key_aaaaaaaaaaaaaaaa/);
    });

    if (backend.name === 'pglite') {
      it('is reached as `billpay keys` through the command line', async () => {
        const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', cli, 'keys', 'list', '--practice', 'harbor-point', '--json'], {
          env: commandDb.env({ BILLPAY_SECRET: SECRET }),
        });
        assert.ok(Array.isArray(JSON.parse(stdout)));
      });
    }
  });
}
