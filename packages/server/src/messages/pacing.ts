import { knownTimeZone, wallClock, zonedInstant, type WallClock } from '../domain/zone.js';

export { knownTimeZone, zonedInstant };

/**
 * The limits on the texts billpay sends on its own (statement notices, reminders; not receipts,
 * not replies), as pure functions of the time, the recipient's time zone and the texts already
 * sent: only between 8 a.m. and 9 p.m. where the patient is, at most one a day (their calendar
 * day) and three in any 7 days (rolling, 7 × 24 hours). A text that may not go now is put off to
 * the first moment it may, never dropped.
 */

export interface TextLimits {
  /** The first hour texts may go, local time (8: from 08:00:00). */
  readonly fromHour: number;
  /** The hour texts stop, local time (21: 20:59:59 may, 21:00:00 may not). */
  readonly untilHour: number;
  readonly perDay: number;
  readonly perWeek: number;
}

export const TEXT_LIMITS: TextLimits = { fromHour: 8, untilHour: 21, perDay: 1, perWeek: 3 };

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
/** The zone the limits are kept in when a practice's is not one Intl knows. */
export const FALLBACK_TIME_ZONE = 'America/New_York';

type LocalTime = Pick<WallClock, 'year' | 'month' | 'day' | 'hour'>;

const nextDay = (local: LocalTime): LocalTime => {
  const d = new Date(Date.UTC(local.year, local.month - 1, local.day + 1));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: 0 };
};

const sameDay = (a: LocalTime, b: LocalTime) => a.year === b.year && a.month === b.month && a.day === b.day;

/**
 * The first moment from `now` a text billpay sends on its own may go to a recipient in
 * `timeZone` who was already sent texts at `priorSends`: `now` itself when it may go at once. Where
 * the recipient may be in one of several zones (a state a zone line crosses), `timeZone` lists them,
 * the likeliest first: the hours must hold in each, and the days are the first one's.
 */
export function nextTextTime(now: Date, timeZone: string | readonly string[], priorSends: readonly Date[], limits: TextLimits = TEXT_LIMITS): Date {
  const known = (typeof timeZone === 'string' ? [timeZone] : timeZone).filter(knownTimeZone);
  const zones = known.length > 0 ? known : [FALLBACK_TIME_ZONE];
  const zone = zones[0]!;
  const priors = [...priorSends].sort((a, b) => a.getTime() - b.getTime());
  const priorDays = priors.map((p) => wallClock(p, zone));
  let at = now;
  // Each step moves `at` later past one reason it may not go; a few suffice (a week at most).
  step: for (let step = 0; step < 64; step++) {
    for (const where of zones) {
      const local = wallClock(at, where);
      if (local.hour < limits.fromHour) {
        at = zonedInstant(local, limits.fromHour, where);
        continue step;
      }
      if (local.hour >= limits.untilHour) {
        at = zonedInstant(nextDay(local), limits.fromHour, where);
        continue step;
      }
    }
    const local = wallClock(at, zone);
    if (priorDays.filter((p) => sameDay(p, local)).length >= limits.perDay) {
      at = zonedInstant(nextDay(local), limits.fromHour, zone);
      continue;
    }
    const inWeek = priors.filter((p) => p.getTime() > at.getTime() - WEEK_MS && p.getTime() <= at.getTime());
    if (inWeek.length >= limits.perWeek) {
      // When enough of them are more than a week old.
      at = new Date(inWeek[inWeek.length - limits.perWeek]!.getTime() + WEEK_MS);
      continue;
    }
    return at;
  }
  return at;
}
