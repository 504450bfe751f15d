import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { EventPageSchema } from '../admin/answer-schemas.js';
import { requireScope, type ApiKeyEnv } from '../http/api-key.js';
import type { ApiDeps } from '../http/context.js';
import { json, problem } from '../http/openapi.js';
import { ApiProblem } from '../http/problem.js';
import { eventFeed, publishEvents } from './outbox.js';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;
/** A cursor is the `cursor` of an event already read: a decimal number, at most 18 digits. */
const CURSOR = /^\d{1,18}$/;

const badQuery = (param: string, message: string) =>
  new ApiProblem(400, 'invalid_request', message, [{ path: [param], code: 'invalid_value', message }], {}, { param });

/**
 * `GET /admin/v1/events?after=<cursor>&limit=<n>`: the practice's events in the order they were
 * published, after the cursor (none: from the first). Read `nextCursor` and ask again with it;
 * `hasMore` says whether to ask at once. Publishes what committed since the last run first, so a
 * change is in the feed as soon as it is answered.
 */
export function eventRoutes(deps: ApiDeps): Hono<ApiKeyEnv> {
  const events = new Hono<ApiKeyEnv>();
  events.get('/', requireScope('read'), describeRoute({
    operationId: 'listEvents',
    summary: "The practice's events after the cursor `after`, oldest first; keep `nextCursor` and ask again",
    parameters: [
      { name: 'after', in: 'query', required: false, description: 'A `cursor` (or `nextCursor`) already read; none: from the first event kept', schema: { type: 'string', pattern: CURSOR.source } },
      { name: 'limit', in: 'query', required: false, description: `At most this many events (1 to ${MAX_LIMIT})`, schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT } },
    ],
    responses: { '200': { description: 'A page of events', content: json(EventPageSchema) }, '400': problem('`invalid_request` (with `param`): `after` is not a cursor, or `limit` is out of range') },
  }), async (c) => {
    const after = c.req.query('after') ?? '0';
    if (!CURSOR.test(after)) throw badQuery('after', 'after must be a cursor from this feed (digits).');
    const limitText = c.req.query('limit') ?? String(DEFAULT_LIMIT);
    const limit = /^\d{1,4}$/.test(limitText) ? Number(limitText) : NaN;
    if (!(limit >= 1 && limit <= MAX_LIMIT)) throw badQuery('limit', `limit is a whole number from 1 to ${MAX_LIMIT}.`);
    await publishEvents(deps.database.db, c.var.now);
    return c.json(await eventFeed(deps.database.db, c.var.practice.id, BigInt(after), limit));
  });
  return events;
}
