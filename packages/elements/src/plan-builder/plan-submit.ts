/**
 * Setting up the plan, as pure functions: the review made from the schedule shown, the request sent
 * for it (kept, so a retry repeats it exactly), and what the server's refusal means for the form.
 */
import { isApiError, isAuthorizationRequiredError, isNetworkError, isPlanPolicyError, isSessionExpiredError, type PlanRequest, type PlanSchedule } from '@billpay/sdk';
import type { CapturedMethod } from '../payment-method/capture.js';
import { ruleIssues, type Driver, type Failure, type Issues, type PayMode, type Review } from './plan-model.js';

/** The review of the schedule shown: its terms as the patient chose them (by count or by amount). */
export function reviewOf(schedule: PlanSchedule, driver: Driver, mode: PayMode, captured: CapturedMethod | undefined, today: string): Review {
  return {
    schedule,
    terms: {
      frequency: schedule.frequency,
      firstDate: schedule.firstDate,
      ...(driver === 'count' ? { payments: schedule.installmentCount } : { amountCents: schedule.installmentCents }),
      ...(schedule.downPaymentCents > 0 ? { downPaymentCents: schedule.downPaymentCents } : {}),
    },
    mode,
    captured,
    date: today,
    idempotencyKey: crypto.randomUUID(),
  };
}

/** The request for a review: paid by hand, or automatic with the authorization accepted now. */
export function requestOf(review: Review, authorizationText: string): PlanRequest {
  return {
    ...review.terms,
    payment:
      review.mode === 'manual' || !review.captured
        ? { mode: 'manual' }
        : {
            mode: 'automatic',
            method: review.mode,
            token: review.captured.token,
            authorization: { text: authorizationText, acceptedAt: new Date().toISOString() },
          },
  };
}

/** What a refused Set up plan means. */
export type Refusal =
  /** The session ended. */
  | { readonly then: 'expired' }
  /** The practice's rules, as the server applied them: back to the form with them, the policy loaded again. */
  | { readonly then: 'rules'; readonly issues: Issues; readonly failure: Failure }
  /** The server takes no card for automatic payments: back to the form, the way to pay chosen again. */
  | { readonly then: 'cardRefused' }
  /** The card's token was used or is no longer valid: back to the form, the card typed again. */
  | { readonly then: 'tokenExpired' }
  /** The authorization must be accepted again: stays on the review. */
  | { readonly then: 'accept' }
  /** Stays on the review with this failure (after no answer, Set up plan again repeats the same request). */
  | { readonly then: 'stay'; readonly failure: Failure };

export function refusalOf(error: unknown): Refusal {
  if (isSessionExpiredError(error)) return { then: 'expired' };
  if (isPlanPolicyError(error)) {
    const { issues, blocking } = ruleIssues(error.violations);
    return { then: 'rules', issues, failure: blocking ? { kind: 'ineligible', violation: blocking } : { kind: 'rules' } };
  }
  if (isAuthorizationRequiredError(error)) return { then: 'accept' };
  if (isApiError(error) && error.code === 'autopay_method_unavailable') return { then: 'cardRefused' };
  if (isApiError(error) && (error.code === 'invalid_token' || error.code === 'token_already_used')) return { then: 'tokenExpired' };
  if (isApiError(error) && error.code === 'plan_exists') return { then: 'stay', failure: { kind: 'exists' } };
  if (isNetworkError(error) || (isApiError(error) && error.status >= 500)) return { then: 'stay', failure: { kind: 'network' } };
  return { then: 'stay', failure: { kind: 'other' } };
}
