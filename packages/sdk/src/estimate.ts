/**
 * Good-faith estimates for uninsured and self-pay patients (No Surprises Act): building one from
 * the practice's price list, and the deadline for giving it. Checking one against the elements
 * 45 CFR 149.610(c) requires is in `estimate-completeness.ts`; whether a later bill may be disputed
 * under 149.620, in `dispute.ts`. Pure functions: the server issues estimates with them, and a page
 * can show the same answers offline.
 */
import { addDays } from './account-rules.js';
import { addBusinessDays, businessDaysBetween } from './business-days.js';
import {
  EstimateDisclaimerSchema,
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
import { sumCents } from './money.js';

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
