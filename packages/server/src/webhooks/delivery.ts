import { sql, type Kysely } from 'kysely';
import { Webhook } from 'standardwebhooks';
import type { Database } from '../db/schema.js';
import { eventView, publishEvents } from '../events/outbox.js';
import type { Logger } from '../log.js';
import { guardedFetch, isAddressRefusal } from './destination.js';
import { openSecret } from './secret.js';

type Db = Kysely<Database>;

/** How long an event is tried for an endpoint: three days from its delivery being queued. */
export const RETRY_WINDOW_MS = 3 * 24 * 60 * 60 * 1000;
/** An endpoint failing every attempt this long (and at least `DISABLE_AFTER_FAILURES` times) is disabled. */
export const DISABLE_AFTER_MS = RETRY_WINDOW_MS;
export const DISABLE_AFTER_FAILURES = 10;
const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 6 * 60 * 60 * 1000;

export interface DeliveryOptions {
  readonly db: Db;
  /** The server's secret, which the endpoints' signing secrets are sealed with. */
  readonly secret: string;
  readonly now: () => Date;
  readonly logger?: Logger | undefined;
  /** Deliveries claimed per run. Default 50. */
  readonly batch?: number | undefined;
  /** How long a claimed delivery is this instance's to send before another may take it over. Default 60 s. */
  readonly leaseMs?: number | undefined;
  /** How long a receiver may take to answer. Default 10 s. */
  readonly timeoutMs?: number | undefined;
  /** Whether receivers on this machine (loopback addresses) may be reached: development only. */
  readonly allowLoopback?: boolean | undefined;
  /** The HTTP client (tests may wrap it). Default: fetch to public addresses only (destination.ts). */
  readonly fetch?: typeof fetch | undefined;
}

export interface DeliveryReport {
  readonly published: number;
  readonly attempted: number;
  readonly delivered: number;
  readonly failed: number;
}

/** When to try again after `attempts` attempts: doubling from 30 s to at most 6 h, give or take a tenth. */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(FIRST_RETRY_MS * 2 ** Math.min(attempts - 1, 20), LONGEST_RETRY_MS);
  return Math.round(base * (0.9 + 0.2 * random()));
}

/**
 * One run of webhook delivery: publishes the events committed since the last run (queuing their
 * deliveries), then claims the deliveries that are due and sends each. The claim takes the rows
 * with `FOR UPDATE SKIP LOCKED` and moves their next attempt past a lease before committing, so
 * of several instances on one PostgreSQL exactly one sends a given attempt; an instance that dies
 * mid-send leaves the delivery to be taken again when the lease ends (so a receiver may now and
 * then see an id twice, never never).
 */
export async function deliverDueWebhooks(options: DeliveryOptions): Promise<DeliveryReport> {
  const { db } = options;
  const published = await publishEvents(db, options.now());
  const claimed = await claimDue(options);
  let delivered = 0;
  let failed = 0;
  await Promise.all(
    claimed.map(async (work) => {
      const answer = await send(options, work);
      if (answer.ok) delivered++;
      else failed++;
      await recordAttempt(options, work, answer);
    }),
  );
  return { published, attempted: claimed.length, delivered, failed };
}

interface Work {
  readonly id: string;
  readonly attempts: number;
  readonly endpointId: string;
  readonly url: string;
  readonly sealed: string;
  readonly createdAt: Date;
  readonly event: { public_id: string; type: Parameters<typeof eventView>[0]['type']; data: Record<string, unknown>; created_at: Date | string };
}

async function claimDue(options: DeliveryOptions): Promise<Work[]> {
  const { db } = options;
  const now = options.now();
  const leaseEnds = new Date(now.getTime() + (options.leaseMs ?? 60_000));
  const ids = await db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_endpoints as w', 'w.id', 'd.endpoint_id')
      .select('d.id')
      .where('d.status', '=', 'pending')
      .where('d.next_attempt_at', '<=', now)
      .where('w.status', '=', 'enabled')
      .orderBy('d.next_attempt_at')
      .limit(options.batch ?? 50)
      .forUpdate('d')
      .skipLocked()
      .execute();
    if (due.length === 0) return [];
    const rows = await trx
      .updateTable('webhook_deliveries')
      .set({ next_attempt_at: leaseEnds, attempts: sql<number>`attempts + 1`, last_attempt_at: now })
      .where('id', 'in', due.map((d) => d.id))
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  });
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_endpoints as w', 'w.id', 'd.endpoint_id')
    .innerJoin('events as e', 'e.id', 'd.event_id')
    .select(['d.id', 'd.attempts', 'd.created_at', 'w.id as endpoint_id', 'w.url', 'w.secret_sealed', 'e.public_id', 'e.type', 'e.data', 'e.created_at as event_created_at'])
    .where('d.id', 'in', ids)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    attempts: r.attempts,
    endpointId: r.endpoint_id,
    url: r.url,
    sealed: r.secret_sealed,
    createdAt: new Date(r.created_at),
    event: { public_id: r.public_id, type: r.type, data: r.data, created_at: r.event_created_at },
  }));
}

