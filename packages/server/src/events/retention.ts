import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** How long events (the feed, and their webhook deliveries' log) are kept: 90 days. */
export const EVENT_RETENTION_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Events removed per transaction, so a long backlog never holds a lock for long. */
const PURGE_BATCH = 1_000;

/**
 * Removes published events older than the retention period, with their finished deliveries, a
 * batch at a time; an event with a delivery still pending stays until it is done (deliveries give
 * up after three days, well inside the period). A feed reader further behind than that starts again
 * from the oldest event kept. Instances may run it side by side: each row goes once. How many
 * events were removed.
 */
export async function purgeOldEvents(db: Kysely<Database>, now: Date, retentionDays: number = EVENT_RETENTION_DAYS): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  let removed = 0;
  for (;;) {
    const count = await db.transaction().execute(async (trx) => {
      // Oldest first: `id` grows with time, so the scan stops at the first batch it finds.
      const old = await trx.selectFrom('events').select('id').where('created_at', '<', cutoff).where('seq', 'is not', null).orderBy('id').limit(PURGE_BATCH).execute();
      if (old.length === 0) return 0;
      const ids = old.map((row) => row.id);
      await trx.deleteFrom('webhook_deliveries').where('event_id', 'in', ids).where('status', '!=', 'pending').execute();
      const deleted = await trx
        .deleteFrom('events')
        .where('id', 'in', ids)
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('webhook_deliveries').select('webhook_deliveries.id').whereRef('webhook_deliveries.event_id', '=', 'events.id'))))
        .executeTakeFirst();
      return Number(deleted.numDeletedRows);
    });
    removed += count;
    if (count < PURGE_BATCH) return removed;
  }
}
