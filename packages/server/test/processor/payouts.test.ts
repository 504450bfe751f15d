/**
 * The sandbox's settlement report, `GET /v1/payouts/{date}`: a Friday's cards paid out Monday,
 * bank debits the day they settle, a refund netted the weekday after, a returned debit taken back
 * the weekday after it came back; nothing on a weekend; the merchant's own only; a bad date a 400.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PayoutSchema } from '@billpay/sdk/processor';
import { payoutWindow } from '../../src/processor/sandbox/payouts.js';
import { backends } from '../support/backends.js';
import { CARDS, openProcessorHarness, refusal, type ProcessorHarness } from '../support/processor.js';

describe('the sandbox’s payout window', () => {
  it('takes the weekday before, and the weekend before a Monday; pays nothing on a weekend', () => {
    assert.deepEqual(payoutWindow('2026-12-08'), { from: new Date('2026-12-07T00:00:00Z'), to: new Date('2026-12-08T00:00:00Z') });
    assert.deepEqual(payoutWindow('2026-12-07'), { from: new Date('2026-12-04T00:00:00Z'), to: new Date('2026-12-07T00:00:00Z') });
    assert.equal(payoutWindow('2026-12-05'), undefined);
  });
});

for (const backend of backends) {
  describe(`sandbox payouts (${backend.name})`, () => {
    let p: ProcessorHarness;
    let n = 0;
    const key = () => `payout-${process.pid}-${++n}`;
    before(async () => {
      p = await openProcessorHarness(backend);
    });
    after(() => p.close());

    const payout = async (date: string) => {
      const answer = await p.secretCall(`/v1/payouts/${date}`);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      return PayoutSchema.parse(answer.body);
    };

    it('reports each day’s payout line by line, signed, summing to its amount', async () => {
      // Friday 4 December 2026, 15:00 UTC.
      p.base = new Date('2026-12-04T15:00:00Z');
      const card = await p.charge({ token: await p.cardToken(CARDS.visa), amountCents: 3_000 }, key());
      const bank = await p.charge({ token: await p.bankToken('000123456789'), amountCents: 7_000 }, key());
      p.base = new Date('2026-12-04T15:01:00Z');
      const nsf = await p.charge({ token: await p.bankToken('000987650001'), amountCents: 5_000 }, key());
      const declined = await p.charge({ token: await p.cardToken(CARDS.declined), amountCents: 1_000 }, key());
      assert.deepEqual([card.status, bank.status, nsf.status, declined.body.status], [201, 201, 201, 'declined']);
      // Monday: a refund of part of the card; Tuesday the debits settle or come back.
      p.base = new Date('2026-12-07T16:00:00Z');
      const refund = await p.secretCall<{ id: string }>('/v1/refunds', { charge: card.body.id, amountCents: 1_000 }, key());
      assert.equal(refund.status, 201);
      p.base = new Date('2026-12-08T16:00:00Z');
      await p.secretCall('/v1/sandbox/clock', { advanceDays: 0 });

      const monday = await payout('2026-12-07');
      assert.deepEqual(monday.lines, [{ type: 'charge', id: card.body.id, charge: card.body.id, amountCents: 3_000, method: 'card' }]);
      const tuesday = await payout('2026-12-08');
      assert.deepEqual(tuesday.lines.map((l) => [l.type, l.charge, l.amountCents]), [
        ['charge', bank.body.id, 7_000],
        ['charge', nsf.body.id, 5_000],
        ['refund', card.body.id, -1_000],
      ]);
      assert.equal(tuesday.amountCents, 11_000);
      const wednesday = await payout('2026-12-09');
      assert.deepEqual(wednesday.lines.map((l) => [l.type, l.id, l.amountCents, l.method]), [['return', nsf.body.id, -5_000, 'bank']]);
      assert.deepEqual(await payout('2026-12-05'), { date: '2026-12-05', amountCents: 0, lines: [] });
    });

    it('answers only the merchant’s own key, and refuses a date that is not a day', async () => {
      refusal(await p.send('/v1/payouts/2026-12-08'), 401, 'invalid_api_key');
      for (const date of ['2026-02-30', '20261208', 'x'.repeat(40)]) refusal(await p.secretCall(`/v1/payouts/${date}`), 400, 'invalid_request');
    });
  });
}
