/**
 * Money is always an integer number of cents. These helpers never divide or multiply a cent
 * amount by a fraction: parsing reads the digits of the text, formatting hands `Intl` a decimal
 * string, so no binary floating point ever touches an amount.
 */

/** An amount of money in integer cents (e.g. 14250 for $142.50). */
export type Cents = number;

export type MoneyIssueCode =
  | 'money.empty'
  | 'money.invalid'
  | 'money.too_many_decimals'
  | 'money.negative'
  | 'money.too_large';

export type ParseMoneyResult =
  | { readonly ok: true; readonly cents: Cents }
  | { readonly ok: false; readonly issue: MoneyIssueCode };

/** The largest amount the helpers accept: $10,000,000.00, far above any patient balance. */
export const MAX_CENTS: Cents = 1_000_000_000;

export function isCents(value: unknown): value is Cents {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** Throws unless `value` is a safe integer: call at every boundary where cents enter. */
export function assertCents(value: unknown, what = 'amount'): asserts value is Cents {
  if (!isCents(value)) throw new TypeError(`${what} must be an integer number of cents`);
}

/** "12345" -> "123.45", "-5" -> "-0.05": the decimal text of a cent amount. */
export function centsToDecimalString(cents: Cents): string {
  assertCents(cents);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.trunc(abs / 100);
  const fraction = abs % 100;
  return `${sign}${whole}.${String(fraction).padStart(2, '0')}`;
}

const formatters = new Map<string, Intl.NumberFormat>();

/** Formats cents for people, e.g. `formatMoney(14250, 'es-US')` -> "$142.50" / "142,50 US$". */
export function formatMoney(cents: Cents, locale = 'en-US', currency = 'USD'): string {
  const key = `${locale}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, formatter);
  }
  // Intl.NumberFormat accepts exact decimal strings, so no float is ever made from cents.
  return formatter.format(centsToDecimalString(cents) as unknown as number);
}

/**
 * Parses what a person typed as an amount of US dollars into cents: "$1,234.5", "1234.50",
 * " 40 ", ".99". Thousands separators are commas; the decimal separator is a point.
 */
export function parseMoney(input: string): ParseMoneyResult {
  const text = input.replace(/[\s$\u00a0]/g, '').replace(/^USD/i, '');
  if (text === '') return { ok: false, issue: 'money.empty' };
  if (text.startsWith('-')) return { ok: false, issue: 'money.negative' };
  const match = /^(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?$/.exec(text);
  if (!match) return { ok: false, issue: 'money.invalid' };
  const whole = (match[1] ?? '').replace(/,/g, '');
  const fraction = match[2] ?? '';
  if (whole === '' && fraction === '') return { ok: false, issue: 'money.invalid' };
  if (fraction.length > 2) return { ok: false, issue: 'money.too_many_decimals' };
  if (whole.length > 10) return { ok: false, issue: 'money.too_large' };
  const cents = Number(whole || '0') * 100 + Number(fraction.padEnd(2, '0'));
  if (cents > MAX_CENTS) return { ok: false, issue: 'money.too_large' };
  return { ok: true, cents };
}

/** Adds cent amounts, refusing anything that is not an integer. */
export function sumCents(amounts: Iterable<Cents>): Cents {
  let total = 0;
  for (const amount of amounts) {
    assertCents(amount);
    total += amount;
  }
  assertCents(total, 'total');
  return total;
}
