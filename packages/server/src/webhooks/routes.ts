import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { NewWebhookEndpointSchema, WebhookDeliveryPageSchema, WebhookDeliverySchema, WebhookEndpointListSchema, WebhookEndpointSchema } from '../admin/answer-schemas.js';
import * as z from 'zod/mini';
import { EVENT_TYPES } from '../db/events-migration.js';
import { requireScope, type ApiKeyEnv } from '../http/api-key.js';
import type { ApiDeps } from '../http/context.js';
import { json, problem } from '../http/openapi.js';
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
  // Each route names its scope itself (not `use('*')`), so the document states it once per operation.
  const scope = requireScope('webhooks');

  hooks.post('/', scope, jsonBody(CreateSchema), describeRoute({
    operationId: 'createWebhookEndpoint',
    summary: 'Register an endpoint (https; plain http to localhost in development) and the event types it wants',
    responses: {
      '201': { description: 'The endpoint and its signing secret, shown this once only', content: json(NewWebhookEndpointSchema) },
      '409': problem('`too_many_webhook_endpoints`'),
      '422': problem('`webhook_url_not_allowed` (with `param: "url"`): not https, or a private address'),
    },
  }), async (c) => {
    const input = c.req.valid('json');
    const endpoint = await createEndpoint(db(), deps.secret, c.var.practice.id, input, c.var.now, deps.development);
    c.set('auditDetail', endpoint.id);
    return c.json(endpoint, 201);
  });
  hooks.get('/', scope, describeRoute({
    operationId: 'listWebhookEndpoints',
    summary: "The practice's endpoints (never their secret)",
    responses: { '200': { description: 'The endpoints', content: json(WebhookEndpointListSchema) } },
  }), async (c) => c.json({ data: await listEndpoints(db(), c.var.practice.id) }));
  hooks.get('/:id', scope, describeRoute({
    operationId: 'getWebhookEndpoint',
    summary: 'An endpoint, with its status (`enabled`/`disabled`), `disabledReason` and `failingSince`',
    responses: { '200': { description: 'The endpoint', content: json(WebhookEndpointSchema) }, '404': problem('`webhook_endpoint_not_found`') },
  }), async (c) => c.json(await getEndpoint(db(), c.var.practice.id, idOf(c.req.param('id')))));
  hooks.patch('/:id', scope, jsonBody(UpdateSchema), describeRoute({
    operationId: 'updateWebhookEndpoint',
    summary: 'Change an endpoint; `enabled: true` turns a disabled one back on',
    responses: { '200': { description: 'The endpoint', content: json(WebhookEndpointSchema) }, '404': problem('`webhook_endpoint_not_found`'), '422': problem('`webhook_url_not_allowed`') },
  }), async (c) => {
    const input = c.req.valid('json');
    return c.json(await updateEndpoint(db(), c.var.practice.id, idOf(c.req.param('id')), input, c.var.now, deps.development));
  });
  hooks.delete('/:id', scope, describeRoute({
    operationId: 'deleteWebhookEndpoint',
    summary: 'Remove an endpoint: nothing more is sent there, and its delivery log goes with it',
    responses: { '204': { description: 'Removed' }, '404': problem('`webhook_endpoint_not_found`') },
  }), async (c) => {
    await deleteEndpoint(db(), c.var.practice.id, idOf(c.req.param('id')));
    return c.body(null, 204);
  });

  hooks.get('/:id/deliveries', scope, describeRoute({
    operationId: 'listWebhookDeliveries',
    summary: "An endpoint's delivery log, newest first",
    parameters: [
      { name: 'limit', in: 'query', required: false, description: `At most this many (1 to ${MAX_LIMIT})`, schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT } },
      { name: 'before', in: 'query', required: false, description: 'The id of the last delivery read', schema: { type: 'string' } },
    ],
    responses: { '200': { description: 'A page of deliveries', content: json(WebhookDeliveryPageSchema) }, '400': problem('`invalid_request` (with `param: "limit"`)'), '404': problem('`webhook_endpoint_not_found`, `webhook_delivery_not_found` (`before`)') },
  }), async (c) => {
    const limitText = c.req.query('limit') ?? String(DEFAULT_LIMIT);
    const limit = /^\d{1,4}$/.test(limitText) ? Number(limitText) : NaN;
    if (!(limit >= 1 && limit <= MAX_LIMIT)) {
      const message = `limit is a whole number from 1 to ${MAX_LIMIT}.`;
      throw new ApiProblem(400, 'invalid_request', message, [{ path: ['limit'], code: 'invalid_value', message }], {}, { param: 'limit' });
    }
    const before = c.req.query('before');
    return c.json(await listDeliveries(db(), c.var.practice.id, idOf(c.req.param('id')), limit, before === undefined ? undefined : idOf(before)));
  });
  hooks.post('/:id/deliveries/:deliveryId/replay', scope, describeRoute({
    operationId: 'replayWebhookDelivery',
    summary: "Send a delivery's event again, as a new delivery (same `webhook-id`)",
    responses: { '202': { description: 'The new delivery', content: json(WebhookDeliverySchema) }, '404': problem('`webhook_endpoint_not_found`, `webhook_delivery_not_found`'), '409': problem('`webhook_endpoint_disabled`: enable it first') },
  }), async (c) => {
    const delivery = await replayDelivery(db(), c.var.practice.id, idOf(c.req.param('id')), idOf(c.req.param('deliveryId')), c.var.now);
    c.set('auditDetail', delivery.id);
    return c.json(delivery, 202);
  });
  return hooks;
}
