import { Hono } from 'hono';
import * as z from 'zod/mini';
import { EVENT_TYPES } from '../db/events-migration.js';
import { requireScope, type ApiKeyEnv } from '../http/api-key.js';
import type { ApiDeps } from '../http/context.js';
import { ApiProblem } from '../http/problem.js';
import { jsonBody } from '../http/request.js';
import { createEndpoint, deleteEndpoint, getEndpoint, listDeliveries, listEndpoints, replayDelivery, updateEndpoint } from './endpoints.js';

const EventTypesSchema = z.array(z.enum(EVENT_TYPES)).check(z.minLength(1), z.maxLength(EVENT_TYPES.length * 2));
const UrlSchema = z.string().check(z.minLength(1), z.maxLength(2048));
const DescriptionSchema = z.nullable(z.string().check(z.maxLength(200)));

const CreateSchema = z.strictObject({ url: UrlSchema, eventTypes: EventTypesSchema, description: z.optional(DescriptionSchema) });
const UpdateSchema = z.strictObject({
  url: z.optional(UrlSchema),
  eventTypes: z.optional(EventTypesSchema),
  description: z.optional(DescriptionSchema),
  enabled: z.optional(z.boolean()),
});

/** Our ids are at most 36 characters; anything longer is no endpoint or delivery of ours. */
const MAX_ID = 64;
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;

const endpointNotFound = () => new ApiProblem(404, 'webhook_endpoint_not_found', 'There is no such webhook endpoint at this practice.');

function idOf(id: string): string {
  if (id.length > MAX_ID) throw endpointNotFound();
  return id;
}

/**
 * `/admin/v1/webhook-endpoints` (scope `webhooks`): a practice registers where its events are
 * sent, and which types; reads each endpoint's delivery log and replays a delivery. The signing
 * secret is in the answer to the POST that makes the endpoint, and never again.
 */
export function webhookRoutes(deps: ApiDeps): Hono<ApiKeyEnv> {
  const db = () => deps.database.db;
  const hooks = new Hono<ApiKeyEnv>();
  hooks.use('*', requireScope('webhooks'));

  hooks.post('/', jsonBody(CreateSchema), async (c) => {
    const input = c.req.valid('json');
    return c.json(await createEndpoint(db(), deps.secret, c.var.practice.id, input, c.var.now, deps.development), 201);
  });
  hooks.get('/', async (c) => c.json({ data: await listEndpoints(db(), c.var.practice.id) }));
  hooks.get('/:id', async (c) => c.json(await getEndpoint(db(), c.var.practice.id, idOf(c.req.param('id')))));
  hooks.patch('/:id', jsonBody(UpdateSchema), async (c) => {
    const input = c.req.valid('json');
    return c.json(await updateEndpoint(db(), c.var.practice.id, idOf(c.req.param('id')), input, c.var.now, deps.development));
  });
  hooks.delete('/:id', async (c) => {
    await deleteEndpoint(db(), c.var.practice.id, idOf(c.req.param('id')));
    return c.body(null, 204);
  });

  hooks.get('/:id/deliveries', async (c) => {
    const limitText = c.req.query('limit') ?? String(DEFAULT_LIMIT);
    const limit = /^\d{1,4}$/.test(limitText) ? Number(limitText) : NaN;
    if (!(limit >= 1 && limit <= MAX_LIMIT)) {
      const message = `limit is a whole number from 1 to ${MAX_LIMIT}.`;
      throw new ApiProblem(400, 'invalid_request', message, [{ path: ['limit'], code: 'invalid_value', message }], {}, { param: 'limit' });
    }
    const before = c.req.query('before');
    return c.json(await listDeliveries(db(), c.var.practice.id, idOf(c.req.param('id')), limit, before === undefined ? undefined : idOf(before)));
  });
  hooks.post('/:id/deliveries/:deliveryId/replay', async (c) => {
    const delivery = await replayDelivery(db(), c.var.practice.id, idOf(c.req.param('id')), idOf(c.req.param('deliveryId')), c.var.now);
    return c.json(delivery, 202);
  });
  return hooks;
}
