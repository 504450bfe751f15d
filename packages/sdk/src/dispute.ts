/**
 * Patient-provider dispute resolution (45 CFR 149.620): whether a bill may be disputed against a
 * good-faith estimate, provider by provider, and the notice an account shows for it.
 */
import { addDays, daysBetween } from './account-rules.js';
import type { Estimate, Provider } from './estimate-schemas.js';
import { sumCents, type Cents } from './money.js';
import type { DisputeNotice } from './account-schemas.js';

/** "Substantially in excess": at least $400.00 over one provider's expected total. */
export const DISPUTE_THRESHOLD_CENTS: Cents = 40_000;
/** Calendar days from the date on the initial bill within which a dispute must start. */
export const DISPUTE_WINDOW_DAYS = 120;
/** Where the federal process starts (CMS No Surprises Help Desk); the fee is CMS's, per dispute. */
export const DISPUTE_HELP = { url: 'https://www.cms.gov/nosurprises', phone: '1-800-985-3059', feeCents: 2_500 } as const;

export interface BilledCharge {
  /** The provider's id as on the estimate; a provider not on it is compared against $0.00. */
  readonly providerId: string;
  readonly amountCents: Cents;
  readonly name?: string | undefined;
  readonly npi?: string | undefined;
}

export interface BillForDispute {
  /** The date on the initial bill. */
  readonly billedOn: string;
  readonly charges: readonly BilledCharge[];
}

export interface ProviderComparison {
  readonly providerId: string;
  readonly name: string;
  readonly npi: string;
  readonly onEstimate: boolean;
  readonly expectedCents: Cents;
  readonly billedCents: Cents;
  /** Billed minus expected; negative when billed less. */
  readonly overCents: Cents;
  /** At least $400.00 over. */
  readonly qualifies: boolean;
}

export interface DisputeEligibility {
  readonly eligible: boolean;
  readonly reason: 'over_threshold' | 'under_threshold' | 'too_late';
  /** The last day to start a dispute: 120 days after the bill's date. */
  readonly startBy: string;
  readonly daysSinceBill: number;
  readonly providers: readonly ProviderComparison[];
}

/**
 * Whether a bill may be disputed against an estimate: provider by provider (never the bill as a
 * whole), the billed total is at least $400.00 over that provider's expected total, and today is
 * within 120 calendar days of the bill's date (day 120 still counts).
 */
export function disputeEligibility(estimate: Pick<Estimate, 'providers'>, bill: BillForDispute, today: string): DisputeEligibility {
  const comparisons = new Map<string, { name: string; npi: string; onEstimate: boolean; expected: Cents[]; billed: Cents[] }>();
  for (const group of estimate.providers) {
    comparisons.set(group.provider.id, { name: group.provider.name, npi: group.provider.npi, onEstimate: true, expected: [group.totalCents], billed: [] });
  }
  for (const charge of bill.charges) {
    const entry = comparisons.get(charge.providerId) ?? { name: charge.name ?? charge.providerId, npi: charge.npi ?? '', onEstimate: false, expected: [], billed: [] };
    entry.billed.push(charge.amountCents);
    comparisons.set(charge.providerId, entry);
  }
  const providers = [...comparisons].map(([providerId, entry]): ProviderComparison => {
    const expectedCents = sumCents(entry.expected);
    const billedCents = sumCents(entry.billed);
    const overCents = billedCents - expectedCents;
    return { providerId, name: entry.name, npi: entry.npi, onEstimate: entry.onEstimate, expectedCents, billedCents, overCents, qualifies: overCents >= DISPUTE_THRESHOLD_CENTS };
  });
  const startBy = addDays(bill.billedOn, DISPUTE_WINDOW_DAYS);
  const daysSinceBill = daysBetween(bill.billedOn, today);
  const over = providers.some((provider) => provider.qualifies);
  const inTime = today <= startBy;
  return {
    eligible: over && inTime,
    reason: !over ? 'under_threshold' : inTime ? 'over_threshold' : 'too_late',
    startBy,
    daysSinceBill,
    providers,
  };
}

/** A bill as a statement gives it: its date and what each line charges after adjustments. */
export interface BilledStatement {
  readonly id: string;
  /** The date on the bill, from which the 120 days run. */
  readonly statementDate: string;
  readonly lineItems: readonly {
    /** The provider's name as the bill prints it. */
    readonly provider: string;
    readonly chargeCents: Cents;
    readonly adjustmentCents: Cents;
  }[];
}

/**
 * The dispute notice an account shows for a bill compared with an estimate (see
 * `disputeEligibility`): each line counts at what it charges after its adjustments, for the
 * provider of the practice's list with that name (one not on the list is compared against $0.00);
 * `undefined` when the bill may not be disputed. Which estimate a bill is compared with is the
 * caller's choice (one issued before the services began).
 */
export function disputeNoticeFor(estimate: Estimate, statement: BilledStatement, providers: readonly Provider[], today: string): DisputeNotice | undefined {
  const byName = new Map(providers.map((provider) => [provider.name, provider]));
  const result = disputeEligibility(
    estimate,
    {
      billedOn: statement.statementDate,
      charges: statement.lineItems.map((line) => {
        const provider = byName.get(line.provider);
        return { providerId: provider?.id ?? `unlisted:${line.provider}`, name: line.provider, npi: provider?.npi, amountCents: line.chargeCents - line.adjustmentCents };
      }),
    },
    today,
  );
  if (!result.eligible) return undefined;
  return {
    statementId: statement.id,
    billedOn: statement.statementDate,
    startBy: result.startBy,
    estimateId: estimate.id,
    estimateIssuedOn: estimate.issuedOn,
    providers: result.providers
      .filter((provider) => provider.qualifies)
      .map(({ name, npi, expectedCents, billedCents, overCents }) => ({ name, npi, expectedCents, billedCents, overCents })),
    howToStart: { ...DISPUTE_HELP },
  };
}
