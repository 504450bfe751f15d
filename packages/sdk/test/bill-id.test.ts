import '../../../test/support/fail-on-console.js';
import { expect } from '@open-wc/testing';
import { billIdFrom, formatBillId, luhnCheckDigit, luhnValid, normalizeBillId } from '@billpay/sdk';

describe('Bill ID', () => {
  it('accepts the demo Bill IDs however they are typed or pasted', () => {
    for (const input of ['2025 1104 0018', '2025-1104-0018', '202511040018', ' Bill ID: 2025.1104.0018 ']) {
      expect(normalizeBillId(input), input).to.deep.equal({ ok: true, billId: '202511040018' });
    }
  });

  it('gives each kind of bad input its own issue code', () => {
    const cases: [string, string][] = [
      ['', 'bill_id.empty'],
      ['2025 1104 001', 'bill_id.too_short'],
      ['2025 1104 00188', 'bill_id.too_long'],
      ['2025 1104 00A8', 'bill_id.invalid_characters'],
      ['٢٠٢٥١١٠٤٠٠١٨', 'bill_id.non_ascii_digits'],
      ['2025 1104 0019', 'bill_id.check_digit'],
    ];
    for (const [input, issue] of cases) {
      expect(normalizeBillId(input), input).to.deep.equal({ ok: false, issue });
    }
  });

  it('skips the check digit for practices that do not use one', () => {
    expect(normalizeBillId('2025 1104 0019', 'none')).to.deep.equal({ ok: true, billId: '202511040019' });
  });

  it('computes and verifies Luhn check digits', () => {
    expect(luhnCheckDigit('20251104001')).to.equal('8');
    expect(luhnCheckDigit('20251104005')).to.equal('9');
    expect(luhnValid('4242424242424242')).to.equal(true);
    expect(luhnValid('4242424242424241')).to.equal(false);
  });

  it('groups digits in fours as printed on statements', () => {
    expect(formatBillId('202511040018')).to.equal('2025 1104 0018');
    expect(formatBillId('20251')).to.equal('2025 1');
  });
});

describe('billIdFrom', () => {
  it('appends the Luhn check digit, so the result normalizes', () => {
    const id = billIdFrom('20251104001', 'luhn');
    expect(id).to.equal('202511040018');
    expect(normalizeBillId(id, 'luhn')).to.deep.equal({ ok: true, billId: id });
  });
  it('takes the spare digit for a practice without a check digit', () => {
    expect(billIdFrom('20251104001', 'none', '7')).to.equal('202511040017');
  });
  it('refuses a body that is not 11 digits', () => {
    expect(() => billIdFrom('2025', 'luhn')).to.throw(TypeError);
  });
});
