import { sql, type Kysely } from 'kysely';

/**
 * Whether something a server needs in order to answer is there: resolves when it answers,
 * rejects (or never settles) when it does not.
 */
export type ReadinessCheck = () => Promise<void>;

/** A check that has not answered by then counts as down: a load balancer should not wait longer. */
const CHECK_TIMEOUT_MS = 2_000;

/**
 * What `GET /v1/health` asks: every check at once, each shared by the requests that arrive while
 * it runs (a flood of health requests costs one query, or one call, at a time) and given at most
 * CHECK_TIMEOUT_MS. Answers the names of those that failed or did not answer; none means ready.
 */
export function readiness(checks: Readonly<Record<string, ReadinessCheck>>): () => Promise<string[]> {
  const shared = Object.entries(checks).map(([name, check]) => [name, sharedAndTimed(check)] as const);
  return async () => {
    const results = await Promise.all(shared.map(async ([name, check]) => ((await check()) ? undefined : name)));
    return results.filter((name) => name !== undefined);
  };
}

function sharedAndTimed(check: ReadinessCheck): () => Promise<boolean> {
  let running: Promise<boolean> | undefined;
  return () => {
    running ??= answersInTime(check).finally(() => {
      running = undefined;
    });
    return running;
  };
}

async function answersInTime(check: ReadinessCheck): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS);
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
export function httpCheck(url: string): ReadinessCheck {
  return async () => {
    const response = await fetch(url, { signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  };
}
