/**
 * The wire contract of good-faith estimates (No Surprises Act, 45 CFR 149.610): the practice's
 * price list, a patient's request, and the estimate issued for it. Shared with the server.
 */
import * as z from 'zod/mini';
import { npiValid } from './npi.js';
import { ContactSchema, IsoDateSchema, NonNegativeCentsSchema, PracticeIdSchema } from './schemas.js';

const Text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

export const ServiceIdSchema = z
  .string()
  .check(z.regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, 'expected lowercase letters, digits and dashes'));

export const ProviderIdSchema = ServiceIdSchema;

export const NpiSchema = z.string().check(
  z.regex(/^\d{10}$/, 'expected a 10-digit NPI'),
  z.refine(npiValid, 'the NPI check digit is wrong'),
);

export const TinSchema = z.string().check(z.regex(/^\d{2}-\d{7}$/, 'expected a TIN as 12-3456789'));

export const ProviderLocationSchema = z.object({
  address: Text(200),
  city: Text(100),
  state: z.string().check(z.regex(/^[A-Z]{2}$/, 'expected a two-letter state code')),
  zip: z.string().check(z.regex(/^\d{5}(-\d{4})?$/, 'expected a ZIP code')),
});

/** A provider or facility that furnishes items on an estimate. */
export const ProviderSchema = z.object({
  id: ProviderIdSchema,
  name: Text(160),
  /** A person, a group practice, or a facility (hospital, imaging center, laboratory). */
  kind: z.enum(['individual', 'group', 'facility']),
  npi: NpiSchema,
  tin: TinSchema,
  location: ProviderLocationSchema,
});

/** CPT (Category I five digits, II/III/PLA four digits and F, T or U), HCPCS Level II, MS-DRG. */
export const CodeSystemSchema = z.enum(['CPT', 'HCPCS', 'DRG']);

const CODE_FORMATS: Readonly<Record<z.infer<typeof CodeSystemSchema>, RegExp>> = {
  CPT: /^\d{4}[0-9FTU]$/,
  HCPCS: /^[A-V]\d{4}$/,
  DRG: /^\d{3}$/,
};

/** True when `code` is written the way `system` writes its codes. */
export function serviceCodeValid(system: z.infer<typeof CodeSystemSchema>, code: string): boolean {
  return CODE_FORMATS[system].test(code);
}

/** A CPT/HCPCS modifier, e.g. "26" (professional component) or "TC" (technical component). */
export const ModifierSchema = z.string().check(z.regex(/^[A-Z0-9]{2}$/, 'expected a two-character modifier'));

