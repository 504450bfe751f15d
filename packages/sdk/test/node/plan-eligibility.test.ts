import '../../../../test/support/fail-on-console.js';
import { expect } from 'chai';
import fc from 'fast-check';
import { planOptionsFor } from '../../src/plan-eligibility.js';
import { firstDateWindow, planBalanceViolation, planSchedule } from '../../src/schedule.js';
import type { PlanPolicy } from '../../src/plan-schemas.js';

const policy: PlanPolicy = {
  minBalanceCents: 5_000,
  minInstallmentCents: 2_500,
  maxMonths: 24,
  frequencies: ['weekly', 'biweekly', 'semimonthly', 'monthly'],
  firstPaymentWithinDays: 30,
  autopay: 'offered',
};
const today = '2026-11-22';

describe('planBalanceViolation', () => {
  it('lets a balance of at least the minimum balance have a plan', () => {
    expect(planBalanceViolation(policy, 5_000)).to.equal(undefined);
    expect(planBalanceViolation(policy, 123_456)).to.equal(undefined);
  });

  it('refuses a smaller balance with balance_too_small, the smallest balance as its limit, and its English sentence', () => {
    expect(planBalanceViolation(policy, 4_999)).to.deep.equal({
      code: 'balance_too_small',
      field: 'balanceCents',
      nearest: {},
      limit: 5_000,
      message: 'Payment plans are for balances of at least $50.00.',
    });
  });

  it('needs at least one minimum installment when that is more than the minimum balance', () => {
    const small = { ...policy, minBalanceCents: 0, minInstallmentCents: 3_000 };
    expect(planBalanceViolation(small, 2_999)?.limit).to.equal(3_000);
    expect(planBalanceViolation(small, 3_000)).to.equal(undefined);
  });

  it('refuses nothing owed, whatever the policy', () => {
    expect(planBalanceViolation({ minBalanceCents: 0, minInstallmentCents: 0 }, 0)?.code).to.equal('balance_too_small');
  });

  it('is the rule planSchedule checks a plan with', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), (balanceCents) => {
        const result = planSchedule({ balanceCents, frequency: 'monthly', firstDate: '2026-12-01', payments: 1 }, policy, today);
        const tooSmall = !result.ok && result.violations[0].code === 'balance_too_small';
        expect(tooSmall).to.equal(planBalanceViolation(policy, balanceCents) !== undefined);
      }),
    );
  });
});

describe('planOptionsFor', () => {
  const window = firstDateWindow(policy, today);

  it('answers an eligible account with the policy, the balance, today and the first-payment window', () => {
    expect(planOptionsFor({ policy, balanceCents: 30_000, today })).to.deep.equal({
      policy,
      balanceCents: 30_000,
      today,
      earliestFirstDate: window.earliest,
      latestFirstDate: window.latest,
      eligible: true,
    });
  });

  it('says why a balance too small is not eligible', () => {
    const options = planOptionsFor({ policy, balanceCents: 1_000, today });
    expect(options.eligible).to.equal(false);
    expect(options.ineligible).to.include({ code: 'balance_too_small', limit: 5_000 });
    expect(options).not.to.have.property('planId');
  });

  it('names the running plan of an account that has one, which is then not eligible for another', () => {
    const options = planOptionsFor({ policy, balanceCents: 30_000, today, runningPlanId: 'plan_1' });
    expect(options).to.include({ eligible: false, planId: 'plan_1' });
    expect(options).not.to.have.property('ineligible');
  });
});
