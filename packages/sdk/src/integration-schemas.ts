/**
 * The wire contract of the billing office's integration desk (issue 14), under `/admin/v1`: the
 * imports of statement runs with each statement's outcome and issues, the practice's webhook
 * endpoints with their delivery log, and its API keys (admins only). Apart from the console's
 * first screen: only the integration page loads it.
 */
import * as z from 'zod/mini';

/** What an import did with a statement. */
export const ImportOutcomeSchema = z.enum(['created', 'corrected', 'unchanged', 'rejected']);

/** Why a statement was rejected: where in the file (line; CSV column or JSON path) and what is wrong, in the server's English. */
export const ImportIssueSchema = z.object({ line: z.int(), field: z.nullable(z.string()), message: z.string() });

const CountsSchema = z.object({ created: z.int(), corrected: z.int(), unchanged: z.int(), rejected: z.int() });

/** `POST /admin/v1/imports`: every statement's outcome (and Bill ID, in this answer only) and the import's id. */
export const ImportResultSchema = z.object({
  id: z.string(),
  dryRun: z.boolean(),
  statements: z.array(
    z.object({
      line: z.int(),
      statementId: z.nullable(z.string()),
      accountId: z.nullable(z.string()),
      outcome: ImportOutcomeSchema,
      billId: z.nullable(z.string()),
      issues: z.array(ImportIssueSchema),
    }),
  ),
  counts: CountsSchema,
  truncated: z.boolean(),
});

/** An import as it was kept. */
export const ImportRunSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  dryRun: z.boolean(),
  format: z.enum(['csv', 'jsonl']),
  /** `api` (a key, or the console), `command` (`billpay import`). */
  source: z.enum(['api', 'command']),
  requestedBy: z.object({ apiKeyId: z.nullable(z.string()), staffId: z.nullable(z.string()) }),
  counts: CountsSchema,
  truncated: z.boolean(),
});

/** `GET /admin/v1/imports`: newest first. */
export const ImportRunListSchema = z.object({ data: z.array(ImportRunSchema), hasMore: z.boolean() });

/** `GET /admin/v1/imports/{id}`: the import and a page of its statements in file order. */
export const ImportRunDetailSchema = z.object({
  ...ImportRunSchema.shape,
  statements: z.object({
    data: z.array(
      z.object({
        /** Its place in the file (1 for the first statement); the next page starts after the last one's. */
        position: z.int(),
        line: z.int(),
        statementId: z.nullable(z.string()),
        accountId: z.nullable(z.string()),
        outcome: ImportOutcomeSchema,
        issues: z.array(ImportIssueSchema),
      }),
    ),
    hasMore: z.boolean(),
  }),
});

/** The events a webhook endpoint may ask for (README "Events and webhooks"). */
export const WEBHOOK_EVENT_TYPES = [
  'payment.succeeded',
  'payment.processing',
  'payment.returned',
  'fee.added',
  'fee.waived',
  'refund.succeeded',
  'plan.created',
  'plan.installment_paid',
  'plan.installment_failed',
  'plan.delinquent',
  'plan.completed',
  'plan.paid_off',
  'plan.canceled',
  'plan.changed',
  'estimate.issued',
] as const;

export const WebhookEndpointSchema = z.object({
  id: z.string(),
  url: z.string(),
  description: z.nullable(z.string()),
  eventTypes: z.array(z.string()),
  status: z.enum(['enabled', 'disabled']),
  /** `failing_for_3_days`, `disabled_by_practice`. */
  disabledReason: z.nullable(z.string()),
  failingSince: z.nullable(z.string()),
  createdAt: z.string(),
});

/** A new endpoint, with its signing secret (`whsec_…`): in this answer only. */
export const NewWebhookEndpointSchema = z.object({ ...WebhookEndpointSchema.shape, secret: z.string() });
export const WebhookEndpointListSchema = z.object({ data: z.array(WebhookEndpointSchema) });

export const WebhookDeliverySchema = z.object({
  id: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.int(),
  nextAttemptAt: z.nullable(z.string()),
  lastAttemptAt: z.nullable(z.string()),
  responseStatus: z.nullable(z.int()),
  lastError: z.nullable(z.string()),
  /** The delivery this one sends again. */
  replayOf: z.nullable(z.string()),
  createdAt: z.string(),
  deliveredAt: z.nullable(z.string()),
});

/** `GET /admin/v1/webhook-endpoints/{id}/deliveries`: newest first. */
export const WebhookDeliveryListSchema = z.object({ data: z.array(WebhookDeliverySchema), hasMore: z.boolean() });

export const API_KEY_SCOPES = ['import', 'read', 'refunds', 'webhooks'] as const;

/** A practice API key as lists show it: never its secret. */
export const ApiKeySchema = z.object({
  id: z.string(),
  practiceId: z.string(),
  name: z.nullable(z.string()),
  scopes: z.array(z.enum(API_KEY_SCOPES)),
  /** The key's first characters, to tell which key a service holds. */
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.nullable(z.string()),
  revokedAt: z.nullable(z.string()),
});

/** A new key: `secret` is the whole key (`bp_live_…`), in this answer only; only its hash is kept. */
export const NewApiKeySchema = z.object({ key: ApiKeySchema, secret: z.string() });
export const ApiKeyListSchema = z.object({ data: z.array(ApiKeySchema) });

export type ImportOutcome = z.infer<typeof ImportOutcomeSchema>;
export type ImportIssue = z.infer<typeof ImportIssueSchema>;
export type ImportResult = z.infer<typeof ImportResultSchema>;
export type ImportRun = z.infer<typeof ImportRunSchema>;
export type ImportRunList = z.infer<typeof ImportRunListSchema>;
export type ImportRunDetail = z.infer<typeof ImportRunDetailSchema>;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
export type WebhookEndpoint = z.infer<typeof WebhookEndpointSchema>;
export type NewWebhookEndpoint = z.infer<typeof NewWebhookEndpointSchema>;
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;
export type WebhookDeliveryList = z.infer<typeof WebhookDeliveryListSchema>;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
export type ApiKey = z.infer<typeof ApiKeySchema>;
export type NewApiKey = z.infer<typeof NewApiKeySchema>;
