import { BILL_ID_LENGTH, LookupRequestSchema, LookupResponseSchema, normalizeBillId, type LookupResponse } from '@billpay/sdk';
import type { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { accountView } from '../accounts/accounts.js';
import { accountNumberKey, attemptLookup, lastNameKey, type LookupCriteria } from './lookup.js';
import { SESSION_IDLE_MS } from '../accounts/sessions.js';
import { clientAddress, originAllowed, requirePractice, type ApiDeps, type AppEnv } from '../http/context.js';
import { json, problem } from '../http/openapi.js';
import { ApiProblem } from '../http/problem.js';
import { jsonBody } from '../http/request.js';

/** `POST /v1/lookups`: find a bill and open a session scoped to its account. */
export function mountLookups(app: Hono<AppEnv>, deps: ApiDeps): void {
  app.post('/v1/lookups', jsonBody(LookupRequestSchema), describeRoute({
    operationId: 'lookup',
    summary: 'Find a bill (Bill ID and date of birth, a text-to-pay link\'s token and date of birth, or account number and last name) and open a session',
    description:
      'Five failed lookups for one Bill ID, link or account number within 15 minutes lock it for 15 minutes; twenty from one client address lock the address. The token is returned once and goes in `Authorization: Bearer`.',
    responses: {
      '201': { description: 'Found; a session is open', content: json(LookupResponseSchema) },
      '400': problem('`invalid_request`: malformed JSON, a missing or invalid field, a Bill ID whose check digit is wrong'),
      '401': problem('`lookup_failed`: nothing matches (the same answer whichever detail was wrong)'),
      '403': problem("`origin_not_allowed`: the page's origin is not allowed by the practice"),
      '404': problem('`practice_not_found`'),
      '429': problem('`locked_out`: too many failed attempts; `retryAt` says when to try again', {
        'Retry-After': { description: 'Seconds until the lock ends', schema: { type: 'integer' } },
      }),
    },
  }), async (c) => {
    const input = c.req.valid('json');
    const practice = requirePractice(deps.practices, input.practice);
    if (!originAllowed(c, practice)) {
      throw new ApiProblem(403, 'origin_not_allowed', 'This website is not allowed to use this practice’s billing.');
    }

    let criteria: LookupCriteria;
    if ('payLink' in input) {
      criteria = { kind: 'pay_link', payLink: input.payLink, dateOfBirth: input.dateOfBirth, amountDueCents: input.amountDueCents };
    } else if ('billId' in input) {
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
    // A link sent to change a plan's payment method says so: the widget opens that change.
    const body: LookupResponse = { token: outcome.token, idleTimeoutSeconds: SESSION_IDLE_MS / 1000, account, ...(outcome.planId ? { intent: { kind: 'plan_method' as const, planId: outcome.planId } } : {}) };
    return c.json(body, 201);
  });
}
