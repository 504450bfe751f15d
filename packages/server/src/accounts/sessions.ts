import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { tokenHash } from '../security/secret.js';

/** A session ends after this long without a request. */
export const SESSION_IDLE_MS = 15 * 60_000;

export interface Session {
  readonly id: string;
  readonly accountId: string;
  readonly practiceId: string;
  /** When it was last marked used (see `touchSession`). */
  readonly lastSeenAt?: Date | undefined;
}

/** A session is marked used at most this often: a write per request would cost more than it tells. */
export const SESSION_TOUCH_MS = 60_000;

/** What a bearer token looks like: 32 random bytes, base64url. Anything else is not looked up. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Opens a session on an account and returns its bearer token. The token is given to the client
 * once; the database keeps only its hash, so a copy of the database opens no session.
 */
export async function createSession(db: Kysely<Database>, accountId: string, practiceId: string, now: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('sessions')
    .values({
      id: randomUUID(),
      token_hash: tokenHash(token),
      account_id: accountId,
      practice_id: practiceId,
      created_at: now,
      last_seen_at: now,
      revoked_at: null,
    })
    .execute();
  return token;
}

/** The live session a token opens: not revoked, and used within the idle timeout. */
export async function findSession(db: Kysely<Database>, token: string, now: Date): Promise<Session | undefined> {
  if (!TOKEN_SHAPE.test(token)) return undefined;
  const row = await db
    .selectFrom('sessions')
    .select(['id', 'account_id', 'practice_id', 'last_seen_at'])
    .where('token_hash', '=', tokenHash(token))
    .where('revoked_at', 'is', null)
    .where('last_seen_at', '>', new Date(now.getTime() - SESSION_IDLE_MS))
    .executeTakeFirst();
  return row ? { id: row.id, accountId: row.account_id, practiceId: row.practice_id, lastSeenAt: new Date(row.last_seen_at) } : undefined;
}

/**
 * Marks the session used now, which restarts its idle timeout; skipped when it was marked less
 * than `SESSION_TOUCH_MS` ago (so the timeout runs from a use at most a minute earlier).
 */
export async function touchSession(db: Kysely<Database>, session: Session, now: Date): Promise<void> {
  if (session.lastSeenAt && now.getTime() - session.lastSeenAt.getTime() < SESSION_TOUCH_MS && now >= session.lastSeenAt) return;
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', session.id).where('revoked_at', 'is', null).execute();
}

export async function revokeSession(db: Kysely<Database>, session: Session, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: now }).where('id', '=', session.id).where('revoked_at', 'is', null).execute();
}
