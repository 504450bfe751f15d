import '../../../../test/support/fail-on-console.js';
import { expect } from 'chai';
import fc from 'fast-check';
import { addDays, nextStepOf } from '../../src/account-rules.js';
import { daysInMonth } from '../../src/date-of-birth.js';
import { PlanPolicySchema, type PlanPolicy } from '../../src/plan-schemas.js';
import { planRuleMessage } from '../../src/plan-messages.js';
import { addMonths, paymentsForAmount, planLimits, planSchedule, type PlanChoice, type PlanSchedule } from '../../src/schedule.js';
import type { PlanFrequency, PlanRuleViolation } from '../../src/schemas.js';

const HARBOR_POINT: PlanPolicy = {
  minBalanceCents: 5_000,
  minInstallmentCents: 2_500,
  maxMonths: 24,
  frequencies: ['weekly', 'biweekly', 'semimonthly', 'monthly'],
  firstPaymentWithinDays: 30,
  autopay: 'offered',
};
const FREQUENCIES: readonly PlanFrequency[] = ['weekly', 'biweekly', 'semimonthly', 'monthly'];

const dates = (schedule: PlanSchedule) => schedule.payments.map((p) => p.dueOn);
const amounts = (schedule: PlanSchedule) => schedule.payments.map((p) => p.amountCents);

function ok(choice: PlanChoice, policy: PlanPolicy, today: string): PlanSchedule {
  const result = planSchedule(choice, policy, today);
  if (!result.ok) throw new Error(`expected a schedule, got ${JSON.stringify(result.violations)}`);
  return result.schedule;
}

// ------------------------------------------------------------------------------------------------
// Arbitraries: policies within what the policy schema accepts, days from 2020 to 2039 with month
// ends (and 29 February) drawn often, balances up to $100,000.00.

const dayArb = fc.oneof(
  fc.integer({ min: 0, max: 7_300 }).map((n) => addDays('2020-01-01', n)),
  fc.record({ year: fc.integer({ min: 2020, max: 2039 }), month: fc.integer({ min: 1, max: 12 }), back: fc.integer({ min: 0, max: 3 }) }).map(({ year, month, back }) => {
    const day = Math.max(1, daysInMonth(year, month) - back);
    return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  }),
);

const policyArb: fc.Arbitrary<PlanPolicy> = fc
  .record({
    minBalanceCents: fc.integer({ min: 0, max: 100_000 }),
    minInstallmentCents: fc.integer({ min: 100, max: 20_000 }),
    maxMonths: fc.integer({ min: 1, max: 60 }),
    frequencies: fc.subarray([...FREQUENCIES], { minLength: 1 }),
    firstPaymentWithinDays: fc.integer({ min: 1, max: 60 }),
    autopay: fc.constantFrom('offered', 'required_over_months', 'not_offered'),
    manualShare: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ manualShare, ...policy }) => {
    if (policy.autopay !== 'required_over_months' || policy.maxMonths < 2) return { ...policy, autopay: policy.autopay === 'required_over_months' ? 'offered' : policy.autopay };
    return { ...policy, autopayRequiredOverMonths: Math.max(1, Math.min(policy.maxMonths - 1, Math.round(manualShare * policy.maxMonths))) };
  });

/** A policy, a day, and a choice the policy's limits allow (by count or by amount). */
const validChoiceArb = fc
  .record({
    policy: policyArb,
    today: dayArb,
    balanceSpare: fc.integer({ min: 0, max: 10_000_000 }),
    frequencyPick: fc.nat(),
    dayPick: fc.nat(),
    byCount: fc.boolean(),
    pick: fc.double({ min: 0, max: 1, noNaN: true }),
    mode: fc.constantFrom('automatic', 'manual', undefined),
  })
  .map(({ policy, today, balanceSpare, frequencyPick, dayPick, byCount, pick, mode }) => {
    const floor = Math.max(policy.minBalanceCents, policy.minInstallmentCents);
    const balanceCents = floor + balanceSpare;
    const frequency = policy.frequencies[frequencyPick % policy.frequencies.length]!;
    const firstDate = addDays(today, dayPick % (policy.firstPaymentWithinDays + 1));
    const chosenMode = policy.autopay === 'not_offered' && mode === 'automatic' ? 'manual' : mode;
    const limits = planLimits(balanceCents, frequency, firstDate, policy, today, { mode: chosenMode });
    const choice: PlanChoice = byCount
      ? { balanceCents, frequency, firstDate, payments: 1 + Math.floor(pick * (limits.maxPayments - 1)), mode: chosenMode }
      : { balanceCents, frequency, firstDate, amountCents: limits.minAmountCents! + Math.floor(pick * (balanceCents - limits.minAmountCents!)), mode: chosenMode };
    return { policy, today, choice, limits };
  });

