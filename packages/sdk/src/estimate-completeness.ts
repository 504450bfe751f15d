/**
 * Whether a good-faith estimate has every element 45 CFR 149.610(c)(1) requires: the regulation's
 * list, and a check that names each element missing or wrong. Pure: the server checks what it
 * issues with it, and a practice can check an estimate from its own system.
 */
import { DiagnosisCodeSchema, serviceCodeValid, type Estimate, type EstimateDisclaimer } from './estimate-schemas.js';
import { isCents, sumCents, type Cents } from './money.js';
import { npiValid } from './npi.js';
import { IsoDateSchema } from './schemas.js';

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
