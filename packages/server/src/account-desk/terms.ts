import { daysInMonth } from '@billpay/sdk';

/**
 * What a search term is taken for. A term is one thing typed into the billing office's search
 * box; an account matches a search when it matches every term.
 */
export type SearchTerm =
  | { readonly kind: 'name'; readonly text: string }
  | { readonly kind: 'date_of_birth'; readonly date: string }
  | { readonly kind: 'email'; readonly email: string }
  /** Digits (and their punctuation): a Bill ID, a mobile phone or an account number, by its length. */
  | { readonly kind: 'number'; readonly digits: string; readonly typed: string }
  /** Letters and digits together ("A-100234"): an account number. */
  | { readonly kind: 'account_number'; readonly typed: string };

/** The longest search a person types, in characters; the most terms in one. */
export const MAX_QUERY_LENGTH = 100;
export const MAX_TERMS = 6;

const EMAIL = /[^\s@]+@[^\s@]+/g;
const ISO_DATE = /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g;
const US_DATE = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g;
/** A run of digits with a phone number's or a Bill ID's punctuation, spaces within it too. */
const NUMBER_RUN = /[+(]?\d[\d\s().-]*\d|\d/g;
const NAME = /^[\p{L}][\p{L}\p{M}'’.-]*$/u;

export type TermsResult = { readonly ok: true; readonly terms: readonly SearchTerm[] } | { readonly ok: false; readonly reason: 'invalid_date' | 'no_terms' | 'too_many_terms' };

const pad = (n: string) => n.padStart(2, '0');

function isCalendarDate(year: number, month: number, day: number): boolean {
  return year >= 1900 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * The terms of a search as typed: emails and dates first (a date's dashes and slashes are not a
 * phone's), then words, where letters make a name (a letter and digits together, an account
 * number), and digits with spaces, dashes, dots or parentheses between them one number
 * ("(203) 555-0142", "2025 1104 0018"). A date that is no day of the calendar is refused, not
 * searched for as digits.
 */
export function termsOf(query: string): TermsResult {
  const terms: SearchTerm[] = [];
  let rest = query.normalize('NFC');
  for (const match of rest.match(EMAIL) ?? []) terms.push({ kind: 'email', email: match.toLowerCase() });
  rest = rest.replace(EMAIL, ' ');
  let badDate = false;
  const date = (year: string, month: string, day: string) => {
    if (isCalendarDate(Number(year), Number(month), Number(day))) terms.push({ kind: 'date_of_birth', date: `${year}-${pad(month)}-${pad(day)}` });
    else badDate = true;
    return ' ';
  };
  rest = rest.replace(ISO_DATE, (_, y: string, m: string, d: string) => date(y, m, d));
  rest = rest.replace(US_DATE, (_, m: string, d: string, y: string) => date(y, m, d));
  if (badDate) return { ok: false, reason: 'invalid_date' };

  const words: string[] = [];
  for (const word of rest.split(/[\s,;]+/)) {
    if (!word) continue;
    if (/\p{L}/u.test(word) && /\d/.test(word)) terms.push({ kind: 'account_number', typed: word.toUpperCase() });
    else if (NAME.test(word)) terms.push({ kind: 'name', text: word.replace(/[.]+$/, '') });
    else words.push(word);
  }
  for (const run of words.join(' ').match(NUMBER_RUN) ?? []) {
    const digits = run.replace(/\D/g, '');
    terms.push({ kind: 'number', digits, typed: run.replace(/\s/g, '').toUpperCase() });
  }
  if (terms.length === 0) return { ok: false, reason: 'no_terms' };
  if (terms.length > MAX_TERMS) return { ok: false, reason: 'too_many_terms' };
  return { ok: true, terms };
}

/** A US mobile number as imports store it (`+12035550123`), when the digits can be one. */
export function mobileOf(digits: string): string | undefined {
  if (digits.length === 10) return `+1${digits}`;
  if (digits.length === 11 && digits.startsWith('1')) return `+${digits}`;
  return undefined;
}

/** A phone shown only by its last four digits: `***-***-0142`. */
export function maskPhone(phone: string | null): string | null {
  const digits = phone?.replace(/\D/g, '') ?? '';
  return digits.length >= 4 ? `***-***-${digits.slice(-4)}` : null;
}

/** An email shown by its first character and its domain: `r***@example.com`. */
export function maskEmail(email: string | null): string | null {
  if (!email) return null;
  const at = email.lastIndexOf('@');
  if (at < 1) return null;
  return `${Array.from(email)[0]}***${email.slice(at)}`;
}
