import type { PlanRuleCode, PlanRuleViolation } from '../schemas.js';
import { BillPayError, type ErrorContext } from './billpay-error.js';

/**
 * The plan breaks a rule of the practice's policy. `code` is the rule (e.g.
 * `installment_too_small`); `violations` lists every rule broken, each with the policy's number
 * (`limit`) and the nearest choices that work (`nearest`), so a widget can say, in the reader's
 * language, "At least $25.00 a payment: up to 12 monthly payments".
 */
export class PlanPolicyError extends BillPayError {
  override readonly name = 'PlanPolicyError';
  override readonly code: PlanRuleCode;
  readonly violations: readonly PlanRuleViolation[];

  constructor(violations: readonly [PlanRuleViolation, ...PlanRuleViolation[]], context: ErrorContext = {}) {
    super(violations[0].code, violations[0].message, context);
    this.code = violations[0].code;
    this.violations = violations;
  }

  /** The first (most fundamental) rule broken. */
  get violation(): PlanRuleViolation {
    return this.violations[0]!;
  }
}

export function isPlanPolicyError(error: unknown): error is PlanPolicyError {
  return error instanceof PlanPolicyError || (error as { name?: unknown } | null)?.name === 'PlanPolicyError';
}
