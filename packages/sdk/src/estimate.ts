/**
 * Good-faith estimates for uninsured and self-pay patients (No Surprises Act): building one from
 * the practice's price list, checking it against the elements 45 CFR 149.610(c) requires, the
 * deadline for giving it, and whether a later bill may be disputed under 149.620. Pure functions:
 * the server issues estimates with them, and a page can show the same answers offline.
 */
import { addDays } from './account-rules.js';
import { addBusinessDays, businessDaysBetween } from './business-days.js';
import {
  DiagnosisCodeSchema,
  EstimateDisclaimerSchema,
  serviceCodeValid,
  type ChosenService,
  type Estimate,
  type EstimateDeadline,
  type EstimateDisclaimer,
  type EstimateItem,
  type EstimatePatient,
  type EstimateProviderGroup,
  type PriceList,
  type PriceListService,
  type Provider,
  type SelfPayStatement,
} from './estimate-schemas.js';
import { isCents, sumCents, type Cents } from './money.js';
import { npiValid } from './npi.js';
import { IsoDateSchema } from './schemas.js';

// ---------------------------------------------------------------------------------------------
// Deadline (149.610(b)(1)(vi))

/** How far ahead the primary service is, in business days, decides how soon the estimate is due. */
export const SCHEDULED_NEAR_BUSINESS_DAYS = 3;
export const SCHEDULED_FAR_BUSINESS_DAYS = 10;

export interface EstimateDeadlineInput {
  /** The day the patient asked (any question about cost counts as a request). */
  readonly requestedOn: string;
  /** The day the primary service was scheduled; defaults to `requestedOn`. */
  readonly scheduledOn?: string | undefined;
  /** The day the primary service is scheduled for, when it is scheduled. */
  readonly serviceDate?: string | undefined;
  /** The practice's holidays, which are not business days. */
  readonly holidays?: readonly string[] | undefined;
}

export interface EstimateDeadlineAnswer {
  readonly rule: EstimateDeadline['rule'];
  /** The last day the estimate may be given; absent when the rule sets none. */
  readonly dueBy?: string;
  /** Business days from scheduling to the service, when scheduled. */
  readonly businessDaysAhead?: number;
}

/**
 * When an estimate is due: scheduled 10 or more business days ahead, within 3 business days of
 * scheduling; scheduled 3 or more ahead, within 1 business day; requested without scheduling,
 * within 3 business days of the request. A service scheduled fewer than 3 business days ahead
 * sets no deadline. Weekends and the practice's holidays are skipped.
 */
export function estimateDeadline({ requestedOn, scheduledOn, serviceDate, holidays = [] }: EstimateDeadlineInput): EstimateDeadlineAnswer {
  if (serviceDate === undefined) {
    return { rule: 'requested', dueBy: addBusinessDays(requestedOn, 3, holidays) };
  }
  const from = scheduledOn ?? requestedOn;
  const ahead = businessDaysBetween(from, serviceDate, holidays);
  if (ahead >= SCHEDULED_FAR_BUSINESS_DAYS) {
    return { rule: 'scheduled_10_days_ahead', dueBy: addBusinessDays(from, 3, holidays), businessDaysAhead: ahead };
  }
  if (ahead >= SCHEDULED_NEAR_BUSINESS_DAYS) {
    return { rule: 'scheduled_3_days_ahead', dueBy: addBusinessDays(from, 1, holidays), businessDaysAhead: ahead };
  }
  return { rule: 'not_required', businessDaysAhead: ahead };
}

/** Whether an estimate given on `issuedOn` met its deadline (no deadline is always met). */
export function deadlineMet(deadline: Pick<EstimateDeadlineAnswer, 'dueBy'>, issuedOn: string): boolean {
  return deadline.dueBy === undefined || issuedOn <= deadline.dueBy;
}

// ---------------------------------------------------------------------------------------------
// Building an estimate

/** Every estimate carries all five disclaimers of 149.610(c)(1)(vi)-(x). */
export const ESTIMATE_DISCLAIMERS: readonly EstimateDisclaimer[] = EstimateDisclaimerSchema.options;

