import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PracticeSchema, type Practice } from '@billpay/sdk';
import * as z from 'zod/mini';

z.config(z.locales.en());

const OriginSchema = z.string().check(
  z.refine((value) => {
    try {
      const url = new URL(value);
      return url.origin === value && (url.protocol === 'https:' || url.protocol === 'http:');
    } catch {
      return false;
    }
  }, 'expected an origin such as "https://www.example.org" (scheme, host and port only, no path or trailing slash)'),
);

const LocationSchema = z.object({
  address: z.string().check(z.minLength(1)),
  city: z.string().check(z.minLength(1)),
  state: z.string().check(z.regex(/^[A-Z]{2}$/, 'expected a two-letter state code')),
  zip: z.string().check(z.regex(/^\d{5}(-\d{4})?$/, 'expected a ZIP code')),
});

const ProviderSchema = z.object({
  id: z.string().check(z.minLength(1)),
  name: z.string().check(z.minLength(1)),
  kind: z.enum(['individual', 'facility']),
  npi: z.string().check(z.regex(/^\d{10}$/, 'expected a 10-digit NPI')),
  tin: z.string().check(z.regex(/^\d{2}-\d{7}$/, 'expected a TIN as 12-3456789')),
  location: LocationSchema,
});

const PriceSchema = z.object({
  code: z.string().check(z.regex(/^[A-Z0-9]{4,7}$/, 'expected a CPT, HCPCS or DRG code')),
  description: z.string().check(z.minLength(1)),
  providerId: z.string().check(z.minLength(1)),
  cashPriceCents: z.int().check(z.minimum(0)),
});

const PlanPolicySchema = z.object({
  minBalanceCents: z.int().check(z.minimum(0)),
  minInstallmentCents: z.int().check(z.minimum(100)),
  maxMonths: z.int().check(z.minimum(1), z.maximum(120)),
  frequencies: z.array(z.enum(['weekly', 'biweekly', 'semimonthly', 'monthly'])).check(z.minLength(1)),
  firstPaymentWithinDays: z.int().check(z.minimum(0), z.maximum(90)),
  downPaymentCents: z.optional(z.int().check(z.minimum(0))),
  autopay: z.enum(['offered', 'required_over_max_months', 'not_offered']),
});

/** A practice's configuration file: what the widget may show, and what only the server knows. */
export const PracticeConfigSchema = z.extend(PracticeSchema, {
  /** Origins whose pages may embed this practice's widget (CORS). */
  allowedOrigins: z.array(OriginSchema),
  providers: z.optional(z.array(ProviderSchema)),
  priceList: z.optional(z.array(PriceSchema)),
  planPolicy: z.optional(PlanPolicySchema),
});

export type PracticeConfig = z.infer<typeof PracticeConfigSchema>;

export class PracticeConfigError extends Error {
  override readonly name = 'PracticeConfigError';
}

/** Validates one practice file's content; the error names the file, the field and why. */
export function parsePracticeConfig(data: unknown, source: string): PracticeConfig {
  const result = PracticeConfigSchema.safeParse(data);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const field = issue.path.length ? issue.path.map(String).join('.') : '(the whole file)';
    return `  ${field}: ${issue.message}`;
  });
  throw new PracticeConfigError(`${source} is not a valid practice configuration:\n${lines.join('\n')}`);
}

/** Reads every `*.json` in `dir` as a practice; ids must be unique. */
export async function loadPractices(dir: string): Promise<Map<string, PracticeConfig>> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  if (files.length === 0) throw new PracticeConfigError(`No practice configuration (*.json) in ${dir}`);
  const practices = new Map<string, PracticeConfig>();
  for (const file of files) {
    const path = join(dir, file);
    let data: unknown;
    try {
      data = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      throw new PracticeConfigError(`${path} is not valid JSON: ${(error as Error).message}`);
    }
    const practice = parsePracticeConfig(data, path);
    if (practices.has(practice.id)) throw new PracticeConfigError(`${path}: id "${practice.id}" is used by another practice`);
    practices.set(practice.id, practice);
  }
  return practices;
}

/** The part of a practice the widget may show: everything in the public schema, nothing else. */
export function publicPractice(practice: PracticeConfig): Practice {
  return PracticeSchema.parse(practice);
}
