import '../../../../test/support/fail-on-console.js';
import { expect } from 'chai';
import fc from 'fast-check';
import { addDays, nextStepOf } from '../../src/account-rules.js';
import { daysInMonth } from '../../src/date-of-birth.js';
import { PlanPolicySchema, type PlanPolicy } from '../../src/plan-schemas.js';
import { addMonths, planLimits, planRuleMessage, planSchedule, type PlanChoice, type PlanSchedule } from '../../src/schedule.js';
import type { PlanFrequency } from '../../src/schemas.js';

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
        if (limits.maxPayments > 1) expect(ok({ ...base, amountCents: limits.minAmountCents! }, policy, today).installmentCount).to.be.at.least(limits.maxPayments - 1);
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

describe('nextStepOf with a plan', () => {
  const policies = { daysUntilDue: 30, invoicingFeeCents: 1000, returnedPaymentFeeCents: 3000, letterAfterDays: 90, collectionsAfterLetterDays: 30 };
  const old = { id: 'old', statementDate: '2026-08-19', dueDate: '2026-09-18', letterMailedOn: null };
  const open = new Map([['old', 31_000]]);

  it('is not past due while the plan is current: the plan’s next payment is what is due', () => {
    expect(nextStepOf([old], open, 31_000, policies, '2026-11-22')).to.deep.equal({ kind: 'past_due', dueDate: '2026-09-18', letterOn: '2026-11-17' });
    expect(nextStepOf([old], open, 31_000, policies, '2026-11-22', { current: true, nextDueOn: '2026-12-01' })).to.deep.equal({ kind: 'due', dueDate: '2026-12-01' });
  });

  it('a delinquent plan shields nothing', () => {
    expect(nextStepOf([old], open, 31_000, policies, '2026-11-22', { current: false, nextDueOn: '2026-11-20' })).to.deep.equal({ kind: 'past_due', dueDate: '2026-09-18', letterOn: '2026-11-17' });
  });
});
