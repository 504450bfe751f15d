import {
  AccountSchema,
  ApiErrorBodySchema,
  EstimateLookupRequestSchema,
  EstimateRequestSchema,
  EstimateSchema,
  HealthSchema,
  LookupRequestSchema,
  LookupResponseSchema,
  MessagePreferencesSchema,
  PaymentRequestSchema,
  PaymentSchema,
  PlanMethodRequestSchema,
  PlanOptionsSchema,
  PlanPayoffRequestSchema,
  PlanPayoffSchema,
  PlanRequestSchema,
  PlanSchema,
  PracticeSchema,
  PreferencesChangeSchema,
  PriceListSchema,
  StatementSchema,
  VerificationCodeRequestSchema,
  VerificationRequestSchema,
  VerificationSchema,
} from '@billpay/sdk';
import { AccountDetailSchema, AccountSearchSchema, AuditTrailSchema, FeeViewSchema, PracticePaymentSchema, RefundSchema } from '@billpay/sdk/admin';
import { AccountNoticeSchema, AccountNoticesSchema, AgingReportSchema, DepositDaySchema, MoneyDaySchema, PlanChangeResultSchema, PlanDeskSchema } from '@billpay/sdk/admin-desk';
import type { Env, Hono, MiddlewareHandler } from 'hono';
import type { Schema } from 'hono/types';
import {
  generateSpecs,
  openAPIRouteHandler,
  resolver,
  uniqueSymbol,
  type ContentWithResolver,
  type DescribeRouteOptions,
  type GenerateSpecOptions,
  type ResolverReturnType,
  type ResponsesWithResolver,
} from 'hono-openapi';
import * as z from 'zod/mini';

/**
 * The OpenAPI 3.1 document is generated from the app (hono-openapi): each route declares what
 * it takes and answers next to its handler (`describeRoute`, and the documented middleware below:
 * `requireSession`, `idempotencyKey`, `jsonBody`, `queryOf`), with the SDK's wire schemas. This
 * module keeps only what belongs to the document as a whole.
 */

/** The schemas that have a name in the document (`#/components/schemas/<name>`); any other is written inline. */
const NAMED = z.registry<{ id: string }>();
for (const [schema, id] of [
  [HealthSchema, 'Health'],
  [PracticeSchema, 'Practice'],
  [LookupRequestSchema, 'LookupRequest'],
  [LookupResponseSchema, 'LookupResponse'],
  [AccountSchema, 'Account'],
  [StatementSchema, 'Statement'],
  [PaymentRequestSchema, 'PaymentRequest'],
  [PaymentSchema, 'Payment'],
  [PriceListSchema, 'PriceList'],
  [EstimateRequestSchema, 'EstimateRequest'],
  [EstimateLookupRequestSchema, 'EstimateLookupRequest'],
  [EstimateSchema, 'Estimate'],
  [MessagePreferencesSchema, 'MessagePreferences'],
  [PreferencesChangeSchema, 'MessagePreferencesChange'],
  [VerificationRequestSchema, 'VerificationRequest'],
  [VerificationSchema, 'Verification'],
  [VerificationCodeRequestSchema, 'VerificationCodeRequest'],
  [PlanOptionsSchema, 'PlanOptions'],
  [PlanRequestSchema, 'PlanRequest'],
  [PlanSchema, 'Plan'],
  [PlanPayoffRequestSchema, 'PlanPayoffRequest'],
  [PlanMethodRequestSchema, 'PlanMethodRequest'],
  [PlanPayoffSchema, 'PlanPayoff'],
  [ApiErrorBodySchema, 'ApiError'],
  // The practice API's.
  [PracticePaymentSchema, 'PracticePayment'],
  [RefundSchema, 'Refund'],
  [AccountSearchSchema, 'AccountSearch'],
  [AccountDetailSchema, 'AccountDetail'],
  [AuditTrailSchema, 'AuditTrail'],
  [FeeViewSchema, 'Fee'],
  [AccountNoticesSchema, 'AccountNotices'],
  [AccountNoticeSchema, 'AccountNotice'],
  [MoneyDaySchema, 'MoneyDay'],
  [DepositDaySchema, 'DepositDay'],
  [AgingReportSchema, 'AgingReport'],
  [PlanDeskSchema, 'PlanDesk'],
  [PlanChangeResultSchema, 'PlanChangeResult'],
] as const) {
  NAMED.add(schema, { id });
}

