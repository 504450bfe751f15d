/**
 * What a good-faith estimate request form needs besides the wire schemas: finding services by
 * name, code or category, and checking what a person typed, each problem as a code the widget
 * words in the reader's language.
 */
import { addDays } from './account-rules.js';
import { daysInMonth, type DateParts } from './date-of-birth.js';
import { MAX_SCHEDULE_DAYS_AHEAD } from './estimate.js';
import { DiagnosisCodeSchema, EstimateContactSchema, EstimateCopySchema, type EstimateContact, type PriceList, type PriceListService, type ServiceCategory } from './estimate-schemas.js';

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * The services a patient can ask for (not the items that only come with another) that match
 * every word of `query` in their English or Spanish description, code or keywords, and are in
 * `category` when one is given. An empty query matches them all; the price list's order is kept.
 */
export function searchServices(priceList: PriceList, query: string, category?: ServiceCategory): PriceListService[] {
  const words = fold(query).split(/[\s,]+/).filter(Boolean);
  return priceList.services.filter((service) => {
    if (service.bundledOnly) return false;
    if (category && service.category !== category) return false;
    const haystack = fold([service.description, service.descriptionEs ?? '', service.code, ...(service.keywords ?? [])].join(' '));
    return words.every((word) => haystack.includes(word));
  });
}

/** The categories that have something a patient can ask for, in the price list's order. */
export function serviceCategories(priceList: PriceList): ServiceCategory[] {
  return [...new Set(priceList.services.filter((service) => !service.bundledOnly).map((service) => service.category))];
}

export type ScheduledDateIssueCode =
  | 'scheduled.empty'
  | 'scheduled.month_missing'
  | 'scheduled.day_missing'
  | 'scheduled.year_missing'
  | 'scheduled.month_invalid'
  | 'scheduled.day_invalid'
  | 'scheduled.year_invalid'
  | 'scheduled.not_a_date'
  | 'scheduled.past'
  | 'scheduled.too_far';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A scheduled day typed as month, day and year: a real date, not before today, within 12 months. */
export function parseScheduledDate(
  parts: DateParts,
  today: string,
): { readonly ok: true; readonly date: string } | { readonly ok: false; readonly issue: ScheduledDateIssueCode } {
  const month = parts.month.trim();
  const day = parts.day.trim();
  const year = parts.year.trim();
  if (!month && !day && !year) return { ok: false, issue: 'scheduled.empty' };
  if (!month) return { ok: false, issue: 'scheduled.month_missing' };
  if (!day) return { ok: false, issue: 'scheduled.day_missing' };
  if (!year) return { ok: false, issue: 'scheduled.year_missing' };
  if (!/^\d{1,2}$/.test(month) || Number(month) < 1 || Number(month) > 12) return { ok: false, issue: 'scheduled.month_invalid' };
  if (!/^\d{1,2}$/.test(day) || Number(day) < 1 || Number(day) > 31) return { ok: false, issue: 'scheduled.day_invalid' };
  if (!/^\d{4}$/.test(year)) return { ok: false, issue: 'scheduled.year_invalid' };
  if (Number(day) > daysInMonth(Number(year), Number(month))) return { ok: false, issue: 'scheduled.not_a_date' };
  const date = `${pad(Number(year), 4)}-${pad(Number(month))}-${pad(Number(day))}`;
  if (date < today) return { ok: false, issue: 'scheduled.past' };
  if (date > addDays(today, MAX_SCHEDULE_DAYS_AHEAD)) return { ok: false, issue: 'scheduled.too_far' };
  return { ok: true, date };
}

export type EstimateContactIssueCode = 'contact.none' | 'contact.email_invalid' | 'contact.phone_invalid';

/** An email address, a phone number or both; at least one, each well formed. */
export function checkEstimateContact(
  email: string,
  phone: string,
): { readonly ok: true; readonly contact: EstimateContact } | { readonly ok: false; readonly issues: readonly { field: 'email' | 'phone'; issue: EstimateContactIssueCode }[] } {
  const contact = { ...(email.trim() ? { email: email.trim() } : {}), ...(phone.trim() ? { phone: phone.trim() } : {}) };
  if (!contact.email && !contact.phone) return { ok: false, issues: [{ field: 'email', issue: 'contact.none' }] };
  const issues: { field: 'email' | 'phone'; issue: EstimateContactIssueCode }[] = [];
  if (contact.email && !EstimateContactSchema.shape.email.safeParse(contact.email).success) issues.push({ field: 'email', issue: 'contact.email_invalid' });
  if (contact.phone && !EstimateContactSchema.shape.phone.safeParse(contact.phone).success) issues.push({ field: 'phone', issue: 'contact.phone_invalid' });
  return issues.length ? { ok: false, issues } : { ok: true, contact };
}

export type EstimateCopyIssueCode = 'copy.email_invalid';

/** The optional "email me a copy" address: none (empty), or one well formed. */
export function checkEstimateCopyAddress(email: string): { readonly ok: true; readonly email?: string } | { readonly ok: false; readonly issue: EstimateCopyIssueCode } {
  const address = email.trim();
  if (!address) return { ok: true };
  return EstimateCopySchema.shape.email.safeParse(address).success ? { ok: true, email: address } : { ok: false, issue: 'copy.email_invalid' };
}

export type DiagnosisIssueCode = 'diagnosis.invalid' | 'diagnosis.too_many';

/** Optional ICD-10-CM codes separated by commas or spaces: "m54.5, Z00.00" -> ["M54.5", "Z00.00"]. */
export function parseDiagnosisCodes(
  text: string,
): { readonly ok: true; readonly codes: string[] } | { readonly ok: false; readonly issue: DiagnosisIssueCode; readonly code?: string } {
  const codes = [...new Set(text.split(/[\s,;]+/).filter(Boolean).map((code) => code.toUpperCase()))];
  if (codes.length > 12) return { ok: false, issue: 'diagnosis.too_many' };
  const wrong = codes.find((code) => !DiagnosisCodeSchema.safeParse(code).success);
  return wrong === undefined ? { ok: true, codes } : { ok: false, issue: 'diagnosis.invalid', code: wrong };
}
