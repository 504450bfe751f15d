import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { keyedHash, tokenHash } from '../security/secret.js';
import type { StaffRole } from './roles.js';

/** A staff session ends after 15 minutes without a request, and 12 hours after sign-in whatever happens. */
export const STAFF_IDLE_MS = 15 * 60_000;
export const STAFF_ABSOLUTE_MS = 12 * 3_600_000;
/** A session is marked used at most this often (so idle runs from a use at most this much earlier). */
const TOUCH_MS = 30_000;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** The header the synchronizer token comes back in on every state-changing request. */
export const CSRF_HEADER = 'x-csrf-token';

export interface StaffSession {
  readonly id: string;
  readonly staffId: string;
  readonly practiceId: string;
  readonly email: string;
  readonly role: StaffRole;
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
  /** The cookie's token (to derive the CSRF token); never logged, never stored. */
  readonly token: string;
}

export type SessionMethod = 'password' | 'passkey' | 'sso';

/** Opens a session for a member of staff; the token goes into the cookie, its hash into the database. */
export async function openStaffSession(db: Kysely<Database>, staff: { id: string; practice_id: string }, method: SessionMethod, now: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('staff_sessions')
    .values({ id: randomUUID(), token_hash: tokenHash(token), staff_id: staff.id, practice_id: staff.practice_id, method, created_at: now, last_seen_at: now, revoked_at: null })
    .execute();
  return token;
}

/**
 * The live session a token opens, marked used: not signed out, used within 15 minutes, opened
 * within 12 hours, and its member of staff not disabled.
 */
export async function findStaffSession(db: Kysely<Database>, token: string, now: Date): Promise<StaffSession | undefined> {
  if (!TOKEN_SHAPE.test(token)) return undefined;
  const row = await db
    .selectFrom('staff_sessions')
    .innerJoin('staff', 'staff.id', 'staff_sessions.staff_id')
    .select(['staff_sessions.id', 'staff_sessions.staff_id', 'staff_sessions.practice_id', 'staff_sessions.created_at', 'staff_sessions.last_seen_at', 'staff.email', 'staff.role'])
    .where('staff_sessions.token_hash', '=', tokenHash(token))
    .where('staff_sessions.revoked_at', 'is', null)
    .where('staff.disabled_at', 'is', null)
    .where('staff_sessions.last_seen_at', '>', new Date(now.getTime() - STAFF_IDLE_MS))
    .where('staff_sessions.created_at', '>', new Date(now.getTime() - STAFF_ABSOLUTE_MS))
    .executeTakeFirst();
  if (!row) return undefined;
  const lastSeenAt = new Date(row.last_seen_at);
  if (now.getTime() - lastSeenAt.getTime() >= TOUCH_MS) {
    await db.updateTable('staff_sessions').set({ last_seen_at: now }).where('id', '=', row.id).execute();
  }
  return { id: row.id, staffId: row.staff_id, practiceId: row.practice_id, email: row.email, role: row.role, createdAt: new Date(row.created_at), lastSeenAt, token };
}

/** Ends one session (sign-out). */
export async function endStaffSession(db: Kysely<Database>, sessionId: string, now: Date): Promise<void> {
  await db.updateTable('staff_sessions').set({ revoked_at: now }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
}

/** Ends every session of a member of staff (sign-out everywhere); how many were open. */
export async function endAllStaffSessions(db: Kysely<Database>, staffId: string, now: Date): Promise<number> {
  const ended = await db.updateTable('staff_sessions').set({ revoked_at: now }).where('staff_id', '=', staffId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(ended.numUpdatedRows);
}

/**
 * The session's synchronizer token: an HMAC of the cookie's token under the server secret. It is
 * given to the page (at sign-in, and by `GET /console/api/session`, which only a same-origin page
 * can read) and must come back in `X-CSRF-Token`; another site can neither read it nor compute it.
 */
export function csrfToken(secret: string, sessionToken: string): string {
  return keyedHash(secret, 'staff_csrf', sessionToken);
}

export function csrfMatches(secret: string, session: StaffSession, presented: string | undefined): boolean {
  if (!presented) return false;
  const expected = Buffer.from(csrfToken(secret, session.token));
  const actual = Buffer.from(presented);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/**
 * The session cookie: `__Host-billpay_staff`, HttpOnly, Secure, SameSite=Strict, Path=/, no
 * Domain. Only in development mode with a console origin of http://localhost (or 127.0.0.1) is it
 * `billpay_staff` without Secure, since a plain-http page cannot set a Secure `__Host-` cookie in
 * every browser.
 */
export interface StaffCookie {
  readonly name: string;
  readonly secure: boolean;
}

export function staffCookie(consoleOrigin: string, development: boolean): StaffCookie {
  const url = new URL(consoleOrigin);
  const plainLocal = development && url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  return plainLocal ? { name: 'billpay_staff', secure: false } : { name: '__Host-billpay_staff', secure: true };
}

export function readSessionCookie(c: Context, cookie: StaffCookie): string | undefined {
  return getCookie(c, cookie.name);
}

export function writeSessionCookie(c: Context, cookie: StaffCookie, token: string): void {
  // No Max-Age: a browser session cookie; the server ends the session (idle, absolute, sign-out).
  setCookie(c, cookie.name, token, { httpOnly: true, secure: cookie.secure, sameSite: 'Strict', path: '/' });
}

export function clearSessionCookie(c: Context, cookie: StaffCookie): void {
  deleteCookie(c, cookie.name, { httpOnly: true, secure: cookie.secure, sameSite: 'Strict', path: '/' });
}
