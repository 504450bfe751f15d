const DAY_MS = 86_400_000;

/**
 * The processor's clock: the given `now` plus however far the sandbox has been moved forward
 * (`POST /v1/sandbox/clock`), so end-to-end tests can watch a bank debit settle or come back.
 */
export class SandboxClock {
  #offsetMs = 0;

  constructor(private readonly base: () => Date = () => new Date()) {}

  readonly now = (): Date => new Date(this.base().getTime() + this.#offsetMs);

  advanceDays(days: number): void {
    this.#offsetMs += days * DAY_MS;
  }
}

/**
 * The instant `days` weekdays (Monday to Friday, UTC, no holidays) after `from`, at the same time
 * of day: when the sandbox settles a bank debit. Not the SDK's `addBusinessDays`, which steps
 * calendar dates and skips a practice's holidays too.
 */
export function addWeekdaysToInstant(from: Date, days: number): Date {
  let at = from.getTime();
  let left = days;
  while (left > 0) {
    at += DAY_MS;
    const weekday = new Date(at).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return new Date(at);
}
