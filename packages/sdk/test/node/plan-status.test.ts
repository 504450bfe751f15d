import '../../../../test/support/fail-on-console.js';
import { expect } from 'chai';
import fc from 'fast-check';
import { behindCents, coverOldestFirst, installmentsBehind, isInstallmentBehind, planSummary, type InstallmentState, type SummaryInstallment } from '../../src/plan-status.js';
import type { InstallmentStatus } from '../../src/plan-schemas.js';
import type { PlanMode, PlanStatus } from '../../src/schemas.js';

const today = '2026-11-22';

const installment = (number: number, status: InstallmentStatus, nextDueOn: string, amountCents = 2_500): SummaryInstallment => ({
  number,
  kind: 'installment',
  amountCents,
  status,
  nextDueOn,
  failures: status === 'failed' ? 1 : 0,
});

describe('isInstallmentBehind', () => {
  const active = (mode: PlanMode) => ({ status: 'active' as const, mode });

  it('counts a failed installment as behind, whatever its date and the plan', () => {
    expect(isInstallmentBehind(active('automatic'), { status: 'failed', nextDueOn: '2026-12-31' }, today)).to.equal(true);
    expect(isInstallmentBehind(active('manual'), { status: 'failed', nextDueOn: '2026-12-31' }, today)).to.equal(true);
  });

  it('counts a manual plan’s installment behind the day after its date, not on it', () => {
    expect(isInstallmentBehind(active('manual'), { status: 'scheduled', nextDueOn: today }, today)).to.equal(false);
    expect(isInstallmentBehind(active('manual'), { status: 'scheduled', nextDueOn: '2026-11-21' }, today)).to.equal(true);
  });

  it('leaves an active automatic plan’s due installment to the runner: not behind', () => {
    expect(isInstallmentBehind(active('automatic'), { status: 'scheduled', nextDueOn: '2026-11-01' }, today)).to.equal(false);
  });

  it('counts everything due by today as behind once the plan is delinquent (it is charged no more)', () => {
    const delinquent = { status: 'delinquent' as const, mode: 'automatic' as const };
    expect(isInstallmentBehind(delinquent, { status: 'scheduled', nextDueOn: today }, today)).to.equal(true);
    expect(isInstallmentBehind(delinquent, { status: 'scheduled', nextDueOn: '2026-11-23' }, today)).to.equal(false);
  });

  it('never counts a paid, processing, charging or canceled installment', () => {
    for (const status of ['paid', 'processing', 'charging', 'canceled'] as const) {
      expect(isInstallmentBehind({ status: 'delinquent', mode: 'manual' }, { status, nextDueOn: '2026-01-01' }, today), status).to.equal(false);
    }
  });
});

describe('installmentsBehind and behindCents', () => {
  it('lists what is behind in order and sums it; a plan that is not running is behind on nothing', () => {
    const rows = [installment(3, 'failed', '2026-11-25', 3_000), installment(1, 'paid', '2026-10-01'), installment(2, 'scheduled', '2026-11-20')];
    const plan = { status: 'active' as const, mode: 'manual' as const };
    expect(installmentsBehind(plan, rows, today).map((i) => i.number)).to.deep.equal([2, 3]);
    expect(behindCents(plan, rows, today)).to.equal(5_500);
    for (const status of ['completed', 'paid_off', 'canceled'] as const) expect(behindCents({ status, mode: 'manual' }, rows, today)).to.equal(0);
  });
});

