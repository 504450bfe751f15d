import {
  AccountSchema,
  ApiErrorBodySchema,
  EstimateLookupRequestSchema,
  EstimateRequestSchema,
  EstimateSchema,
  HealthSchema,
  LookupRequestSchema,
  LookupResponseSchema,
  PaymentRequestSchema,
  PaymentSchema,
  PlanOptionsSchema,
  PlanPayoffRequestSchema,
  PlanPayoffSchema,
  PlanRequestSchema,
  PlanSchema,
  PracticeSchema,
  PriceListSchema,
  StatementSchema,
} from '@billpay/sdk';
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
  [PlanOptionsSchema, 'PlanOptions'],
  [PlanRequestSchema, 'PlanRequest'],
  [PlanSchema, 'Plan'],
  [PlanPayoffRequestSchema, 'PlanPayoffRequest'],
  [PlanPayoffSchema, 'PlanPayoff'],
  [ApiErrorBodySchema, 'ApiError'],
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

const options: Partial<GenerateSpecOptions> = {
  documentation: {
    info: {
      title: 'billpay practice API',
      version: '1',
      description:
        'The billing API that @billpay/sdk talks to. Amounts are integer cents. Every error is a JSON body `{ error: { code, message, issues? } }`.',
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'The token `POST /v1/lookups` returned' },
      },
    },
  },
  // The document itself is listed, though its path ends like a file's.
  excludeStaticFile: false,
  // The patient API only: the practice API (`/admin/v1`, server to server) is described in the
  // README, and the console's own API (`/console/api`, same origin only) in staff/routes.ts.
  exclude: /^\/(?:admin|console)\//,
  // A route with a query validator refuses with the app's problem body (the route may say more).
  defaultValidationErrorResponse: {
    description: '`invalid_request`: `issues` name each parameter that is missing or invalid',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
  },
};

/** The document of `app`'s routes. */
export async function openApiDocument<E extends Env, S extends Schema, P extends string>(app: Hono<E, S, P>): Promise<Record<string, unknown>> {
  return generateSpecs(app, options);
}

/** The handler that serves the document of `app` (built on the first request, then kept). */
export function serveOpenApi<E extends Env, S extends Schema, P extends string>(app: Hono<E, S, P>): MiddlewareHandler<E, P> {
  return openAPIRouteHandler(app, options);
}
