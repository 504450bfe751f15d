import type { Plan, Practice } from '@billpay/sdk';
import { money } from '../i18n/format.js';
import { wordsOf, type Locale } from '../i18n/locales.js';
import { planBook } from '../i18n/plans.js';

/** A calendar file (iCalendar) with a reminder two days before each payment still to make (plans paid by the patient). */
export function planCalendar(plan: Plan, practice: Practice, locale: Locale): string {
  const p = wordsOf(planBook, locale);
  const escape = (text: string) => text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\n/g, '\\n');
  const compact = (iso: string) => iso.replace(/-/g, '');
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const events = plan.installments
    .filter((i) => i.status === 'scheduled' || i.status === 'failed')
    .flatMap((i) => {
      const day = new Date(`${i.dueOn}T00:00:00Z`);
      day.setUTCDate(day.getUTCDate() + 1);
      const summary = escape(p.planCalendarEvent(money(i.amountCents, locale), practice.name));
      return [
        'BEGIN:VEVENT',
        `UID:${plan.id}-${String(i.number)}@billpay`,
        `DTSTAMP:${stamp}`,
        `DTSTART;VALUE=DATE:${compact(i.dueOn)}`,
        `DTEND;VALUE=DATE:${compact(day.toISOString().slice(0, 10))}`,
        `SUMMARY:${summary}`,
        'BEGIN:VALARM',
        'TRIGGER:-P2D',
        'ACTION:DISPLAY',
        `DESCRIPTION:${summary}`,
        'END:VALARM',
        'END:VEVENT',
      ];
    });
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//billpay//plan-builder//EN', 'CALSCALE:GREGORIAN', ...events, 'END:VCALENDAR'];
  return lines.join('\r\n') + '\r\n';
}
