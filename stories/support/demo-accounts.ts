/**
 * The demo patients as the real API would answer for them, computed offline from the same demo
 * data the server seeds and the same SDK rules it applies: for Storybook and element tests.
 */
import {
  addDays,
  agingOf,
  nextStepOf,
  openByStatement,
  sumCents,
  type Account,
  type Fee,
  type PaymentSummary,
  type Policies,
  type PriceListService,
  type Provider,
  type Statement,
  type StatementDates,
} from '@billpay/sdk';
import { demoAccountId, demoAccounts, type DemoAccount } from '../../packages/server/src/demo/demo-data.js';
import { spanishServiceNames } from '../../packages/server/src/estimates/service-names.js';

export { demoAccounts };
export type { DemoAccount };

interface Built {
  readonly account: Account;
  readonly statements: ReadonlyMap<string, Statement>;
}


function methodOf(reason: string): PaymentSummary['method'] {
  if (reason === 'card_payment') return 'card';
  if (reason === 'bank_payment') return 'bank';
  return 'other';
}

/** What the practice knows of its services: its price list and providers (for the Spanish names of codes). */
export interface DemoCatalog {
  readonly priceList?: readonly PriceListService[];
  readonly providers?: readonly Provider[];
}

/** Builds one demo account and its statements as of `today` (YYYY-MM-DD). */
export function buildDemoAccount(demo: DemoAccount, policies: Policies, today: string, catalog: DemoCatalog = {}): Built {
  const spanishName = spanishServiceNames(catalog.priceList, catalog.providers);
  const id = demoAccountId(demoAccounts.indexOf(demo));
  const dates: StatementDates[] = [];
  const ledger: { statementId: string | null; amountCents: number; postedOn: string }[] = [];
  const fees: Fee[] = [];
  const payments: PaymentSummary[] = [];
  const statements = new Map<string, Statement>();

  for (const s of demo.statements) {
    const statementId = `stmt_${id.slice(5)}_${s.key}`;
    const statementDate = addDays(today, -s.daysAgo);
    const dueDate = addDays(statementDate, policies.daysUntilDue);
    dates.push({ id: statementId, statementDate, dueDate, letterMailedOn: s.letterMailedDaysAgo === undefined ? null : addDays(today, -s.letterMailedDaysAgo) });
    const patient = sumCents(s.lineItems.map((item) => item.patientCents));
    ledger.push({ statementId, amountCents: patient, postedOn: statementDate });
    const statementFees: Fee[] = [];
    const statementPayments: PaymentSummary[] = [];
    for (const [n, entry] of (s.entries ?? []).entries()) {
      const postedOn = addDays(today, -entry.daysAgo);
      if (entry.kind === 'fee') {
        const amountCents = entry.reason === 'invoicing_fee' ? policies.invoicingFeeCents : entry.amountCents;
        statementFees.push({ id: `${statementId}_fee${n}`, statementId, postedOn, amountCents, reason: entry.reason as Fee['reason'] });
        ledger.push({ statementId, amountCents, postedOn });
      } else if (entry.kind === 'payment') {
        statementPayments.push({ id: `${statementId}_pay${n}`, statementId, postedOn, amountCents: -entry.amountCents, method: methodOf(entry.reason), status: 'succeeded' });
        ledger.push({ statementId, amountCents: entry.amountCents, postedOn });
      }
    }
    fees.push(...statementFees);
    payments.push(...statementPayments);
    const serviceDates = s.lineItems.map((item) => addDays(today, -item.serviceDaysAgo)).sort();
    const feesCents = sumCents(statementFees.map((f) => f.amountCents));
    statements.set(statementId, {
      id: statementId,
      statementDate,
      periodStart: serviceDates[0] ?? statementDate,
      periodEnd: serviceDates.at(-1) ?? statementDate,
      dueDate,
      amountCents: patient + feesCents,
      openCents: 0,
      lineItems: s.lineItems.map((item, position) => {
        const descriptionEs = spanishName(item);
        return {
          id: `${statementId}_${position + 1}`,
          serviceDate: addDays(today, -item.serviceDaysAgo),
          provider: item.provider,
          description: item.description,
          ...(descriptionEs ? { descriptionEs } : {}),
          code: item.code,
          chargeCents: item.chargeCents,
          insurancePaidCents: item.insurancePaidCents,
          adjustmentCents: item.adjustmentCents,
          patientCents: item.patientCents,
          notes: (item.notes ?? []).map((note) => ({ kind: note.kind, amountCents: note.amountCents })),
        };
      }),
      fees: statementFees,
      payments: statementPayments,
      totals: {
        chargeCents: sumCents(s.lineItems.map((i) => i.chargeCents)),
        insurancePaidCents: sumCents(s.lineItems.map((i) => i.insurancePaidCents)),
        adjustmentCents: sumCents(s.lineItems.map((i) => i.adjustmentCents)),
        patientCents: patient,
        feesCents,
        paymentsCents: sumCents(statementPayments.map((p) => p.amountCents)),
      },
    });
  }

  const open = openByStatement(dates, ledger);
  for (const [statementId, statement] of statements) statements.set(statementId, { ...statement, openCents: open.get(statementId) ?? 0 });
  const balanceCents = sumCents(ledger.map((l) => l.amountCents));
  const openDue = dates.filter((d) => (open.get(d.id) ?? 0) > 0).map((d) => d.dueDate).sort();
  const summaries = [...statements.values()]
    .map(({ lineItems: _l, fees: _f, payments: _p, totals: _t, ...summary }) => summary)
    .sort((a, b) => b.statementDate.localeCompare(a.statementDate));
  const account: Account = {
    id,
    practice: 'harbor-point',
    accountNumber: demo.accountNumber,
    patient: { firstName: demo.firstName, lastInitial: demo.lastName.slice(0, 1) },
    coverage: demo.coverage,
    balanceCents,
    ...(openDue[0] ? { dueDate: openDue[0] } : {}),
    aging: agingOf(dates, open, today),
    nextStep: nextStepOf(dates, open, balanceCents, policies, today),
    asOf: today,
    statements: summaries,
    fees,
    payments,
  };
  return { account, statements };
}
