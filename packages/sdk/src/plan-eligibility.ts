import type { Cents } from './money.js';
import type { PlanOptions, PlanPolicy } from './plan-schemas.js';
import { firstDateWindow, planBalanceViolation } from './schedule.js';

/** What decides whether an account may set up a plan now. */
export interface PlanEligibilityInput {
  readonly policy: PlanPolicy;
  /** What a plan would cover: the balance owed, less what is already on its way. */
  readonly balanceCents: Cents;
  /** The practice's today, `YYYY-MM-DD`. */
  readonly today: string;
  /** The account's running plan (active or delinquent), if it has one: a second is not allowed. */
  readonly runningPlanId?: string | undefined;
}

/**
 * What `GET /v1/plans/options` answers: the policy, the balance, the first-payment window, and
 * whether a plan may be set up now. Eligible when the account has no running plan and the balance
 * is at least the policy's minimum balance and one minimum installment (else `ineligible` says
 * `balance_too_small` with that smallest balance as its `limit`).
 */
export function planOptionsFor({ policy, balanceCents, today, runningPlanId }: PlanEligibilityInput): PlanOptions {
  const ineligible = planBalanceViolation(policy, balanceCents);
  const window = firstDateWindow(policy, today);
  return {
    policy,
    balanceCents,
    today,
    earliestFirstDate: window.earliest,
    latestFirstDate: window.latest,
    eligible: !runningPlanId && !ineligible,
    ...(ineligible ? { ineligible } : {}),
    ...(runningPlanId ? { planId: runningPlanId } : {}),
  };
}
