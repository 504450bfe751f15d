import type { Env, MiddlewareHandler } from 'hono';

/** What the embedded database's queue would cost the request, and how long the client will wait. */
export interface AdmissionOptions {
  /** How long a transaction started now would wait for the connection (ms). */
  readonly expectedWaitMs: () => number;
  /** The longest wait worth queueing for; past it the request is refused at once. */
  readonly maxWaitMs: number;
  /** The refusal: a 503 with `Retry-After`, built by the caller so its body is the API's problem. */
  readonly refuse: (retryAfterSeconds: number) => Error;
  /** Paths never shed (health checks). */
  readonly spare?: ((path: string) => boolean) | undefined;
  /** The clock (ms), for tests. */
  readonly now?: () => number;
}

/**
 * Whether requests are standing in a queue, told by how long they took (after CoDel, Nichols and
 * Jacobson, 2012): when even the quickest request answered over a whole interval took longer than
 * the target, every request is waiting behind others, and more would only wait longer. The
 * quickest, not the average, so one slow request (an import, a printout) never counts as a queue.
 * The database's own queue cannot tell this alone: a request makes ten or so statements, each
 * queued on its own, and it sees one of them at a time.
 */
export class QueueDelay {
  /** How many answers an interval needs before its quickest tells of a queue. */
  static readonly ANSWERS_TO_TELL = 3;
  readonly #targetMs: number;
  readonly #intervalMs: number;
  #intervalEnds: number;
  /** The quickest request answered in the interval under way, and how many were. */
  #quickest = Infinity;
  #answers = 0;
  /** The quickest of the last interval in which any was answered: the standing queue. */
  #standingMs = 0;
  /** Requests admitted and not answered yet. */
  #inFlight = 0;

  constructor(targetMs: number, intervalMs: number, now: number) {
    this.#targetMs = targetMs;
    this.#intervalMs = intervalMs;
    this.#intervalEnds = now + intervalMs;
  }

  /** A request admitted. */
  started(): void {
    this.#inFlight += 1;
  }

  /** A request answered after `tookMs`. */
  answered(tookMs: number, now: number): void {
    this.#roll(now);
    this.#inFlight -= 1;
    this.#quickest = Math.min(this.#quickest, tookMs);
    this.#answers += 1;
  }

  /** How long the quickest request of the last interval stood, when that is past the target; else 0. */
  standingMs(now: number): number {
    this.#roll(now);
    return this.#standingMs > this.#targetMs ? this.#standingMs : 0;
  }

  #roll(now: number): void {
    if (now < this.#intervalEnds) return;
    // An interval with nothing answered keeps the last verdict while requests are still under
    // way (a stall), and ends it when there are none: nothing is queued.
    const passed = Math.floor((now - this.#intervalEnds) / this.#intervalMs) + 1;
    // One or two slow answers alone (an import, with nothing else going on) are not a queue.
    if (this.#quickest !== Infinity) this.#standingMs = this.#answers >= QueueDelay.ANSWERS_TO_TELL ? this.#quickest : 0;
    if ((passed > 1 || this.#quickest === Infinity) && this.#inFlight === 0) this.#standingMs = 0;
    this.#quickest = Infinity;
    this.#answers = 0;
    this.#intervalEnds += passed * this.#intervalMs;
  }
}

/**
 * Load shedding for the embedded database (PGlite runs one transaction at a time): a request that
 * would wait longer than `maxWaitMs` is answered 503 with `Retry-After` before it does any work,
 * instead of queueing past the time its client waits (the SDK gives up at 15 s) and making
 * everyone behind it later still. It would wait too long when the database's queue says so, or
 * when the requests answered lately all stood longer than that (`QueueDelay`). Refused before
 * anything is read or counted, so any request, a payment or a lookup alike, may be sent again as
 * it was.
 */
export function shedWhenBusy<E extends Env>({ expectedWaitMs, maxWaitMs, refuse, spare, now = () => performance.now() }: AdmissionOptions): MiddlewareHandler<E> {
  // An interval of about a second: long enough to hold several answers under load, short enough
  // that shedding stops within a second of the queue draining.
  const delay = new QueueDelay(maxWaitMs, Math.max(100, Math.min(1_000, maxWaitMs / 2)), now());
  return async (c, next) => {
    if (spare?.(c.req.path)) return next();
    const wait = Math.max(expectedWaitMs(), delay.standingMs(now()));
    if (wait > maxWaitMs) throw refuse(Math.min(30, Math.max(1, Math.ceil(wait / 1000))));
    const started = now();
    delay.started();
    try {
      await next();
    } finally {
      delay.answered(now() - started, now());
    }
  };
}
