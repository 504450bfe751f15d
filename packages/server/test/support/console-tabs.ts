/**
 * The console's staff as the server sees them: a browser tab of the console (its session cookie and
 * CSRF token), requests as the console's page sends them (same origin, the token on changes), and
 * members of staff added and enrolled with a password and TOTP, signed in.
 */
import assert from 'node:assert/strict';
import { generate } from 'otplib';
import { addStaff } from '../../src/staff/accounts.js';
import type { StaffRole } from '../../src/staff/roles.js';
import { csrfToken, openStaffSession } from '../../src/staff/sessions.js';
import { otherPractice } from './admin.js';
import { FROM_TEST_PROXY, SECRET, type App, type Harness } from './harness.js';

export const CONSOLE_ORIGIN = 'https://billing.harbor.example';
export const STAFF_COOKIE = '__Host-billpay_staff';
export const STAFF_PASSWORD = 'correct horse battery staple';

export interface TabAnswer<T = Record<string, unknown>> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

/** A browser tab of the console: its cookie, and its CSRF token once signed in. */
export interface Tab {
  cookie?: string | undefined;
  csrf?: string | undefined;
}

export interface TabRequest {
  readonly method?: string;
  /** JSON, or a string sent as is (with `contentType`). */
  readonly body?: unknown;
  readonly contentType?: string;
  readonly headers?: Record<string, string>;
}

export interface ConsoleTabs {
  send<T = Record<string, unknown>>(tab: Tab, path: string, init?: TabRequest): Promise<TabAnswer<T>>;
  /** Adds a member of staff with `role` and enrols them: their id and a signed-in tab. */
  enrolled(role: StaffRole, practiceId?: string): Promise<{ staffId: string; tab: Tab }>;
}

export function consoleTabs(app: App, harness: Harness): ConsoleTabs {
  async function send<T>(tab: Tab, path: string, init: TabRequest = {}): Promise<TabAnswer<T>> {
    const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
    const headers: Record<string, string> = { 'sec-fetch-site': 'same-origin', 'x-forwarded-for': '203.0.113.7' };
    if (method !== 'GET') headers.origin = CONSOLE_ORIGIN;
    if (tab.cookie) headers.cookie = `${STAFF_COOKIE}=${tab.cookie}`;
    if (tab.csrf && method !== 'GET') headers['x-csrf-token'] = tab.csrf;
    const raw = init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    if (raw !== undefined) headers['content-type'] = init.contentType ?? 'application/json';
    const response = await app.request(path, { method, headers: { ...headers, ...init.headers }, ...(raw === undefined ? {} : { body: raw }) }, FROM_TEST_PROXY);
    const text = await response.text();
    const cookie = new RegExp(`^${STAFF_COOKIE}=([^;]*)`).exec(response.headers.get('set-cookie') ?? '')?.[1];
    if (cookie) tab.cookie = cookie;
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as T };
  }

  async function enrolled(role: StaffRole, practiceId = 'harbor-point') {
    const email = `${role}-${Math.random().toString(36).slice(2, 8)}@harbor.example`;
    const { staff, token } = await addStaff(harness.database.db, { practiceId, email, role, now: harness.clock.now() });
    const tab: Tab = {};
    const started = await send<{ totp: { secret: string } }>(tab, '/console/api/enrolment', { body: { token } });
    assert.equal(started.status, 200, JSON.stringify(started.body));
    const code = await generate({ secret: started.body.totp.secret, epoch: Math.floor(harness.clock.now().getTime() / 1000) });
    const done = await send<{ csrfToken: string }>(tab, '/console/api/enrolment/password', { body: { token, password: STAFF_PASSWORD, code } });
    assert.equal(done.status, 201, JSON.stringify(done.body));
    tab.csrf = done.body.csrfToken;
    return { staffId: staff.id, tab };
  }

  return { send, enrolled };
}

/** A console tab signed in by a member of staff (password, no second factor asked): its cookie, CSRF token and the staff id. */
export interface StaffTab {
  readonly cookie: string;
  readonly csrf: string;
  readonly staffId: string;
}

/**
 * A signed-in tab for each role at harbor-point, and one of a billing clerk of `otherPractice`
 * (`theirs`), sessions opened directly: for tests of what each role may do, not of signing in.
 */
export async function tabsOfEveryRole(harness: Harness): Promise<Record<StaffRole | 'theirs', StaffTab>> {
  const signedIn = async (role: StaffRole, practiceId = 'harbor-point'): Promise<StaffTab> => {
    const now = harness.clock.now();
    const { staff } = await addStaff(harness.database.db, { practiceId, email: `${role}-${practiceId}@harbor.example`, role, now });
    const token = await openStaffSession(harness.database.db, { id: staff.id, practice_id: practiceId }, 'password', now);
    return { cookie: token, csrf: csrfToken(SECRET, token), staffId: staff.id };
  };
  return { admin: await signedIn('admin'), billing: await signedIn('billing'), 'read-only': await signedIn('read-only'), theirs: await signedIn('billing', otherPractice.id) };
}