describe('coverOldestFirst', () => {
  const pay = (id: string, amountCents: number) => ({ id, amountCents });

  it('links each installment to the payment that completed its cover, credit carried over', () => {
    const covered = coverOldestFirst([{ amountCents: 2_500 }, { amountCents: 2_500 }, { amountCents: 2_500 }], [pay('a', 1_000), pay('b', 2_000), pay('c', 2_000)]);
    expect(covered.map((p) => p?.id)).to.deep.equal(['b', 'c', undefined]);
  });

  it('pays an installment from earlier credit with the payment that credit came from', () => {
    const covered = coverOldestFirst([{ amountCents: 1_000 }, { amountCents: 1_000 }], [pay('a', 2_000)]);
    expect(covered.map((p) => p?.id)).to.deep.equal(['a', 'a']);
  });

  it('never pays a later installment before an earlier one, even a smaller one', () => {
    const covered = coverOldestFirst([{ amountCents: 40_000 }, { amountCents: 20_000 }], [pay('a', 20_000)]);
    expect(covered).to.deep.equal([undefined, undefined]);
  });

  const amounts = fc.array(fc.integer({ min: 100, max: 50_000 }), { maxLength: 12 });

  it('covers installment k exactly when the payments add up to everything through k, by the first payment that gets there', () => {
    fc.assert(
      fc.property(amounts, amounts, (installmentCents, paymentCents) => {
        const payments = paymentCents.map((cents, index) => pay(`p${String(index)}`, cents));
        const covered = coverOldestFirst(installmentCents.map((amountCents) => ({ amountCents })), payments);
        let owed = 0;
        installmentCents.forEach((cents, k) => {
          owed += cents;
          let paid = 0;
          const completing = payments.find((p) => (paid += p.amountCents) >= owed);
          expect(covered[k]).to.equal(completing);
        });
      }),
    );
  });

  it('covers a prefix, with the covering payments in order, never more than was paid', () => {
    fc.assert(
      fc.property(amounts, amounts, (installmentCents, paymentCents) => {
        const payments = paymentCents.map((cents, index) => pay(`p${String(index)}`, cents));
        const covered = coverOldestFirst(installmentCents.map((amountCents) => ({ amountCents })), payments);
        const firstGap = covered.indexOf(undefined);
        if (firstGap >= 0) expect(covered.slice(firstGap).every((p) => p === undefined)).to.equal(true);
        const order = covered.filter((p) => p !== undefined).map((p) => payments.indexOf(p));
        expect(order).to.deep.equal([...order].sort((a, b) => a - b));
        const coveredCents = installmentCents.filter((_, k) => covered[k]).reduce((a, b) => a + b, 0);
        expect(coveredCents).to.be.at.most(paymentCents.reduce((a, b) => a + b, 0));
      }),
    );
  });
});

describe('planSummary', () => {
  const plan = (status: PlanStatus, mode: PlanMode = 'manual') => ({ id: 'plan_1', status, mode, frequency: 'monthly' as const });

  it('names the open installment due soonest as the next payment, a retry included', () => {
    const rows = [installment(1, 'paid', '2026-10-22'), installment(2, 'failed', '2026-11-25'), installment(3, 'scheduled', '2026-12-22', 3_000)];
    expect(planSummary(plan('active'), rows, today)).to.deep.equal({
      id: 'plan_1',
      status: 'active',
      frequency: 'monthly',
      mode: 'manual',
      current: true,
      nextPayment: { number: 2, kind: 'installment', dueOn: '2026-11-25', amountCents: 2_500, retry: true },
      paidCents: 2_500,
      remainingCents: 5_500,
      paymentsLeft: 2,
      behindCents: 2_500,
    });
  });

  it('shows a plan that is not running with nothing left, behind or next', () => {
    const summary = planSummary({ ...plan('canceled'), delinquentSince: '2026-11-01' }, [installment(1, 'paid', '2026-10-22'), installment(2, 'canceled', '2026-11-22')], today);
    expect([summary.current, summary.nextPayment, summary.remainingCents, summary.paymentsLeft, summary.behindCents, summary.paidCents, summary.delinquentSince]).to.deep.equal([
      false,
      undefined,
      0,
      0,
      0,
      2_500,
      '2026-11-01',
    ]);
  });

  it('is never behind on more than it has left, and left is what is open', () => {
    const status = fc.constantFrom<InstallmentStatus>('scheduled', 'charging', 'processing', 'paid', 'failed', 'canceled');
    const row = fc.record({ status, day: fc.integer({ min: 1, max: 28 }), amountCents: fc.integer({ min: 100, max: 10_000 }) });
    fc.assert(
      fc.property(fc.constantFrom<PlanStatus>('active', 'delinquent'), fc.constantFrom<PlanMode>('manual', 'automatic'), fc.array(row, { maxLength: 10 }), (status, mode, rows) => {
        const installments: InstallmentState[] = rows.map((r, k) => installment(k + 1, r.status, `2026-11-${String(r.day).padStart(2, '0')}`, r.amountCents));
        const summary = planSummary(plan(status, mode), installments.map((i) => ({ ...i, kind: 'installment' as const, failures: 0 })), today);
        const open = installments.filter((i) => i.status === 'scheduled' || i.status === 'failed' || i.status === 'charging');
        expect(summary.remainingCents).to.equal(open.reduce((total, i) => total + i.amountCents, 0));
        expect(summary.behindCents).to.be.at.most(summary.remainingCents);
        expect(summary.paymentsLeft).to.equal(open.length);
      }),
    );
  });
});
