/**
 * Business days: Monday to Friday, except the practice's holidays. Dates are calendar days as
 * `YYYY-MM-DD`, handled in UTC so no time zone can move them.
 */
import { addDays } from './account-rules.js';

/** 0 = Sunday ... 6 = Saturday. */
function weekday(iso: string): number {
  return new Date(`${iso}T00:00:00Z`).getUTCDay();
}

export function isWeekend(iso: string): boolean {
  const day = weekday(iso);
  return day === 0 || day === 6;
}

/** A weekday that is not one of `holidays`. */
export function isBusinessDay(iso: string, holidays: Iterable<string> = []): boolean {
  if (isWeekend(iso)) return false;
  for (const holiday of holidays) if (holiday === iso) return false;
  return true;
}

/**
 * The `count`-th business day after `iso` (`count` >= 0; 0 gives `iso` itself). "Within 1
 * business day of Friday" is the next Monday, or Tuesday when that Monday is a holiday.
 */
export function addBusinessDays(iso: string, count: number, holidays: Iterable<string> = []): string {
  if (!Number.isInteger(count) || count < 0) throw new RangeError('count must be a non-negative integer');
  const closed = new Set(holidays);
  let day = iso;
  let left = count;
  while (left > 0) {
    day = addDays(day, 1);
    if (isBusinessDay(day, closed)) left--;
  }
  return day;
}

/**
 * How many business days `from` is before `to`: the business days `d` with `from <= d < to`.
 * Monday is 3 business days before Thursday, and Wednesday 3 before Saturday (stepping back from
 * the later date one business day at a time). 0 when `to` is not after `from`.
 */
export function businessDaysBetween(from: string, to: string, holidays: Iterable<string> = []): number {
  const closed = new Set(holidays);
  let count = 0;
  for (let day = from; day < to; day = addDays(day, 1)) {
    if (isBusinessDay(day, closed)) count++;
  }
  return count;
}
