import type { Options } from 'ky';
import type * as z from 'zod/mini';
import {
  ApiKeyListSchema,
  ApiKeySchema,
  ImportResultSchema,
  ImportRunDetailSchema,
  ImportRunListSchema,
  NewApiKeySchema,
  NewWebhookEndpointSchema,
  WebhookDeliveryListSchema,
  WebhookDeliverySchema,
  WebhookEndpointListSchema,
  WebhookEndpointSchema,
  type ApiKey,
  type ApiKeyScope,
  type ImportOutcome,
  type ImportResult,
  type ImportRunDetail,
  type ImportRunList,
  type NewApiKey,
  type NewWebhookEndpoint,
  type WebhookDelivery,
  type WebhookDeliveryList,
  type WebhookEndpoint,
  type WebhookEventType,
} from '../integration-schemas.js';
import { stateOf, type ConsoleConnection } from './admin.js';
import type { CallOptions } from './connection.js';
import { request } from './request.js';

/** A call with the session's CSRF token (every method but GET), sent once: none of these is retried by itself. */
function call<S extends z.ZodMiniType>(connection: ConsoleConnection, path: string, schema: S, init: Options = {}): Promise<z.infer<S>> {
  const state = stateOf(connection);
  const csrf: Record<string, string> = state.session && init.method ? { 'x-csrf-token': state.session.csrfToken } : {};
  return request(state.http, path, schema, { ...init, headers: { ...csrf, ...(init.headers as Record<string, string> | undefined) }, ...(init.method ? { retry: 0 } : {}) });
}

const query = (values: Record<string, string | number | undefined>) => {
  const q = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value !== undefined) q.set(name, String(value));
  const text = q.toString();
  return text ? `?${text}` : '';
};

/** A statement run to import: CSV (`text/csv`) or JSON Lines (`application/x-ndjson`). */
export interface ImportFile {
  readonly format: 'csv' | 'jsonl';
  readonly body: Blob | string;
  /** Check everything and write nothing. */
  readonly dryRun?: boolean;
}

/** Sends a statement run to `POST /admin/v1/imports`: every statement's outcome, and the import's id (it is kept). */
export function importStatementRun(connection: ConsoleConnection, file: ImportFile, { signal }: CallOptions = {}): Promise<ImportResult> {
  const contentType = file.format === 'csv' ? 'text/csv' : 'application/x-ndjson';
  return call(connection, `admin/v1/imports${file.dryRun ? '?dryRun=true' : ''}`, ImportResultSchema, { method: 'post', body: file.body, headers: { 'content-type': contentType }, signal, timeout: 120_000 });
}

/** The practice's imports, newest first (`before`: the last import id shown). */
export function listImports(connection: ConsoleConnection, { signal, limit, before }: CallOptions & { limit?: number | undefined; before?: string | undefined } = {}): Promise<ImportRunList> {
  return call(connection, `admin/v1/imports${query({ limit, before })}`, ImportRunListSchema, { signal });
}

/** An import and a page of its statements in file order: `outcome: 'rejected'` for those to fix, `after` the last position shown. */
export function getImport(
  connection: ConsoleConnection,
  importId: string,
  { signal, limit, after, outcome }: CallOptions & { limit?: number | undefined; after?: number | undefined; outcome?: ImportOutcome | undefined } = {},
): Promise<ImportRunDetail> {
  return call(connection, `admin/v1/imports/${encodeURIComponent(importId)}${query({ limit, after, outcome })}`, ImportRunDetailSchema, { signal });
}

const endpointPath = (id: string) => `admin/v1/webhook-endpoints/${encodeURIComponent(id)}`;

export function listWebhookEndpoints(connection: ConsoleConnection, { signal }: CallOptions = {}): Promise<WebhookEndpoint[]> {
  return call(connection, 'admin/v1/webhook-endpoints', WebhookEndpointListSchema, { signal }).then((list) => list.data);
}

/** Registers an endpoint: the answer's `secret` (to verify signatures) is shown this once. */
export function createWebhookEndpoint(
  connection: ConsoleConnection,
  input: { readonly url: string; readonly eventTypes: readonly WebhookEventType[]; readonly description?: string | undefined },
  { signal }: CallOptions = {},
): Promise<NewWebhookEndpoint> {
  return call(connection, 'admin/v1/webhook-endpoints', NewWebhookEndpointSchema, { method: 'post', json: input, signal });
}

/** Turns an endpoint off (nothing more is sent), or back on (its failures forgotten). */
export function setWebhookEndpointEnabled(connection: ConsoleConnection, endpointId: string, enabled: boolean, { signal }: CallOptions = {}): Promise<WebhookEndpoint> {
  return call(connection, endpointPath(endpointId), WebhookEndpointSchema, { method: 'patch', json: { enabled }, signal });
}

/** An endpoint's delivery log, newest first (`before`: the last delivery id shown). */
export function listWebhookDeliveries(connection: ConsoleConnection, endpointId: string, { signal, limit, before }: CallOptions & { limit?: number | undefined; before?: string | undefined } = {}): Promise<WebhookDeliveryList> {
  return call(connection, `${endpointPath(endpointId)}/deliveries${query({ limit, before })}`, WebhookDeliveryListSchema, { signal });
}

/** Sends a delivery's event again, as a new delivery due now (same `webhook-id`). */
export function replayWebhookDelivery(connection: ConsoleConnection, endpointId: string, deliveryId: string, { signal }: CallOptions = {}): Promise<WebhookDelivery> {
  return call(connection, `${endpointPath(endpointId)}/deliveries/${encodeURIComponent(deliveryId)}/replay`, WebhookDeliverySchema, { method: 'post', signal });
}

/** The practice's API keys, newest first, revoked ones included (admins only). */
export function listApiKeys(connection: ConsoleConnection, { signal }: CallOptions = {}): Promise<ApiKey[]> {
  return call(connection, 'admin/v1/api-keys', ApiKeyListSchema, { signal }).then((list) => list.data);
}

/** Makes a key (admins only): the answer's `secret` is the whole key, shown this once. */
export function createApiKey(connection: ConsoleConnection, input: { readonly name: string; readonly scopes: readonly ApiKeyScope[] }, { signal }: CallOptions = {}): Promise<NewApiKey> {
  return call(connection, 'admin/v1/api-keys', NewApiKeySchema, { method: 'post', json: input, signal });
}

/** Revokes a key (admins only): calls with it are refused from now on. */
export function revokeApiKey(connection: ConsoleConnection, keyId: string, { signal }: CallOptions = {}): Promise<ApiKey> {
  return call(connection, `admin/v1/api-keys/${encodeURIComponent(keyId)}/revoke`, ApiKeySchema, { method: 'post', signal });
}
