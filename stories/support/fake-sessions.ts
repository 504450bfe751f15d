/**
 * Finding a bill and the session it opens, for the in-memory API: lookups by Bill ID, a
 * text-to-pay link's token or account number, failures counted and locked out as the server counts them, and the routes a session
 * reads (its account and statements) or ends.
 */
import { AccountSchema, ApiErrorBodySchema, LookupRequestSchema, LookupResponseSchema, normalizeBillId, StatementSchema } from '@billpay/sdk';
import { json, problem, type FakeAccount } from './fake-http.js';

/** Failed lookups for one identifier before it locks, and how long it stays locked. */
const MAX_FAILURES = 5;
const LOCK_MS = 15 * 60_000;

/** The text-to-pay link token the in-memory API gives each demo account: `L`, its Bill ID, and `A`s to 22 characters. */
export const fakePayLinkOf = (billId: string): string => `L${billId}${'A'.repeat(9)}`;

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, '');

const lockedAnswer = (until: number, stepUp = false) =>
  json(
    429,
    ApiErrorBodySchema.parse({
      error: { code: 'locked_out', message: 'Too many attempts.', retryAt: new Date(until).toISOString(), ...(stepUp ? { stepUp: 'amount_due' } : {}) },
    }),
  );

export interface FakeSessions {
  /** `POST /v1/lookups`. */
  lookup(body: unknown): Response;
  /** The account signed in to by an `Authorization` header, if its session is open. */
  sessionOf(authorization: string | null): FakeAccount | undefined;
  /** The session's own routes (`/v1/account`, `/v1/session`, `/v1/statements/...`); `undefined` for any other. */
  route(method: string, path: string, authorization: string | null): Response | undefined;
  /** Lifts every lockout, as if the waiting time had passed. */
  unlock(): void;
  /** Ends every session. */
  expire(): void;
}

/** `lockedUntil`: every lookup locked until then (the locked-out state). */
export function createFakeSessions(accounts: readonly FakeAccount[], options: { lockedUntil?: Date | undefined } = {}): FakeSessions {
  const sessions = new Map<string, FakeAccount>();
  const failures = new Map<string, number>();
  const lockedUntil = new Map<string, number>();
  let globalLock = options.lockedUntil?.getTime() ?? 0;
  const tokenOf = (authorization: string | null) => authorization?.replace(/^Bearer /, '') ?? '';

  const lookup = (body: unknown): Response => {
    const parsed = LookupRequestSchema.safeParse(body);
    if (!parsed.success) return problem(400, 'invalid_request', 'Some fields are missing or invalid.');
    const input = parsed.data;
    if (globalLock > Date.now()) return lockedAnswer(globalLock);
    if ('billId' in input && !normalizeBillId(input.billId).ok) return problem(400, 'invalid_request', 'Check the Bill ID.');
    // As the server counts: failures per account, whichever way it was named.
    const named = accounts.find(({ demo }) =>
      'payLink' in input ? fakePayLinkOf(demo.billId) === input.payLink : 'billId' in input ? demo.billId === input.billId : fold(demo.accountNumber) === fold(input.accountNumber),
    );
    const key = named ? `account:${named.demo.billId}` : 'payLink' in input ? `link:${input.payLink}` : 'billId' in input ? `bill:${input.billId}` : `acct:${fold(input.accountNumber)}`;
    const match =
      named && ('billId' in input || 'payLink' in input ? named.demo.dateOfBirth === input.dateOfBirth : fold(named.demo.lastName) === fold(input.lastName)) ? named : undefined;
    const until = lockedUntil.get(key) ?? 0;
    if (until > Date.now()) {
      // A locked bill lets through the patient who adds the amount due on a statement (or the balance).
      const amounts = match ? [match.account.balanceCents, ...match.account.statements.map((s) => s.amountCents)] : [];
      if (!match || input.amountDueCents === undefined || !amounts.includes(input.amountDueCents)) return lockedAnswer(until, true);
      lockedUntil.delete(key);
    }
    if (!match) {
      const count = (failures.get(key) ?? 0) + 1;
      failures.set(key, count);
      if (count >= MAX_FAILURES) {
        lockedUntil.set(key, Date.now() + LOCK_MS);
        failures.delete(key);
      }
      return problem(401, 'lookup_failed', 'No bill matches those details.');
    }
    failures.delete(key);
    const token = `fake-${crypto.randomUUID()}-${crypto.randomUUID()}`;
    sessions.set(token, match);
    return json(201, LookupResponseSchema.parse({ token, idleTimeoutSeconds: 900, account: match.account }));
  };

  const route = (method: string, path: string, authorization: string | null): Response | undefined => {
    if (path !== '/v1/account' && path !== '/v1/session' && !path.startsWith('/v1/statements/')) return undefined;
    const session = sessions.get(tokenOf(authorization));
    if (!session) return problem(401, 'session_expired', 'Your session has ended.');
    if (method === 'GET' && path === '/v1/account') return json(200, AccountSchema.parse(session.account));
    if (method === 'DELETE' && path === '/v1/session') {
      sessions.delete(tokenOf(authorization));
      return new Response(null, { status: 204 });
    }
    const statement = session.statements.get(decodeURIComponent(path.slice('/v1/statements/'.length)));
    if (method === 'GET' && statement) return json(200, StatementSchema.parse(statement));
    return problem(404, 'statement_not_found', 'There is no such statement on this account.');
  };

  return {
    lookup,
    sessionOf: (authorization) => sessions.get(tokenOf(authorization)),
    route,
    unlock: () => {
      globalLock = 0;
      lockedUntil.clear();
    },
    expire: () => sessions.clear(),
  };
}
