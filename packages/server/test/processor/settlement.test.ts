import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ProcessorEventListSchema } from '@billpay/sdk/processor';
import { silentLogger } from '../../src/log.js';
import { startSettlementTimer } from '../../src/processor/sandbox/app.js';
import { addWeekdaysToInstant } from '../../src/processor/sandbox/clock.js';
import { backends } from '../support/backends.js';
import { SECRET } from '../support/harness.js';
import { CARDS, openProcessorHarness, refusal, type ChargeBody, type ProcessorHarness } from '../support/processor.js';

describe('business days', () => {
  it('skips weekends', () => {
    const at = (iso: string) => new Date(`${iso}T15:00:00.000Z`);
    assert.deepEqual(addWeekdaysToInstant(at('2026-11-22'), 2), at('2026-11-24')); // Sunday -> Tuesday
    assert.deepEqual(addWeekdaysToInstant(at('2026-11-26'), 2), at('2026-11-30')); // Thursday -> Monday
    assert.deepEqual(addWeekdaysToInstant(at('2026-11-27'), 2), at('2026-12-01')); // Friday -> Tuesday
    assert.deepEqual(addWeekdaysToInstant(at('2026-11-28'), 2), at('2026-12-01')); // Saturday -> Tuesday
  });
});

for (const backend of backends) {
  describe(`processor settlement (${backend.name})`, () => {
    let p: ProcessorHarness;
    let n = 0;
    const key = () => `settle-${++n}`;
    before(async () => {
      p = await openProcessorHarness(backend);
    });
    after(async () => {
      await p.close();
    });

    const events = async (since?: string) => {
      const answer = await p.secretCall(`/v1/events${since === undefined ? '' : `?since=${since}`}`);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      return ProcessorEventListSchema.parse(answer.body);
    };

    it('settles bank debits two business days later, or returns them R01, and lists the changes in order', async () => {
      // The clock starts on Sunday 2026-11-22: due Tuesday.
      const good = (await p.charge({ token: await p.bankToken('000123456789'), amountCents: 6_500 }, key())).body;
      const short = (await p.charge({ token: await p.bankToken('000987650001'), amountCents: 4_000 }, key())).body;
      const card = (await p.charge({ token: await p.cardToken(CARDS.visa), amountCents: 100 }, key())).body;
      assert.deepEqual([good.status, short.status, card.status], ['processing', 'processing', 'succeeded']);
      const start = await events();
      assert.deepEqual(start.data, []);
      assert.equal(start.nextCursor, '0');

      const monday = await p.secretCall<{ now: string }>('/v1/sandbox/clock', { advanceDays: 1 });
      assert.equal(monday.status, 200);
      assert.equal(monday.body.now, '2026-11-23T15:00:00.000Z');
      assert.equal((await p.secretCall<ChargeBody>(`/v1/charges/${good.id}`)).body.status, 'processing');
      assert.deepEqual((await events()).data, []);

      await p.secretCall('/v1/sandbox/clock', { advanceDays: 1 });
      const settled = await p.secretCall<ChargeBody>(`/v1/charges/${good.id}`);
      assert.equal(settled.body.status, 'settled');
      const returned = await p.secretCall<ChargeBody>(`/v1/charges/${short.id}`);
      assert.equal(returned.body.status, 'returned');
      assert.equal(returned.body.returnCode, 'R01');
      assert.equal((await p.secretCall<ChargeBody>(`/v1/charges/${card.id}`)).body.status, 'succeeded');

      const listed = await events('0');
      // Both became due at the same moment, so either may come first.
      const byId = (a: string[], b: string[]) => (a[1]! < b[1]! ? -1 : 1);
      assert.deepEqual(
        listed.data.map((event) => [event.type, event.charge.id, event.charge.status]).sort(byId),
        [
          ['charge.settled', good.id, 'settled'],
          ['charge.returned', short.id, 'returned'],
        ].sort(byId),
      );
      assert.equal(listed.data.find((event) => event.charge.id === short.id)?.charge.returnCode, 'R01');
      assert.deepEqual((await events(listed.nextCursor)).data, []);
      assert.equal((await events(listed.nextCursor)).nextCursor, listed.nextCursor);

      // Later changes come after the cursor, in order.
      const later = (await p.charge({ token: await p.bankToken('000555550001'), amountCents: 1_500 }, key())).body;
      await p.secretCall('/v1/sandbox/clock', { advanceDays: 5 });
      const next = await events(listed.nextCursor);
      assert.deepEqual(
        next.data.map((event) => [event.type, event.charge.id]),
        [['charge.returned', later.id]],
      );
      // A returned debit is not refundable: the money never arrived.
      refusal(await p.secretCall('/v1/refunds', { charge: later.id }, key()), 400, 'charge_not_refundable');
      // A settled one is.
      assert.equal((await p.secretCall('/v1/refunds', { charge: good.id }, key())).status, 201);
    });

    it('settles on its own timer too', async () => {
      const charge = (await p.charge({ token: await p.bankToken('000111122223'), amountCents: 2_000 }, key())).body;
      p.base = new Date(p.base.getTime() + 3 * 86_400_000);
      const timer = startSettlementTimer({ database: p.database, secret: SECRET, clock: p.clock, logger: silentLogger, intervalMs: 10 });
      try {
        for (let waited = 0; waited < 5_000; waited += 20) {
          if ((await p.secretCall<ChargeBody>(`/v1/charges/${charge.id}`)).body.status !== 'processing') break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      } finally {
        await timer.stop();
      }
      assert.equal((await p.secretCall<ChargeBody>(`/v1/charges/${charge.id}`)).body.status, 'settled');
    });

    it('needs the secret key for the clock and the events', async () => {
      refusal(await p.send('/v1/events'), 401, 'invalid_api_key');
      refusal(await p.send('/v1/sandbox/clock', { body: { advanceDays: 1 } }), 401, 'invalid_api_key');
      refusal(await p.secretCall('/v1/sandbox/clock', { advanceDays: -1 }), 400, 'invalid_request', 'advanceDays');
      refusal(await p.secretCall('/v1/events?since=abc'), 400, 'invalid_request', 'since');
      p.assertLogClean();
    });
  });
}
