/** Parsing the "memorable date" a person types as month, day and year. */

export type DateOfBirthIssueCode =
  | 'dob.empty'
  | 'dob.month_missing'
  | 'dob.day_missing'
  | 'dob.year_missing'
  | 'dob.month_invalid'
  | 'dob.day_invalid'
  | 'dob.year_invalid'
  | 'dob.not_a_date'
  | 'dob.future'
  | 'dob.too_old';

export type ParseDateOfBirthResult =
  | { readonly ok: true; readonly date: string }
  | { readonly ok: false; readonly issue: DateOfBirthIssueCode };

export interface DateParts {
  readonly month: string;
  readonly day: string;
  readonly year: string;
}

/** The oldest a living patient is taken to be. */
export const MAX_AGE_YEARS = 130;

/** Days in a month of a year, 1-based month; February follows the Gregorian leap rule. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Today's date as YYYY-MM-DD in the person's own time zone. */
export function localToday(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Checks a date of birth typed as three fields: a real calendar date (no 31 February), not in
 * the future, and not more than 130 years ago. Returns it as YYYY-MM-DD.
 */
export function parseDateOfBirth(parts: DateParts, today: string = localToday()): ParseDateOfBirthResult {
  const month = parts.month.trim();
  const day = parts.day.trim();
  const year = parts.year.trim();
  if (!month && !day && !year) return { ok: false, issue: 'dob.empty' };
  if (!month) return { ok: false, issue: 'dob.month_missing' };
  if (!day) return { ok: false, issue: 'dob.day_missing' };
  if (!year) return { ok: false, issue: 'dob.year_missing' };
  if (!/^\d{1,2}$/.test(month) || Number(month) < 1 || Number(month) > 12) return { ok: false, issue: 'dob.month_invalid' };
  if (!/^\d{1,2}$/.test(day) || Number(day) < 1 || Number(day) > 31) return { ok: false, issue: 'dob.day_invalid' };
  if (!/^\d{4}$/.test(year)) return { ok: false, issue: 'dob.year_invalid' };
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  if (d > daysInMonth(y, m)) return { ok: false, issue: 'dob.not_a_date' };
  const date = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
  if (date > today) return { ok: false, issue: 'dob.future' };
  const [ty, tm, td] = today.split('-');
  const oldest = `${pad(Number(ty) - MAX_AGE_YEARS, 4)}-${tm}-${td}`;
  if (date < oldest) return { ok: false, issue: 'dob.too_old' };
  return { ok: true, date };
}
