import {
  AccountSchema,
  ApiErrorBodySchema,
  HealthSchema,
  LookupRequestSchema,
  LookupResponseSchema,
  PaymentRequestSchema,
  PaymentSchema,
  PracticeSchema,
  StatementSchema,
} from '@billpay/sdk';
import { EstimateLookupRequestSchema, EstimateRequestSchema, EstimateSchema, PriceListSchema } from '@billpay/sdk';
import { PlanOptionsSchema, PlanPayoffRequestSchema, PlanPayoffSchema, PlanRequestSchema, PlanSchema } from '@billpay/sdk';
import * as z from 'zod/mini';

/** The OpenAPI 3.1 document, generated from the same zod schemas the SDK and server use. */
export function buildOpenApiDocument(): Record<string, unknown> {
  const schema = (s: z.ZodMiniType) => {
    const { $schema: _ignored, ...rest } = z.toJSONSchema(s, { target: 'draft-2020-12', io: 'output' }) as Record<string, unknown>;
    return rest;
  };
  const json = (name: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } });
  const errorResponse = (description: string, headers?: Record<string, unknown>) => ({
    description,
    ...(headers ? { headers } : {}),
    content: json('ApiError'),
  });
  const bearer = [{ bearer: [] }];
  const sessionErrors = {
    '401': errorResponse('`session_expired`: no session, or it was revoked or idle for 15 minutes'),
    '403': errorResponse("`origin_not_allowed`: the page's origin is not allowed by the session's practice"),
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'billpay practice API',
      version: '1',
      description:
        'The billing API that @billpay/sdk talks to. Amounts are integer cents. Every error is a JSON body `{ error: { code, message, issues? } }`.',
    },
    paths: {
      '/v1/health': {
        get: {
          operationId: 'health',
          summary: 'Readiness: the database and the payment processor answer; which database is in use',
          responses: {
            '200': { description: 'Ready', content: json('Health') },
            '503': errorResponse('`not_ready`: each of `issues` names what does not answer (`database`, `processor`)'),
          },
        },
      },
      '/v1/health/live': {
        get: {
          operationId: 'liveness',
          summary: 'Liveness: the process answers (checks nothing else)',
          responses: { '200': { description: 'Alive', content: { 'application/json': { schema: { type: 'object', properties: { status: { const: 'ok' } }, required: ['status'] } } } } },
        },
      },
      '/v1/practices/{practiceId}': {
        get: {
          operationId: 'getPractice',
          summary: 'What the widget may show about a practice',
          parameters: [{ name: 'practiceId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': { description: 'The practice', content: json('Practice') },
            '404': errorResponse('No such practice'),
          },
        },
      },
      '/v1/lookups': {
        post: {
          operationId: 'lookup',
          summary: 'Find a bill (Bill ID and date of birth, or account number and last name) and open a session',
          description:
            'Five failed lookups for one Bill ID or account number within 15 minutes lock it for 15 minutes; twenty from one client address lock the address. The token is returned once and goes in `Authorization: Bearer`.',
          requestBody: { required: true, content: json('LookupRequest') },
          responses: {
            '201': { description: 'Found; a session is open', content: json('LookupResponse') },
            '400': errorResponse('`invalid_request`: malformed JSON, a missing or invalid field, a Bill ID whose check digit is wrong'),
            '401': errorResponse('`lookup_failed`: nothing matches (the same answer whichever detail was wrong)'),
            '403': errorResponse('`origin_not_allowed`: the page\'s origin is not allowed by the practice'),
            '404': errorResponse('`practice_not_found`'),
            '413': errorResponse('`payload_too_large`'),
            '415': errorResponse('`unsupported_media_type`: the body is not application/json'),
            '429': errorResponse('`locked_out`: too many failed attempts; `retryAt` says when to try again', {
              'Retry-After': { description: 'Seconds until the lock ends', schema: { type: 'integer' } },
            }),
          },
        },
      },
      '/v1/account': {
        get: {
          operationId: 'getAccount',
          summary: 'The account the session is scoped to: balance, aging, next step, statements, fees, payments',
          security: bearer,
          responses: { '200': { description: 'The account', content: json('Account') }, ...sessionErrors },
        },
      },
      '/v1/statements/{statementId}': {
        get: {
          operationId: 'getStatement',
          summary: "One statement of the session's account, itemized",
          security: bearer,
          parameters: [{ name: 'statementId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': { description: 'The statement', content: json('Statement') },
            ...sessionErrors,
            '404': errorResponse("`statement_not_found`: no such statement on the session's account"),
          },
        },
      },
      '/v1/payments': {
        post: {
          operationId: 'pay',
          summary: 'Pay all or part of the balance with a processor token, exactly once per Idempotency-Key',
          description:
            'Card and bank details never come here: only the token the processor gave the browser. Repeating a key with the same body returns the first answer; with another body, 409.',
          security: bearer,
          parameters: [
            { name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string', minLength: 16, maxLength: 128 } },
          ],
          requestBody: { required: true, content: json('PaymentRequest') },
          responses: {
            '201': { description: 'Paid (card, wallet) or processing (bank); the receipt', content: json('Payment') },
            '400': errorResponse('`invalid_request`, `idempotency_key_required`, or `idempotency_key_reserved` (keys starting `plan:` or `plan-installment:` are the server’s own)'),
            ...sessionErrors,
            '402': errorResponse('`payment_declined`: `declineCode` says why; nothing was charged'),
            '409': errorResponse('`idempotency_conflict`: the key was used for a different payment'),
            '422': errorResponse(
              '`amount_not_allowed`: below $1.00 or above what is owed; `minimumCents`/`maximumCents` give the range. `authorization_required`: a bank account needs `authorization` (the Nacha text shown and `acceptedAt`); `authorization_invalid`: its text is blank or `acceptedAt` is not an ISO 8601 date-time within the last day (5 minutes ahead allowed); `param` names the field. `invalid_token`: the processor does not know the token',
            ),
            '503': errorResponse('`processor_unavailable`: retry with the same key'),
          },
        },
      },
      '/v1/payments/{paymentId}': {
        get: {
          operationId: 'getPayment',
          summary: "A payment's receipt",
          security: bearer,
          parameters: [{ name: 'paymentId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'The receipt', content: json('Payment') }, ...sessionErrors, '404': errorResponse('`payment_not_found`') },
        },
      },
      '/v1/price-list': {
        get: {
          operationId: 'getPriceList',
          summary: 'Self-pay cash prices (discount applied), providers and facilities, and what each service brings with it',
          parameters: [{ name: 'practice', in: 'query', required: true, schema: { type: 'string' } }],
          responses: {
            '200': { description: 'The price list', content: json('PriceList') },
            '400': errorResponse('`invalid_request`: no or malformed `practice`'),
            '403': errorResponse('`origin_not_allowed`'),
            '404': errorResponse('`practice_not_found`, or `estimates_unavailable` when the practice publishes no prices'),
          },
        },
      },
      '/v1/estimates': {
        post: {
          operationId: 'requestEstimate',
          summary: 'Issue a good-faith estimate for an uninsured or self-pay patient (45 CFR 149.610)',
          description:
            'Builds the estimate from the price list: every chosen service with the items it brings (co-providers included), grouped by provider with NPI, TIN and location, totals, and the required disclaimers. It is kept, never deleted, linked to the patient\'s account when one matches the name and date of birth, with whether its deadline was met, and audited (a keyed hash of the address, never the patient). Not idempotent: each request issues an estimate.',
          requestBody: { required: true, content: json('EstimateRequest') },
          responses: {
            '201': { description: 'The estimate as issued', content: json('Estimate') },
            '400': errorResponse('`invalid_request`: issues name each field (unknown or bundled-only service, primary not chosen, date in the past, no contact...)'),
            '403': errorResponse('`origin_not_allowed`'),
            '404': errorResponse('`practice_not_found` or `estimates_unavailable`'),
            '413': errorResponse('`payload_too_large`'),
            '415': errorResponse('`unsupported_media_type`'),
            '429': errorResponse('`too_many_estimates`: 30 an hour from one address; `Retry-After` says when one may be asked again'),
          },
        },
      },
      '/v1/estimate-lookups': {
        post: {
          operationId: 'findEstimate',
          summary: 'An estimate as it was issued, to whoever gives its number and the patient\'s date of birth',
          description:
            'The estimate is the patient\'s: its number alone shows nothing. An unknown number and a wrong date of birth get the same 401; failures are limited like bill lookups (5 per estimate and 20 per address in 15 minutes lock for 15 minutes), and every read is audited.',
          requestBody: { required: true, content: json('EstimateLookupRequest') },
          responses: {
            '200': { description: 'The estimate', content: json('Estimate') },
            '400': errorResponse('`invalid_request`'),
            '401': errorResponse('`estimate_lookup_failed`: no such estimate, or another date of birth'),
            '403': errorResponse('`origin_not_allowed`'),
            '404': errorResponse('`practice_not_found`'),
            '429': errorResponse('`locked_out` (with `retryAt`), or `too_many_requests`: 300 reads an hour from one address; `Retry-After` says when'),
          },
        },
      },
      '/v1/estimates/{estimateId}': {
        get: {
          operationId: 'getEstimate',
          summary: 'An estimate linked to the session\'s account (e.g. named by a dispute notice)',
          security: bearer,
          parameters: [{ name: 'estimateId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': { description: 'The estimate', content: json('Estimate') },
            ...sessionErrors,
            '404': errorResponse('`estimate_not_found`: no such estimate on this account'),
          },
        },
      },
      '/v1/plans/options': {
        get: {
          operationId: 'getPlanOptions',
          summary: "What the plan builder needs for the session's account: the practice's plan policy, the balance a plan covers, today and the first-payment window, eligibility",
          security: bearer,
          responses: { '200': { description: 'The options', content: json('PlanOptions') }, ...sessionErrors, '404': errorResponse('`plans_not_offered`') },
        },
      },
      '/v1/plans': {
        post: {
          operationId: 'createPlan',
          summary: "Set up a payment plan for the account's balance, exactly once per Idempotency-Key",
          description:
            'The server computes the schedule with the SDK\'s `planSchedule` and the practice\'s policy. Either `payments` or `amountCents`. Automatic payment needs a bank-account token and the recurring-debit authorization the patient accepted (kept with who, when, address and browser). Repeating a key with the same body returns the first plan; with another body, 409. A choice that breaks the policy is a 422 whose `code` names the rule and whose `planRules` give every rule broken with the nearest choices that work.',
          security: bearer,
          parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string', minLength: 16, maxLength: 128 } }],
          requestBody: { required: true, content: json('PlanRequest') },
          responses: {
            '201': { description: 'The plan and its full schedule', content: json('Plan') },
            '400': errorResponse('`invalid_request` or `idempotency_key_required`'),
            ...sessionErrors,
            '404': errorResponse('`plans_not_offered`'),
            '409': errorResponse('`idempotency_conflict`, or `plan_exists` (the account already has a running plan)'),
            '422': errorResponse(
              'A plan rule (`balance_too_small`, `frequency_not_offered`, `first_date_out_of_window`, `installment_too_small`, `amount_too_large`, `plan_too_long`, `down_payment_too_small`, `down_payment_too_large`, `autopay_not_offered`, `autopay_required`) with `planRules`; or `autopay_method_unavailable` (automatic payment by card), `invalid_token`, `authorization_invalid`',
            ),
            '503': errorResponse('`processor_unavailable` or `payments_unavailable`: retry with the same key'),
          },
        },
      },
      '/v1/plans/{planId}': {
        get: {
          operationId: 'getPlan',
          summary: 'A plan of the account, with every installment and what became of it',
          security: bearer,
          parameters: [{ name: 'planId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'The plan', content: json('Plan') }, ...sessionErrors, '404': errorResponse('`plan_not_found`') },
        },
      },
      '/v1/plans/{planId}/cancel': {
        post: {
          operationId: 'cancelPlan',
          summary: 'Cancel a plan: nothing more is due or charged (a charge under way completes). Repeating is harmless.',
          security: bearer,
          parameters: [{ name: 'planId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': { description: 'The canceled plan', content: json('Plan') },
            ...sessionErrors,
            '404': errorResponse('`plan_not_found`'),
            '409': errorResponse('`plan_not_active` (completed or paid off), or `plan_busy` (being paid off)'),
          },
        },
      },
      '/v1/plans/{planId}/payoff': {
        post: {
          operationId: 'payOffPlan',
          summary: 'Pay what a plan has left in one payment, exactly once per Idempotency-Key; the plan is then paid off',
          security: bearer,
          parameters: [
            { name: 'planId', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string', minLength: 16, maxLength: 128 } },
          ],
          requestBody: { required: true, content: json('PlanPayoffRequest') },
          responses: {
            '200': { description: 'The paid-off plan and the receipt', content: json('PlanPayoff') },
            '400': errorResponse('`invalid_request` or `idempotency_key_required`'),
            ...sessionErrors,
            '402': errorResponse('`payment_declined`: nothing was charged; the plan goes on'),
            '404': errorResponse('`plan_not_found`'),
            '409': errorResponse('`plan_not_active`, `plan_busy` (an installment is being charged), or `idempotency_conflict`'),
            '422': errorResponse('`amount_not_allowed`, `invalid_token`, `authorization_required` / `authorization_invalid` (bank account)'),
            '503': errorResponse('`processor_unavailable`: retry with the same key'),
          },
        },
      },
      '/v1/session': {
        delete: {
          operationId: 'signOut',
          summary: 'End the session',
          security: bearer,
          responses: { '204': { description: 'The session is revoked' }, ...sessionErrors },
        },
      },
    },
    components: {
      schemas: {
        Health: schema(HealthSchema),
        Practice: schema(PracticeSchema),
        LookupRequest: schema(LookupRequestSchema),
        LookupResponse: schema(LookupResponseSchema),
        Account: schema(AccountSchema),
        Statement: schema(StatementSchema),
        PaymentRequest: schema(PaymentRequestSchema),
        Payment: schema(PaymentSchema),
        PriceList: schema(PriceListSchema),
        EstimateRequest: schema(EstimateRequestSchema),
        EstimateLookupRequest: schema(EstimateLookupRequestSchema),
        Estimate: schema(EstimateSchema),
        PlanOptions: schema(PlanOptionsSchema),
        PlanRequest: schema(PlanRequestSchema),
        Plan: schema(PlanSchema),
        PlanPayoffRequest: schema(PlanPayoffRequestSchema),
        PlanPayoff: schema(PlanPayoffSchema),
        ApiError: schema(ApiErrorBodySchema),
      },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'The token `POST /v1/lookups` returned' },
      },
    },
  };
}
