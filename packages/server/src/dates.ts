/** The server's calendar day, as `YYYY-MM-DD` in UTC. Date arithmetic lives in @billpay/sdk. */

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function todayIso(now: Date = new Date()): string {
  return isoDate(now);
}
