import { BILL_ID_LENGTH, LookupRequestSchema, normalizeBillId, type LookupResponse } from '@billpay/sdk';
import type { Hono } from 'hono';
import { accountView } from '../accounts/accounts.js';
import { accountNumberKey, attemptLookup, lastNameKey, type LookupCriteria } from './lookup.js';
import { SESSION_IDLE_MS } from '../accounts/sessions.js';
import { clientAddress, originAllowed, requirePractice, type ApiDeps, type AppEnv } from '../http/context.js';
import { ApiProblem, readJson } from '../http/problem.js';

/** `POST /v1/lookups`: find a bill and open a session scoped to its account. */
export function mountLookups(app: Hono<AppEnv>, deps: ApiDeps): void {
  app.post('/v1/lookups', async (c) => {
    const input = await readJson(c, LookupRequestSchema);
    const practice = requirePractice(deps.practices, input.practice);
    if (!originAllowed(c, practice)) {
      throw new ApiProblem(403, 'origin_not_allowed', 'This website is not allowed to use this practice’s billing.');
    }

    let criteria: LookupCriteria;
    if ('billId' in input) {
      const normalized = normalizeBillId(input.billId, practice.billIdCheckDigit);
      if (!normalized.ok) {
        throw new ApiProblem(400, 'invalid_request', 'Check the Bill ID.', [
          { path: ['billId'], code: normalized.issue, message: `The Bill ID's ${BILL_ID_LENGTH} digits do not check out; look for a typo.` },
        ]);
      }
      criteria = { kind: 'bill_id', billId: normalized.billId, dateOfBirth: input.dateOfBirth, amountDueCents: input.amountDueCents };
    } else {
      // What folds to nothing (only spaces, only accents) can match no one: a 400, not a failure.
      const issues = [
        ...(accountNumberKey(input.accountNumber) === '' ? [{ path: ['accountNumber'], code: 'too_small', message: 'Enter the account number.' }] : []),
        ...(lastNameKey(input.lastName) === '' ? [{ path: ['lastName'], code: 'too_small', message: 'Enter the last name.' }] : []),
      ];
      if (issues.length) throw new ApiProblem(400, 'invalid_request', 'Some fields are missing or invalid.', issues);
      criteria = { kind: 'account_number', accountNumber: input.accountNumber, lastName: input.lastName, amountDueCents: input.amountDueCents };
    }

    const now = deps.now();
    const outcome = await attemptLookup(
      {
        db: deps.database.db,
        secret: deps.secret,
        practiceId: practice.id,
        clientAddress: clientAddress(c, deps.trustProxy),
        requestId: c.get('requestId'),
        now,
      },
      criteria,
    );
    if (outcome.kind === 'locked') {
      const seconds = Math.max(1, Math.ceil((outcome.retryAt.getTime() - now.getTime()) / 1000));
      throw new ApiProblem(
        429,
        'locked_out',
        outcome.stepUp
          ? 'Too many attempts. For your security, wait before trying again, add the amount due printed on your statement, or call the billing office.'
          : 'Too many attempts. For your security, wait before trying again or call the billing office.',
        [],
        { 'Retry-After': String(seconds) },
        { retryAt: outcome.retryAt.toISOString(), ...(outcome.stepUp ? { stepUp: 'amount_due' as const } : {}) },
      );
    }
    if (outcome.kind === 'failed') {
      // One answer for every way a lookup can miss, so it tells an attacker nothing.
      throw new ApiProblem(401, 'lookup_failed', 'We could not find a bill with those details. Check them and try again.');
    }
    const account = await accountView(deps.database.db, outcome.accountId, practice, now);
    if (!account) throw new Error('The account of a new session is gone.');
    const body: LookupResponse = { token: outcome.token, idleTimeoutSeconds: SESSION_IDLE_MS / 1000, account };
    return c.json(body, 201);
  });
}
