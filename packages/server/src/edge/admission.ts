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
}

/**
 * Load shedding for the embedded database (PGlite runs one transaction at a time): a request that
 * would wait longer than `maxWaitMs` for it is answered 503 with `Retry-After` before it does any
 * work, instead of queueing past the time its client waits (the SDK gives up at 15 s) and making
 * everyone behind it later still. Refused before anything is read or counted, so any request, a
 * payment or a lookup alike, may be sent again as it was.
 */
export function shedWhenBusy<E extends Env>({ expectedWaitMs, maxWaitMs, refuse, spare }: AdmissionOptions): MiddlewareHandler<E> {
  return async (c, next) => {
    if (spare?.(c.req.path)) return next();
    const wait = expectedWaitMs();
    if (wait > maxWaitMs) throw refuse(Math.min(30, Math.max(1, Math.ceil(wait / 1000))));
    await next();
  };
}
