/**
 * Readiness and liveness of both servers, with their databases taken away under them: readiness
 * (`/v1/health`) says 503 and names what does not answer; liveness (`/v1/health/live`) stays 200,
 * since restarting the process would not bring a database back.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiErrorBodySchema, HealthSchema } from '@billpay/sdk';
import { ProcessorErrorBodySchema } from '@billpay/sdk/processor';
import pg from 'pg';
import { createLogger } from '../../src/log.js';
import { startBillPayServer, type BillPayServer } from '../../src/server.js';
import { backends } from '../support/backends.js';
import { SECRET } from '../support/harness.js';

const get = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as unknown };
};

for (const backend of backends) {
  describe(`health (${backend.name})`, () => {
    let server: BillPayServer;
    let url: string | undefined;
    let drop: () => Promise<void>;
    const logLines: string[] = [];
    before(async () => {
      const handle = await backend.create();
      await handle.database.close();
      ({ url, drop } = handle);
      server = await startBillPayServer({
        port: 0,
        processorPort: 0,
        databaseUrl: url,
        dataDir: null,
        serveDemo: false,
        logger: createLogger((line) => logLines.push(line)),
        secret: SECRET,
        // Down here means refused, not slow: a check on a loaded CI machine may take past the 2 s default.
        readinessTimeoutMs: 30_000,
      });
    });
    after(async () => {
      await server.close();
      await drop();
    });

    it('is ready and alive while both databases answer', async () => {
      const api = await get(`${server.url}/v1/health`);
      assert.equal(api.status, 200);
      assert.deepEqual(HealthSchema.parse(api.body), { status: 'ok', database: backend.name });
      assert.deepEqual(await get(`${server.url}/v1/health/live`), { status: 200, body: { status: 'ok' } });
      assert.deepEqual(await get(`${server.processorUrl!}/v1/health`), { status: 200, body: { status: 'ok', processor: 'sandbox' } });
      assert.deepEqual(await get(`${server.processorUrl!}/v1/health/live`), { status: 200, body: { status: 'ok' } });
    });

    it('says which is down once the processor’s database is closed, and stays alive', async () => {
      await server.processorDatabase!.close();
      const processor = await get(`${server.processorUrl!}/v1/health`);
      assert.equal(processor.status, 503);
      assert.deepEqual(ProcessorErrorBodySchema.parse(processor.body).error, {
        code: 'not_ready',
        message: 'Not ready: the database does not answer.',
        param: 'database',
      });
      assert.deepEqual(await get(`${server.processorUrl!}/v1/health/live`), { status: 200, body: { status: 'ok' } });

      // The practice API's own database still answers; it is not ready because no payment could be taken.
      const api = await get(`${server.url}/v1/health`);
      assert.equal(api.status, 503);
      const { error } = ApiErrorBodySchema.parse(api.body);
      assert.equal(error.code, 'not_ready');
      assert.deepEqual(error.issues, [{ path: ['processor'], code: 'unavailable', message: 'The processor does not answer.' }]);
      assert.ok(error.requestId);
      assert.deepEqual(await get(`${server.url}/v1/health/live`), { status: 200, body: { status: 'ok' } });
    });

    it(`says the database is down once it is ${backend.name === 'postgres' ? 'dropped' : 'closed'}, and stays alive`, async () => {
      if (url) {
        const admin = new pg.Client({ connectionString: new URL('/postgres', url).href });
        await admin.connect();
        try {
          await admin.query(`drop database ${new URL(url).pathname.slice(1)} with (force)`);
        } finally {
          await admin.end();
        }
      } else {
        await server.database.close();
      }
      const api = await get(`${server.url}/v1/health`);
      assert.equal(api.status, 503);
      const { error } = ApiErrorBodySchema.parse(api.body);
      assert.equal(error.message, 'Not ready: the database and the processor do not answer.');
      assert.deepEqual(
        error.issues?.map((issue) => issue.path),
        [['database'], ['processor']],
      );
      assert.deepEqual(await get(`${server.url}/v1/health/live`), { status: 200, body: { status: 'ok' } });
      // Said once per failed check, naming only what is down.
      const notReady = logLines.filter((line) => line.includes('"not_ready"')).map((line) => JSON.parse(line) as { down: string });
      assert.deepEqual(
        notReady.map((entry) => entry.down),
        ['processor', 'database, processor'],
      );
    });
  });
}
