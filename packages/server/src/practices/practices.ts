import { readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { BrandingSchema, IsoDateSchema, PostalAddressSchema, PracticeSchema, PriceListServiceSchema, ProviderSchema, type Practice } from '@billpay/sdk';
import * as z from 'zod/mini';
// The plan policy's schema is the SDK's: the widget and the server read a policy the same way.
import { PlanPolicySchema } from '@billpay/sdk';

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

/** A practice's configuration file: what the widget may show, and what only the server knows. */
export const PracticeConfigSchema = z.extend(PracticeSchema, {
  /** The practice's colours in the widget; a brand colour under 4.5:1 against white is refused. */
  branding: z.optional(BrandingSchema),
  /** Origins whose pages may embed this practice's widget (CORS) and frame the hosted card page. */
  allowedOrigins: z.array(OriginSchema),
  /**
   * Origins allowed like `allowedOrigins`, but only when the server runs in development mode
   * (`billpay start --development`, as `pnpm start` does): local tools such as Storybook
   * and other names of the development machine. Ignored in production.
   */
  developmentOrigins: z.optional(z.array(OriginSchema)),
  /** Providers and facilities named on good-faith estimates (NPI with its check digit, TIN, location). */
  providers: z.optional(z.array(ProviderSchema)),
  /** Self-pay cash prices, discount applied, and what each service brings with it. */
  priceList: z.optional(z.array(PriceListServiceSchema)),
  /** Days the practice is closed besides weekends: they are not business days for estimate deadlines. */
  holidays: z.optional(z.array(IsoDateSchema)),
  planPolicy: z.optional(PlanPolicySchema),
  /**
   * The practice's page with billpay on it: the paper statement's QR code opens it with the Bill
   * ID in the fragment (`#bill=`), which browsers never send to a server.
   */
  payPageUrl: z.optional(z.url({ protocol: /^https?$/ })),
  /** Where patients mail checks (the paper statement's return slip); the first provider's location when absent. */
  remitAddress: z.optional(PostalAddressSchema),
  /** The logo printed on paper statements: an SVG or PNG file, relative to the practice's file. */
  logoFile: z.optional(z.string().check(z.minLength(1))),
  /**
   * The practice's payment processor: `kind` picks the adapter (`sandbox` when absent); the
   * adapter reads the rest (its account, where its secrets are, its webhook signing secret).
   */
  processor: z.optional(z.looseObject({ kind: z.string().check(z.regex(/^[a-z][a-z0-9-]{0,39}$/, 'expected a processor name such as "sandbox"')) })),
});

export type PracticeConfig = z.infer<typeof PracticeConfigSchema>;

export class PracticeConfigError extends Error {
  override readonly name = 'PracticeConfigError';
}

/** Validates one practice file's content; the error names the file, the field and why. */
export function parsePracticeConfig(data: unknown, source: string): PracticeConfig {
  const result = PracticeConfigSchema.safeParse(data);
  if (result.success) {
    const problems = priceListProblems(result.data);
    if (problems.length) throw new PracticeConfigError(`${source} is not a valid practice configuration:\n${problems.map((line) => `  ${line}`).join('\n')}`);
    return result.data;
  }
  const lines = result.error.issues.map((issue) => {
    const field = issue.path.length ? issue.path.map(String).join('.') : '(the whole file)';
    return `  ${field}: ${issue.message}`;
  });
  throw new PracticeConfigError(`${source} is not a valid practice configuration:\n${lines.join('\n')}`);
}

/** What the schema cannot see: ids that must be unique, and references that must lead somewhere. */
function priceListProblems(practice: PracticeConfig): string[] {
  const problems: string[] = [];
  const providers = new Set<string>();
  for (const [i, provider] of (practice.providers ?? []).entries()) {
    if (providers.has(provider.id)) problems.push(`providers.${i}.id: "${provider.id}" is used by another provider`);
    providers.add(provider.id);
  }
  const services = new Map((practice.priceList ?? []).map((service) => [service.id, service]));
  const seen = new Set<string>();
  for (const [i, service] of (practice.priceList ?? []).entries()) {
    if (seen.has(service.id)) problems.push(`priceList.${i}.id: "${service.id}" is used by another service`);
    seen.add(service.id);
    if (!providers.has(service.providerId)) problems.push(`priceList.${i}.providerId: no provider "${service.providerId}"`);
    for (const [j, included] of (service.includes ?? []).entries()) {
      if (!services.has(included.serviceId)) problems.push(`priceList.${i}.includes.${j}.serviceId: no service "${included.serviceId}"`);
      else if (included.serviceId === service.id) problems.push(`priceList.${i}.includes.${j}.serviceId: a service cannot include itself`);
    }
    for (const [j, id] of (service.scheduledSeparately ?? []).entries()) {
      if (!services.has(id)) problems.push(`priceList.${i}.scheduledSeparately.${j}: no service "${id}"`);
    }
  }
  return problems;
}

export interface LoadPracticesOptions {
  /** Honour each practice's `developmentOrigins` (they join `allowedOrigins`). Default false. */
  readonly development?: boolean | undefined;
}

/**
 * Reads every `*.json` in `dir` as a practice; ids must be unique. In development mode each
 * practice's `developmentOrigins` are allowed too; otherwise they are dropped.
 */
export async function loadPractices(dir: string, options: LoadPracticesOptions = {}): Promise<Map<string, PracticeConfig>> {
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
    const { developmentOrigins = [], ...practice } = parsePracticeConfig(data, path);
    if (practice.logoFile) practice.logoFile = resolve(dir, practice.logoFile);
    if (options.development) practice.allowedOrigins = [...new Set([...practice.allowedOrigins, ...developmentOrigins])];
    if (practices.has(practice.id)) throw new PracticeConfigError(`${path}: id "${practice.id}" is used by another practice`);
    practices.set(practice.id, practice);
  }
  return practices;
}

/** The part of a practice the widget may show: everything in the public schema, nothing else. */
export function publicPractice(practice: PracticeConfig): Practice {
  return PracticeSchema.parse(practice);
}