describe('planSchedule: properties', () => {
  it('every generated policy is one the schema accepts', () => {
    fc.assert(fc.property(policyArb, (policy) => PlanPolicySchema.safeParse(policy).success));
  });

  it('adds up to the balance to the cent, within the policy, on strictly increasing dates in the window', () => {
    fc.assert(
      fc.property(validChoiceArb, ({ policy, today, choice, limits }) => {
        const schedule = ok(choice, policy, today);
        const paid = amounts(schedule);
        expect(paid.reduce((a, b) => a + b, 0)).to.equal(choice.balanceCents);
        expect(paid.every((cents) => Number.isSafeInteger(cents) && cents >= policy.minInstallmentCents)).to.equal(true);
        // Equal except the last.
        expect(new Set(paid.slice(0, -1)).size).to.be.at.most(1);
        expect(schedule.installmentCount).to.be.within(1, limits.maxPayments);
        if (choice.payments !== undefined) expect(schedule.installmentCount).to.equal(choice.payments);
        if (choice.amountCents !== undefined && schedule.installmentCount > 1) expect(schedule.installmentCents).to.equal(choice.amountCents);
        const due = dates(schedule);
        for (let i = 1; i < due.length; i++) expect(due[i]! > due[i - 1]!, `${due[i - 1]} < ${due[i]}`).to.equal(true);
        expect(due[0]).to.equal(choice.firstDate);
        expect(due[0]! >= today && due[0]! <= addDays(today, policy.firstPaymentWithinDays)).to.equal(true);
        expect(due.at(-1)! < addMonths(choice.firstDate, policy.maxMonths)).to.equal(true);
        if (choice.mode === 'manual' && policy.autopayRequiredOverMonths !== undefined) {
          expect(due.at(-1)! < addMonths(choice.firstDate, policy.autopayRequiredOverMonths)).to.equal(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('keeps the day of the month (or the month’s last day) monthly, and the day and 15 days later twice a month', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 1, max: 48 }), (firstDate, count) => {
        const policy: PlanPolicy = { ...HARBOR_POINT, minBalanceCents: 0, minInstallmentCents: 100, maxMonths: 60, firstPaymentWithinDays: 0 };
        const day = Number(firstDate.slice(8));
        const monthly = dates(ok({ balanceCents: 100 * count, frequency: 'monthly', firstDate, payments: count }, policy, firstDate));
        monthly.forEach((iso, k) => {
          const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
          expect(d).to.equal(Math.min(day, daysInMonth(y, m)));
          expect(iso.slice(0, 7)).to.equal(addMonths(firstDate, k).slice(0, 7));
        });
        const twice = dates(ok({ balanceCents: 100 * count, frequency: 'semimonthly', firstDate, payments: count }, policy, firstDate));
        twice.forEach((iso, k) => {
          expect(iso).to.equal(k % 2 === 0 ? addMonths(firstDate, k / 2) : addDays(addMonths(firstDate, (k - 1) / 2), 15));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('the limits are exact: the most payments works and one more does not, and the refusal names choices that work', () => {
    fc.assert(
      fc.property(validChoiceArb, ({ policy, today, choice, limits }) => {
        const { payments: _p, amountCents: _a, ...base } = choice;
        ok({ ...base, payments: limits.maxPayments }, policy, today);
        ok({ ...base, amountCents: limits.minAmountCents! }, policy, today);
        const tooMany = planSchedule({ ...base, payments: limits.maxPayments + 1 }, policy, today);
        expect(tooMany.ok).to.equal(false);
        if (tooMany.ok) return;
        const [first] = tooMany.violations;
        expect(['installment_too_small', 'plan_too_long', 'autopay_required']).to.include(first.code);
        expect(first.nearest.maxPayments).to.equal(limits.maxPayments);
        expect(first.message).to.equal(planRuleMessage(first));
        ok({ ...base, payments: first.nearest.maxPayments! }, policy, today);
        ok({ ...base, amountCents: first.nearest.minAmountCents! }, policy, today);
        expect(planSchedule({ ...base, amountCents: policy.minInstallmentCents - 1 }, policy, today).ok).to.equal(false);
        // The smallest even amount (schedule.ts), unless it is the policy's minimum: the most
        // payments of it cover the whole and of a cent less would not. (Its plan may take fewer
        // payments: a remainder under the minimum joins the last one.)
        const even = limits.minAmountCents!;
        if (even > policy.minInstallmentCents) {
          expect(even * limits.maxPayments).to.be.at.least(choice.balanceCents);
          expect((even - 1) * limits.maxPayments).to.be.below(choice.balanceCents);
        }
        expect(ok({ ...base, amountCents: even }, policy, today).installmentCount).to.be.at.most(limits.maxPayments);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a first date outside the window, naming the window', () => {
    fc.assert(
      fc.property(policyArb, dayArb, fc.integer({ min: 1, max: 400 }), fc.boolean(), (policy, today, offset, before) => {
        const firstDate = before ? addDays(today, -offset) : addDays(today, policy.firstPaymentWithinDays + offset);
        const result = planSchedule(
          { balanceCents: Math.max(policy.minBalanceCents, policy.minInstallmentCents), frequency: policy.frequencies[0]!, firstDate, payments: 1 },
          policy,
          today,
        );
        expect(result.ok).to.equal(false);
        if (result.ok) return;
        const rule = result.violations.find((v) => v.code === 'first_date_out_of_window');
        expect(rule?.nearest).to.deep.equal({ earliestFirstDate: today, latestFirstDate: addDays(today, policy.firstPaymentWithinDays) });
      }),
    );
  });
});

describe('planSchedule: examples', () => {
  const TODAY = '2027-01-20';

  it('monthly from 31 January: 28 February, 31 March, 30 April (2027), and 29 February in a leap year', () => {
    const plain = ok({ balanceCents: 40_000, frequency: 'monthly', firstDate: '2027-01-31', payments: 4 }, HARBOR_POINT, TODAY);
    expect(dates(plain)).to.deep.equal(['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30']);
    const leap = ok({ balanceCents: 40_000, frequency: 'monthly', firstDate: '2028-01-31', payments: 3 }, HARBOR_POINT, '2028-01-10');
    expect(dates(leap)).to.deep.equal(['2028-01-31', '2028-02-29', '2028-03-31']);
    expect(addMonths('2028-02-29', 12)).to.equal('2029-02-28');
  });

  it('twice a month is the day chosen and 15 days later', () => {
    const schedule = ok({ balanceCents: 30_000, frequency: 'semimonthly', firstDate: '2027-01-31', payments: 6 }, HARBOR_POINT, TODAY);
    expect(dates(schedule)).to.deep.equal(['2027-01-31', '2027-02-15', '2027-02-28', '2027-03-15', '2027-03-31', '2027-04-15']);
  });

  it('weekly and every two weeks', () => {
    expect(dates(ok({ balanceCents: 10_000, frequency: 'weekly', firstDate: '2027-02-26', payments: 3 }, HARBOR_POINT, '2027-02-20'))).to.deep.equal(['2027-02-26', '2027-03-05', '2027-03-12']);
    expect(dates(ok({ balanceCents: 10_000, frequency: 'biweekly', firstDate: '2027-02-26', payments: 3 }, HARBOR_POINT, '2027-02-20'))).to.deep.equal(['2027-02-26', '2027-03-12', '2027-03-26']);
  });

  it('by number of payments the last takes the remainder; by amount a small remainder joins the last payment', () => {
    expect(amounts(ok({ balanceCents: 10_001, frequency: 'monthly', firstDate: TODAY, payments: 3 }, HARBOR_POINT, TODAY))).to.deep.equal([3_333, 3_333, 3_335]);
    expect(amounts(ok({ balanceCents: 10_000, frequency: 'monthly', firstDate: TODAY, amountCents: 3_000 }, HARBOR_POINT, TODAY))).to.deep.equal([3_000, 3_000, 4_000]);
    expect(amounts(ok({ balanceCents: 12_000, frequency: 'monthly', firstDate: TODAY, amountCents: 3_000 }, HARBOR_POINT, TODAY))).to.deep.equal([3_000, 3_000, 3_000, 3_000]);
    expect(amounts(ok({ balanceCents: 15_000, frequency: 'monthly', firstDate: TODAY, amountCents: 4_000 }, HARBOR_POINT, TODAY))).to.deep.equal([4_000, 4_000, 4_000, 3_000]);
    expect(amounts(ok({ balanceCents: 14_000, frequency: 'monthly', firstDate: TODAY, amountCents: 4_000 }, HARBOR_POINT, TODAY))).to.deep.equal([4_000, 4_000, 6_000]);
  });

  it('a last installment of exactly the minimum is a payment of its own; a cent less joins the one before', () => {
    // By amount: $145.00 at $40.00 leaves $25.00, the minimum; $144.99 leaves $24.99.
    const exact = ok({ balanceCents: 14_500, frequency: 'monthly', firstDate: TODAY, amountCents: 4_000 }, HARBOR_POINT, TODAY);
    expect(amounts(exact)).to.deep.equal([4_000, 4_000, 4_000, 2_500]);
    expect([exact.installmentCount, exact.installmentCents, exact.lastInstallmentCents]).to.deep.equal([4, 4_000, 2_500]);
    expect(amounts(ok({ balanceCents: 14_499, frequency: 'monthly', firstDate: TODAY, amountCents: 4_000 }, HARBOR_POINT, TODAY))).to.deep.equal([4_000, 4_000, 6_499]);
    // By number: $75.00 in 3 is three payments of the minimum; $74.99 in 3 is under it.
    expect(amounts(ok({ balanceCents: 7_500, frequency: 'monthly', firstDate: TODAY, payments: 3 }, HARBOR_POINT, TODAY))).to.deep.equal([2_500, 2_500, 2_500]);
    expect(planLimits(7_500, 'monthly', TODAY, HARBOR_POINT, TODAY).maxPayments).to.equal(3);
    const under = planSchedule({ balanceCents: 7_499, frequency: 'monthly', firstDate: TODAY, payments: 3 }, HARBOR_POINT, TODAY);
    expect(under.ok ? [] : under.violations.map((v) => [v.code, v.nearest.maxPayments])).to.deep.equal([['installment_too_small', 2]]);
    expect(planLimits(7_499, 'monthly', TODAY, HARBOR_POINT, TODAY).maxPayments).to.equal(2);
  });

  it('$2,400.00 over 24 months is $100.00 a month; a down payment comes first, today', () => {
    const plan = ok({ balanceCents: 240_000, frequency: 'monthly', firstDate: '2027-02-01', payments: 24 }, HARBOR_POINT, TODAY);
    expect(new Set(amounts(plan))).to.deep.equal(new Set([10_000]));
    expect(plan.lastDate).to.equal('2029-01-01');
    const withDown = ok({ balanceCents: 240_000, frequency: 'monthly', firstDate: '2027-02-01', payments: 10, downPaymentCents: 40_000 }, HARBOR_POINT, TODAY);
    expect(withDown.payments[0]).to.deep.equal({ number: 1, kind: 'down_payment', dueOn: TODAY, amountCents: 40_000 });
    expect(withDown.payments.slice(1).map((p) => p.amountCents)).to.deep.equal(Array.from({ length: 10 }, () => 20_000));
    const sameDay = planSchedule({ balanceCents: 240_000, frequency: 'monthly', firstDate: TODAY, payments: 10, downPaymentCents: 40_000 }, HARBOR_POINT, TODAY);
    expect(sameDay.ok ? [] : sameDay.violations.map((v) => v.code)).to.deep.equal(['first_date_out_of_window']);
  });

  it('names the rule and the nearest choices that work, in English', () => {
    const messages = (choice: PlanChoice, policy: PlanPolicy = HARBOR_POINT) => {
      const result = planSchedule(choice, policy, TODAY);
      return result.ok ? [] : result.violations.map((v) => [v.code, v.message]);
    };
    expect(messages({ balanceCents: 30_000, frequency: 'monthly', firstDate: TODAY, payments: 13 })).to.deep.equal([
      ['installment_too_small', 'At least $25.00 a payment: up to 12 monthly payments.'],
    ]);
    expect(messages({ balanceCents: 30_000, frequency: 'weekly', firstDate: TODAY, amountCents: 2_000 })).to.deep.equal([
      ['installment_too_small', 'At least $25.00 a payment: up to 12 weekly payments.'],
    ]);
    expect(messages({ balanceCents: 240_000, frequency: 'monthly', firstDate: TODAY, payments: 30 })).to.deep.equal([
      ['plan_too_long', 'At most 24 months: up to 24 monthly payments or at least $100.00 a payment.'],
    ]);
    expect(messages({ balanceCents: 4_999, frequency: 'monthly', firstDate: TODAY, payments: 1 })).to.deep.equal([
      ['balance_too_small', 'Payment plans are for balances of at least $50.00.'],
    ]);
    expect(messages({ balanceCents: 30_000, frequency: 'weekly', firstDate: TODAY, payments: 2 }, { ...HARBOR_POINT, frequencies: ['monthly', 'semimonthly'] })).to.deep.equal([
      ['frequency_not_offered', 'Payments can be made monthly or twice a month.'],
    ]);
    expect(messages({ balanceCents: 30_000, frequency: 'monthly', firstDate: '2027-02-20', payments: 2 })).to.deep.equal([
      ['first_date_out_of_window', 'The first payment must be between January 20, 2027 and February 19, 2027.'],
    ]);
    expect(messages({ balanceCents: 30_000, frequency: 'monthly', firstDate: TODAY, amountCents: 40_000 })).to.deep.equal([
      ['amount_too_large', 'At most $300.00 a payment: that is everything in one payment.'],
    ]);
    const manualUpTo6: PlanPolicy = { ...HARBOR_POINT, autopay: 'required_over_months', autopayRequiredOverMonths: 6 };
    expect(messages({ balanceCents: 240_000, frequency: 'monthly', firstDate: TODAY, payments: 12, mode: 'manual' }, manualUpTo6)).to.deep.equal([
      ['autopay_required', 'Plans longer than 6 months need automatic payment. To pay each installment yourself: up to 6 monthly payments or at least $400.00 a payment.'],
    ]);
    expect(messages({ balanceCents: 240_000, frequency: 'monthly', firstDate: TODAY, payments: 12, mode: 'automatic' }, manualUpTo6)).to.deep.equal([]);
    expect(messages({ balanceCents: 240_000, frequency: 'monthly', firstDate: TODAY, payments: 12, mode: 'automatic' }, { ...HARBOR_POINT, autopay: 'not_offered' })).to.deep.equal([
      ['autopay_not_offered', 'Automatic payment is not offered for plans here: you pay each installment yourself.'],
    ]);
    expect(messages({ balanceCents: 30_000, frequency: 'monthly', firstDate: '2027-01-21', payments: 2 }, { ...HARBOR_POINT, downPaymentCents: 5_000 })).to.deep.equal([
      ['down_payment_too_small', 'A down payment of at least $50.00 is needed.'],
    ]);
    expect(messages({ balanceCents: 30_000, frequency: 'monthly', firstDate: '2027-01-21', payments: 2, downPaymentCents: 29_000 })).to.deep.equal([
      ['down_payment_too_large', 'The down payment can be at most $275.00, so the plan has at least one payment left.'],
    ]);
    expect(messages({ balanceCents: 30_000, frequency: 'monthly', firstDate: TODAY, payments: 2, amountCents: 100 })[0]?.[0]).to.equal('invalid_choice');
  });

  it('the policy schema refuses a policy where automatic payment would be the only way', () => {
    expect(PlanPolicySchema.safeParse({ ...HARBOR_POINT, autopay: 'required_over_months' }).success).to.equal(false);
    expect(PlanPolicySchema.safeParse({ ...HARBOR_POINT, autopay: 'required_over_months', autopayRequiredOverMonths: 24 }).success).to.equal(false);
    expect(PlanPolicySchema.safeParse({ ...HARBOR_POINT, autopay: 'required_over_months', autopayRequiredOverMonths: 12 }).success).to.equal(true);
    expect(PlanPolicySchema.safeParse(HARBOR_POINT).success).to.equal(true);
  });
});

describe('planSchedule: what it refuses, and how', () => {
  const TODAY = '2027-01-20';
  const base: PlanChoice = { balanceCents: 30_000, frequency: 'monthly', firstDate: '2027-02-01', payments: 3 };
  const violations = (choice: PlanChoice, policy: PlanPolicy = HARBOR_POINT): readonly PlanRuleViolation[] => {
    const result = planSchedule(choice, policy, TODAY);
    return result.ok ? [] : result.violations;
  };
  const refusal = (choice: PlanChoice, policy: PlanPolicy = HARBOR_POINT) => violations(choice, policy).map((v) => [v.code, v.field]);

  it('refuses a malformed choice, naming the field to fix', () => {
    const { payments: _payments, ...noCount } = base;
    const cases: [Partial<PlanChoice>, string][] = [
      ...['2027-02-30', '2027-13-01', '2027-00-10', '2027-02-00', '0000-02-01', '2027-2-01', ' 2027-02-01', '2027-02-01T00:00'].map(
        (firstDate): [Partial<PlanChoice>, string] => [{ firstDate }, 'firstDate'],
      ),
      [{ downPaymentCents: -100 }, 'downPaymentCents'],
      [{ downPaymentCents: 100.5 }, 'downPaymentCents'],
      [{ balanceCents: 30_000.5 }, 'payments'],
      [{ payments: 0 }, 'payments'],
      [{ payments: 2.5 }, 'payments'],
      [{ payments: 3, amountCents: 10_000 }, 'payments'],
    ];
    // Well-formed, just outside the window, is another rule.
    expect(refusal({ ...base, firstDate: '0001-01-01' })).to.deep.equal([['first_date_out_of_window', 'firstDate']]);
    for (const [change, field] of cases) {
      expect(refusal({ ...base, ...change }), JSON.stringify(change)).to.deep.equal([['invalid_choice', field]]);
    }
    expect(refusal(noCount)).to.deep.equal([['invalid_choice', 'amountCents']]);
    expect(refusal({ ...noCount, amountCents: 0 })).to.deep.equal([['invalid_choice', 'amountCents']]);
    expect(refusal({ ...noCount, amountCents: 10_000.5 })).to.deep.equal([['invalid_choice', 'amountCents']]);
    expect(refusal({ ...noCount, amountCents: 1 })).to.deep.equal([['installment_too_small', 'amountCents']]);
    expect(violations({ ...base, payments: 0 })).to.deep.equal([{
      code: 'invalid_choice',
      field: 'payments',
      nearest: { minPayments: 1, earliestFirstDate: TODAY, latestFirstDate: '2027-02-19' },
      message: 'Choose a number of payments or an amount per payment (one of the two), and a first payment date.',
    }]);
    expect(() => planSchedule(base, HARBOR_POINT, '2027-02-29')).to.throw(TypeError, 'planSchedule: today must be a YYYY-MM-DD date');
    expect(() => addMonths('2027-1-31', 1)).to.throw(TypeError, 'addMonths: expected a YYYY-MM-DD date and a whole number of months');
    expect(() => addMonths('2027-01-31', 1.5)).to.throw(TypeError);
  });

  it('names the field of every rule', () => {
    expect(refusal({ ...base, balanceCents: 4_999 })).to.deep.equal([['balance_too_small', 'balanceCents']]);
    expect(refusal({ ...base, frequency: 'weekly' }, { ...HARBOR_POINT, frequencies: ['monthly'] })).to.deep.equal([['frequency_not_offered', 'frequency']]);
    expect(refusal({ ...base, mode: 'automatic' }, { ...HARBOR_POINT, autopay: 'not_offered' })).to.deep.equal([['autopay_not_offered', 'mode']]);
    expect(refusal({ ...base, firstDate: '2027-03-01' })).to.deep.equal([['first_date_out_of_window', 'firstDate']]);
    expect(refusal({ ...base, payments: 13 })).to.deep.equal([['installment_too_small', 'payments']]);
    const { payments: _payments, ...noCount } = base;
    expect(refusal({ ...noCount, amountCents: 2_000 })).to.deep.equal([['installment_too_small', 'amountCents']]);
    expect(refusal({ ...noCount, amountCents: 30_001 })).to.deep.equal([['amount_too_large', 'amountCents']]);
    expect(refusal({ ...noCount, amountCents: 1_000 }, { ...HARBOR_POINT, maxMonths: 6 })).to.deep.equal([['installment_too_small', 'amountCents']]);
    expect(refusal({ ...noCount, amountCents: 2_500 }, { ...HARBOR_POINT, maxMonths: 6 })).to.deep.equal([['plan_too_long', 'amountCents']]);
  });

  it('reports every rule a choice breaks, not only the first', () => {
    expect(refusal({ ...base, firstDate: '2027-03-01', payments: 13 })).to.deep.equal([
      ['first_date_out_of_window', 'firstDate'],
      ['installment_too_small', 'payments'],
    ]);
    expect(refusal({ ...base, mode: 'automatic', firstDate: '2027-03-01' }, { ...HARBOR_POINT, autopay: 'not_offered' })).to.deep.equal([
      ['autopay_not_offered', 'mode'],
      ['first_date_out_of_window', 'firstDate'],
    ]);
  });

  it('names the tightest limit when a count breaks two: 13 payments of $300.00 in a 6-month plan is too long before too small', () => {
    expect(violations({ ...base, firstDate: TODAY, payments: 13 }, { ...HARBOR_POINT, maxMonths: 6 }).map((v) => [v.code, v.limit, v.message])).to.deep.equal([
      ['plan_too_long', 6, 'At most 6 months: up to 6 monthly payments or at least $50.00 a payment.'],
    ]);
  });

  it('counts weekly and every-two-weeks payments against the plan’s length', () => {
    // 1 February to 1 March 2027 is 28 days: 4 weekly payments fit, and 2 every two weeks.
    const oneMonth: PlanPolicy = { ...HARBOR_POINT, maxMonths: 1 };
    expect(planLimits(30_000, 'weekly', '2027-02-01', oneMonth, TODAY).maxPayments).to.equal(4);
    expect(planLimits(30_000, 'biweekly', '2027-02-01', oneMonth, TODAY).maxPayments).to.equal(2);
    ok({ ...base, frequency: 'weekly', payments: 4 }, oneMonth, TODAY);
    expect(refusal({ ...base, frequency: 'weekly', payments: 5 }, oneMonth)).to.deep.equal([['plan_too_long', 'payments']]);
    expect(refusal({ ...base, frequency: 'biweekly', payments: 3 }, oneMonth)).to.deep.equal([['plan_too_long', 'payments']]);
  });

  it('takes a down payment of exactly the practice’s minimum, or of $1.00 where it sets none, and not a cent less', () => {
    const withDown = (downPaymentCents: number, policy: PlanPolicy = HARBOR_POINT) => violations({ ...base, firstDate: '2027-01-21', downPaymentCents }, policy);
    const minimum = { ...HARBOR_POINT, downPaymentCents: 5_000 };
    expect(withDown(5_000, minimum)).to.deep.equal([]);
    expect(withDown(100)).to.deep.equal([]);
    expect(withDown(4_999, minimum).map((v) => [v.code, v.field, v.limit, v.nearest])).to.deep.equal([
      ['down_payment_too_small', 'downPaymentCents', 5_000, { minDownPaymentCents: 5_000, maxDownPaymentCents: 27_500 }],
    ]);
    expect(withDown(99).map((v) => [v.code, v.limit, v.message])).to.deep.equal([['down_payment_too_small', 100, 'A down payment of at least $1.00 is needed.']]);
    expect(withDown(27_501, minimum).map((v) => [v.code, v.limit, v.nearest])).to.deep.equal([
      ['down_payment_too_large', 27_500, { minDownPaymentCents: 5_000, maxDownPaymentCents: 27_500 }],
    ]);
    // With a down payment, a refusal of the installments also says how large the down payment may be.
    const [tooMany] = violations({ ...base, firstDate: '2027-01-21', downPaymentCents: 5_000, payments: 11 });
    expect(tooMany?.nearest).to.deep.equal({
      frequency: 'monthly', minPayments: 1, maxPayments: 10, minAmountCents: 2_500, maxAmountCents: 25_000, maxDownPaymentCents: 27_500,
    });
    // ...though the message names the number of payments that works, which is enough.
    expect(tooMany?.message).to.equal('At least $25.00 a payment: up to 10 monthly payments.');
    expect(violations({ ...base, payments: 13 })[0]?.nearest).not.to.have.property('maxDownPaymentCents');
    // A rule without a limit has none in its answer.
    expect(violations({ ...base, mode: 'automatic' }, { ...HARBOR_POINT, autopay: 'not_offered' })[0]).not.to.have.property('limit');
  });

  it('numbers the payments in order, the down payment first', () => {
    const plan = ok({ ...base, firstDate: '2027-01-21', downPaymentCents: 5_000 }, HARBOR_POINT, TODAY);
    expect(plan.payments.map((p) => [p.number, p.kind])).to.deep.equal([[1, 'down_payment'], [2, 'installment'], [3, 'installment'], [4, 'installment']]);
    expect(ok(base, HARBOR_POINT, TODAY).payments.map((p) => [p.number, p.kind])).to.deep.equal([[1, 'installment'], [2, 'installment'], [3, 'installment']]);
  });

  it('gives the limits a plan builder needs: tomorrow at the earliest after a down payment, and no amount when nothing works', () => {
    expect(planLimits(25_000, 'monthly', '2027-01-21', HARBOR_POINT, TODAY, { downPaymentCents: 5_000 })).to.include({ earliestFirstDate: '2027-01-21', latestFirstDate: '2027-02-19' });
    expect(planLimits(30_000, 'monthly', TODAY, HARBOR_POINT, TODAY)).to.include({ earliestFirstDate: TODAY, maxPayments: 12, minAmountCents: 2_500 });
    const nothing = planLimits(2_000, 'monthly', TODAY, HARBOR_POINT, TODAY);
    expect([nothing.maxPayments, nothing.minAmountCents]).to.deep.equal([0, undefined]);
    // One payment of the whole amount, even when it is smaller than the minimum installment.
    expect(paymentsForAmount(2_000, 5_000, 2_500)).to.equal(1);
    expect(paymentsForAmount(5_000, 5_000, 2_500)).to.equal(1);
  });

  it('words every frequency, one or several, and one month or payment in the singular', () => {
    expect(planRuleMessage({ code: 'frequency_not_offered', nearest: { frequencies: ['weekly', 'biweekly', 'semimonthly'] } })).to.equal(
      'Payments can be made weekly, every two weeks or twice a month.',
    );
    expect(planRuleMessage({ code: 'frequency_not_offered', nearest: { frequencies: ['monthly'] } })).to.equal('Payments can be made monthly.');
    expect(planRuleMessage({ code: 'plan_too_long', limit: 1, nearest: { frequency: 'monthly', maxPayments: 1, minAmountCents: 30_000 } })).to.equal(
      'At most 1 month: up to 1 monthly payment or at least $300.00 a payment.',
    );
    expect(planRuleMessage({ code: 'plan_too_long', limit: 1, nearest: { frequency: 'biweekly', maxPayments: 2, minAmountCents: 15_000 } })).to.equal(
      'At most 1 month: up to 2 payments every two weeks or at least $150.00 a payment.',
    );
    expect(planRuleMessage({ code: 'plan_too_long', limit: 2, nearest: { frequency: 'semimonthly', maxPayments: 0, minAmountCents: 15_000 } })).to.equal(
      'At most 2 months: at least $150.00 a payment.',
    );
    expect(planRuleMessage({ code: 'plan_too_long', limit: 2, nearest: { frequency: 'weekly', maxPayments: 8 } })).to.equal('At most 2 months: up to 8 weekly payments.');
    expect(planRuleMessage({ code: 'installment_too_small', limit: 2_500, nearest: { frequency: 'weekly', maxPayments: 1 } })).to.equal(
      'At least $25.00 a payment: up to 1 weekly payment.',
    );
    expect(planRuleMessage({ code: 'installment_too_small', limit: 2_500, nearest: { maxPayments: 0, maxDownPaymentCents: 27_500 } })).to.equal(
      'At least $25.00 a payment: a down payment of at most $275.00.',
    );
    expect(planRuleMessage({ code: 'autopay_required', limit: 1, nearest: { frequency: 'monthly', maxPayments: 1 } })).to.equal(
      'Plans longer than 1 month need automatic payment. To pay each installment yourself: up to 1 monthly payment.',
    );
    expect(planRuleMessage({ code: 'first_date_out_of_window', nearest: {} })).to.equal('The first payment date is outside the allowed window.');
    expect(planRuleMessage({ code: 'autopay_required', limit: 2, nearest: { frequency: 'semimonthly', maxPayments: 4, minAmountCents: 7_500 } })).to.equal(
      'Plans longer than 2 months need automatic payment. To pay each installment yourself: up to 4 twice-a-month payments or at least $75.00 a payment.',
    );
  });

  it('says one payment in the singular at every frequency', () => {
    const words: [PlanFrequency, string][] = [['weekly', 'weekly payment'], ['biweekly', 'payment every two weeks'], ['semimonthly', 'twice-a-month payment'], ['monthly', 'monthly payment']];
    for (const [frequency, one] of words) {
      expect(planRuleMessage({ code: 'installment_too_small', limit: 2_500, nearest: { frequency, maxPayments: 1 } })).to.equal(`At least $25.00 a payment: up to 1 ${one}.`);
      expect(planRuleMessage({ code: 'plan_too_long', limit: 1, nearest: { frequency, maxPayments: 1 } })).to.equal(`At most 1 month: up to 1 ${one}.`);
    }
    // As a patient meets it: $30.00 left after a $270.00 down payment is one payment of at least $25.00.
    const [rule] = violations({ ...base, frequency: 'biweekly', firstDate: '2027-01-21', downPaymentCents: 27_000, payments: 2 });
    expect(rule?.message).to.equal('At least $25.00 a payment: up to 1 payment every two weeks.');
  });
});

describe('nextStepOf with a plan', () => {
  const policies = { daysUntilDue: 30, invoicingFeeCents: 1000, returnedPaymentFeeCents: 3000, letterAfterDays: 90, collectionsAfterLetterDays: 30 };
  const old = { id: 'old', statementDate: '2026-08-19', dueDate: '2026-09-18', letterMailedOn: null };
  const open = new Map([['old', 31_000]]);

  it('is not past due while the plan is current: the plan’s next payment is what is due', () => {
    expect(nextStepOf([old], open, 31_000, policies, '2026-11-22')).to.deep.equal({ kind: 'past_due', dueDate: '2026-09-18', letterOn: '2026-11-17' });
    const plan = { current: true, nextPayment: { dueOn: '2026-12-01', amountCents: 40_000 }, behindCents: 0 };
    expect(nextStepOf([old], open, 31_000, policies, '2026-11-22', plan)).to.deep.equal({ kind: 'plan_due', amountCents: 40_000, dueDate: '2026-12-01' });
  });

  it('a kept plan with a payment that failed or was missed: what is behind, by its new date (not the balance)', () => {
    const plan = { current: true, nextPayment: { dueOn: '2026-11-25', amountCents: 40_000 }, behindCents: 40_000 };
    expect(nextStepOf([old], open, 31_000, policies, '2026-11-22', plan)).to.deep.equal({ kind: 'plan_behind', behindCents: 40_000, dueDate: '2026-11-25' });
  });

  it('a plan says nothing once nothing is owed, or without a next payment', () => {
    const plan = { current: true, nextPayment: { dueOn: '2026-12-01', amountCents: 40_000 }, behindCents: 0 };
    expect(nextStepOf([old], new Map([['old', 0]]), 0, policies, '2026-11-22', plan)).to.deep.equal({ kind: 'paid_in_full' });
    expect(nextStepOf([old], open, 31_000, policies, '2026-11-22', { current: true, behindCents: 0 }).kind).to.equal('past_due');
  });

  it('a delinquent plan shields nothing', () => {
    const plan = { current: false, nextPayment: { dueOn: '2026-11-20', amountCents: 40_000 }, behindCents: 80_000 };
    expect(nextStepOf([old], open, 31_000, policies, '2026-11-22', plan)).to.deep.equal({ kind: 'past_due', dueDate: '2026-09-18', letterOn: '2026-11-17' });
  });
});
