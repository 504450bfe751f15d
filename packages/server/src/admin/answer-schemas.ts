import * as z from 'zod/mini';
import { EVENT_TYPES } from '../db/events-migration.js';

/**
 * The practice API's answers that have no wire schema in the SDK (the console does not read them):
 * written here for the practice API's OpenAPI document (`/admin/v1/openapi.json`), beside the
 * types the routes answer with, and checked against real answers by the documentation's examples
 * (test/docs).
 */

const Instant = z.string().check(z.meta({ description: 'An ISO 8601 instant in UTC' }));
const Day = z.string().check(z.meta({ description: 'A calendar day, YYYY-MM-DD' }));
const EventType = z.enum(EVENT_TYPES);

/** An event of the practice (`GET /admin/v1/events`, and a webhook delivery's body without `cursor`). */
export const EventSchema = z.object({
  id: z.string(),
  type: EventType,
  createdAt: Instant,
  data: z.record(z.string(), z.unknown()).check(z.meta({ description: 'Ids the practice knows (accountNumber, statementId, paymentId, ...) and amounts in cents; never a token' })),
  cursor: z.string().check(z.meta({ description: 'Give it as `after` to read the events after this one' })),
});

export const EventPageSchema = z.object({ data: z.array(EventSchema), nextCursor: z.string(), hasMore: z.boolean() });

export const WebhookEndpointSchema = z.object({
  id: z.string(),
  url: z.string(),
  description: z.nullable(z.string()),
  eventTypes: z.array(EventType),
  status: z.enum(['enabled', 'disabled']),
  disabledReason: z.nullable(z.string()),
  failingSince: z.nullable(Instant),
  createdAt: Instant,
});

export const NewWebhookEndpointSchema = z.object({
  ...WebhookEndpointSchema.shape,
  secret: z.string().check(z.meta({ description: 'The signing secret (`whsec_...`), shown this once only: verify each delivery with it (Standard Webhooks)' })),
});

export const WebhookEndpointListSchema = z.object({ data: z.array(WebhookEndpointSchema) });

export const WebhookDeliverySchema = z.object({
  id: z.string(),
  eventId: z.string(),
  eventType: EventType,
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.int(),
  nextAttemptAt: z.nullable(Instant),
  lastAttemptAt: z.nullable(Instant),
  responseStatus: z.nullable(z.int()),
  lastError: z.nullable(z.string()),
  replayOf: z.nullable(z.string()),
  createdAt: Instant,
  deliveredAt: z.nullable(Instant),
});

export const WebhookDeliveryPageSchema = z.object({ data: z.array(WebhookDeliverySchema), hasMore: z.boolean() });

const Method = z.nullable(z.enum(['card', 'bank', 'wallet']));

export const PostingSchema = z.object({
  movementId: z.string(),
  type: z.enum(['payment', 'refund', 'return']),
  postedOn: Day,
  accountId: z.string(),
  statementId: z.nullable(z.string()),
  amountCents: z.int(),
  amount: z.string().check(z.meta({ description: 'The same amount in dollars, as decimal text ("-12.50")' })),
  method: Method,
  brand: z.nullable(z.string()),
  last4: z.nullable(z.string()),
  wallet: z.nullable(z.string()),
  processorReference: z.nullable(z.string()),
  paymentId: z.string(),
  depositOn: Day,
});

const DepositTotals = { movements: z.int(), paymentsCents: z.int(), refundsCents: z.int(), returnsCents: z.int(), netCents: z.int() };

export const PostingFileSchema = z.object({
  date: Day,
  rows: z.array(PostingSchema),
  summary: z.object({ deposits: z.array(z.object({ depositOn: Day, ...DepositTotals })), totals: z.object(DepositTotals) }),
});

const Outcome = z.enum(['created', 'corrected', 'unchanged', 'rejected']);

export const ImportResultSchema = z.object({
  dryRun: z.boolean(),
  statements: z.array(
    z.object({
      line: z.int(),
      statementId: z.nullable(z.string()),
      accountId: z.nullable(z.string()),
      outcome: Outcome,
      billId: z.nullable(z.string()),
      issues: z.array(z.object({ line: z.int(), field: z.nullable(z.string()), message: z.string() })),
    }),
  ),
  counts: z.object({ created: z.int(), corrected: z.int(), unchanged: z.int(), rejected: z.int() }),
  truncated: z.boolean(),
});