/** The longest an estimate may look ahead: one estimate covers at most 12 months of care. */
export const MAX_SCHEDULE_DAYS_AHEAD = 366;

export type EstimateIssueCode =
  | 'estimate.service_unknown'
  | 'estimate.service_bundled_only'
  | 'estimate.service_repeated'
  | 'estimate.primary_not_chosen'
  | 'estimate.declined_not_optional'
  | 'estimate.provider_unknown'
  | 'estimate.scheduled_in_past'
  | 'estimate.scheduled_too_far';

export interface EstimateIssue {
  readonly path: readonly (string | number)[];
  readonly code: EstimateIssueCode;
}

export interface BuildEstimateInput {
  readonly priceList: PriceList;
  readonly patient: EstimatePatient;
  readonly coverage: SelfPayStatement;
  readonly primaryServiceId: string;
  /** The services chosen; each brings its included (co-provider) items. Must include the primary. */
  readonly services: readonly ChosenService[];
  readonly scheduledDate?: string | undefined;
  readonly diagnosisCodes?: readonly string[] | undefined;
}

export interface IssueOptions {
  readonly id: string;
  readonly issuedOn: string;
  /** Defaults to `issuedOn`. */
  readonly requestedOn?: string | undefined;
  /** The day the service was scheduled; defaults to `requestedOn`. */
  readonly scheduledOn?: string | undefined;
  readonly holidays?: readonly string[] | undefined;
}

export type BuildEstimateResult =
  | { readonly ok: true; readonly estimate: Estimate }
  | { readonly ok: false; readonly issues: readonly EstimateIssue[] };

const itemOf = (service: PriceListService, quantity: number, includedWith?: string): EstimateItem => ({
  serviceId: service.id,
  code: service.code,
  codeSystem: service.codeSystem,
  ...(service.modifier ? { modifier: service.modifier } : {}),
  description: service.description,
  ...(service.descriptionEs ? { descriptionEs: service.descriptionEs } : {}),
  quantity,
  unitCents: service.cashPriceCents,
  // An integer times an integer: still whole cents.
  expectedCents: service.cashPriceCents * quantity,
  ...(includedWith ? { includedWith } : {}),
});

/**
 * Builds the estimate for what a patient chose: every chosen service and the items it brings
 * (co-providers' included), grouped by provider with each one's NPI, TIN and location, the
 * convening provider (the primary service's) first; totals per provider and overall; the
 * services to be scheduled separately; the disclaimers; and the deadline it was due by.
 */
