import '../../../test/support/fail-on-console.js';
import { expect } from '@open-wc/testing';
import { agingOf, nextStepOf, openByStatement, type Policies, type StatementDates } from '@billpay/sdk';

const policies: Policies = { daysUntilDue: 30, invoicingFeeCents: 1000, returnedPaymentFeeCents: 3000, letterAfterDays: 90, collectionsAfterLetterDays: 30 };
const TODAY = '2026-11-22';
const old: StatementDates = { id: 'old', statementDate: '2026-08-19', dueDate: '2026-09-18', letterMailedOn: '2026-11-17' };
const recent: StatementDates = { id: 'recent', statementDate: '2026-11-10', dueDate: '2026-12-10', letterMailedOn: null };
const middle: StatementDates = { id: 'middle', statementDate: '2026-09-10', dueDate: '2026-10-10', letterMailedOn: null };

describe('account rules', () => {
  it('applies a payment not tied to a statement to the oldest statement first', () => {
    const open = openByStatement([recent, old], [
      { statementId: 'old', amountCents: 31_000, postedOn: '2026-08-19' },
      { statementId: 'recent', amountCents: 5_000, postedOn: '2026-11-10' },
      { statementId: null, amountCents: -32_000, postedOn: '2026-11-20' },
    ]);
    expect(open.get('old')).to.equal(0);
    expect(open.get('recent')).to.equal(4_000);
  });

  it('buckets what is open by the age of its statement', () => {
    const open = new Map([['old', 31_000], ['middle', 2_000], ['recent', 5_000]]);
    expect(agingOf([old, middle, recent], open, TODAY)).to.deep.equal({ currentCents: 5_000, days30Cents: 0, days60Cents: 2_000, days90PlusCents: 31_000 });
  });

  it('names the next step the policy takes', () => {
    expect(nextStepOf([recent], new Map([['recent', 5_000]]), 5_000, policies, TODAY)).to.deep.equal({ kind: 'due', dueDate: '2026-12-10' });
    expect(nextStepOf([middle], new Map([['middle', 2_000]]), 2_000, policies, TODAY)).to.deep.equal({ kind: 'past_due', dueDate: '2026-10-10', letterOn: '2026-12-09' });
    expect(nextStepOf([old], new Map([['old', 31_000]]), 31_000, policies, TODAY)).to.deep.equal({ kind: 'letter_sent', letterMailedOn: '2026-11-17', collectionsOn: '2026-12-17' });
    expect(nextStepOf([old], new Map([['old', 31_000]]), 31_000, policies, '2026-12-17')).to.deep.equal({ kind: 'in_collections', referredOn: '2026-12-17' });
    expect(nextStepOf([old], new Map([['old', 0]]), 0, policies, TODAY)).to.deep.equal({ kind: 'paid_in_full' });
    expect(nextStepOf([old], new Map([['old', 0]]), -500, policies, TODAY)).to.deep.equal({ kind: 'credit', creditCents: 500 });
  });
});
