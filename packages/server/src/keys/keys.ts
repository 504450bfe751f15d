import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { API_KEY_SCOPES, type ApiKeysTable, type ApiKeyScope } from '../db/practice-api-migration.js';
import type { Database } from '../db/schema.js';
import { tokenHash } from '../security/secret.js';

export { API_KEY_SCOPES, type ApiKeyScope };

type Db = Kysely<Database>;
type ApiKeyRow = Selectable<ApiKeysTable>;

/**
 * A practice's secret key: `bp_live_<id>_<secret>`, where `<id>` names the key (its id is
 * `key_<id>`, shown in lists and in the audit trail) and `<secret>` is 256 random bits. Only the
 * SHA-256 of the whole key is stored: with that much entropy no key is needed to hash it, and a
 * copy of the database lets no one call the API. Shown once, when made.
 */
const KEY_FORMAT = /^bp_live_([a-z2-7]{16})_([A-Za-z0-9_-]{43})$/;
/** The longest Authorization value looked at: a key is 68 characters. */
const MAX_PRESENTED = 200;
/** How stale `last_used_at` may get before a call writes it again (one write a minute per key at most). */
const LAST_USED_RESOLUTION_MS = 60_000;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** A key as lists show it: never its secret. */
export interface ApiKeyView {
  readonly id: string;
  readonly practiceId: string;
  readonly name: string | null;
  readonly scopes: readonly ApiKeyScope[];
  /** The key's first characters, to tell which key a service holds. */
  readonly prefix: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

/** A key that authenticated: who calls, and what it may do. */
export interface ApiCaller {
  readonly keyId: string;
  readonly practiceId: string;
  readonly scopes: readonly ApiKeyScope[];
}

export type Authentication =
  | { readonly ok: true; readonly caller: ApiCaller }
  /** `keyId`/`practiceId` are set when the key named a key that exists (revoked, or a wrong secret). */
  | { readonly ok: false; readonly code: 'api_key_invalid' | 'api_key_revoked'; readonly keyId?: string; readonly practiceId?: string };

function viewOf(row: ApiKeyRow): ApiKeyView {
  const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());
  return {
    id: row.id,
    practiceId: row.practice_id,
    name: row.name,
    scopes: row.scopes,
    prefix: row.prefix,
    createdAt: new Date(row.created_at).toISOString(),
    lastUsedAt: iso(row.last_used_at),
    revokedAt: iso(row.revoked_at),
  };
}

/** `import,read` as scopes; an unknown or repeated scope, or none, is an error that says which. */
export function parseScopes(text: string): ApiKeyScope[] {
  const scopes = text.split(',').map((scope) => scope.trim()).filter((scope) => scope !== '');
  if (scopes.length === 0) throw new RangeError(`Name at least one scope: ${API_KEY_SCOPES.join(', ')}.`);
  for (const scope of scopes) {
    if (!(API_KEY_SCOPES as readonly string[]).includes(scope)) throw new RangeError(`"${scope}" is not a scope; the scopes are ${API_KEY_SCOPES.join(', ')}.`);
  }
  if (new Set(scopes).size !== scopes.length) throw new RangeError('A scope is named twice.');
  return scopes as ApiKeyScope[];
}

export interface NewApiKey {
  readonly practiceId: string;
  readonly scopes: readonly ApiKeyScope[];
  readonly name?: string | undefined;
  readonly now: Date;
}

/** Makes a key; the answer's `secret` is the only time the key is ever seen whole. */
export async function createApiKey(db: Db, request: NewApiKey): Promise<{ key: ApiKeyView; secret: string }> {
  const name = request.name?.trim() || null;
  if (name !== null && name.length > 100) throw new RangeError('A key’s name is at most 100 characters.');
  const idPart = Array.from(randomBytes(16), (byte) => BASE32[byte % 32]).join('');
  const secret = `bp_live_${idPart}_${randomBytes(32).toString('base64url')}`;
  const row = await db
    .insertInto('api_keys')
    .values({
      id: `key_${idPart}`,
      practice_id: request.practiceId,
      name,
      scopes: [...request.scopes],
      secret_hash: tokenHash(secret),
      prefix: secret.slice(0, `bp_live_${idPart}_`.length + 4),
      created_at: request.now,
      last_used_at: null,
      revoked_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { key: viewOf(row), secret };
}

/** The practice's keys, newest first, revoked ones included (they say when). */
export async function listApiKeys(db: Db, practiceId: string): Promise<ApiKeyView[]> {
  const rows = await db.selectFrom('api_keys').selectAll().where('practice_id', '=', practiceId).orderBy('created_at', 'desc').orderBy('id').execute();
  return rows.map(viewOf);
}

/**
 * Revokes a key by its id (of `practiceId` only, when given): calls with it are refused from now
 * on. Revoking it again changes nothing. `undefined` when there is no such key.
 */
export async function revokeApiKey(db: Db, id: string, now: Date, practiceId?: string): Promise<ApiKeyView | undefined> {
  let query = db.selectFrom('api_keys').selectAll().where('id', '=', id);
  if (practiceId !== undefined) query = query.where('practice_id', '=', practiceId);
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  if (row.revoked_at !== null) return viewOf(row);
  const revoked = await db
    .updateTable('api_keys')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return viewOf(revoked);
}

/**
 * Who a presented key is: found by the id it names, then its hash compared in constant time, so
 * neither a lookup by a secret-dependent value nor the compare's timing tells anything about
 * the secret. A key in use has its `last_used_at` brought up to date (at most once a minute).
 */
export async function authenticateApiKey(db: Db, presented: string, now: Date): Promise<Authentication> {
  const match = presented.length <= MAX_PRESENTED ? KEY_FORMAT.exec(presented) : null;
  if (!match) return { ok: false, code: 'api_key_invalid' };
  const row = await db.selectFrom('api_keys').selectAll().where('id', '=', `key_${match[1]}`).executeTakeFirst();
  if (!row) return { ok: false, code: 'api_key_invalid' };
  const expected = Buffer.from(row.secret_hash, 'hex');
  const actual = Buffer.from(tokenHash(presented), 'hex');
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    return { ok: false, code: 'api_key_invalid', keyId: row.id, practiceId: row.practice_id };
  }
  if (row.revoked_at !== null) return { ok: false, code: 'api_key_revoked', keyId: row.id, practiceId: row.practice_id };
  if (row.last_used_at === null || now.getTime() - new Date(row.last_used_at).getTime() >= LAST_USED_RESOLUTION_MS) {
    await db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', row.id).execute();
  }
  return { ok: true, caller: { keyId: row.id, practiceId: row.practice_id, scopes: row.scopes } };
}
