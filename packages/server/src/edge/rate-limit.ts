/**
 * A fixed-window count of requests per name (a practice API key), kept in this process: each
 * instance behind a load balancer counts on its own, so the limit a client meets is at most the
 * instances' number times this one. Only authenticated names are counted, and windows that ended
 * are dropped, so the map stays as small as the keys in use.
 */
export interface RateLimiter {
  /** Counts one request; `undefined` when it may go on, else the seconds until the window ends. */
  take(name: string, now: Date): number | undefined;
}

export function windowLimiter(limit: number, windowMs: number): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    take(name, now) {
      const at = now.getTime();
      if (windows.size > 10_000) {
        for (const [key, window] of windows) if (at - window.start >= windowMs) windows.delete(key);
      }
      let window = windows.get(name);
      if (!window || at - window.start >= windowMs || at < window.start) {
        window = { start: at, count: 0 };
        windows.set(name, window);
      }
      if (window.count >= limit) return Math.max(1, Math.ceil((window.start + windowMs - at) / 1000));
      window.count++;
      return undefined;
    },
  };
}
