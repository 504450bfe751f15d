/**
 * The practice API (`/admin/v1`) as a practice's server calls it: a key made the way
 * `billpay keys create` makes one, sent as `Authorization: Bearer`.
 */
import type { BillPayDatabase } from '../../src/db/database.js';
import { createApiKey, type ApiKeyScope } from '../../src/keys/keys.js';
import type { App } from './harness.js';
import { FROM_TEST_PROXY } from './harness.js';

export interface AdminAnswer<T = unknown> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

/** A new key of `practiceId` with `scopes`: its id and the key itself. */
export async function adminKey(database: BillPayDatabase, practiceId: string, scopes: readonly ApiKeyScope[], now = new Date()): Promise<{ id: string; secret: string }> {
  const { key, secret } = await createApiKey(database.db, { practiceId, scopes, now });
  return { id: key.id, secret };
}

/** A call to the practice API with `key` (none when undefined), and `headers` besides. */
export async function adminCall<T = unknown>(app: App, path: string, key: string | undefined, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<AdminAnswer<T>> {
  const response = await app.request(
    path,
    {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: {
        ...(key === undefined ? {} : { authorization: `Bearer ${key}` }),
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...init.headers,
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    },
    FROM_TEST_PROXY,
  );
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as T };
}