/** ICD-10-CM, e.g. "M54.50" or "Z00.00". */
export const DiagnosisCodeSchema = z.string().check(z.regex(/^[A-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?$/, 'expected an ICD-10-CM code such as M54.50'));

export const ServiceCategorySchema = z.enum([
  'visits',
  'preventive',
  'imaging',
  'laboratory',
  'procedures',
  'therapy',
  'vaccines',
  'anesthesia',
  'pathology',
]);

/** An item a chosen service brings with it, usually furnished by a co-provider. */
export const IncludedItemSchema = z.object({
  serviceId: ServiceIdSchema,
  /** Expected with the service unless the patient says it will not be needed. */
  optional: z.optional(z.boolean()),
  quantity: z.optional(z.int().check(z.minimum(1), z.maximum(52))),
});

const codeMatchesSystem = <T extends { code: string; codeSystem: z.infer<typeof CodeSystemSchema> }>(item: T) =>
  serviceCodeValid(item.codeSystem, item.code);

/** One service on the price list, at its cash price with the self-pay discount applied. */
export const PriceListServiceSchema = z
  .object({
    id: ServiceIdSchema,
    code: z.string().check(z.regex(/^[A-Z0-9]{3,5}$/, 'expected a CPT, HCPCS or DRG code')),
    codeSystem: CodeSystemSchema,
    modifier: z.optional(ModifierSchema),
    /** Plain words, in English. */
    description: Text(200),
    /** The same in Spanish, when the practice provides it. */
    descriptionEs: z.optional(Text(200)),
    category: ServiceCategorySchema,
    providerId: ProviderIdSchema,
    cashPriceCents: NonNegativeCentsSchema,
    /** Only ever furnished with another service (a reading, anesthesia); not asked for alone. */
    bundledOnly: z.optional(z.boolean()),
    includes: z.optional(z.array(IncludedItemSchema).check(z.maxLength(10))),
    /** Services that must be scheduled separately, before or after this one. */
    scheduledSeparately: z.optional(z.array(ServiceIdSchema).check(z.maxLength(10))),
    /** More words people may search by, e.g. "back", "spine". */
    keywords: z.optional(z.array(Text(40)).check(z.maxLength(20))),
  })
  .check(z.refine(codeMatchesSystem, { message: 'the code is not written as its code system writes codes', path: ['code'] }));

/** `GET /v1/price-list?practice=...`: what a self-pay patient would be charged, by service. */
export const PriceListSchema = z.object({
  practice: PracticeIdSchema,
  currency: z.literal('USD'),
  providers: z.array(ProviderSchema),
  services: z.array(PriceListServiceSchema),
});

/** The statement a patient makes to get a good-faith estimate. */
export const SelfPayStatementSchema = z.enum(['uninsured', 'not_using_insurance']);

export const EstimatePatientSchema = z.object({
  firstName: Text(80),
  lastName: Text(80),
  dateOfBirth: IsoDateSchema,
});

const PhoneSchema = ContactSchema.shape.phone;

export const EstimateContactSchema = z
  .object({
    email: z.optional(z.email()),
    phone: z.optional(PhoneSchema),
  })
  .check(z.refine((contact) => contact.email !== undefined || contact.phone !== undefined, { message: 'give an email address or a phone number', path: ['email'] }));

export const ChosenServiceSchema = z.object({
  serviceId: ServiceIdSchema,
  quantity: z.optional(z.int().check(z.minimum(1), z.maximum(52))),
  /** Optional included items the patient will not need (e.g. a lab panel already done elsewhere). */
  declined: z.optional(z.array(ServiceIdSchema).check(z.maxLength(10))),
});

/**
 * "Email me a copy": the address the estimate is sent to as issued, and the language it is
 * written in. A copy is not a notice the patient may decline: it is the estimate they asked for.
 */
export const EstimateCopySchema = z.object({
  email: z.email().check(z.maxLength(254)),
  language: z.enum(['en', 'es']),
});

/** `POST /v1/estimates`. */
export const EstimateRequestSchema = z.object({
  practice: PracticeIdSchema,
  patient: EstimatePatientSchema,
  contact: EstimateContactSchema,
  coverage: SelfPayStatementSchema,
  primaryServiceId: ServiceIdSchema,
  services: z.array(ChosenServiceSchema).check(z.minLength(1), z.maxLength(20)),
  /** The day the primary service is scheduled for, if it is. */
  scheduledDate: z.optional(IsoDateSchema),
  diagnosisCodes: z.optional(z.array(DiagnosisCodeSchema).check(z.maxLength(12))),
  /** Where to email a copy of the estimate, if the patient asks for one. */
  copy: z.optional(EstimateCopySchema),
});

/** An estimate's id, as the server makes them (`gfe_` and letters, digits, - and _). */
export const EstimateIdSchema = z.string().check(z.regex(/^gfe_[A-Za-z0-9_-]{1,64}$/, 'expected an estimate id'));

/**
 * `POST /v1/estimate-lookups`: an estimate is the patient's, so it is shown to whoever gives its
 * number with the patient's date of birth (limited like bill lookups), or in a session of the
 * account it is linked to (`GET /v1/estimates/{id}`).
 */
export const EstimateLookupRequestSchema = z.object({
  practice: PracticeIdSchema,
  estimateId: EstimateIdSchema,
  dateOfBirth: IsoDateSchema,
});

export const EstimateItemSchema = z.object({
  serviceId: ServiceIdSchema,
  code: z.string(),
  codeSystem: CodeSystemSchema,
  modifier: z.optional(z.string()),
  description: z.string(),
  descriptionEs: z.optional(z.string()),
  quantity: z.int().check(z.minimum(1)),
  unitCents: NonNegativeCentsSchema,
  /** The expected charge: the cash rate times the quantity, discounts included. */
  expectedCents: NonNegativeCentsSchema,
  /** The chosen service this item comes with, when it is a co-provider's or bundled item. */
  includedWith: z.optional(ServiceIdSchema),
});

export const EstimateProviderGroupSchema = z.object({
  provider: ProviderSchema,
  /** The convening provider schedules the primary service and gathers the estimate. */
  role: z.enum(['convening', 'co_provider']),
  items: z.array(EstimateItemSchema),
  totalCents: NonNegativeCentsSchema,
});

/** The five disclaimers of 149.610(c)(1)(vi)-(x), as codes the reader's language spells out. */
export const EstimateDisclaimerSchema = z.enum([
  'separate_scheduling',
  'additional_items',
  'estimate_only',
  'dispute_rights',
  'not_a_contract',
]);

/** Which of the regulation's deadlines applies to an estimate, and when it fell. */
export const EstimateDeadlineSchema = z.object({
  rule: z.enum(['scheduled_3_days_ahead', 'scheduled_10_days_ahead', 'requested', 'not_required']),
  /** The last day the estimate could be given on time; absent when none applies. */
  dueBy: z.optional(IsoDateSchema),
  met: z.boolean(),
});

/** A good-faith estimate as issued: `POST /v1/estimates` answers it, `GET /v1/estimates/{id}` repeats it. */
export const EstimateSchema = z.object({
  id: z.string(),
  practice: PracticeIdSchema,
  issuedOn: IsoDateSchema,
  requestedOn: IsoDateSchema,
  patient: EstimatePatientSchema,
  coverage: SelfPayStatementSchema,
  primaryService: z.object({
    serviceId: ServiceIdSchema,
    code: z.string(),
    codeSystem: CodeSystemSchema,
    description: z.string(),
    descriptionEs: z.optional(z.string()),
    scheduledDate: z.optional(IsoDateSchema),
  }),
  diagnosisCodes: z.array(z.string()),
  providers: z.array(EstimateProviderGroupSchema),
  totalCents: NonNegativeCentsSchema,
  /** Items the convening provider expects to be scheduled separately, and estimated separately. */
  scheduledSeparately: z.array(
    z.object({
      serviceId: ServiceIdSchema,
      code: z.string(),
      codeSystem: CodeSystemSchema,
      description: z.string(),
      descriptionEs: z.optional(z.string()),
      providerName: z.string(),
    }),
  ),
  disclaimers: z.array(EstimateDisclaimerSchema),
  deadline: EstimateDeadlineSchema,
});

export type ServiceCategory = z.infer<typeof ServiceCategorySchema>;
export type CodeSystem = z.infer<typeof CodeSystemSchema>;
export type Provider = z.infer<typeof ProviderSchema>;
export type ProviderLocation = z.infer<typeof ProviderLocationSchema>;
export type IncludedItem = z.infer<typeof IncludedItemSchema>;
export type PriceListService = z.infer<typeof PriceListServiceSchema>;
export type PriceList = z.infer<typeof PriceListSchema>;
export type SelfPayStatement = z.infer<typeof SelfPayStatementSchema>;
export type EstimatePatient = z.infer<typeof EstimatePatientSchema>;
export type EstimateContact = z.infer<typeof EstimateContactSchema>;
export type EstimateCopy = z.infer<typeof EstimateCopySchema>;
export type ChosenService = z.infer<typeof ChosenServiceSchema>;
export type EstimateRequest = z.infer<typeof EstimateRequestSchema>;
export type EstimateLookupRequest = z.infer<typeof EstimateLookupRequestSchema>;
export type EstimateItem = z.infer<typeof EstimateItemSchema>;
export type EstimateProviderGroup = z.infer<typeof EstimateProviderGroupSchema>;
export type EstimateDisclaimer = z.infer<typeof EstimateDisclaimerSchema>;
export type EstimateDeadline = z.infer<typeof EstimateDeadlineSchema>;
export type Estimate = z.infer<typeof EstimateSchema>;
