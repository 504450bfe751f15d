import { ApiErrorBodySchema, HealthSchema, PracticeSchema } from '@billpay/sdk';
import * as z from 'zod/mini';

/** The OpenAPI 3.1 document, generated from the same zod schemas the SDK and server use. */
export function buildOpenApiDocument(): Record<string, unknown> {
  const schema = (s: z.ZodMiniType) => {
    const { $schema: _ignored, ...rest } = z.toJSONSchema(s, { target: 'draft-2020-12', io: 'output' }) as Record<string, unknown>;
    return rest;
  };
  const errorResponse = (description: string) => ({
    description,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
  });
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
          responses: { '200': { description: 'OK', content: { 'application/json': { schema: { $ref: '#/components/schemas/Health' } } } } },
        },
      },
      '/v1/practices/{practiceId}': {
        get: {
          operationId: 'getPractice',
          summary: 'What the widget may show about a practice',
          parameters: [{ name: 'practiceId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': { description: 'The practice', content: { 'application/json': { schema: { $ref: '#/components/schemas/Practice' } } } },
            '404': errorResponse('No such practice'),
          },
        },
      },
    },
    components: {
      schemas: {
        Health: schema(HealthSchema),
        Practice: schema(PracticeSchema),
        ApiError: schema(ApiErrorBodySchema),
      },
    },
  };
}
