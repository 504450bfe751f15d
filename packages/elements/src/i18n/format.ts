import { formatMoney } from '@billpay/sdk/checks';
import { html, type TemplateResult } from 'lit';
import type { Contact, OpeningHours, Weekday } from '@billpay/sdk';
import { intlLocales, translationOf, type Locale } from './locales.js';

const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
// 2024-01-01 was a Monday; day n of that week gives each weekday's localized name.
const weekdayDate = (day: Weekday) => new Date(Date.UTC(2024, 0, 1 + WEEKDAYS.indexOf(day), 12));

function weekdayName(day: Weekday, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocales[locale], { weekday: 'long', timeZone: 'UTC' }).format(weekdayDate(day));
}

/** ["mon".."fri"] -> "Monday–Friday"; non-consecutive days are listed. */
export function formatDays(days: readonly Weekday[], locale: Locale): string {
  const sorted = [...new Set(days)].sort((a, b) => WEEKDAYS.indexOf(a) - WEEKDAYS.indexOf(b));
  const consecutive = sorted.every((day, i) => i === 0 || WEEKDAYS.indexOf(day) === WEEKDAYS.indexOf(sorted[i - 1]!) + 1);
  const names = sorted.map((day) => weekdayName(day, locale));
  if (consecutive && names.length > 2) return `${names[0]}–${names.at(-1)}`;
  return new Intl.ListFormat(intlLocales[locale], { style: 'long', type: 'conjunction' }).format(names);
}

/** "16:30" -> "4:30 PM" / "4:30 p. m." */
export function formatClock(time: string, locale: Locale): string {
  const [hours, minutes] = time.split(':').map(Number);
  const date = new Date(Date.UTC(2024, 0, 1, hours ?? 0, minutes ?? 0));
  return new Intl.DateTimeFormat(intlLocales[locale], { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(date);
}

/** "America/New_York" -> "ET" (en) / the zone's short generic name in the reader's language. */
export function formatZone(timeZone: string, locale: Locale): string {
  try {
    const parts = new Intl.DateTimeFormat(intlLocales[locale], { timeZone, timeZoneName: 'shortGeneric' }).formatToParts(new Date());
    return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}

export function formatHours(hours: OpeningHours, contact: Contact, locale: Locale): string {
  return translationOf(locale).hoursRange(
    formatDays(hours.days, locale),
    formatClock(hours.opens, locale),
    formatClock(hours.closes, locale),
    formatZone(contact.timeZone, locale),
  );
}

/** "(555) 010-4477" -> "tel:+15550104477", "1-800-985-3059" -> "tel:+18009853059" (a US number, with or without its leading 1). */
export function telHref(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  if (digits.startsWith('+')) return `tel:${digits}`;
  return `tel:+${digits.length === 11 && digits.startsWith('1') ? digits : `1${digits}`}`;
}

/** A phone number to read on a phone: a tappable link that never wraps mid-number (`.phone` in `tokens`). */
export function phoneLink(phone: string): TemplateResult {
  return html`<a class="phone" href=${telHref(phone)}>${phone}</a>`;
}

/**
 * A sentence from a dictionary that contains a phone number (`Call us at ${phone}.`), with the
 * number as `number`: a `phoneLink` unless the sentence is a link already (then a `.phone` span,
 * which only keeps the number from wrapping). A sentence without the number is returned as it is.
 */
export function withPhone(sentence: string, phone: string, number: TemplateResult = phoneLink(phone)): TemplateResult | string {
  const at = phone ? sentence.indexOf(phone) : -1;
  return at < 0 ? sentence : html`${sentence.slice(0, at)}${number}${sentence.slice(at + phone.length)}`;
}

/** "2026-11-22" -> "November 22, 2026" / "22 de noviembre de 2026" (a calendar date, no zone shift). */
export function formatDate(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocales[locale], { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
}

/** A moment as the reader's local time of day, e.g. "11:05 AM". */
export function formatTime(moment: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocales[locale], { hour: 'numeric', minute: '2-digit' }).format(moment);
}

/** A moment as the reader would say when it comes: its time today, else its date (the long form) and time. */
export function formatMoment(moment: Date, locale: Locale, now = new Date()): string {
  if (moment.toDateString() === now.toDateString()) return formatTime(moment, locale);
  return new Intl.DateTimeFormat(intlLocales[locale], { dateStyle: 'long', timeStyle: 'short' }).format(moment);
}

/**
 * A moment to wait for, in the words a sentence needs: its local time, and its local date in the
 * long form ("November 21, 2026") when it is not today, so "after 11:05 AM" never means tomorrow.
 */
export function whenOf(moment: Date, locale: Locale, now = new Date()): { readonly time: string; readonly date?: string } {
  const time = formatTime(moment, locale);
  if (moment.toDateString() === now.toDateString()) return { time };
  return { time, date: new Intl.DateTimeFormat(intlLocales[locale], { dateStyle: 'long' }).format(moment) };
}

export function money(cents: number, locale: Locale): string {
  return formatMoney(cents, intlLocales[locale]);
}
