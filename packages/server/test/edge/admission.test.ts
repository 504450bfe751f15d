/**
 * Load shedding on the embedded database: PGlite runs one transaction at a time, so past what it
 * can serve in time a request is refused at once (503 `busy` with `Retry-After`, readable by the
 * widget's origin) instead of queueing past the time its client waits. PostgreSQL is never shed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiErrorBodySchema } from '@billpay/sdk';
import { openDatabase, type BillPayDatabase } from '../../src/db/database.js';
import { QueueDelay } from '../../src/edge/admission.js';
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

  /**
   * Takes the connection and keeps it until `release()`, resolving once it is held (a turn starts
   * from the event loop, so on a busy machine that can take longer than any fixed wait).
   */
  async function holdConnection(): Promise<{ release: () => Promise<void> }> {
    let release!: () => void;
    let taken!: () => void;
    const isTaken = new Promise<void>((resolve) => (taken = resolve));
    const held = database.db.connection().execute(() => {
      taken();
      return new Promise<void>((resolve) => (release = resolve));
    });
    await isTaken;
    return {
      release: async () => {
        release();
        await held;
      },
    };
  }

  it('says how long the queue is: nothing when idle, more while the connection is held', async () => {
    assert.equal(database.expectedWaitMs!(), 0);
    const connection = await holdConnection();
    assert.ok(database.expectedWaitMs!() > 0);
    await connection.release();
    assert.equal(database.expectedWaitMs!(), 0);
  });

  it('refuses at once while the database is taken, with Retry-After and a body the widget can read', async () => {
    const connection = await holdConnection();
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
      await connection.release();
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

describe('queue delay (how long the quickest request of an interval stood)', () => {
  const TARGET = 2_000;
  const INTERVAL = 1_000;

  it('is nothing while the quickest answer of an interval is within the target, though one slow request took far longer', () => {
    const delay = new QueueDelay(TARGET, INTERVAL, 0);
    for (const [at, took] of [[100, 40], [300, 9_000], [600, 35]] as const) {
      delay.started();
      delay.answered(took, at);
    }
    assert.equal(delay.standingMs(1_200), 0);
  });

  it('takes a slow request or two alone (an import, nothing else going on) for no queue', () => {
    const delay = new QueueDelay(TARGET, INTERVAL, 0);
    for (let i = 0; i < 2; i++) delay.started();
    delay.answered(8_000, 300);
    delay.answered(9_000, 800);
    assert.equal(delay.standingMs(1_000), 0);
  });

  it('says how long requests stand once even the quickest of an interval took longer than the target, and ends when they no longer do', () => {
    const delay = new QueueDelay(TARGET, INTERVAL, 0);
    for (let i = 0; i < 4; i++) delay.started();
    delay.answered(3_100, 200);
    delay.answered(2_800, 500);
    delay.answered(2_600, 700);
    assert.equal(delay.standingMs(900), 0, 'known only once the interval is over');
    assert.equal(delay.standingMs(1_000), 2_600);
    delay.answered(150, 1_400);
    delay.started();
    assert.equal(delay.standingMs(1_900), 2_600, 'the verdict holds for the interval after');
    assert.equal(delay.standingMs(2_000), 0);
  });

  it('keeps refusing through a stall (requests under way, none answered) and stops once nothing is under way', () => {
    const delay = new QueueDelay(TARGET, INTERVAL, 0);
    for (let i = 0; i < 6; i++) delay.started();
    for (const took of [4_500, 4_000, 4_200]) delay.answered(took, 500);
    assert.equal(delay.standingMs(2_500), 4_000, 'three requests still under way, none answered since');
    for (const took of [6_000, 6_500, 7_000]) delay.answered(took, 2_600);
    assert.equal(delay.standingMs(3_100), 6_000);
    assert.equal(delay.standingMs(4_100), 0, 'an interval with nothing under way: nothing is queued');
  });

  it('forgets a verdict across an idle time: the first request after it is not refused', () => {
    const delay = new QueueDelay(TARGET, INTERVAL, 0);
    for (let i = 0; i < 3; i++) delay.started();
    for (const took of [5_000, 5_500, 6_000]) delay.answered(took, 900);
    assert.equal(delay.standingMs(1_000), 5_000);
    assert.equal(delay.standingMs(60_000), 0);
  });
});
