import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openDatabase } from '../../src/db/database.js';
import { openProcessorDatabase } from '../../src/processor/sandbox/database.js';
import { publishableKeyFor } from '../../src/processor/sandbox/keys.js';
import { insertLoadAccounts, type LoadAccount } from '../support/accounts.js';
import { backends } from '../support/backends.js';
import { bannerDatabase, cli, cliEnv, type CliDatabase } from '../support/cli.js';
import { copyMigratedDataFolders } from '../support/pglite-template.js';

const PAYMENTS = 120;
const PER_PATIENT = 4;
const SECRET = 'crash-test-secret-that-is-long-enough-0123456789';

interface Running {
  readonly child: ChildProcess;
  readonly url: string;
  readonly processorUrl: string;
}

/** Starts the real server as a separate process on `database` and waits for its banner. */
function startServer(database: CliDatabase): Promise<Running> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, 'start'], {
      // All the cards come from this one address: far past the sandbox's limit against card testing.
      env: cliEnv(database, { PORT: '0', PROCESSOR_PORT: '0', BILLPAY_SECRET: SECRET, BILLPAY_SANDBOX_TOKENS_PER_HOUR: '100000' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const api = /Practice API: +(http:\/\/[^/\s]+)\//.exec(out)?.[1];
      const processor = /Sandbox processor: +(http:\/\/[^/\s]+)\//.exec(out)?.[1];
      if (api && processor && out.includes('Press Ctrl-C')) {
        clearTimeout(timer);
        if (!out.includes(`billpay is running (${bannerDatabase(database)}`)) {
          child.kill('SIGKILL');
          reject(new Error(`the server runs on another database than the test's:\n${out}`));
          return;
        }
        resolve({ child, url: api, processorUrl: processor });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
}

const postgres = backends.find((b) => b.name === 'postgres');

// The embedded default (PGlite on disk) always; PostgreSQL too when it answers.
for (const kind of postgres ? (['pglite', 'postgres'] as const) : (['pglite'] as const)) {
  describe(`a server killed with SIGKILL under load (${kind})`, () => {
    let dataDir: string;
    let database: CliDatabase;
    let drop: (() => Promise<void>) | undefined;
    let patients: LoadAccount[] = [];

    before(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'billpay-crash-'));
      if (kind === 'postgres') {
        const handle = await postgres!.create();
        await handle.database.close();
        database = { url: handle.url! };
        drop = handle.drop;
      } else {
        await copyMigratedDataFolders(dataDir);
        database = { dataDir };
      }
      // The patients paying at the moment of the crash, four payments each (one account paying
      // many times at once is what the card-testing limits refuse).
      const practice = await openDatabase('url' in database ? { url: database.url } : { dataDir: join(dataDir, 'practice') });
      try {
        patients = await insertLoadAccounts(practice.db, PAYMENTS / PER_PATIENT, 100_000, 'crash');
      } finally {
        await practice.close();
      }
    });
    after(async () => {
      await drop?.();
      await rm(dataDir, { recursive: true, force: true });
    });

    it('keeps every acknowledged payment, charges none twice, once clients retry against the restarted server', async () => {
      let server = await startServer(database);
      // A browser per payment, each with its session (one session has at most two payments in
      // flight), four on each patient's bill.
      const sessions: string[] = [];
      for (let i = 0; i < PAYMENTS; i++) {
        const { billId, dateOfBirth } = patients[i % patients.length]!;
        const lookup = await fetch(`${server.url}/v1/lookups`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ practice: 'harbor-point', billId, dateOfBirth }),
        });
        sessions.push(((await lookup.json()) as { token: string }).token);
      }
      const tokens: string[] = [];
      for (let i = 0; i < PAYMENTS; i++) {
        const response = await fetch(`${server.processorUrl}/v1/tokens/card`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-billpay-key': publishableKeyFor('harbor-point') },
          body: JSON.stringify({ number: '4242424242424242', expMonth: 12, expYear: 2031, cvc: '123', name: 'Chidi Okafor', postalCode: '06510' }),
        });
        tokens.push(((await response.json()) as { id: string }).id);
      }

      const acknowledged = new Map<number, string>();
      const pay = async (i: number) => {
        const response = await fetch(`${server.url}/v1/payments`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${sessions[i]!}`, 'idempotency-key': `crash-test-payment-${i}` },
          body: JSON.stringify({ amountCents: 100, token: tokens[i] }),
        });
        if (response.status !== 201) return false;
        acknowledged.set(i, ((await response.json()) as { id: string }).id);
        return true;
      };

      // Load, and a SIGKILL in the middle of it.
      const inFlight = Array.from({ length: PAYMENTS }, (_, i) => pay(i).catch(() => false));
      while (acknowledged.size < PAYMENTS / 4) await new Promise((r) => setTimeout(r, 5));
      server.child.kill('SIGKILL');
      await Promise.all(inFlight);
      const beforeCrash = new Map(acknowledged);
      assert.ok(beforeCrash.size >= PAYMENTS / 4 && beforeCrash.size < PAYMENTS, `${beforeCrash.size} acknowledged before the kill`);

      // Start again on the same stores; every client retries what it has no answer for.
      server = await startServer(database);
      try {
        for (let round = 0; round < 20 && acknowledged.size < PAYMENTS; round++) {
          const missing = Array.from({ length: PAYMENTS }, (_, i) => i).filter((i) => !acknowledged.has(i));
          await Promise.all(missing.map((i) => pay(i).catch(() => false)));
        }
        assert.equal(acknowledged.size, PAYMENTS);
        for (const [i, id] of beforeCrash) assert.equal(acknowledged.get(i), id, `payment ${i} kept its identity`);
      } finally {
        server.child.kill('SIGTERM');
        await new Promise((resolve) => server.child.on('exit', resolve));
      }

      const store = (name: 'practice' | 'processor') => ('url' in database ? { url: database.url } : { dataDir: join(database.dataDir, name) });
      const practice = await openDatabase(store('practice'));
      const processor = await openProcessorDatabase(store('processor'));
      try {
        const payments = await practice.db.selectFrom('payments').select(['id', 'status']).execute();
        assert.equal(payments.filter((p) => p.status === 'succeeded').length, PAYMENTS);
        const entries = await practice.db.selectFrom('ledger_entries').select('payment_id').where('kind', '=', 'payment').where('payment_id', 'is not', null).execute();
        assert.equal(entries.length, PAYMENTS);
        assert.equal(new Set(entries.map((e) => e.payment_id)).size, PAYMENTS);
        const charges = await processor.db.selectFrom('charges').select('idempotency_key').execute();
        assert.equal(charges.length, PAYMENTS);
        assert.equal(new Set(charges.map((c) => c.idempotency_key)).size, PAYMENTS);
      } finally {
        await practice.close();
        await processor.close();
      }
    });
  });
}
