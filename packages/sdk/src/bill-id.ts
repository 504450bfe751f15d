import { luhnCheckDigit, luhnValid } from './luhn.js';

export const BILL_ID_LENGTH = 12;

export type CheckDigitScheme = 'luhn' | 'none';

export type BillIdIssueCode =
  | 'bill_id.empty'
  | 'bill_id.non_ascii_digits'
  | 'bill_id.invalid_characters'
  | 'bill_id.too_short'
  | 'bill_id.too_long'
  | 'bill_id.check_digit';

export type NormalizeBillIdResult =
  | { readonly ok: true; readonly billId: string }
  | { readonly ok: false; readonly issue: BillIdIssueCode };

const SEPARATORS = /[\s\-\u2010-\u2015.·/]/g;

/**
 * Turns what a person typed or pasted into the 12 digits of a Bill ID: spaces, dashes and dots
 * are dropped, and a "Bill ID:" label pasted along with it is tolerated. The check digit is
 * verified when the practice uses `luhn`, so a typo is caught before any request is sent.
 */
export function normalizeBillId(input: string, checkDigit: CheckDigitScheme = 'luhn'): NormalizeBillIdResult {
  const text = input.replace(/^\s*bill\s*id\s*(?:#|no\.?|number)?\s*:?\s*/i, '').replace(SEPARATORS, '');
  if (text === '') return { ok: false, issue: 'bill_id.empty' };
  if (/\p{Nd}/u.test(text) && /[^\d]/.test(text) && /^\p{Nd}+$/u.test(text)) {
    return { ok: false, issue: 'bill_id.non_ascii_digits' };
  }
  if (!/^\d+$/.test(text)) return { ok: false, issue: 'bill_id.invalid_characters' };
  if (text.length < BILL_ID_LENGTH) return { ok: false, issue: 'bill_id.too_short' };
  if (text.length > BILL_ID_LENGTH) return { ok: false, issue: 'bill_id.too_long' };
  if (checkDigit === 'luhn' && !luhnValid(text)) return { ok: false, issue: 'bill_id.check_digit' };
  return { ok: true, billId: text };
}

/** "202511040018" -> "2025 1104 0018": the grouping printed on statements. */
export function formatBillId(digits: string): string {
  return digits.replace(/\D/g, '').replace(/(\d{4})(?=\d)/g, '$1 ');
}

/**
 * A Bill ID from its first 11 digits: the practice's check digit appended (`luhn`), or, for a
 * practice without one, a 12th digit given by the caller (`spare`, one more digit of the number).
 */
export function billIdFrom(body: string, checkDigit: CheckDigitScheme, spare = '0'): string {
  if (!/^\d{11}$/.test(body)) throw new TypeError('a Bill ID body is 11 ASCII digits');
  if (!/^\d$/.test(spare)) throw new TypeError('spare is one ASCII digit');
  return `${body}${checkDigit === 'luhn' ? luhnCheckDigit(body) : spare}`;
}
