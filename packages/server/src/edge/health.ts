import { sql, type Kysely } from 'kysely';

/**
 * Whether something a server needs in order to answer is there: resolves when it answers,
 * rejects (or never settles) when it does not.
 */
export type ReadinessCheck = () => Promise<void>;

/**
 * A check that has not answered by then counts as down (the default; a server's
 * `readinessTimeoutMs` changes it): a load balancer should not wait longer.
 */
export const CHECK_TIMEOUT_MS = 2_000;

/**
 * What `GET /v1/health` asks: every check at once, each shared by the requests that arrive while
 * it runs (a flood of health requests costs one query, or one call, at a time) and given at most
 * CHECK_TIMEOUT_MS. Answers the names of those that failed or did not answer; none means ready.
 */
export function readiness(checks: Readonly<Record<string, ReadinessCheck>>, timeoutMs = CHECK_TIMEOUT_MS): () => Promise<string[]> {
  const shared = Object.entries(checks).map(([name, check]) => [name, sharedAndTimed(check, timeoutMs)] as const);
  return async () => {
    const results = await Promise.all(shared.map(async ([name, check]) => ((await check()) ? undefined : name)));
    return results.filter((name) => name !== undefined);
  };
}

function sharedAndTimed(check: ReadinessCheck, timeoutMs: number): () => Promise<boolean> {
  let running: Promise<boolean> | undefined;
  return () => {
    running ??= answersInTime(check, timeoutMs).finally(() => {
      running = undefined;
    });
    return running;
  };
}

async function answersInTime(check: ReadinessCheck, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
    timer.unref();
  });
  // A check that fails after the timeout won is still handled, or it would end the process.
  const answered = check().then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([answered, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The database answers a query. */
export function databaseCheck<DB>(db: Kysely<DB>): ReadinessCheck {
  return async () => {
    await sql`select 1`.execute(db);
  };
}

/** A readiness endpoint (another server's `/v1/health`) answers 2xx. */
export function httpCheck(url: string, timeoutMs = CHECK_TIMEOUT_MS): ReadinessCheck {
  return async () => {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  };
}
