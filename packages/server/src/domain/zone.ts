/**
 * Clocks in a time zone (IANA, from a practice's configuration): an instant as the zone's wall
 * clock, and the instant a wall clock shows an hour. Intl does the zone rules (daylight saving
 * included); nothing here knows an offset by heart. The money desk's calendar and the limits on
 * texts both read time through this.
 */

/** A wall clock's fields, as numbers (month 1-12, hour 0-23). */
export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formats.set(timeZone, format);
  }
  return format;
}

/** Whether Intl knows the zone. */
export function knownTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in `timeZone` at `at`. */
export function wallClock(at: Date, timeZone: string): WallClock {
  const values: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(at)) if (part.type !== 'literal') values[part.type] = Number(part.value);
  return { year: values['year']!, month: values['month']!, day: values['day']!, hour: values['hour']!, minute: values['minute']!, second: values['second']! };
}

/** A wall clock read as if it were UTC, in milliseconds (its difference from the instant is the zone's offset). */
export const wallClockMs = (clock: WallClock): number => Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);

const pad = (n: number) => String(n).padStart(2, '0');

/** The zone's date (`YYYY-MM-DD`) at `at`. */
export function localDate(at: Date, timeZone: string): string {
  const c = wallClock(at, timeZone);
  return `${String(c.year).padStart(4, '0')}-${pad(c.month)}-${pad(c.day)}`;
}

/** The zone's clock time (`HH:MM`, 24-hour) at `at`. */
export function localTime(at: Date, timeZone: string): string {
  const c = wallClock(at, timeZone);
  return `${pad(c.hour)}:${pad(c.minute)}`;
}

/** How far the zone's clock is ahead of UTC at that instant, in milliseconds. */
function offsetMs(at: number, timeZone: string): number {
  return wallClockMs(wallClock(new Date(at), timeZone)) - (at - (((at % 1000) + 1000) % 1000));
}

/** The instant the zone's clocks show `hour`:00 on that day (on a day the clocks jump past it, the moment after the jump). */
export function zonedInstant(local: Pick<WallClock, 'year' | 'month' | 'day'>, hour: number, timeZone: string): Date {
  const wall = Date.UTC(local.year, local.month - 1, local.day, hour);
  const first = wall - offsetMs(wall, timeZone);
  const second = wall - offsetMs(first, timeZone);
  return new Date(wallClock(new Date(second), timeZone).hour === hour ? second : Math.max(first, second));
}