/**
 * A wire schema as the document writes it: what a client sends (`input`: a field with a default
 * may be left out) or what the API answers (`output`).
 */
function schemaOf(schema: z.ZodMiniType, io: 'input' | 'output' = 'output'): ResolverReturnType {
  return resolver(schema, { options: { metadata: NAMED, io, target: 'draft-2020-12' } });
}

/** A JSON body of `schema`, for a response's or a request body's `content`. */
export function json(schema: z.ZodMiniType, io: 'input' | 'output' = 'output'): ContentWithResolver {
  return { 'application/json': { schema: schemaOf(schema, io) } };
}

/** A refusal: the app's structured error body, with what its codes mean. */
export function problem(description: string, headers?: Record<string, { description: string; schema: { type: 'integer' | 'string' } }>): ResponsesWithResolver[string] {
  return { description, ...(headers ? { headers } : {}), content: json(ApiErrorBodySchema) };
}

/**
 * Middleware that also describes, in the document, every route it is used on: the bearer
 * security a session needs, the Idempotency-Key header, a request body. The route's own
 * `describeRoute`, given after it, can say more about the same status.
 */
export function documented<M extends MiddlewareHandler>(middleware: M, spec: DescribeRouteOptions): M {
  return Object.assign(middleware, { [uniqueSymbol]: { spec } });
}

/** What the patient API's and the practice API's documents share. */
const common: Partial<GenerateSpecOptions> = {
  // The document itself is listed, though its path ends like a file's.
  excludeStaticFile: false,
  // A route with a query validator refuses with the app's problem body (the route may say more).
  defaultValidationErrorResponse: {
    description: '`invalid_request`: `issues` name each parameter that is missing or invalid',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
  },
};

const ERRORS = 'Every error is a JSON body `{ error: { code, message, issues?, requestId? } }`.';

/** The documents the server serves: the patient API (`/v1`) and the practice API (`/admin/v1`). */
export type ApiDocument = 'patient' | 'practice';

const documents: Record<ApiDocument, Partial<GenerateSpecOptions>> = {
  patient: {
    ...common,
    documentation: {
      info: {
        title: 'billpay patient API',
        version: '1',
        description: `The billing API that @billpay/sdk and billpay.js talk to from the patient's browser. Amounts are integer cents. ${ERRORS}`,
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'The token `POST /v1/lookups` returned' },
        },
      },
    },
    // The patient API only: the practice API has its own document (`/admin/v1/openapi.json`), and
    // the console's own API (`/console/api`, same origin only) is described in staff/routes.ts.
    exclude: /^\/(?:admin|console)\//,
  },
  practice: {
    ...common,
    documentation: {
      info: {
        title: 'billpay practice API',
        version: '1',
        description:
          `The practice's own servers calling with a secret key of the practice (\`billpay keys create\`), never a browser: no CORS, and a request with an \`Origin\` or \`Sec-Fetch-Site\` header is refused. Each operation's security names the scope its key needs (\`import\`, \`read\`, \`refunds\`, \`webhooks\`); an operation for the practice's staff in the console only (its API keys, its settings, payments by phone) has the staff session as its one security, with the roles that may call it. Amounts are integer cents. ${ERRORS}`,
      },
      components: {
        securitySchemes: {
          practiceKey: { type: 'http', scheme: 'bearer', description: 'A practice API key, `bp_live_<id>_<secret>`; the scopes listed are the ones the key needs' },
          staffSession: { type: 'apiKey', in: 'cookie', name: '__Host-billpay_staff', description: "The console's staff session (`billpay_staff` on plain http in development; same origin, CSRF token on changes); the scopes are those of the member of staff's role; an operation for staff only (no key may call it) names the roles that may" },
        },
      },
    },
    // Only the practice API's routes (the console's desk calls are the same routes).
    exclude: /^\/(?!admin\/v1\/)/,
  },
};

/** The document of `app`'s routes: the patient API's, or the practice API's. */
export async function openApiDocument<E extends Env, S extends Schema, P extends string>(app: Hono<E, S, P>, which: ApiDocument = 'patient'): Promise<Record<string, unknown>> {
  return generateSpecs(app, documents[which]);
}

/** The handler that serves a document of `app` (built on the first request, then kept). */
export function serveOpenApi<E extends Env, S extends Schema, P extends string>(app: Hono<E, S, P>, which: ApiDocument = 'patient'): MiddlewareHandler<E, P> {
  return openAPIRouteHandler(app, documents[which]);
}
