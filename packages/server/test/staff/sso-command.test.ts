import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openDatabase } from '../../src/db/database.js';
import { staffCommand } from '../../src/staff/command.js';
import { clientSecretOf, findSso } from '../../src/staff/sso-config.js';
import { backends } from '../support/backends.js';
import { cliEnv, type CliDatabase } from '../support/cli.js';
import { copyMigratedDataFolders } from '../support/pglite-template.js';

const SECRET = 'staff-sso-command-secret-that-is-long-enough-01';
const CLIENT_SECRET = 'idp-client-secret-never-printed-0123456789';

for (const backend of backends) {
  describe(`billpay staff sso (${backend.name})`, () => {
    let dir: string;
    let database: CliDatabase;
    let drop: (() => Promise<void>) | undefined;

    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'billpay-sso-'));
      await writeFile(join(dir, 'client-secret'), `${CLIENT_SECRET}\n`);
      if (backend.name === 'postgres') {
        const handle = await backend.create();
        await handle.database.close();
        database = { url: handle.url! };
        drop = handle.drop;
      } else {
        await copyMigratedDataFolders(dir);
        database = { dataDir: dir };
      }
    });
    after(async () => {
      await drop?.();
      await rm(dir, { recursive: true, force: true });
    });

    async function run(...args: string[]) {
      const out: string[] = [];
      const err: string[] = [];
      const env = cliEnv(database, { BILLPAY_SECRET: SECRET, BILLPAY_CONSOLE_ORIGIN: 'https://billing.harbor.example', IDP_SECRET: 'secret-from-the-environment-0123' });
      const code = await staffCommand(['sso', ...args], env, (line) => out.push(line), (line) => err.push(line));
      const printed = [...out, ...err].join('\n');
      assert.equal(printed.includes(CLIENT_SECRET) || printed.includes('secret-from-the-environment'), false, 'a client secret was printed');
      return { code, out: out.join('\n'), err: err.join('\n') };
    }
    const open = () => openDatabase('url' in database ? { url: database.url } : { dataDir: join(dir, 'practice') });

    it('sets a practice’s provider from a secret file, keeps the secret sealed, shows the settings and the redirect URI, and disables it', async () => {
      const none = await run('show', '--practice', 'harbor-point');
      assert.equal(none.code, 1);
      assert.match(none.err, /harbor-point has no single sign-on/);

      const set = await run('set', '--practice', 'harbor-point', '--issuer', 'https://login.harbor.example', '--client-id', 'billpay-console', '--client-secret-file', join(dir, 'client-secret'), '--email-domain', 'Harbor.example', '--email-domain', '@corp.harbor.example');
      assert.equal(set.code, 0, set.err);
      assert.match(set.out, /Single sign-on of harbor-point is on, through https:\/\/login\.harbor\.example\./);
      assert.match(set.out, /redirect URI {3}https:\/\/billing\.harbor\.example\/console\/sso\/callback/);

      const db = await open();
      try {
        const row = (await findSso(db.db, 'harbor-point'))!;
        assert.equal(row.client_secret.includes(CLIENT_SECRET), false, 'stored sealed');
        assert.equal(clientSecretOf(SECRET, row), CLIENT_SECRET, 'without the trailing newline');
        assert.deepEqual(row.email_domains, ['harbor.example', 'corp.harbor.example']);
      } finally {
        await db.close();
      }

      const shown = await run('show', '--practice', 'harbor-point', '--json');
      assert.equal(shown.code, 0, shown.err);
      const view = JSON.parse(shown.out) as Record<string, unknown>;
      assert.deepEqual({ ...view, updatedAt: undefined }, {
        practiceId: 'harbor-point',
        issuer: 'https://login.harbor.example',
        clientId: 'billpay-console',
        emailDomains: ['harbor.example', 'corp.harbor.example'],
        enabled: true,
        updatedAt: undefined,
        redirectUri: 'https://billing.harbor.example/console/sso/callback',
      });

      const disabled = await run('disable', '--practice', 'harbor-point');
      assert.equal(disabled.code, 0, disabled.err);
      assert.match((await run('show', '--practice', 'harbor-point')).out, /state {10}off/);

      const again = await run('set', '--practice', 'harbor-point', '--issuer', 'https://login.harbor.example', '--client-id', 'billpay-console', '--client-secret-env', 'IDP_SECRET');
      assert.equal(again.code, 0, again.err);
      const db2 = await open();
      try {
        const row = (await findSso(db2.db, 'harbor-point'))!;
        assert.equal(row.enabled, true);
        assert.equal(clientSecretOf(SECRET, row), 'secret-from-the-environment-0123');
        assert.deepEqual(row.email_domains, []);
      } finally {
        await db2.close();
      }
    });

    it('refuses a secret on the command line, a missing or doubled secret source, a bad issuer or domain, and an unknown practice', async () => {
      const base = ['set', '--practice', 'harbor-point', '--issuer', 'https://login.harbor.example', '--client-id', 'billpay-console'];
      const onLine = await run(...base, '--client-secret', CLIENT_SECRET.slice(0, 10));
      assert.equal(onLine.code, 2);
      assert.match(onLine.err, /Never give the client secret on the command line/);
      assert.match((await run(...base)).err, /Give the client secret in one way/);
      assert.match((await run(...base, '--client-secret-env', 'IDP_SECRET', '--client-secret-file', join(dir, 'client-secret'))).err, /Give the client secret in one way/);
      assert.match((await run(...base, '--client-secret-env', 'NOT_SET_ANYWHERE')).err, /NOT_SET_ANYWHERE is not set/);
      assert.match((await run(...base, '--client-secret-file', join(dir, 'missing'))).err, /Cannot read the client secret file/);
      const plain = await run('set', '--practice', 'harbor-point', '--issuer', 'http://login.harbor.example', '--client-id', 'x', '--client-secret-env', 'IDP_SECRET');
      assert.equal(plain.code, 2);
      assert.match(plain.err, /The issuer must be an https URL/);
      const domain = await run(...base, '--client-secret-env', 'IDP_SECRET', '--email-domain', 'not a domain');
      assert.equal(domain.code, 2);
      assert.match(domain.err, /"not a domain" is not an email domain/);
      const unknown = await run('show', '--practice', 'nowhere');
      assert.equal(unknown.code, 2);
      assert.match(unknown.err, /There is no practice "nowhere"/);
    });
  });
}
