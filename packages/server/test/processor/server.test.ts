import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { silentLogger } from '../../src/log.js';
import { processorSecretKey } from '../../src/processor/sandbox/keys.js';
import { startBillPayServer, type BillPayServer } from '../../src/server.js';
import { backends } from '../support/backends.js';
import { SECRET } from '../support/harness.js';
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
