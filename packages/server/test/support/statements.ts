/** Statements in the import's JSON Lines encoding, for the import tests. */
import type * as z from 'zod/mini';
import type { ImportStatementSchema } from '../../src/imports/format.js';

export type StatementDraft = z.input<typeof ImportStatementSchema> & { lineItems: [z.input<typeof ImportStatementSchema>['lineItems'][number]] };

/** One statement of account `T-n` (id `T-ST-n`), valid for Harbor Point unless `change` makes it otherwise. */
export function statementLine(n: number, change: (s: StatementDraft) => void = () => {}): string {
  const s: StatementDraft = {
    account: { id: `T-${n}`, accountNumber: `T-ACCT-${n}`, firstName: 'Test', lastName: `Patient${n}`, dateOfBirth: '1980-02-03', address: { line1: '1 Test Road', city: 'New Haven', state: 'CT', postalCode: '06510' } },
    statement: { id: `T-ST-${n}`, date: '2026-11-20', periodStart: '2026-10-01', periodEnd: '2026-10-01', dueDate: '2026-12-18' },
    lineItems: [
      { serviceDate: '2026-10-01', npi: '1234567893', code: '99213', modifiers: ['25'], description: 'Office visit', charge: '180.00', insurancePaid: '100.00', adjustments: [{ code: 'CO-45', amount: '40.00' }, { code: 'PR-2', amount: '40.00' }], patientResponsibility: '40.00' },
    ],
    fees: [],
    payments: [{ date: '2026-10-01', method: 'front_desk', amount: '10.00' }],
  };
  change(s);
  return JSON.stringify(s);
}
