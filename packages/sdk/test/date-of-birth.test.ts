import '../../../test/support/fail-on-console.js';
import { expect } from '@open-wc/testing';
import { normalizeBillId, parseDateOfBirth } from '@billpay/sdk';

const TODAY = '2026-11-22';
const dob = (month: string, day: string, year: string) => parseDateOfBirth({ month, day, year }, TODAY);

describe('lookup input: each bad input has its own issue code', () => {
  const table: [string, () => unknown, string][] = [
    ['11 digits', () => normalizeBillId('2025 1104 001'), 'bill_id.too_short'],
    ['13 digits', () => normalizeBillId('2025 1104 00180'), 'bill_id.too_long'],
    ['letters', () => normalizeBillId('2025 1104 OO18'), 'bill_id.invalid_characters'],
    ['non-ASCII digits', () => normalizeBillId('２０２５１１０４００１８'), 'bill_id.non_ascii_digits'],
    ['a wrong check digit', () => normalizeBillId('2025 1104 0017'), 'bill_id.check_digit'],
    ['31 February', () => dob('2', '31', '1984'), 'dob.not_a_date'],
    ['29 February of a common year', () => dob('2', '29', '1983'), 'dob.not_a_date'],
    ['a future date', () => dob('12', '1', '2026'), 'dob.future'],
    ['1850', () => dob('1', '1', '1850'), 'dob.too_old'],
    ['month 13', () => dob('13', '1', '1984'), 'dob.month_invalid'],
    ['day 0', () => dob('3', '0', '1984'), 'dob.day_invalid'],
    ['a two-digit year', () => dob('3', '9', '84'), 'dob.year_invalid'],
    ['no month', () => dob('', '9', '1984'), 'dob.month_missing'],
    ['no day', () => dob('3', '', '1984'), 'dob.day_missing'],
    ['no year', () => dob('3', '9', ''), 'dob.year_missing'],
    ['nothing', () => dob('', '', ''), 'dob.empty'],
  ];
  for (const [name, run, issue] of table) {
    it(`${name} -> ${issue}`, () => {
      expect(run()).to.deep.equal({ ok: false, issue });
    });
  }

  it('accepts real dates, leap days included, as YYYY-MM-DD', () => {
    expect(dob('3', '9', '1984')).to.deep.equal({ ok: true, date: '1984-03-09' });
    expect(dob('02', '29', '2000')).to.deep.equal({ ok: true, date: '2000-02-29' });
    expect(dob('11', '22', '2026')).to.deep.equal({ ok: true, date: '2026-11-22' });
  });
});
