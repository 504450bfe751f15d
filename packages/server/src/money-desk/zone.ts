/**
 * The practice's calendar: a day as the instants it spans in the practice's time zone (IANA, from
 * its configuration), and an instant as the practice's date and clock time. Intl does the zone
 * rules (daylight saving included); nothing here knows an offset by heart.
 */

const parts = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = parts.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    parts.set(timeZone, format);
  }
  return format;
}

/** The wall clock in `timeZone` at `at`, as its fields. */
function wallClock(at: Date, timeZone: string): { date: string; time: string; asUtcMs: number } {
  const fields = Object.fromEntries(formatter(timeZone).formatToParts(at).map((p) => [p.type, p.value]));
  const field = (name: string) => Number(fields[name]);
  return {
    date: `${fields['year']}-${fields['month']}-${fields['day']}`,
    time: `${fields['hour']}:${fields['minute']}`,
    asUtcMs: Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second')),
  };
}

/** The practice's date (`YYYY-MM-DD`) at `at`. */
export function localDate(at: Date, timeZone: string): string {
  return wallClock(at, timeZone).date;
}

/** The practice's clock time (`HH:MM`, 24-hour) at `at`. */
export function localTime(at: Date, timeZone: string): string {
  return wallClock(at, timeZone).time;
}

/** The instant the practice's day `date` begins: its local midnight (found by correcting for the zone's offset twice, for a change of offset that night). */
function startOfLocalDay(date: string, timeZone: string): Date {
  const midnight = Date.parse(`${date}T00:00:00Z`);
  let at = midnight;
  for (let i = 0; i < 2; i++) at = midnight - (wallClock(new Date(at), timeZone).asUtcMs - at);
  return new Date(at);
}

/** The instants of the practice's day `date`: from its start (included) to the next day's (excluded). */
export function localDayWindow(date: string, timeZone: string): { from: Date; to: Date } {
  const next = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { from: startOfLocalDay(date, timeZone), to: startOfLocalDay(next, timeZone) };
}
