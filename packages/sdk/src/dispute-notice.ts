import { DISPUTE_HELP, disputeEligibility } from './estimate.js';
import type { Estimate, Provider } from './estimate-schemas.js';
import type { Cents } from './money.js';
import type { DisputeNotice } from './schemas.js';

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
