import {
  EstimateIdSchema,
  EstimateLookupRequestSchema,
  EstimateRequestSchema,
  EstimateSchema,
  MAX_AGE_YEARS,
  PracticeIdSchema,
  PriceListSchema,
  type ApiIssue,
  type EstimateIssueCode,
} from '@billpay/sdk';
import type { Context, Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { sql, type Kysely } from 'kysely';
import * as z from 'zod/mini';
import { isoDate } from '../dates.js';
import type { Database } from '../db/schema.js';
import type { PracticeConfig } from '../practices/practices.js';
import { recordAudit } from '../security/audit.js';
import { estimateForPatient, estimateOfAccount } from './access.js';
import { issueEstimate, priceListOf } from './estimates.js';
import { addressKey } from '../security/secret.js';
import { clientAddress, originAllowed, requirePractice, type ApiDeps, type AppEnv } from '../http/context.js';
import { json, problem } from '../http/openapi.js';
import { ApiProblem } from '../http/problem.js';
import { jsonBody, queryOf } from '../http/request.js';
import { requireSession } from '../http/session.js';

const ISSUE_MESSAGES: Readonly<Record<EstimateIssueCode, string>> = {
  'estimate.service_unknown': 'There is no such service on the price list.',
  'estimate.service_bundled_only': 'This item comes only with another service; choose that service instead.',
  'estimate.service_repeated': 'This service is chosen twice; give a quantity instead.',
  'estimate.primary_not_chosen': 'The primary service must be one of the chosen services.',
  'estimate.declined_not_optional': 'Only optional items can be left out of a service.',
  'estimate.provider_unknown': 'A service names a provider the practice does not list.',
  'estimate.scheduled_in_past': 'The scheduled date is in the past.',
  'estimate.scheduled_too_far': 'An estimate looks at most 12 months ahead.',
};

/**
 * How many estimates one address may have issued in an hour. Asking needs no session, and each
 * estimate is kept for good, so this bounds what a script can write; a front desk behind one
 * address that prepares estimates for patients all day stays well under it.
 */
export const ESTIMATES_PER_ADDRESS_PER_HOUR = 30;
/**
 * How many copies of estimates one email address may be sent in an hour: a copy goes wherever the
 * person asking says, so this keeps the form from flooding someone else's inbox.
 */
export const ESTIMATE_COPIES_PER_RECIPIENT_PER_HOUR = 5;
/** How many times one address may read estimates in an hour (each read is audited, so written). */
export const ESTIMATE_READS_PER_ADDRESS_PER_HOUR = 300;
const HOUR_MS = 3_600_000;

/**
 * Refuses with 429 when the address already has `limit` audit events of `action` in the last
 * hour; `Retry-After` says when the oldest of them leaves the hour.
 */
async function holdBackBusyAddress(db: Kysely<Database>, clientHash: string, action: 'estimate_issued' | 'estimate_viewed', limit: number, now: Date, problem: { code: string; message: string }): Promise<void> {
  const recent = await db
    .selectFrom('audit_events')
    .select('at')
    .where('client_hash', '=', clientHash)
    .where('action', '=', action)
    .where('at', '>', new Date(now.getTime() - HOUR_MS))
    .orderBy('at', 'desc')
    .limit(limit)
    .execute();
  if (recent.length < limit) return;
  const oldest = new Date(recent[recent.length - 1]!.at);
  const seconds = Math.max(1, Math.ceil((oldest.getTime() + HOUR_MS - now.getTime()) / 1000));
  throw new ApiProblem(429, problem.code, problem.message, [], { 'Retry-After': String(seconds) });
}

/** The rest of the transaction holds `name`'s lock: those taking the same one take turns (PostgreSQL's advisory lock; PGlite runs one transaction at a time anyway). */
async function takeTurn(trx: Kysely<Database>, name: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${name}, 0))`.execute(trx);
}

/** Refuses with 429 (`too_many_copies`, naming `copy.email`) when the address was sent its share of copies in the last hour. */
async function holdBackBusyRecipient(db: Kysely<Database>, practiceId: string, email: string, now: Date): Promise<void> {
  const recent = await db
    .selectFrom('messages')
    .select('created_at')
    .where('practice_id', '=', practiceId)
    .where('kind', '=', 'estimate_copy')
    .where(sql<string>`lower(recipient)`, '=', email.toLowerCase())
    .where('created_at', '>', new Date(now.getTime() - HOUR_MS))
    .orderBy('created_at', 'desc')
    .limit(ESTIMATE_COPIES_PER_RECIPIENT_PER_HOUR)
    .execute();
  if (recent.length < ESTIMATE_COPIES_PER_RECIPIENT_PER_HOUR) return;
  const oldest = new Date(recent[recent.length - 1]!.created_at);
  const seconds = Math.max(1, Math.ceil((oldest.getTime() + HOUR_MS - now.getTime()) / 1000));
  throw new ApiProblem(429, 'too_many_copies', 'Too many copies of estimates were sent to this email address in the last hour.', [
    { path: ['copy', 'email'], code: 'copy.too_many', message: 'Too many copies were sent to this address in the last hour. Leave it empty, or try again later.' },
  ], { 'Retry-After': String(seconds) });
}

const unavailable = () => new ApiProblem(404, 'estimates_unavailable', 'This practice does not publish prices for estimates.');

/** The practice a request names, if there is one and it allows the request's origin. */
function practiceAllowing(c: Context<AppEnv>, deps: ApiDeps, id: string): PracticeConfig {
  const practice = requirePractice(deps.practices, id);
  if (!originAllowed(c, practice)) {
    throw new ApiProblem(403, 'origin_not_allowed', 'This website is not allowed to use this practice’s billing.');
  }
  return practice;
}

/**
 * `GET /v1/price-list`, `POST /v1/estimates`, `POST /v1/estimate-lookups` and
 * `GET /v1/estimates/:estimateId`: good-faith estimates for uninsured and self-pay patients. Asking needs
 * no session (anyone may ask what care would cost); reading one again is the patient's alone.
 */
export function mountEstimates(app: Hono<AppEnv>, deps: ApiDeps): void {
  const { db } = deps.database;

  app.get('/v1/price-list', queryOf(z.object({ practice: PracticeIdSchema }), 'Name the practice, as ?practice=its-id.'), describeRoute({
    operationId: 'getPriceList',
    summary: 'Self-pay cash prices (discount applied), providers and facilities, and what each service brings with it',
    responses: {
      '200': { description: 'The price list', content: json(PriceListSchema) },
      '400': problem('`invalid_request`: no or malformed `practice`'),
      '403': problem('`origin_not_allowed`'),
      '404': problem('`practice_not_found`, or `estimates_unavailable` when the practice publishes no prices'),
    },
  }), (c) => {
    const priceList = priceListOf(practiceAllowing(c, deps, c.req.valid('query').practice));
    if (!priceList) throw unavailable();
    return c.json(priceList);
  });

  app.post('/v1/estimates', jsonBody(EstimateRequestSchema), describeRoute({
    operationId: 'requestEstimate',
    summary: 'Issue a good-faith estimate for an uninsured or self-pay patient (45 CFR 149.610)',
    description:
      'Builds the estimate from the price list: every chosen service with the items it brings (co-providers included), grouped by provider with NPI, TIN and location, totals, and the required disclaimers. It is kept, never deleted, linked to the patient\'s account when one matches the name and date of birth, with whether its deadline was met, and audited (a keyed hash of the address, never the patient). With `copy`, a copy of the estimate is emailed to that address in that language, queued with it (it cannot be declined: it is the estimate asked for); the limit on estimates bounds the copies too. Not idempotent: each request issues an estimate (and at most one copy of it).',
    responses: {
      '201': { description: 'The estimate as issued', content: json(EstimateSchema) },
      '400': problem('`invalid_request`: issues name each field (unknown or bundled-only service, primary not chosen, date in the past, no contact, a malformed `copy.email`...)'),
      '403': problem('`origin_not_allowed`'),
      '404': problem('`practice_not_found` or `estimates_unavailable`'),
      '429': problem('`too_many_estimates`: 30 an hour from one address; `too_many_copies`: 5 copies an hour to one email address (the issue names `copy.email`); `Retry-After` says when one may be asked again'),
    },
  }), async (c) => {
    const input = c.req.valid('json');
    const practice = practiceAllowing(c, deps, input.practice);
    const now = deps.now();
    const today = isoDate(now);
    const dateOfBirth = input.patient.dateOfBirth;
    const oldest = `${String(Number(today.slice(0, 4)) - MAX_AGE_YEARS).padStart(4, '0')}${today.slice(4)}`;
    if (dateOfBirth > today || dateOfBirth < oldest) {
      throw new ApiProblem(400, 'invalid_request', 'Some fields are missing or invalid.', [
        {
          path: ['patient', 'dateOfBirth'],
          code: dateOfBirth > today ? 'dob.future' : 'dob.too_old',
          message: dateOfBirth > today ? 'The date of birth is in the future.' : `The date of birth is more than ${MAX_AGE_YEARS} years ago.`,
        },
      ]);
    }
    // The same keyed hash of the address as the lookup's guard: the audit trail never holds the address.
    const clientHash = addressKey(deps.secret, clientAddress(c, deps.trustProxy));
    // Counted in the estimate's transaction, one address's requests (and one recipient's copies)
    // taking turns on any instance: a burst sent at once gets no more than the limit.
    const admit = async (trx: Kysely<Database>) => {
      await takeTurn(trx, `estimates:${clientHash}`);
      await holdBackBusyAddress(trx, clientHash, 'estimate_issued', ESTIMATES_PER_ADDRESS_PER_HOUR, now, {
        code: 'too_many_estimates',
        message: 'Too many estimates were requested from this connection in the last hour. Wait a while and try again, or call the billing office.',
      });
      if (!input.copy) return;
      await takeTurn(trx, `estimate_copies:${practice.id}:${input.copy.email.toLowerCase()}`);
      await holdBackBusyRecipient(trx, practice.id, input.copy.email, now);
    };
    const outcome = await issueEstimate(db, practice, input, { now, audit: { clientHash, requestId: c.get('requestId') }, admit });
    if (outcome.kind === 'unavailable') throw unavailable();
    if (outcome.kind === 'invalid') {
      const issues: ApiIssue[] = outcome.issues.map((issue) => ({ path: [...issue.path], code: issue.code, message: ISSUE_MESSAGES[issue.code] }));
      throw new ApiProblem(400, 'invalid_request', 'Some services or dates cannot be estimated.', issues);
    }
    return c.json(outcome.estimate, 201);
  });

  // Who asked for it: the estimate's number and the patient's date of birth (limited like lookups).
  app.post('/v1/estimate-lookups', jsonBody(EstimateLookupRequestSchema), describeRoute({
    operationId: 'findEstimate',
    summary: "An estimate as it was issued, to whoever gives its number and the patient's date of birth",
    description:
      "The estimate is the patient's: its number alone shows nothing. An unknown number and a wrong date of birth get the same 401; failures are limited like bill lookups (5 per estimate and 20 per address in 15 minutes lock for 15 minutes), and every read is audited.",
    responses: {
      '200': { description: 'The estimate', content: json(EstimateSchema) },
      '400': problem('`invalid_request`'),
      '401': problem('`estimate_lookup_failed`: no such estimate, or another date of birth'),
      '403': problem('`origin_not_allowed`'),
      '404': problem('`practice_not_found`'),
      '429': problem('`locked_out` (with `retryAt`), or `too_many_requests`: 300 reads an hour from one address; `Retry-After` says when'),
    },
  }), async (c) => {
    const input = c.req.valid('json');
    const practice = practiceAllowing(c, deps, input.practice);
    const now = deps.now();
    const address = clientAddress(c, deps.trustProxy);
    // Each read is audited, so reads are bounded too.
    await holdBackBusyAddress(db, addressKey(deps.secret, address), 'estimate_viewed', ESTIMATE_READS_PER_ADDRESS_PER_HOUR, now, {
      code: 'too_many_requests',
      message: 'Too many estimates were read from this connection in the last hour. Wait a while and try again.',
    });
    const access = await estimateForPatient(
      { db, secret: deps.secret, practiceId: practice.id, clientAddress: address, requestId: c.get('requestId'), now },
      input.estimateId,
      input.dateOfBirth,
    );
    if (access.kind === 'locked') {
      const seconds = Math.max(1, Math.ceil((access.retryAt.getTime() - now.getTime()) / 1000));
      throw new ApiProblem(429, 'locked_out', 'Too many attempts. For your security, wait before trying again or call the billing office.', [], { 'Retry-After': String(seconds) }, {
        retryAt: access.retryAt.toISOString(),
      });
    }
    if (access.kind === 'failed') {
      // One answer for a number that does not exist and a date of birth that is not the patient's.
      throw new ApiProblem(401, 'estimate_lookup_failed', 'We could not find an estimate with that number and date of birth. Check both and try again.');
    }
    return c.json(access.estimate);
  });

  // The patient's own, in a session of the account the estimate is linked to.
  app.get('/v1/estimates/:estimateId', requireSession(deps), describeRoute({
    operationId: 'getEstimate',
    summary: "An estimate linked to the session's account (e.g. named by a dispute notice)",
    responses: {
      '200': { description: 'The estimate', content: json(EstimateSchema) },
      '404': problem('`estimate_not_found`: no such estimate on this account'),
    },
  }), async (c) => {
    const { session, now } = c.var;
    const id = c.req.param('estimateId');
    const estimate = EstimateIdSchema.safeParse(id).success ? await estimateOfAccount(db, session.practiceId, session.accountId, id) : undefined;
    if (!estimate) throw new ApiProblem(404, 'estimate_not_found', 'There is no such estimate on this account.');
    await recordAudit(db, { at: now, practiceId: session.practiceId, accountId: session.accountId, action: 'estimate_viewed', requestId: c.get('requestId') });
    return c.json(estimate);
  });
}