type Answer = { readonly ok: boolean; readonly status: number | null; readonly error: string | null };

/** One signed POST (Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature`). */
async function send(options: DeliveryOptions, work: Work): Promise<Answer> {
  const body = JSON.stringify(eventView(work.event));
  const timestamp = options.now();
  let signature: string;
  try {
    signature = new Webhook(openSecret(options.secret, work.sealed)).sign(work.event.public_id, timestamp, body);
  } catch {
    return { ok: false, status: null, error: 'secret_unreadable' };
  }
  try {
    const response = await (options.fetch ?? guardedFetch(options.allowLoopback ?? false))(work.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'billpay-webhooks/1',
        'webhook-id': work.event.public_id,
        'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
        'webhook-signature': signature,
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    // The answer's body is not read: only its status counts.
    await response.body?.cancel().catch(() => {});
    const ok = response.status >= 200 && response.status < 300;
    return { ok, status: response.status, error: ok ? null : `http_${response.status}` };
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (isAddressRefusal(error)) return { ok: false, status: null, error: 'address_not_allowed' };
    return { ok: false, status: null, error: name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network' };
  }
}

/**
 * Writes what an attempt came to, if the delivery is still this attempt's (a lease that ran out
 * let another instance take it over: then that one records). Acknowledged: delivered, and the
 * endpoint's failures end. Refused or unanswered: tried again after `retryDelayMs`, with a last
 * attempt when the three days end, then `failed`; an endpoint failing every attempt for three
 * days is disabled (a practice turns it back on; a replay sends what it missed).
 */
async function recordAttempt(options: DeliveryOptions, work: Work, answer: Answer): Promise<void> {
  const now = options.now();
  await options.db.transaction().execute(async (trx) => {
    const mine = (q: ReturnType<typeof trx.updateTable<'webhook_deliveries'>>) => q.where('id', '=', work.id).where('status', '=', 'pending').where('attempts', '=', work.attempts);
    if (answer.ok) {
      const done = await mine(trx.updateTable('webhook_deliveries').set({ status: 'delivered', delivered_at: now, response_status: answer.status, last_error: null })).executeTakeFirst();
      if (done.numUpdatedRows > 0n) await trx.updateTable('webhook_endpoints').set({ failing_since: null, failures_in_row: 0 }).where('id', '=', work.endpointId).execute();
      return;
    }
    const giveUpAt = work.createdAt.getTime() + RETRY_WINDOW_MS;
    const over = now.getTime() >= giveUpAt;
    const next = new Date(Math.min(now.getTime() + retryDelayMs(work.attempts), giveUpAt));
    const done = await mine(
      trx.updateTable('webhook_deliveries').set({ status: over ? 'failed' : 'pending', next_attempt_at: next, response_status: answer.status, last_error: answer.error }),
    ).executeTakeFirst();
    if (done.numUpdatedRows === 0n) return;
    const endpoint = await trx
      .updateTable('webhook_endpoints')
      .set({ failures_in_row: sql<number>`failures_in_row + 1`, failing_since: sql<Date>`coalesce(failing_since, ${now})` })
      .where('id', '=', work.endpointId)
      .returning(['failing_since', 'failures_in_row', 'status'])
      .executeTakeFirst();
    if (!endpoint || endpoint.status !== 'enabled' || !endpoint.failing_since) return;
    if (now.getTime() - new Date(endpoint.failing_since).getTime() >= DISABLE_AFTER_MS && endpoint.failures_in_row >= DISABLE_AFTER_FAILURES) {
      await trx.updateTable('webhook_endpoints').set({ status: 'disabled', disabled_reason: 'failing_for_3_days', updated_at: now }).where('id', '=', work.endpointId).execute();
      options.logger?.warn({ event: 'webhook_endpoint_disabled', endpoint: work.endpointId });
    }
  });
}
