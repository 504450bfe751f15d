import '../../../../test/support/fail-on-console.js';
import { expect } from 'chai';
import { DISPUTE_HELP, disputeNoticeFor, type BilledStatement } from '../../src/dispute.js';
import type { Estimate, Provider } from '../../src/estimate-schemas.js';

const surgeon: Provider = { id: 'prov_surgeon', name: 'Dr. Ana Ruiz', npi: '1234567893', role: 'convening' } as unknown as Provider;
const lab: Provider = { id: 'prov_lab', name: 'Harbor Lab', npi: '1245319599', role: 'co_provider' } as unknown as Provider;

/** Only what the rule reads of an estimate: its id, its date and each provider's expected total. */
const estimate = {
  id: 'gfe_1',
  issuedOn: '2026-09-01',
  providers: [
    { provider: surgeon, totalCents: 100_000, items: [] },
    { provider: lab, totalCents: 20_000, items: [] },
  ],
} as unknown as Estimate;

const statement = (lines: BilledStatement['lineItems']): BilledStatement => ({ id: 'stmt_1', statementDate: '2026-10-01', lineItems: lines });

describe('disputeNoticeFor', () => {
  it('gives a notice naming each provider billed at least $400.00 over their total, counting charges after adjustments', () => {
    const notice = disputeNoticeFor(
      estimate,
      statement([
        { provider: surgeon.name, chargeCents: 160_000, adjustmentCents: 10_000 },
        { provider: lab.name, chargeCents: 25_000, adjustmentCents: 0 },
      ]),
      [surgeon, lab],
      '2026-10-15',
    );
    expect(notice).to.deep.equal({
      statementId: 'stmt_1',
      billedOn: '2026-10-01',
      startBy: '2027-01-29',
      estimateId: 'gfe_1',
      estimateIssuedOn: '2026-09-01',
      providers: [{ name: surgeon.name, npi: surgeon.npi, expectedCents: 100_000, billedCents: 150_000, overCents: 50_000 }],
      howToStart: { ...DISPUTE_HELP },
    });
  });

  it('gives none when no provider is $400.00 over (adjustments brought it under)', () => {
    const lines = [{ provider: surgeon.name, chargeCents: 150_000, adjustmentCents: 10_001 }];
    expect(disputeNoticeFor(estimate, statement(lines), [surgeon, lab], '2026-10-15')).to.equal(undefined);
  });

  it('gives none after the 120 days', () => {
    const lines = [{ provider: surgeon.name, chargeCents: 200_000, adjustmentCents: 0 }];
    expect(disputeNoticeFor(estimate, statement(lines), [surgeon, lab], '2027-01-30')).to.equal(undefined);
  });

  it('compares a provider not on the practice list against $0.00, under the name the bill prints', () => {
    const lines = [{ provider: 'Dr. Unlisted', chargeCents: 40_000, adjustmentCents: 0 }];
    const notice = disputeNoticeFor(estimate, statement(lines), [surgeon, lab], '2026-10-15');
    expect(notice?.providers).to.deep.equal([{ name: 'Dr. Unlisted', npi: '', expectedCents: 0, billedCents: 40_000, overCents: 40_000 }]);
  });
});
