import '../../../../test/support/fail-on-console.js';
import { expect } from 'chai';
import { assertCents, centsToDecimalString, formatMoney, MAX_CENTS, parseMoney, sumCents } from '../../src/money.js';

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
      ['USD 40', 4_000],
      ['usd40.10', 4_010],
      ['12,345.67', 1_234_567],
      ['123,456', 12_345_600],
      ['1,234,567.89', 123_456_789],
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
      // Commas only between groups of three, the currency only in front.
      ['1234,567', 'money.invalid'],
      ['12,34', 'money.invalid'],
      ['1,2345', 'money.invalid'],
      ['40 USD', 'money.invalid'],
    ];
    for (const [input, issue] of cases) {
      expect(parseMoney(input), input).to.deep.equal({ ok: false, issue });
    }
  });

  it('accepts up to $10,000,000.00 exactly, and not a cent more', () => {
    expect(parseMoney('10,000,000.00')).to.deep.equal({ ok: true, cents: MAX_CENTS });
    expect(parseMoney('10000000.01')).to.deep.equal({ ok: false, issue: 'money.too_large' });
  });

  it('formats cents without floating point, in English and Spanish', () => {
    expect(centsToDecimalString(14_250)).to.equal('142.50');
    expect(centsToDecimalString(-5)).to.equal('-0.05');
    expect(formatMoney(14_250, 'en-US')).to.equal('$142.50');
    expect(formatMoney(240_000, 'en-US')).to.equal('$2,400.00');
    // 0.1 + 0.2 style drift cannot happen: the formatter is handed "0.30", not a float.
    expect(formatMoney(30, 'en-US')).to.equal('$0.30');
    expect(formatMoney(14_250, 'es-US')).to.match(/142[.,]50/);
    // Zero has no sign.
    expect(centsToDecimalString(0)).to.equal('0.00');
    expect(formatMoney(0)).to.equal('$0.00');
  });

  it('formats in the currency and locale asked for, whatever was formatted before', () => {
    expect(formatMoney(14_250, 'en-US')).to.equal('$142.50');
    expect(formatMoney(14_250, 'en-US', 'EUR')).to.equal('€142.50');
    expect(formatMoney(14_250, 'de-DE', 'EUR')).to.equal('142,50\u00a0€');
    expect(formatMoney(14_250, 'en-US')).to.equal('$142.50');
  });

  it('refuses fractional cents, and a total past what a number holds exactly, naming which', () => {
    expect(() => sumCents([100, 0.5])).to.throw(TypeError, 'amount must be an integer number of cents');
    expect(sumCents([4_000, 1_000, 9_250])).to.equal(14_250);
    expect(() => sumCents([Number.MAX_SAFE_INTEGER, 1])).to.throw(TypeError, 'total must be an integer number of cents');
    expect(() => assertCents('100', 'fee')).to.throw(TypeError, 'fee must be an integer number of cents');
  });
});
