import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { EVENT_TYPES, type EventType } from '../db/events-migration.js';
import type { Database } from '../db/schema.js';
import { practiceStatementIds } from '../imports/ids.js';

export { EVENT_TYPES, type EventType };

type Db = Kysely<Database>;

/**
 * What the write paths say happened. `accountId` adds the practice's own account number and, for
 * an imported account, its own account id (`externalAccountId`); a `statementId` of an imported
 * statement is given as the practice's own statement id, as the posting file gives it.
 */
export interface NewEvent {
  readonly practiceId: string;
  readonly type: EventType;
  readonly accountId?: string | null | undefined;
  /** The practice's ids (payment, plan, estimate) and amounts in cents; never a token or a secret. */
  readonly data: Readonly<Record<string, string | number | boolean | null>>;
  readonly now: Date;
}

/** An event as the feed and the webhooks show it. */
export interface EventView {
  readonly id: string;
  readonly type: EventType;
  readonly createdAt: string;
  readonly data: Record<string, unknown>;
}

/** The row the publisher keeps the last cursor in, and serializes on. */
const PUBLISHER_KEY = 'events_published_seq';
/** Events given their cursor per publishing transaction. */
const PUBLISH_BATCH = 500;

/**
 * Writes an event into the outbox. Call it with the transaction that makes the change it tells
 * of: the event commits with the change or not at all. It is not in the feed until published.
 */
export async function recordEvent(trx: Db, event: NewEvent): Promise<void> {
  const account = event.accountId
    ? await trx.selectFrom('accounts').select(['account_number', 'external_id']).where('id', '=', event.accountId).executeTakeFirst()
    : undefined;
  const statementId = typeof event.data['statementId'] === 'string' ? event.data['statementId'] : undefined;
  const practiceStatementId = statementId ? (await practiceStatementIds(trx, event.practiceId, [statementId])).get(statementId) : undefined;
  const data = {
    ...(account ? { accountNumber: account.account_number } : {}),
    ...(account?.external_id ? { externalAccountId: account.external_id } : {}),
    ...event.data,
    ...(practiceStatementId ? { statementId: practiceStatementId } : {}),
  };
  await trx
    .insertInto('events')
    .values({
      public_id: `evt_${randomUUID().replace(/-/g, '')}`,
      practice_id: event.practiceId,
      type: event.type,
      data: JSON.stringify(data),
      created_at: event.now,
    })
    .execute();
}

/**
 * Gives committed events their cursor (`seq`), in the order they are found, and queues a delivery
 * for each enabled endpoint of the event's practice that wants its type, in one transaction under
 * the publisher's row lock. A write transaction that took an earlier `id` but commits later is
 * simply published by a later run with a later `seq`: the cursor only ever grows over rows that
 * are committed, so the feed and the webhooks never skip one. Instances run this side by side;
 * the lock makes them take turns. How many events it published.
 */
export async function publishEvents(db: Db, now: Date): Promise<number> {
  await db.insertInto('meta').values({ key: PUBLISHER_KEY, value: '0' }).onConflict((oc) => oc.column('key').doNothing()).execute();
  return db.transaction().execute(async (trx) => {
    const last = Number((await trx.selectFrom('meta').select('value').where('key', '=', PUBLISHER_KEY).forUpdate().executeTakeFirstOrThrow()).value);
    const published = await sql<{ seq: string }>`
      with next as (
        select id, row_number() over (order by id) as n from events where seq is null order by id limit ${PUBLISH_BATCH}
      )
      update events set seq = ${last} + next.n from next where events.id = next.id returning events.seq`.execute(trx);
    const count = published.rows.length;
    if (count === 0) return 0;
    const upTo = last + count;
    await sql`
      insert into webhook_deliveries (id, event_id, endpoint_id, practice_id, status, attempts, next_attempt_at, created_at)
      select 'whd_' || replace(gen_random_uuid()::text, '-', ''), e.id, w.id, e.practice_id, 'pending', 0, ${now}, ${now}
      from events e join webhook_endpoints w on w.practice_id = e.practice_id and w.status = 'enabled' and e.type = any(w.event_types)
      where e.seq > ${last} and e.seq <= ${upTo}`.execute(trx);
    await trx.updateTable('meta').set({ value: String(upTo) }).where('key', '=', PUBLISHER_KEY).execute();
    return count;
  });
}

/** A page of the feed: the events after `after`, and the cursor to ask with next. */
export interface EventPage {
  readonly data: readonly (EventView & { readonly cursor: string })[];
  readonly nextCursor: string;
  readonly hasMore: boolean;
}

/** The practice's published events after the cursor `after` (0: from the first), in order. */
export async function eventFeed(db: Db, practiceId: string, after: bigint, limit: number): Promise<EventPage> {
  const rows = await db
    .selectFrom('events')
    .select(['public_id', 'seq', 'type', 'data', 'created_at'])
    .where('practice_id', '=', practiceId)
    .where('seq', 'is not', null)
    .where('seq', '>', after.toString())
    .orderBy('seq')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  return {
    data: page.map((row) => ({ ...eventView(row), cursor: String(row.seq) })),
    nextCursor: page.length > 0 ? String(page[page.length - 1]!.seq) : after.toString(),
    hasMore: rows.length > limit,
  };
}

export function eventView(row: { public_id: string; type: EventType; data: Record<string, unknown>; created_at: Date | string }): EventView {
  return { id: row.public_id, type: row.type, createdAt: new Date(row.created_at).toISOString(), data: row.data };
}
