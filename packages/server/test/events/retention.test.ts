/**
 * Events are kept 90 days: older ones go with their finished webhook deliveries; one whose
 * delivery is still pending, and every newer one, stays.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { publishEvents, recordEvent } from '../../src/events/outbox.js';
import { EVENT_RETENTION_DAYS, purgeOldEvents } from '../../src/events/retention.js';
import { backends } from '../support/backends.js';
import { openHarness, type Harness } from '../support/harness.js';

const DAY = 24 * 60 * 60 * 1000;

for (const backend of backends) {
  describe(`event retention (${backend.name})`, () => {
    let harness: Harness;
    before(async () => {
      harness = await openHarness(backend);
    });
    after(async () => {
      await harness.close();
    });

    it('removes events past 90 days with their finished deliveries, and keeps the rest', async () => {
      const db = harness.database.db;
      const now = new Date('2026-11-26T12:00:00.000Z');
      const record = async (daysAgo: number, paymentId: string) => {
        await db.transaction().execute((trx) => recordEvent(trx, { practiceId: 'harbor-point', type: 'fee.added', data: { paymentId, amountCents: 100 }, now: new Date(now.getTime() - daysAgo * DAY) }));
        return (await db.selectFrom('events').select('id').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()).id;
      };
      const oldDelivered = await record(EVENT_RETENTION_DAYS + 5, 'old-delivered');
      const oldPending = await record(EVENT_RETENTION_DAYS + 4, 'old-pending');
      const oldQuiet = await record(EVENT_RETENTION_DAYS + 1, 'old-quiet');
      const recent = await record(EVENT_RETENTION_DAYS - 1, 'recent');
      await publishEvents(db, now);
      const unpublished = await record(EVENT_RETENTION_DAYS + 3, 'old-unpublished');

      await db.insertInto('webhook_endpoints').values({ id: 'we_retention', practice_id: 'harbor-point', url: 'https://hooks.example/', description: null, event_types: ['fee.added'], secret_sealed: 'v1.a.b.c', status: 'enabled', disabled_reason: null, failing_since: null, created_at: now, updated_at: now }).execute();
      const delivery = (id: string, eventId: string, status: 'delivered' | 'pending') => ({ id, event_id: eventId, endpoint_id: 'we_retention', practice_id: 'harbor-point', status, attempts: 1, next_attempt_at: now, created_at: now });
      await db.insertInto('webhook_deliveries').values([delivery('wd_done', oldDelivered, 'delivered'), delivery('wd_pending', oldPending, 'pending'), delivery('wd_recent', recent, 'delivered')]).execute();

      assert.equal(await purgeOldEvents(db, now), 2);
      const left = (await db.selectFrom('events').select('id').where('id', 'in', [oldDelivered, oldPending, oldQuiet, recent, unpublished]).execute()).map((row) => row.id).sort();
      assert.deepEqual(left, [oldPending, recent, unpublished].sort(), 'kept: a pending delivery’s event, a recent one, one not yet published');
      const deliveries = (await db.selectFrom('webhook_deliveries').select('id').where('endpoint_id', '=', 'we_retention').execute()).map((row) => row.id).sort();
      assert.deepEqual(deliveries, ['wd_pending', 'wd_recent']);
      assert.equal(await purgeOldEvents(db, now), 0, 'nothing more to remove');
    });
  });
}
