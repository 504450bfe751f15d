/** The limits on the texts billpay sends on its own, at their edges: pure, no database. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { timeZonesOfState } from '../../src/domain/us-time-zones.js';
import { nextTextTime, zonedInstant } from '../../src/messages/pacing.js';

const NY = 'America/New_York';
const at = (iso: string) => new Date(iso);
const next = (now: string, priors: readonly string[] = [], zone: string | readonly string[] = NY) => nextTextTime(at(now), zone, priors.map(at)).toISOString();

describe('when a text billpay sends on its own may go', () => {
  it('between 8 a.m. and 9 p.m. where the patient is: 20:59 goes, 21:00 waits for 8:00 the next morning, 7:59 for 8:00', () => {
    // 23 November 2026, Eastern Standard Time (UTC-5).
    assert.equal(next('2026-11-24T01:59:59.000Z'), '2026-11-24T01:59:59.000Z', '20:59:59 goes at once');
    assert.equal(next('2026-11-24T02:00:00.000Z'), '2026-11-24T13:00:00.000Z', '21:00 waits for 08:00');
    assert.equal(next('2026-11-24T12:59:59.000Z'), '2026-11-24T13:00:00.000Z', '07:59:59 waits a second');
    assert.equal(next('2026-11-24T13:00:00.000Z'), '2026-11-24T13:00:00.000Z', '08:00 goes');
    // The same instant is 6 p.m. in Los Angeles: it goes there.
    assert.equal(next('2026-11-24T02:00:00.000Z', [], 'America/Los_Angeles'), '2026-11-24T02:00:00.000Z');
  });

  it('on the days the clocks change, 8 a.m. and 9 p.m. are the wall clock’s', () => {
    // 8 March 2026: 2 a.m. EST becomes 3 a.m. EDT (UTC-4).
    assert.equal(next('2026-03-08T06:30:00.000Z'), '2026-03-08T12:00:00.000Z', '01:30 EST waits for 08:00 EDT');
    assert.equal(next('2026-03-09T00:59:00.000Z'), '2026-03-09T00:59:00.000Z', '20:59 EDT goes');
    assert.equal(next('2026-03-09T01:00:00.000Z'), '2026-03-09T12:00:00.000Z', '21:00 EDT waits for 08:00 EDT');
    // 1 November 2026: 2 a.m. EDT becomes 1 a.m. EST.
    assert.equal(next('2026-11-01T05:30:00.000Z'), '2026-11-01T13:00:00.000Z', '01:30 EDT waits for 08:00 EST');
    assert.equal(next('2026-11-01T01:00:00.000Z', ['2026-10-31T14:00:00.000Z']), '2026-11-01T13:00:00.000Z', '21:00 EDT on the 31st, one sent that day: 08:00 EST');
    assert.equal(zonedInstant({ year: 2026, month: 3, day: 8 }, 2, NY).toISOString(), '2026-03-08T07:00:00.000Z', 'an hour the clocks skip is the moment after the jump');
  });

  it('one a day, the patient’s calendar day: a second waits for 8 a.m. tomorrow, not 24 hours', () => {
    const sentAt = '2026-11-23T20:30:00.000Z'; // 15:30 on the 23rd
    assert.equal(next('2026-11-23T22:00:00.000Z', [sentAt]), '2026-11-24T13:00:00.000Z');
    assert.equal(next('2026-11-24T13:00:00.000Z', [sentAt]), '2026-11-24T13:00:00.000Z', '08:00 the next day goes though 24 hours have not passed');
    // One sent at 20:59 still fills that day; 21:00 waits anyway.
    assert.equal(next('2026-11-24T01:59:30.000Z', ['2026-11-24T01:59:00.000Z']), '2026-11-24T13:00:00.000Z');
  });

  it('three in any 7 days (rolling): the fourth waits until the first is a week old', () => {
    const monday = '2026-11-23T15:00:00.000Z'; // 10:00
    const priors = [monday, '2026-11-24T15:00:00.000Z', '2026-11-25T15:00:00.000Z'];
    assert.equal(next('2026-11-26T15:00:00.000Z', priors), '2026-11-30T15:00:00.000Z', 'Thursday waits for Monday 10:00');
    assert.equal(next('2026-11-30T14:59:59.000Z', priors), '2026-11-30T15:00:00.000Z', 'Monday 09:59:59: still three in the week');
    assert.equal(next('2026-11-30T15:00:00.000Z', priors), '2026-11-30T15:00:00.000Z', 'Monday 10:00: the first is a week old');
    assert.equal(next('2026-11-26T15:00:00.000Z', priors.slice(1)), '2026-11-26T15:00:00.000Z', 'two in the week: the third goes');
    // 7 × 24 hours across the change of the clocks: sent at 08:30 EDT, a week old at 07:30 EST, in quiet hours: 08:00.
    const mornings = ['2026-10-25T12:30:00.000Z', '2026-10-26T12:30:00.000Z', '2026-10-27T12:30:00.000Z'];
    assert.equal(next('2026-10-28T12:30:00.000Z', mornings), '2026-11-01T13:00:00.000Z');
  });

  it('where the patient may be in either of two zones (a state a zone line crosses), 8 a.m. to 9 p.m. in both', () => {
    const TENNESSEE = timeZonesOfState('tn')!;
    assert.deepEqual(TENNESSEE, ['America/Chicago', 'America/New_York']);
    // 24 November 2026, 07:30 Central is 08:30 Eastern: it waits for 08:00 Central.
    assert.equal(next('2026-11-24T13:30:00.000Z', [], TENNESSEE), '2026-11-24T14:00:00.000Z');
    // 20:30 Central is 21:30 Eastern: it waits for 08:00 Central the next morning (09:00 Eastern).
    assert.equal(next('2026-11-25T02:30:00.000Z', [], TENNESSEE), '2026-11-25T14:00:00.000Z');
    // 19:59 Central, 20:59 Eastern: it goes.
    assert.equal(next('2026-11-25T01:59:00.000Z', [], TENNESSEE), '2026-11-25T01:59:00.000Z');
    // Arizona keeps standard time; the Navajo Nation does not: in summer 8 a.m. there is 7 a.m. in Phoenix.
    assert.equal(next('2026-07-01T14:30:00.000Z', [], timeZonesOfState('AZ')), '2026-07-01T15:00:00.000Z');
    assert.equal(timeZonesOfState('ZZ'), undefined);
    assert.equal(timeZonesOfState(null), undefined);
  });

  it('a time zone Intl does not know keeps US Eastern time', () => {
    assert.equal(next('2026-11-24T02:00:00.000Z', [], 'Not/AZone'), '2026-11-24T13:00:00.000Z');
  });
});
