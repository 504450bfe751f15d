/**
 * A practice API over a fresh, seeded database with a clock the test moves, a log that is kept,
 * and helpers that speak the wire contract. Every token a lookup hands out is remembered, so the
 * test can prove none of them (nor any Bill ID, date of birth or account number) reached the log
 * or the audit trail.
 */
import assert from 'node:assert/strict';
import { ApiErrorBodySchema, formatBillId, luhnCheckDigit, type ApiErrorBody } from '@billpay/sdk';
import type { BillPayDatabase } from '../../src/db/database.js';
import { demoAccounts } from '../../src/demo/demo-data.js';
import { seedDemoData } from '../../src/demo/seed.js';
import { createApp } from '../../src/http/app.js';
import { createLogger } from '../../src/log.js';
import { loadPractices, type PracticeConfig } from '../../src/practices/practices.js';
import { defaults } from '../../src/server.js';
import type { Backend } from './backends.js';

export const TODAY = '2026-11-22';
export const SECRET = 'test-secret-that-is-long-enough-0123456789';
export const practices = await loadPractices(defaults.practicesDir);
export const harborPoint = practices.get('harbor-point') as PracticeConfig;
export const ALLOWED_ORIGIN = 'http://localhost:8787';

export type DemoName = 'Rivera' | 'Okafor' | 'Chen' | 'Novak' | 'Haddad';
export const demo = (lastName: DemoName) => demoAccounts.find((account) => account.lastName === lastName)!;

/** A Bill ID no account has, with a valid check digit: `n` picks which. */
export function unknownBillId(n: number): string {
  const body = `9${String(n).padStart(10, '0')}`;
  return `${body}${luhnCheckDigit(body)}`;
}

export class Clock {
  current = new Date(`${TODAY}T15:00:00.000Z`);
  readonly now = () => this.current;
  advance(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
}

export interface Answer<T = unknown> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

/**
 * Tests reach the apps through `app.request`, which has no socket: this third argument gives it
 * one from 127.0.0.1, the proxy the test apps trust (`TEST_PROXIES`), so a test's client address
 * travels as X-Forwarded-For the way a proxy would send it.
 */
export const FROM_TEST_PROXY = { incoming: { socket: { remoteAddress: '127.0.0.1' } } } as const;
export const TEST_PROXIES = ['127.0.0.1'];

export interface RequestOptions {
  /** Client address, sent as X-Forwarded-For from the trusted test proxy (`FROM_TEST_PROXY`). */
  readonly address?: string;
  readonly origin?: string;
  readonly headers?: Record<string, string>;
}

export type App = ReturnType<typeof createApp>;

export class Harness {
  readonly logLines: string[] = [];
  /** Every session token handed out, and anything else that must never be logged. */
  readonly secrets: string[] = [];
  readonly clock = new Clock();
  readonly app: App;

  constructor(
    readonly database: BillPayDatabase,
    private readonly dropDatabase: () => Promise<void>,
  ) {
    this.app = this.createApp(database);
  }

  /** Another instance of the API (its own app, its own clock reference is shared). */
  createApp(database: BillPayDatabase): App {
    return createApp({
      database,
      practices,
      logger: createLogger((line) => this.logLines.push(line)),
      secret: SECRET,
      now: this.clock.now,
      trustedProxies: TEST_PROXIES,
    });
  }

  async lookup<T = unknown>(body: unknown, options: RequestOptions = {}, app: App = this.app): Promise<Answer<T>> {
    this.remember(body);
    const answer = await send<T>(app, '/v1/lookups', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headersOf(options) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const token = (answer.body as { token?: unknown } | null)?.token;
    if (answer.status === 201 && typeof token === 'string') this.secrets.push(token);
    return answer;
  }

  /** Every identifier a test sends (right or wrong) must stay out of the log and the audit trail too. */
  private remember(body: unknown): void {
    if (typeof body !== 'object' || body === null) return;
    for (const key of ['billId', 'dateOfBirth', 'accountNumber', 'lastName']) {
      const value = (body as Record<string, unknown>)[key];
      if (typeof value !== 'string' || value.trim().length < 6) continue;
      this.secrets.push(value.trim());
      if (/^\d{12}$/.test(value)) this.secrets.push(formatBillId(value));
    }
  }

  /** A lookup that must succeed; returns its token. */
  async open(lastName: DemoName, options: RequestOptions = {}): Promise<string> {
    const account = demo(lastName);
    const answer = await this.lookup<{ token: string }>(
      { practice: 'harbor-point', billId: account.billId, dateOfBirth: account.dateOfBirth },
      options,
    );
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return answer.body.token;
  }

  request<T = unknown>(path: string, token: string | undefined, init: RequestInit & RequestOptions = {}): Promise<Answer<T>> {
    return send<T>(this.app, path, {
      ...init,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headersOf(init) },
    });
  }

  /** Proves no identifier of a person and no token is in the log or the audit trail. */
  async assertNothingLeaked(): Promise<void> {
    const audit = await this.database.db.selectFrom('audit_events').selectAll().execute();
    assert.ok(audit.length > 0, 'the audit trail records lookups and views');
    for (const row of audit) {
      for (const hash of [row.subject_hash, row.client_hash]) if (hash !== null) assert.match(hash, /^[0-9a-f]{64}$/);
    }
    assert.ok(this.logLines.length > 0);
    const haystack = [...this.logLines, ...audit.map((row) => JSON.stringify(row))].join('\n').toLowerCase();
    const needles = [
      ...demoAccounts.flatMap((a) => [a.billId, formatBillId(a.billId), a.dateOfBirth, a.accountNumber, a.lastName]),
      ...this.secrets,
    ];
    for (const needle of needles) {
      assert.equal(haystack.includes(needle.toLowerCase()), false, `"${needle}" must not be in the log or the audit trail`);
    }
  }

  async close(): Promise<void> {
    await this.database.close();
    await this.dropDatabase();
  }
}

/** A fresh database for `backend`, migrated and seeded with the demo data dated TODAY. */
export async function openHarness(backend: Backend): Promise<Harness & { url: string | undefined }> {
  const handle = await backend.create();
  assert.equal(await seedDemoData(handle.database.db, harborPoint, TODAY), true);
  return Object.assign(new Harness(handle.database, handle.drop), { url: handle.url });
}

function headersOf(options: RequestOptions): Record<string, string> {
  return {
    ...(options.address ? { 'x-forwarded-for': options.address } : {}),
    ...(options.origin ? { origin: options.origin } : {}),
    ...options.headers,
  };
}

async function send<T>(app: App, path: string, init: RequestInit): Promise<Answer<T>> {
  const response = await app.request(path, init, FROM_TEST_PROXY);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as T };
}

/** An error answer, checked against the contract: a 4xx, a code, a request id, never a 500. */
export function problem(answer: Answer, status: number, code: string): ApiErrorBody['error'] {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  const { error } = ApiErrorBodySchema.parse(answer.body);
  assert.equal(error.code, code);
  assert.ok(error.requestId);
  return error;
}

/** The body without what differs on every request. */
export function withoutRequestId(error: ApiErrorBody['error']): Omit<ApiErrorBody['error'], 'requestId'> {
  const { requestId: _requestId, ...rest } = error;
  return rest;
}
