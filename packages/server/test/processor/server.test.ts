import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { silentLogger } from '../../src/log.js';
import { processorSecretKey } from '../../src/processor/sandbox/keys.js';
import { startBillPayServer, startSandboxServer, type BillPayServer } from '../../src/server.js';
import { backends } from '../support/backends.js';
import { SECRET, demo } from '../support/harness.js';
import { PK } from '../support/processor.js';

for (const backend of backends) {
  describe(`processor beside the practice API (${backend.name})`, () => {
    let server: BillPayServer;
    let drop: () => Promise<void>;
    before(async () => {
      const handle = await backend.create();
      await handle.database.close();
      drop = handle.drop;
      server = await startBillPayServer({
        port: 0,
        processorPort: 0,
        databaseUrl: handle.url,
        dataDir: null,
        serveDemo: false,
        logger: silentLogger,
        secret: SECRET,
        now: () => new Date('2026-11-22T15:00:00Z'),
      });
    });
    after(async () => {
      await server.close();
      await drop();
    });

    it('keeps its store apart from the practice data', async () => {
      assert.equal(server.processorDatabase!.kind, backend.name);
      if (backend.name === 'postgres') {
        const { rows } = await sql<{ table_schema: string; table_name: string }>`
          select table_schema, table_name from information_schema.tables
          where table_name in ('vault_tokens', 'charges', 'accounts') order by table_name`.execute(server.database.db);
        assert.deepEqual(
          rows.map((row) => [row.table_schema, row.table_name]),
          [
            ['public', 'accounts'],
            ['processor', 'charges'],
            ['processor', 'vault_tokens'],
          ],
        );
      } else {
        await assert.rejects(sql`select 1 from vault_tokens`.execute(server.database.db), /vault_tokens/);
      }
    });

    it('tokenizes from a browser origin and charges with the practice secret key, over real sockets', async () => {
      const token = await fetch(`${server.processorUrl!}/v1/tokens/card`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-billpay-key': PK, origin: 'https://anywhere.example' },
        body: JSON.stringify({ number: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123', name: 'Ana Rivera', postalCode: '06510' }),
      });
      assert.equal(token.status, 201);
      assert.equal(token.headers.get('access-control-allow-origin'), '*');
      const { id } = (await token.json()) as { id: string };
      const charge = await fetch(`${server.processorUrl!}/v1/charges`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${processorSecretKey(SECRET, 'harbor-point')}`,
          'idempotency-key': 'server-test-1',
        },
        body: JSON.stringify({ token: id, amountCents: 14_250 }),
      });
      assert.equal(charge.status, 201);
      assert.equal(((await charge.json()) as { status: string }).status, 'succeeded');
    });

    it('lets the practice API’s own pages embed the hosted card page', async () => {
      const page = await fetch(`${server.processorUrl!}/hosted/card?key=${PK}&origin=${encodeURIComponent(server.url)}`);
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-security-policy') ?? '', new RegExp(`frame-ancestors ${server.url};`));
    });
  });
}

for (const backend of backends) {
  describe(`processor in a process of its own (${backend.name})`, () => {
    let server: BillPayServer;
    let sandbox: { url: string; close(): Promise<void> };
    let drop: () => Promise<void>;
    before(async () => {
      const handle = await backend.create();
      await handle.database.close();
      drop = handle.drop;
      sandbox = await startSandboxServer({ port: 0, databaseUrl: handle.url, dataDir: null, logger: silentLogger, secret: SECRET });
      server = await startBillPayServer({ port: 0, databaseUrl: handle.url, dataDir: null, serveDemo: false, logger: silentLogger, secret: SECRET, sandboxUrl: sandbox.url });
    });
    after(async () => {
      await server.close();
      await sandbox.close();
      await drop();
    });

    it('takes a payment through it: the browser tokenizes there, the API charges there', async () => {
      assert.equal(server.processorUrl, sandbox.url);
      assert.equal(server.processorDatabase, undefined, 'no sandbox of its own');
      const rivera = demo('Rivera');
      const lookup = await fetch(`${server.url}/v1/lookups`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ practice: 'harbor-point', billId: rivera.billId, dateOfBirth: rivera.dateOfBirth }),
      });
      assert.equal(lookup.status, 201);
      const { token: session } = (await lookup.json()) as { token: string };
      const token = await fetch(`${sandbox.url}/v1/tokens/card`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-billpay-key': PK },
        body: JSON.stringify({ number: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123', name: 'Ana Rivera', postalCode: '06510' }),
      });
      assert.equal(token.status, 201);
      const paid = await fetch(`${server.url}/v1/payments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${session}`, 'idempotency-key': 'own-process-payment-1' },
        body: JSON.stringify({ amountCents: 2_500, token: ((await token.json()) as { id: string }).id }),
      });
      assert.equal(paid.status, 201, await paid.clone().text());
      assert.equal(((await paid.json()) as { status: string }).status, 'succeeded');
      assert.equal((await fetch(`${server.url}/v1/health`)).status, 200);
    });

    it('is not ready while the processor is away', async () => {
      await sandbox.close();
      const health = await fetch(`${server.url}/v1/health`);
      assert.equal(health.status, 503);
      assert.match(await health.text(), /processor/);
    });
  });
}
