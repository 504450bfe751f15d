/**
 * Card checks a person can be told about before anything is sent: brand from the first digits,
 * length, Luhn, expiry, security code length. The table follows the card networks' published
 * ranges (as kept by the credit-card-type package); the processor re-checks everything.
 */
import { luhnValid } from './luhn.js';

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'diners' | 'jcb';

interface BrandRule {
  readonly brand: CardBrand;
  /** Inclusive prefix ranges, compared on as many leading digits as the bounds have. */
  readonly ranges: readonly (readonly [string, string])[];
  readonly lengths: readonly number[];
  readonly cvcLength: number;
}

const BRANDS: readonly BrandRule[] = [
  { brand: 'amex', ranges: [['34', '34'], ['37', '37']], lengths: [15], cvcLength: 4 },
  { brand: 'visa', ranges: [['4', '4']], lengths: [16, 18, 19], cvcLength: 3 },
  { brand: 'mastercard', ranges: [['51', '55'], ['2221', '2720']], lengths: [16], cvcLength: 3 },
  { brand: 'discover', ranges: [['6011', '6011'], ['644', '649'], ['65', '65']], lengths: [16, 19], cvcLength: 3 },
  { brand: 'diners', ranges: [['300', '305'], ['36', '36'], ['38', '39']], lengths: [14, 16, 19], cvcLength: 3 },
  { brand: 'jcb', ranges: [['3528', '3589']], lengths: [16, 17, 18, 19], cvcLength: 3 },
];

export type CardNumberIssueCode = 'card.number_empty' | 'card.number_invalid_characters' | 'card.number_length' | 'card.number_luhn' | 'card.brand_unknown';
export type CardExpiryIssueCode = 'card.expiry_empty' | 'card.expiry_invalid' | 'card.expired';
export type CardCvcIssueCode = 'card.cvc_empty' | 'card.cvc_length';

/** The digits of a card number as typed or pasted: spaces and dashes dropped. */
export function cardDigits(input: string): string {
  return input.replace(/[\s-]/g, '');
}

function matches(digits: string, [low, high]: readonly [string, string]): boolean {
  const prefix = digits.slice(0, low.length);
  return prefix.length === low.length && prefix >= low && prefix <= high;
}

/** The brand the first digits announce, as soon as they do (for the icon and the code length). */
export function cardBrand(input: string): CardBrand | undefined {
  const digits = cardDigits(input);
  return BRANDS.find((rule) => rule.ranges.some((range) => matches(digits, range)))?.brand;
}

export function cvcLengthFor(brand: CardBrand | undefined): number {
  return BRANDS.find((rule) => rule.brand === brand)?.cvcLength ?? 3;
}

export function checkCardNumber(input: string): { ok: true; digits: string; brand: CardBrand } | { ok: false; issue: CardNumberIssueCode } {
  const digits = cardDigits(input);
  if (!digits) return { ok: false, issue: 'card.number_empty' };
  if (!/^\d+$/.test(digits)) return { ok: false, issue: 'card.number_invalid_characters' };
  const rule = BRANDS.find((r) => r.ranges.some((range) => matches(digits, range)));
  if (!rule) return digits.length < 12 ? { ok: false, issue: 'card.number_length' } : { ok: false, issue: 'card.brand_unknown' };
  if (!rule.lengths.includes(digits.length)) return { ok: false, issue: 'card.number_length' };
  if (!luhnValid(digits)) return { ok: false, issue: 'card.number_luhn' };
  return { ok: true, digits, brand: rule.brand };
}

/**
 * Reads an expiry typed as "MM/YY", "MM / YYYY" or "MMYY". A card is good through the last day
 * of its expiry month, so 11/26 is still valid on 30 November 2026.
 */
export function checkCardExpiry(
  input: string,
  today: { readonly year: number; readonly month: number },
): { ok: true; month: number; year: number } | { ok: false; issue: CardExpiryIssueCode } {
  const text = input.replace(/\s/g, '');
  if (!text) return { ok: false, issue: 'card.expiry_empty' };
  const match = /^(\d{1,2})\/?(\d{2}|\d{4})$/.exec(text);
  if (!match) return { ok: false, issue: 'card.expiry_invalid' };
  const month = Number(match[1]);
  const year = match[2]!.length === 2 ? 2000 + Number(match[2]) : Number(match[2]);
  if (month < 1 || month > 12) return { ok: false, issue: 'card.expiry_invalid' };
  if (year < today.year || (year === today.year && month < today.month)) return { ok: false, issue: 'card.expired' };
  if (year > today.year + 25) return { ok: false, issue: 'card.expiry_invalid' };
  return { ok: true, month, year };
}

export function checkCardCvc(input: string, brand: CardBrand | undefined): { ok: true } | { ok: false; issue: CardCvcIssueCode } {
  const text = input.trim();
  if (!text) return { ok: false, issue: 'card.cvc_empty' };
  if (!/^\d+$/.test(text) || text.length !== cvcLengthFor(brand)) return { ok: false, issue: 'card.cvc_length' };
  return { ok: true };
}

/** "4242424242424242" -> "4242 4242 4242 4242"; Amex as 4-6-5. */
export function formatCardNumber(input: string): string {
  const digits = cardDigits(input).replace(/\D/g, '');
  const groups = cardBrand(digits) === 'amex' ? [4, 6, 5] : [4, 4, 4, 4, 3];
  const parts: string[] = [];
  let index = 0;
  for (const size of groups) {
    if (index >= digits.length) break;
    parts.push(digits.slice(index, index + size));
    index += size;
  }
  return parts.join(' ');
}
