import '../../../../test/support/fail-on-console.js';
import { expect } from 'chai';
import fc from 'fast-check';
import { applyPayment, openByStatement, type LedgerLine, type StatementDates } from '../../src/account-rules.js';

const NOV = { id: 'st-nov', statementDate: '2026-11-14', openCents: 14_250 };
const OCT = { id: 'st-oct', statementDate: '2026-10-14', openCents: 6_000 };

describe('applyPayment', () => {
  it('puts part of a one-statement balance on that statement, and says what remains on it', () => {
    expect(applyPayment([NOV], 500)).to.deep.equal({
      statements: [{ statementId: 'st-nov', statementDate: '2026-11-14', openCents: 14_250, appliedCents: 500, remainingCents: 13_750 }],
      creditCents: 0,
    });
  });

  it('pays the oldest statement first, then the next', () => {
    const { statements } = applyPayment([NOV, OCT], 8_000);
    expect(statements.map((s) => [s.statementId, s.appliedCents, s.remainingCents])).to.deep.equal([
      ['st-oct', 6_000, 0],
      ['st-nov', 2_000, 12_250],
    ]);
  });

  it('pays a chosen statement first, whatever its age', () => {
    const { statements } = applyPayment([OCT, NOV], 500, 'st-nov');
    expect(statements.map((s) => [s.statementId, s.appliedCents])).to.deep.equal([['st-nov', 500]]);
  });

  it('leaves out statements with nothing open, and keeps what is left over as a credit', () => {
    const paid = { id: 'st-sep', statementDate: '2026-09-14', openCents: 0 };
    expect(applyPayment([paid, OCT], 7_000)).to.deep.equal({
      statements: [{ statementId: 'st-oct', statementDate: '2026-10-14', openCents: 6_000, appliedCents: 6_000, remainingCents: 0 }],
      creditCents: 1_000,
    });
  });

  it('tells the same story as the ledger: what openByStatement finds open after the payment is posted', () => {
    const statementArb = fc.uniqueArray(fc.record({ day: fc.integer({ min: 1, max: 28 }), cents: fc.integer({ min: 0, max: 50_000 }) }), { selector: (s) => s.day, minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(statementArb, fc.integer({ min: 1, max: 100_000 }), fc.boolean(), fc.nat(), (rows, amount, chooseOne, pick) => {
        const dates: StatementDates[] = rows.map((r) => ({ id: `st-${r.day}`, statementDate: `2026-05-${String(r.day).padStart(2, '0')}`, dueDate: '2026-06-30', letterMailedOn: null }));
        const ledger: LedgerLine[] = rows.map((r, i) => ({ statementId: dates[i]!.id, amountCents: r.cents, postedOn: '2026-05-01' }));
        const before = openByStatement(dates, ledger);
        const open = dates.map((d) => ({ id: d.id, statementDate: d.statementDate, openCents: before.get(d.id)! }));
        const total = open.reduce((sum, s) => sum + s.openCents, 0);
        const cents = Math.min(amount, Math.max(1, total));
        const candidates = open.filter((s) => s.openCents > 0);
        const statementId = chooseOne && candidates.length ? candidates[pick % candidates.length]!.id : undefined;
        // A chosen statement is paid at most what is open on it, as the payment form allows.
        const paid = statementId ? Math.min(cents, candidates.find((s) => s.id === statementId)!.openCents) : cents;
        const after = openByStatement(dates, [...ledger, { statementId: statementId ?? null, amountCents: -paid, postedOn: '2026-06-01' }]);
        const told = applyPayment(open, paid, statementId);
        for (const s of open) {
          const application = told.statements.find((a) => a.statementId === s.id);
          expect(application?.remainingCents ?? s.openCents, s.id).to.equal(after.get(s.id));
        }
      }),
    );
  });
});
