import { localDate, localTime, wallClock, wallClockMs } from '../domain/zone.js';

/**
 * The practice's calendar: a day as the instants it spans in the practice's time zone (IANA, from
 * its configuration), and an instant as the practice's date and clock time (`domain/zone.ts`).
 */

export { localDate, localTime };

/** The instant the practice's day `date` begins: its local midnight (found by correcting for the zone's offset twice, for a change of offset that night). */
function startOfLocalDay(date: string, timeZone: string): Date {
  const midnight = Date.parse(`${date}T00:00:00Z`);
  let at = midnight;
  for (let i = 0; i < 2; i++) at = midnight - (wallClockMs(wallClock(new Date(at), timeZone)) - at);
  return new Date(at);
}

/** The instants of the practice's day `date`: from its start (included) to the next day's (excluded). */
export function localDayWindow(date: string, timeZone: string): { from: Date; to: Date } {
  const next = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { from: startOfLocalDay(date, timeZone), to: startOfLocalDay(next, timeZone) };
}
