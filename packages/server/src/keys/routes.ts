import { ApiKeyListSchema, ApiKeySchema, NewApiKeySchema } from '@billpay/sdk/admin-integration';
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { describeRoute } from 'hono-openapi';
import * as z from 'zod/mini';
import { staffOnly, type ApiKeyEnv } from '../http/api-key.js';
import type { ApiDeps } from '../http/context.js';
import { json, problem } from '../http/openapi.js';
import { ApiProblem } from '../http/problem.js';
import { jsonBody } from '../http/request.js';
import { managesStaff, STAFF_ROLES } from '../staff/roles.js';
import { API_KEY_SCOPES, createApiKey, listApiKeys, revokeApiKey } from './keys.js';

const CreateKeySchema = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  scopes: z
    .array(z.enum(API_KEY_SCOPES))
    .check(
      z.minLength(1),
      z.maxLength(API_KEY_SCOPES.length),
      z.refine((scopes) => new Set(scopes).size === scopes.length, 'A scope is named twice.'),
    ),
});

const keyNotFound = () => new ApiProblem(404, 'api_key_not_found', 'There is no such API key at this practice.');

/**
 * A key is a practice's whole trust: only an admin signed in to the console makes, lists or
 * revokes them here (`billpay keys` on the server does the same). A key, even one with every
 * scope, may not make another.
 */
const adminStaffOnly = staffOnly(
  createMiddleware<ApiKeyEnv>(async (c, next) => {
    const { caller } = c.var;
    if (caller.staffRole === null || !managesStaff(caller.staffRole)) {
      throw new ApiProblem(403, 'insufficient_role', 'Only an admin of the practice, signed in to the console, manages its API keys.');
    }
    await next();
  }),
  STAFF_ROLES.filter(managesStaff),
  '`insufficient_role`: a key (even one with every scope), or a member of staff who is not an admin',
);

/**
 * `/admin/v1/api-keys`: the practice's API keys for its admins in the console: listed (never a
 * secret), made (the key is in the answer, this once only) and revoked. Each call is in the audit
 * trail with the key's id.
 */
export function apiKeyRoutes(deps: ApiDeps): Hono<ApiKeyEnv> {
  const db = () => deps.database.db;
  const keys = new Hono<ApiKeyEnv>();
  keys.get('/', adminStaffOnly, describeRoute({
    operationId: 'listApiKeys',
    summary: "The practice's API keys, newest first: names, scopes, when made, last used and revoked; never a secret",
    responses: { '200': { description: 'The keys', content: json(ApiKeyListSchema) } },
  }), async (c) => c.json({ data: await listApiKeys(db(), c.var.practice.id) }));
  keys.post('/', adminStaffOnly, jsonBody(CreateKeySchema), describeRoute({
    operationId: 'createApiKey',
    summary: 'Make an API key with a name and its scopes; the answer holds the key, this once only',
    responses: { '201': { description: 'The key, with its secret (`bp_live_…`): keep it now, it is never shown again', content: json(NewApiKeySchema) } },
  }), async (c) => {
    const { name, scopes } = c.req.valid('json');
    const made = await createApiKey(db(), { practiceId: c.var.practice.id, scopes, name, now: c.var.now });
    c.set('auditDetail', made.key.id);
    return c.json(made, 201);
  });
  keys.post('/:id/revoke', adminStaffOnly, describeRoute({
    operationId: 'revokeApiKey',
    summary: 'Revoke an API key: from now on every call with it is refused `api_key_revoked`',
    responses: { '200': { description: 'The key, revoked', content: json(ApiKeySchema) }, '404': problem('`api_key_not_found`: no such key at this practice') },
  }), async (c) => {
    const id = c.req.param('id');
    const revoked = id.length <= 64 ? await revokeApiKey(db(), id, c.var.now, c.var.practice.id) : undefined;
    if (!revoked) throw keyNotFound();
    c.set('auditDetail', revoked.id);
    return c.json(revoked);
  });
  return keys;
}
