/**
 * Load shedding on the embedded database: PGlite runs one transaction at a time, so past what it
 * can serve in time a request is refused at once (503 `busy` with `Retry-After`, readable by the
 * widget's origin) instead of queueing past the time its client waits. PostgreSQL is never shed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiErrorBodySchema } from '@billpay/sdk';
import { openDatabase, type BillPayDatabase } from '../../src/db/database.js';
import { createApp } from '../../src/http/app.js';
import { createLogger } from '../../src/log.js';
import { ALLOWED_ORIGIN, SECRET, TEST_PROXIES, TODAY, demo, harborPoint, practices } from '../support/harness.js';
import { seedDemoData } from '../../src/demo/seed.js';
import { migratedPgliteDataDir } from '../support/pglite-template.js';

describe('load shedding (PGlite)', () => {
  let database: BillPayDatabase;
  let app: ReturnType<typeof createApp>;
  before(async () => {
    database = await openDatabase({ initialDataDir: await migratedPgliteDataDir('practice') });
    await seedDemoData(database.db, harborPoint, TODAY);
    // Nothing may wait: whoever finds the connection taken is refused.
    app = createApp({ database, practices, logger: createLogger(() => {}), secret: SECRET, trustedProxies: TEST_PROXIES, maxQueueWaitMs: 0 });
  });
  after(() => database.close());

  const rivera = demo('Rivera');
  const lookup = () =>
    app.request('/v1/lookups', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ALLOWED_ORIGIN },
      body: JSON.stringify({ practice: 'harbor-point', billId: rivera.billId, dateOfBirth: rivera.dateOfBirth }),
    });

  it('says how long the queue is: nothing when idle, more while the connection is held', async () => {
    assert.equal(database.expectedWaitMs!(), 0);
    let release!: () => void;
    const held = database.db.connection().execute(() => new Promise<void>((resolve) => (release = resolve)));
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.ok(database.expectedWaitMs!() > 0);
    release();
    await held;
    assert.equal(database.expectedWaitMs!(), 0);
  });

  it('refuses at once while the database is taken, with Retry-After and a body the widget can read', async () => {
    let release!: () => void;
    const held = database.db.connection().execute(() => new Promise<void>((resolve) => (release = resolve)));
    await new Promise((resolve) => setTimeout(resolve, 10));
    try {
      const started = performance.now();
      const refused = await lookup();
      assert.ok(performance.now() - started < 1_000, 'answered without waiting for the database');
      assert.equal(refused.status, 503);
      assert.match(refused.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
      assert.equal(refused.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
      const body = ApiErrorBodySchema.parse(await refused.json());
      assert.equal(body.error.code, 'busy');
      assert.ok(body.error.requestId);
      // Health checks are never shed; the practice API and the console's API are.
      assert.equal((await app.request('/v1/health/live')).status, 200);
      assert.equal((await app.request('/admin/v1/practice')).status, 503);
      assert.equal((await app.request('/console/api/session')).status, 503);
    } finally {
      release();
      await held;
    }
    // The same request, sent again once the queue is empty, goes through.
    const answered = await lookup();
    assert.equal(answered.status, 201);
  });
});

describe('load shedding (PostgreSQL)', { skip: !process.env.DATABASE_URL }, () => {
  it('has no single connection to queue on, so nothing is shed', async () => {
    const database = await openDatabase({ url: process.env.DATABASE_URL });
    try {
      assert.equal(database.expectedWaitMs, undefined);
    } finally {
      await database.close();
    }
  });
});