export function buildEstimate(input: BuildEstimateInput, issue: IssueOptions): BuildEstimateResult {
  const services = new Map(input.priceList.services.map((service) => [service.id, service]));
  const providers = new Map(input.priceList.providers.map((provider) => [provider.id, provider]));
  const issues: EstimateIssue[] = [];
  const requestedOn = issue.requestedOn ?? issue.issuedOn;

  const primary = services.get(input.primaryServiceId);
  if (!primary) issues.push({ path: ['primaryServiceId'], code: 'estimate.service_unknown' });
  else if (!input.services.some((chosen) => chosen.serviceId === primary.id)) {
    issues.push({ path: ['primaryServiceId'], code: 'estimate.primary_not_chosen' });
  }
  if (input.scheduledDate !== undefined) {
    if (input.scheduledDate < requestedOn) issues.push({ path: ['scheduledDate'], code: 'estimate.scheduled_in_past' });
    else if (input.scheduledDate > addDays(requestedOn, MAX_SCHEDULE_DAYS_AHEAD)) issues.push({ path: ['scheduledDate'], code: 'estimate.scheduled_too_far' });
  }

  const items: { item: EstimateItem; providerId: string }[] = [];
  const seen = new Set<string>();
  for (const [index, chosen] of input.services.entries()) {
    const service = services.get(chosen.serviceId);
    if (!service) {
      issues.push({ path: ['services', index, 'serviceId'], code: 'estimate.service_unknown' });
      continue;
    }
    if (service.bundledOnly) issues.push({ path: ['services', index, 'serviceId'], code: 'estimate.service_bundled_only' });
    if (seen.has(service.id)) issues.push({ path: ['services', index, 'serviceId'], code: 'estimate.service_repeated' });
    seen.add(service.id);
    const quantity = chosen.quantity ?? 1;
    const declined = new Set(chosen.declined ?? []);
    for (const [d, id] of (chosen.declined ?? []).entries()) {
      if (!(service.includes ?? []).some((included) => included.serviceId === id && included.optional)) {
        issues.push({ path: ['services', index, 'declined', d], code: 'estimate.declined_not_optional' });
      }
    }
    items.push({ item: itemOf(service, quantity), providerId: service.providerId });
    // One level deep: an included item's own inclusions are the practice's to list directly.
    for (const included of service.includes ?? []) {
      if (declined.has(included.serviceId)) continue;
      const part = services.get(included.serviceId);
      if (!part) {
        issues.push({ path: ['services', index, 'serviceId'], code: 'estimate.service_unknown' });
        continue;
      }
      items.push({ item: itemOf(part, quantity * (included.quantity ?? 1), service.id), providerId: part.providerId });
    }
  }
  for (const { providerId } of items) {
    if (!providers.has(providerId) && !issues.some((i) => i.code === 'estimate.provider_unknown')) {
      issues.push({ path: ['services'], code: 'estimate.provider_unknown' });
    }
  }
  if (issues.length || !primary) return { ok: false, issues };

  const groups = new Map<string, EstimateItem[]>();
  groups.set(primary.providerId, []);
  for (const { item, providerId } of items) {
    const group = groups.get(providerId) ?? [];
    group.push(item);
    groups.set(providerId, group);
  }
  const providerGroups: EstimateProviderGroup[] = [...groups].map(([providerId, groupItems]) => ({
    provider: providers.get(providerId) as Provider,
    role: providerId === primary.providerId ? 'convening' : 'co_provider',
    items: groupItems,
    totalCents: sumCents(groupItems.map((item) => item.expectedCents)),
  }));

  const chosenIds = new Set(input.services.map((chosen) => chosen.serviceId));
  const separately = new Map<string, Estimate['scheduledSeparately'][number]>();
  for (const chosen of input.services) {
    for (const id of services.get(chosen.serviceId)?.scheduledSeparately ?? []) {
      const service = services.get(id);
      if (!service || chosenIds.has(id) || separately.has(id)) continue;
      separately.set(id, {
        serviceId: id,
        code: service.code,
        codeSystem: service.codeSystem,
        description: service.description,
        ...(service.descriptionEs ? { descriptionEs: service.descriptionEs } : {}),
        providerName: providers.get(service.providerId)?.name ?? '',
      });
    }
  }

  const deadline = estimateDeadline({
    requestedOn,
    scheduledOn: issue.scheduledOn,
    serviceDate: input.scheduledDate,
    holidays: issue.holidays,
  });

  return {
    ok: true,
    estimate: {
      id: issue.id,
      practice: input.priceList.practice,
      issuedOn: issue.issuedOn,
      requestedOn,
      patient: { ...input.patient },
      coverage: input.coverage,
      primaryService: {
        serviceId: primary.id,
        code: primary.code,
        codeSystem: primary.codeSystem,
        description: primary.description,
        ...(primary.descriptionEs ? { descriptionEs: primary.descriptionEs } : {}),
        ...(input.scheduledDate ? { scheduledDate: input.scheduledDate } : {}),
      },
      diagnosisCodes: [...(input.diagnosisCodes ?? [])],
      providers: providerGroups,
      totalCents: sumCents(providerGroups.map((group) => group.totalCents)),
      scheduledSeparately: [...separately.values()],
      disclaimers: [...ESTIMATE_DISCLAIMERS],
      deadline: {
        rule: deadline.rule,
        ...(deadline.dueBy ? { dueBy: deadline.dueBy } : {}),
        met: deadlineMet(deadline, issue.issuedOn),
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Completeness (149.610(c)(1))

export type RequiredElement =
  | 'patient_name'
  | 'patient_date_of_birth'
  | 'primary_service'
  | 'primary_service_date'
  | 'itemized_list'
  | 'convening_provider'
  | 'diagnosis_codes'
  | 'service_codes'
  | 'expected_charges'
  | 'provider_name'
  | 'provider_npi'
  | 'provider_tin'
  | 'provider_location'
  | 'scheduled_separately'
  | 'disclaimer_separate_scheduling'
  | 'disclaimer_additional_items'
  | 'disclaimer_estimate_only'
  | 'disclaimer_dispute_rights'
  | 'disclaimer_not_a_contract'
  | 'issue_date';

/** The regulation's list, in its order, with the paragraph each element comes from. */
export const REQUIRED_ELEMENTS: readonly { readonly element: RequiredElement; readonly cite: string }[] = [
  { element: 'patient_name', cite: '149.610(c)(1)(i)' },
  { element: 'patient_date_of_birth', cite: '149.610(c)(1)(i)' },
  { element: 'primary_service', cite: '149.610(c)(1)(ii)' },
  { element: 'primary_service_date', cite: '149.610(c)(1)(ii)' },
  { element: 'itemized_list', cite: '149.610(c)(1)(iii)' },
  { element: 'convening_provider', cite: '149.610(c)(1)(iii)(A)' },
  { element: 'diagnosis_codes', cite: '149.610(c)(1)(iv)' },
  { element: 'service_codes', cite: '149.610(c)(1)(iv)' },
  { element: 'expected_charges', cite: '149.610(c)(1)(iv)' },
  { element: 'provider_name', cite: '149.610(c)(1)(v)' },
  { element: 'provider_npi', cite: '149.610(c)(1)(v)' },
  { element: 'provider_tin', cite: '149.610(c)(1)(v)' },
  { element: 'provider_location', cite: '149.610(c)(1)(v)' },
  { element: 'scheduled_separately', cite: '149.610(c)(1)(vi)' },
  { element: 'disclaimer_separate_scheduling', cite: '149.610(c)(1)(vi)' },
  { element: 'disclaimer_additional_items', cite: '149.610(c)(1)(vii)' },
  { element: 'disclaimer_estimate_only', cite: '149.610(c)(1)(viii)' },
  { element: 'disclaimer_dispute_rights', cite: '149.610(c)(1)(ix)' },
  { element: 'disclaimer_not_a_contract', cite: '149.610(c)(1)(x)' },
  { element: 'issue_date', cite: '149.610(c)(1)' },
];

const DISCLAIMER_ELEMENTS: Readonly<Record<EstimateDisclaimer, RequiredElement>> = {
  separate_scheduling: 'disclaimer_separate_scheduling',
  additional_items: 'disclaimer_additional_items',
  estimate_only: 'disclaimer_estimate_only',
  dispute_rights: 'disclaimer_dispute_rights',
  not_a_contract: 'disclaimer_not_a_contract',
};

export interface MissingElement {
  readonly element: RequiredElement;
  readonly cite: string;
  /** Which provider or item lacks it, when it is one of several. */
  readonly providerId?: string;
  readonly serviceId?: string;
}

export interface CompletenessResult {
  readonly complete: boolean;
  readonly missing: readonly MissingElement[];
}

type DeepPartial<T> = T extends readonly (infer U)[] ? readonly DeepPartial<U>[] : T extends object ? { readonly [K in keyof T]?: DeepPartial<T[K]> } : T;

/** An estimate that may lack parts: what a practice's system or a stored copy might hold. */
export type EstimateDraft = DeepPartial<Estimate>;

const filled = (value: unknown): value is string => typeof value === 'string' && value.trim().length > 0;
const isDate = (value: unknown): boolean => IsoDateSchema.safeParse(value).success;

/**
 * Walks the regulation's list of required elements over an estimate and names each one missing
 * or wrong, and for which provider or item. A date of the primary service is required when the
 * estimate was given for a scheduled service.
 */
export function checkEstimateCompleteness(estimate: EstimateDraft): CompletenessResult {
  const missing: MissingElement[] = [];
  const cites = new Map(REQUIRED_ELEMENTS.map(({ element, cite }) => [element, cite]));
  const lack = (element: RequiredElement, where: { providerId?: string | undefined; serviceId?: string | undefined } = {}) => {
    missing.push({
      element,
      cite: cites.get(element) ?? '149.610(c)(1)',
      ...(where.providerId ? { providerId: where.providerId } : {}),
      ...(where.serviceId ? { serviceId: where.serviceId } : {}),
    });
  };

  const patient = estimate.patient;
  if (!filled(patient?.firstName) || !filled(patient.lastName)) lack('patient_name');
  if (!isDate(patient?.dateOfBirth)) lack('patient_date_of_birth');

  const primary = estimate.primaryService;
  if (!filled(primary?.description)) lack('primary_service');
  const scheduled = estimate.deadline?.rule !== undefined && estimate.deadline.rule !== 'requested';
  if ((scheduled || primary?.scheduledDate !== undefined) && !isDate(primary?.scheduledDate)) lack('primary_service_date');

  const groups = estimate.providers ?? [];
  const allItems = groups.flatMap((group) => group.items ?? []);
  if (!groups.length || !allItems.length || groups.some((group) => !group.items?.length)) lack('itemized_list');
  if (groups.filter((group) => group.role === 'convening').length !== 1) lack('convening_provider');

  if (!Array.isArray(estimate.diagnosisCodes) || estimate.diagnosisCodes.some((code) => !DiagnosisCodeSchema.safeParse(code).success)) {
    lack('diagnosis_codes');
  }

  let chargesAddUp = isCents(estimate.totalCents);
  const groupTotals: Cents[] = [];
  for (const group of groups) {
    const providerId = group.provider?.id;
    for (const item of group.items ?? []) {
      const serviceId = item.serviceId;
      if (!filled(item.code) || !item.codeSystem || !serviceCodeValid(item.codeSystem, item.code)) lack('service_codes', { providerId, serviceId });
      const okCharge = isCents(item.expectedCents) && item.expectedCents >= 0 && (item.unitCents === undefined || item.quantity === undefined || item.unitCents * item.quantity === item.expectedCents);
      if (!okCharge) lack('expected_charges', { providerId, serviceId });
    }
    const itemCents = (group.items ?? []).map((item) => item.expectedCents);
    if (!itemCents.every(isCents) || !isCents(group.totalCents) || sumCents(itemCents) !== group.totalCents) chargesAddUp = false;
    else groupTotals.push(group.totalCents);

    const provider = group.provider;
    if (!filled(provider?.name)) lack('provider_name', { providerId });
    if (!filled(provider?.npi) || !npiValid(provider.npi)) lack('provider_npi', { providerId });
    if (!filled(provider?.tin) || !/^\d{2}-\d{7}$/.test(provider.tin)) lack('provider_tin', { providerId });
    const location = provider?.location;
    if (!filled(location?.address) || !filled(location.city) || !/^[A-Z]{2}$/.test(location.state ?? '')) lack('provider_location', { providerId });
  }
  if (chargesAddUp && groupTotals.length === groups.length && sumCents(groupTotals) !== estimate.totalCents) chargesAddUp = false;
  if (!chargesAddUp && !missing.some((m) => m.element === 'expected_charges')) lack('expected_charges');

  if (!Array.isArray(estimate.scheduledSeparately)) lack('scheduled_separately');
  const disclaimers = new Set(estimate.disclaimers ?? []);
  for (const [code, element] of Object.entries(DISCLAIMER_ELEMENTS) as [EstimateDisclaimer, RequiredElement][]) {
    if (!disclaimers.has(code)) lack(element);
  }
  if (!isDate(estimate.issuedOn)) lack('issue_date');

  const order = new Map(REQUIRED_ELEMENTS.map(({ element }, index) => [element, index]));
  missing.sort((a, b) => (order.get(a.element) ?? 0) - (order.get(b.element) ?? 0));
  return { complete: missing.length === 0, missing };
}
