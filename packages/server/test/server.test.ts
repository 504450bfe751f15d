import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { formatBillId } from '@billpay/sdk';
import { demoAccounts } from '../src/demo/demo-data.js';
import { silentLogger } from '../src/log.js';
import { startBillPayServer, type BillPayServer } from '../src/server.js';
import { keyedHash } from '../src/security/secret.js';
import { bannerDatabase, cli, cliEnv } from './support/cli.js';
import { migratedDataDir } from './support/pglite-template.js';

describe('server start and stop', () => {
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'billpay-data-'));
  });
  after(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('creates the database on first start and reuses it on the second', async () => {
    const first = await startBillPayServer({ port: 0, processorPort: 0, dataDir, logger: silentLogger });
    try {
      assert.equal(first.seeded, true);
      assert.notEqual(first.url, first.processorUrl, 'the processor has its own origin');
      const health: unknown = await fetch(`${first.url}/v1/health`).then((r) => r.json());
      assert.deepEqual(health, { status: 'ok', database: 'pglite' });
      const processor: unknown = await fetch(`${first.processorUrl}/v1/health`).then((r) => r.json());
      assert.deepEqual(processor, { status: 'ok', processor: 'sandbox' });
    } finally {
      await first.close();
    }
    const second = await startBillPayServer({ port: 0, processorPort: 0, dataDir, logger: silentLogger });
    try {
      assert.equal(second.seeded, false);
      const practice: unknown = await fetch(`${second.url}/v1/practices/harbor-point`).then((r) => r.json());
      assert.equal((practice as { name: string }).name, 'Harbor Point Medical Group');
    } finally {
      await second.close();
    }
  });

  it('keeps its secret in the database, so a restart (or another instance) keeps the same lockouts', async () => {
    const dir = await migratedDataDir('secret');
    const previous = process.env.BILLPAY_SECRET;
    delete process.env.BILLPAY_SECRET;
    try {
      const secretOf = async (server: BillPayServer) =>
        (await server.database.db.selectFrom('meta').select('value').where('key', '=', 'hmac_secret').executeTakeFirstOrThrow()).value;
      const lookup = (server: BillPayServer, dateOfBirth: string) =>
        fetch(`${server.url}/v1/lookups`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ practice: 'harbor-point', billId: '202511040026', dateOfBirth }),
        });
      const now = () => new Date('2026-11-22T12:00:00Z');
      const first = await startBillPayServer({ port: 0, processorPort: 0, dataDir: dir, serveDemo: false, logger: silentLogger, now });
      let secret: string;
      try {
        secret = await secretOf(first);
        assert.ok(secret.length >= 32);
        // Over a real socket, so the client address comes from the connection.
        for (let i = 1; i <= 5; i++) assert.equal((await lookup(first, `1971-11-0${i}`)).status, 401);
        const { client_hash } = await first.database.db.selectFrom('audit_events').select('client_hash').executeTakeFirstOrThrow();
        const loopback = ['127.0.0.1', '::ffff:127.0.0.1', '::1'].map((address) => keyedHash(secret, 'client_address', address));
        assert.ok(client_hash && loopback.includes(client_hash), 'the client address is the socket address');
      } finally {
        await first.close();
      }
      const second = await startBillPayServer({ port: 0, processorPort: 0, dataDir: dir, serveDemo: false, logger: silentLogger, now });
      try {
        assert.equal(await secretOf(second), secret);
        const locked = await lookup(second, '1971-11-23');
        assert.equal(locked.status, 429);
        assert.equal(locked.headers.get('retry-after'), '900');
      } finally {
        await second.close();
      }
    } finally {
      if (previous !== undefined) process.env.BILLPAY_SECRET = previous;
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a BILLPAY_SECRET that is too short', async () => {
    await assert.rejects(
      startBillPayServer({ port: 0, processorPort: 0, dataDir: null, serveDemo: false, logger: silentLogger, secret: 'short' }),
      /at least 32 characters/,
    );
  });

  it('serves the demo pages under a strict Content-Security-Policy, pointing at the real origins', async () => {
    // The data folder of the first test, already made (in memory it would be made again: seconds).
    const server = await startBillPayServer({ port: 0, processorPort: 0, dataDir, logger: silentLogger });
    try {
      const response = await fetch(`${server.url}/pay.html`);
      assert.equal(response.status, 200);
      const csp = response.headers.get('content-security-policy') ?? '';
      assert.match(csp, /script-src 'self'/);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      const page = await response.text();
      assert.match(page, new RegExp(`<bill-pay practice="harbor-point" api="${server.url}"`));
      const traversal = await fetch(`${server.url}/..%2f..%2fpackage.json`);
      assert.equal(traversal.status, 404);
    } finally {
      await server.close();
    }
  });

  it('stops with a message naming the field when a practice file is bad', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'billpay-bad-practice-'));
    try {
      await writeFile(join(dir, 'bad.json'), JSON.stringify({ id: 'Bad Id', name: '' }));
      const env = cliEnv({ dataDir: join(dir, 'data') }, { BILLPAY_PRACTICES_DIR: dir, PORT: '0', PROCESSOR_PORT: '0' });
      const result = await run(['--import', 'tsx', cli, 'start'], env);
      assert.equal(result.code, 1);
      assert.match(result.stderr, /bad\.json is not a valid practice configuration/);
      assert.match(result.stderr, /id: expected lowercase letters, digits and dashes/);
      assert.match(result.stderr, /contact: /);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('prints where everything is, but no demo patient into a log, and stops cleanly on Ctrl-C', async () => {
    // Already migrated (see migratedDataDir): the first test is the one about a first start.
    const dir = await migratedDataDir('cli');
    let child: ChildProcess | undefined;
    try {
      const server = spawn(process.execPath, ['--import', 'tsx', cli, 'start'], {
        env: cliEnv({ dataDir: dir }, { PORT: '0', PROCESSOR_PORT: '0' }),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = server;
      let stdout = '';
      server.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`server did not start:\n${stdout}`)), 90_000);
        server.stdout.on('data', () => {
          if (stdout.includes('Press Ctrl-C to stop')) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      // On the folder given, whatever DATABASE_URL the test run has.
      assert.ok(stdout.includes(`billpay is running (${bannerDatabase({ dataDir: dir })}, demo data created)`), stdout);
      assert.match(stdout, /Demo practice website: +http:\/\/localhost:\d+\//);
      // stdout is a pipe here, as under a process manager that keeps it as a log.
      assert.match(stdout, /Demo accounts: see "Demo data" in the README/);
      for (const account of demoAccounts) {
        for (const identifier of [account.billId, formatBillId(account.billId), account.dateOfBirth, account.accountNumber]) {
          assert.equal(stdout.includes(identifier), false, `${identifier} must not be written into a log`);
        }
      }
      const exited = new Promise<number | null>((resolve) => server.on('exit', resolve));
      server.kill('SIGINT');
      assert.equal(await exited, 0);
    } finally {
      // A failed assertion must not leave the server running (the test file would never end).
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  });
});

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}
