import '../../../../test/support/fail-on-console.js';
import { expect } from 'chai';
import fc from 'fast-check';
import { changeInstallmentAmount, moveInstallment, nextScheduleDate, skipInstallment, type ChangeableInstallment, type ChangeablePlan } from '../../src/plan-changes.js';
import { installmentDate } from '../../src/schedule.js';
import type { InstallmentStatus } from '../../src/plan-schemas.js';
import type { PlanFrequency, PlanMode } from '../../src/schemas.js';

const today = '2026-11-22';
const policy = { maxMonths: 24, minInstallmentCents: 2_500 };

function planOf(mode: PlanMode, frequency: PlanFrequency, firstDate: string, amounts: readonly number[], statuses: readonly InstallmentStatus[] = []) {
  const installments: ChangeableInstallment[] = amounts.map((amountCents, index) => ({
    number: index + 1,
    status: statuses[index] ?? 'scheduled',
    nextDueOn: installmentDate(frequency, firstDate, index),
    amountCents,
  }));
  const plan: ChangeablePlan = { status: 'active', mode, frequency, firstDate, lastDate: installments.at(-1)!.nextDueOn };
  return { plan, installments };
}

describe('moveInstallment', () => {
  const { plan, installments } = planOf('automatic', 'monthly', '2026-11-27', [5_000, 5_000, 5_000, 5_000]);

  it('moves within 30 days, between its neighbours, never to today for an automatic plan', () => {
    expect(moveInstallment(plan, installments, 2, '2027-01-05', today)).to.deep.equal({ ok: true, number: 2, fromDate: '2026-12-27', dueOn: '2027-01-05' });
    const tooFar = moveInstallment(plan, installments, 2, '2027-01-27', today);
    expect(tooFar).to.include({ ok: false, code: 'move_out_of_window', earliest: '2026-11-27', latest: '2027-01-26' });
    expect(moveInstallment(plan, installments, 1, today, today)).to.include({ code: 'move_out_of_window', earliest: '2026-11-23' });
    expect(moveInstallment(plan, installments, 4, '2027-03-01', today)).to.include({ code: 'move_out_of_window', latest: '2027-02-27' });
    expect(moveInstallment({ ...plan, mode: 'manual' }, installments, 1, today, today)).to.include({ ok: true });
  });

  it('refuses an installment being charged, paid, or a plan no longer running', () => {
    const busy = installments.map((i) => (i.number === 1 ? { ...i, status: 'charging' as const } : i));
    expect(moveInstallment(plan, busy, 1, '2026-11-30', today)).to.include({ code: 'installment_busy' });
    const paid = installments.map((i) => (i.number === 1 ? { ...i, status: 'paid' as const } : i));
    expect(moveInstallment(plan, paid, 1, '2026-11-30', today)).to.include({ code: 'installment_closed' });
    expect(moveInstallment({ ...plan, status: 'canceled' }, installments, 1, '2026-11-30', today)).to.include({ code: 'plan_not_active' });
    expect(moveInstallment(plan, installments, 9, '2026-11-30', today)).to.include({ code: 'installment_not_found' });
  });
});

describe('skipInstallment', () => {
  it('puts the amount one period past the last date, within the plan’s length', () => {
    const { plan, installments } = planOf('manual', 'monthly', '2026-11-30', [5_000, 5_000, 5_000]);
    expect(skipInstallment(plan, installments, 1, policy)).to.deep.equal({ ok: true, number: 1, amountCents: 5_000, fromDate: '2026-11-30', dueOn: '2027-02-28' });
    const full = planOf('manual', 'monthly', '2026-11-30', Array.from({ length: 24 }, () => 2_500));
    expect(skipInstallment(full.plan, full.installments, 3, policy)).to.include({ ok: false, code: 'plan_too_long' });
  });

  it('finds the next date of the schedule, month ends kept', () => {
    expect(nextScheduleDate({ frequency: 'monthly', firstDate: '2027-01-31' }, '2027-02-28')).to.equal('2027-03-31');
    expect(nextScheduleDate({ frequency: 'biweekly', firstDate: '2026-11-24' }, '2026-11-24')).to.equal('2026-12-08');
  });
});

describe('changeInstallmentAmount', () => {
  it('keeps an automatic debit due within 10 days, and needs notice for the rest', () => {
    const { plan, installments } = planOf('automatic', 'monthly', '2026-11-27', [5_000, 5_000, 5_000, 5_000]);
    const change = changeInstallmentAmount(plan, installments, 7_500, policy, today);
    expect(change).to.deep.equal({
      ok: true,
      updates: [{ number: 2, fromCents: 5_000, amountCents: 7_500 }, { number: 3, fromCents: 5_000, amountCents: 7_500 }],
      cancels: [4],
      appends: [],
      coveredCents: 15_000,
      effectiveFrom: '2026-12-27',
      unchanged: [1],
      noticeRequired: true,
      lastDate: '2027-01-27',
    });
  });

  it('refuses amounts under the minimum, over what is left, or that would make the plan too long', () => {
    const { plan, installments } = planOf('manual', 'monthly', '2026-11-27', [5_000, 5_000]);
    expect(changeInstallmentAmount(plan, installments, 2_499, policy, today)).to.include({ code: 'installment_too_small', minimumCents: 2_500 });
    expect(changeInstallmentAmount(plan, installments, 10_001, policy, today)).to.include({ code: 'amount_too_large', maximumCents: 10_000 });
    expect(changeInstallmentAmount(plan, installments, 5_000, policy, today)).to.include({ code: 'nothing_to_change' });
    const long = planOf('manual', 'monthly', '2026-11-27', Array.from({ length: 20 }, () => 5_000));
    expect(changeInstallmentAmount(long.plan, long.installments, 2_500, policy, today)).to.include({ code: 'plan_too_long' });
    const soon = planOf('automatic', 'weekly', '2026-11-23', [5_000]);
    expect(changeInstallmentAmount(soon.plan, soon.installments, 2_500, policy, today)).to.include({ code: 'nothing_to_change' });
  });

  it('always covers exactly what the changed installments covered, each part at least the minimum', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 2_500, max: 40_000 }), { minLength: 1, maxLength: 12 }), fc.integer({ min: 2_500, max: 60_000 }), fc.constantFrom<PlanFrequency>('weekly', 'biweekly', 'semimonthly', 'monthly'), (amounts, amountCents, frequency) => {
        const { plan, installments } = planOf('manual', frequency, '2026-11-25', amounts);
        const change = changeInstallmentAmount(plan, installments, amountCents, policy, today);
        if (!change.ok) return;
        const kept = installments.filter((i) => !change.cancels.includes(i.number)).map((i) => change.updates.find((u) => u.number === i.number)?.amountCents ?? i.amountCents);
        const after = [...kept, ...change.appends.map((a) => a.amountCents)];
        expect(after.reduce((a, b) => a + b, 0)).to.equal(amounts.reduce((a, b) => a + b, 0));
        expect(after.every((a) => a >= policy.minInstallmentCents)).to.equal(true);
        expect(change.appends.every((a) => a.dueOn > plan.lastDate)).to.equal(true);
      }),
    );
  });
});
