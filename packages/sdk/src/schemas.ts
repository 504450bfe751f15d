/**
 * The wire contract between the SDK and the billing API, defined once. The server validates
 * requests and responses with these same schemas and publishes them as OpenAPI. `zod/mini` keeps
 * the browser bundle small: its functions tree-shake where the classic API cannot.
 */
import * as z from 'zod/mini';

/** A non-negative or signed integer amount in cents; never a float. */
export const CentsSchema = z.int().check(z.minimum(-1_000_000_000), z.maximum(1_000_000_000));
export const NonNegativeCentsSchema = z.int().check(z.minimum(0), z.maximum(1_000_000_000));

/** A calendar date without a time, `YYYY-MM-DD`. */
export const IsoDateSchema = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD'));

export const PracticeIdSchema = z
  .string()
  .check(z.regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, 'expected lowercase letters, digits and dashes'));

export const WeekdaySchema = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export const ClockTimeSchema = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:MM (24-hour)'));

export const OpeningHoursSchema = z.object({
  days: z.array(WeekdaySchema).check(z.minLength(1)),
  opens: ClockTimeSchema,
  closes: ClockTimeSchema,
});

export const ContactSchema = z.object({
  phone: z.string().check(z.regex(/^\+?[0-9 ().-]{7,20}$/, 'expected a phone number')),
  email: z.email(),
  /** When people answer the billing phone; formatted in the reader's language by the elements. */
  hours: z.array(OpeningHoursSchema),
  /** IANA time zone the hours are in, e.g. "America/New_York". */
  timeZone: z.string().check(z.minLength(1)),
});

export const PoliciesSchema = z.object({
  /** Days from the statement date until payment is due. */
  daysUntilDue: z.int().check(z.minimum(1), z.maximum(365)),
  /** Fee added when a copay was not paid at the visit. */
  invoicingFeeCents: NonNegativeCentsSchema,
  /** Fee added when a payment is returned (e.g. ACH R01, insufficient funds). */
  returnedPaymentFeeCents: NonNegativeCentsSchema,
  /** Days unpaid after the statement date before a letter is mailed. */
  letterAfterDays: z.int().check(z.minimum(1), z.maximum(3650)),
  /** Days after the letter before the account is referred to collections. */
  collectionsAfterLetterDays: z.int().check(z.minimum(1), z.maximum(3650)),
});

export const CheckDigitSchemeSchema = z.enum(['luhn', 'none']);

/** What the widget may show about a practice: `GET /v1/practices/{id}`. */
export const PracticeSchema = z.object({
  id: PracticeIdSchema,
  name: z.string().check(z.minLength(1), z.maxLength(120)),
  logo: z.optional(
    z.object({
      /** Absolute URL, or a path on the billing API's origin. */
      url: z.string().check(z.minLength(1)),
      alt: z.string(),
    }),
  ),
  contact: ContactSchema,
  financialAssistanceUrl: z.optional(z.url()),
  policies: PoliciesSchema,
  billIdCheckDigit: CheckDigitSchemeSchema,
  currency: z.literal('USD'),
});

/** One problem with a request, pointing at the field it concerns. */
export const ApiIssueSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  code: z.string(),
  message: z.string(),
});

/** Every 4xx and 5xx answer of the API has this body. */
export const ApiErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.optional(z.array(ApiIssueSchema)),
    requestId: z.optional(z.string()),
  }),
});

export const HealthSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
});

export type Practice = z.infer<typeof PracticeSchema>;
export type Contact = z.infer<typeof ContactSchema>;
export type OpeningHours = z.infer<typeof OpeningHoursSchema>;
export type Weekday = z.infer<typeof WeekdaySchema>;
export type Policies = z.infer<typeof PoliciesSchema>;
export type ApiIssue = z.infer<typeof ApiIssueSchema>;
export type ApiErrorBody = z.infer<typeof ApiErrorBodySchema>;
export type Health = z.infer<typeof HealthSchema>;
