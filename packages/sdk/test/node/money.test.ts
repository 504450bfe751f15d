import '../../../../test/support/fail-on-console.js';
import { expect } from 'chai';
import { centsToDecimalString, formatMoney, parseMoney, sumCents } from '../../src/money.js';

describe('money', () => {
  it('parses what people type into integer cents', () => {
    const cases: [string, number][] = [
      ['142.50', 14_250],
      ['$1,234.5', 123_450],
      [' 40 ', 4_000],
      ['.99', 99],
      ['0.1', 10],
      ['2400', 240_000],
      ['$ 65.00', 6_500],
    ];
    for (const [input, cents] of cases) {
      expect(parseMoney(input), input).to.deep.equal({ ok: true, cents });
    }
  });

  it('names what is wrong with an amount', () => {
    const cases: [string, string][] = [
      ['', 'money.empty'],
      ['   ', 'money.empty'],
      ['12.345', 'money.too_many_decimals'],
      ['-5', 'money.negative'],
      ['abc', 'money.invalid'],
      ['1,23.00', 'money.invalid'],
      ['.', 'money.invalid'],
      ['99999999999', 'money.too_large'],
    ];
    for (const [input, issue] of cases) {
      expect(parseMoney(input), input).to.deep.equal({ ok: false, issue });
    }
  });

  it('formats cents without floating point, in English and Spanish', () => {
    expect(centsToDecimalString(14_250)).to.equal('142.50');
    expect(centsToDecimalString(-5)).to.equal('-0.05');
    expect(formatMoney(14_250, 'en-US')).to.equal('$142.50');
    expect(formatMoney(240_000, 'en-US')).to.equal('$2,400.00');
    // 0.1 + 0.2 style drift cannot happen: the formatter is handed "0.30", not a float.
    expect(formatMoney(30, 'en-US')).to.equal('$0.30');
    expect(formatMoney(14_250, 'es-US')).to.match(/142[.,]50/);
  });

  it('refuses fractional cents', () => {
    expect(() => sumCents([100, 0.5])).to.throw(TypeError);
    expect(sumCents([4_000, 1_000, 9_250])).to.equal(14_250);
  });
});
