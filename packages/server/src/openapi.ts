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
          summary: 'Liveness and which database is in use',
          responses: { '200': { description: 'OK', content: json('Health') } },
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
            '400': errorResponse('`invalid_request` or `idempotency_key_required`'),
            ...sessionErrors,
            '402': errorResponse('`payment_declined`: `declineCode` says why; nothing was charged'),
            '409': errorResponse('`idempotency_conflict`: the key was used for a different payment'),
            '422': errorResponse('`amount_not_allowed`: below $1.00 or above what is owed; `minimumCents`/`maximumCents` give the range'),
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
        ApiError: schema(ApiErrorBodySchema),
      },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'The token `POST /v1/lookups` returned' },
      },
    },
  };
}
