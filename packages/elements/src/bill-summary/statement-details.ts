/**
 * The tables and notes of a bill, as pure templates: `<bill-summary>` shows them, and the itemized
 * bill it prints is made of the same ones.
 */
import type { Account, Fee, LineItem, PaymentSummary, Statement, StatementSummary } from '@billpay/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { dataTable, type DataColumn } from '../data-table/data-table.js';
import { billBook, type BillTranslation } from '../i18n/bill.js';
import type { Translation } from '../i18n/en.js';
import { formatDate, money } from '../i18n/format.js';
import type { Locale } from '../i18n/locales.js';
import { withMainWords } from '../i18n/with-main-words.js';

/** The bill's words (its own book over the main dictionary) in one language. */
export interface BillWords {
  readonly locale: Locale;
  readonly t: Translation & BillTranslation;
}

const billTranslation = /* @__PURE__ */ withMainWords(billBook);

export const billWords = (locale: Locale): BillWords => ({ locale, t: billTranslation(locale) });

/**
 * When the balance is due. While a payment plan is kept, what is due is its next payment: the
 * whole balance is not due by that date, so the bill says what the plan asks instead.
 */
export function dueLine(account: Account, { locale, t }: BillWords): string | undefined {
  const next = account.plan?.current ? account.plan.nextPayment : undefined;
  if (next) return t.planBalanceNext(money(next.amountCents, locale), formatDate(next.dueOn, locale));
  if (!account.dueDate || account.balanceCents <= 0) return undefined;
  const due = formatDate(account.dueDate, locale);
  return account.dueDate < account.asOf ? t.wasDue(due) : t.dueBy(due);
}

/** A statement's due date, or, while a kept plan pays what is open on it, that. */
export function statementDue(summary: StatementSummary, account: Account, { locale, t }: BillWords): string {
  return account.plan?.current && summary.openCents > 0 ? t.statementInPlan : formatDate(summary.dueDate, locale);
}

/**
 * A service as the patient reads it: in Spanish when the practice has a Spanish name for its code,
 * else the practice's own words, marked as English so a screen reader says them as such.
 */
export function serviceName(item: Pick<LineItem, 'description' | 'descriptionEs'>, locale: Locale): TemplateResult | string {
  if (locale === 'en') return item.description;
  return item.descriptionEs ?? html`<span lang="en">${item.description}</span>`;
}

/**
 * One statement's charges: each line item, then the fees added to it, so the table comes to what
 * the statement billed. A self-pay account has no "Insurance paid" column.
 */
export function chargesTable(statement: Statement, coverage: Account['coverage'], { locale, t }: BillWords, id: string): TemplateResult {
  const insured = coverage === 'insured';
  const columns: DataColumn[] = [
    { label: t.colServiceDate, kind: 'lead' },
    { label: t.colService, kind: 'header' },
    { label: t.colCharge, kind: 'money' },
    ...(insured ? [{ label: t.colInsurancePaid, kind: 'money' } as const] : []),
    { label: t.colAdjustment, kind: 'money' },
    { label: t.colYouOwe, kind: 'money', emphasis: true },
  ];
  const amounts = (charge: number, insurance: number, adjustment: number, patient: number) => [
    money(charge, locale),
    ...(insured ? [money(insurance, locale)] : []),
    money(adjustment, locale),
    money(patient, locale),
  ];
  const items = statement.lineItems.map((item) => [
    formatDate(item.serviceDate, locale),
    html`${serviceName(item, locale)}
      <span class="item-meta">${item.provider}</span>
      <span class="item-meta">${`${t.colCode} ${item.code}`}</span>`,
    ...amounts(item.chargeCents, item.insurancePaidCents, item.adjustmentCents, item.patientCents),
  ]);
  const fees = statement.fees.map((fee) => [formatDate(fee.postedOn, locale), t.feeReason[fee.reason], ...amounts(fee.amountCents, 0, 0, fee.amountCents)]);
  const { totals } = statement;
  return dataTable({
    id,
    caption: t.itemsCaption(formatDate(statement.statementDate, locale)),
    columns,
    rows: [...items, ...fees],
    total: {
      label: t.total,
      cells: amounts(totals.chargeCents + totals.feesCents, totals.insurancePaidCents, totals.adjustmentCents, totals.patientCents + totals.feesCents),
    },
    stackBelow: 'wide',
    part: 'charges',
  });
}

/** What the insurer decided about each line, in the patient's words; for a self-pay bill, what the charges are. */
export function chargeNotes(statement: Statement, coverage: Account['coverage'], { locale, t }: BillWords, level: number): TemplateResult | typeof nothing {
  const selfPay = coverage === 'self_pay';
  const notes = statement.lineItems.flatMap((item) => item.notes.map((note) => ({ item, note })));
  if (!notes.length) return nothing;
  const explain = (kind: LineItem['notes'][number]['kind'], cents: number) =>
    selfPay && kind === 'not_covered' ? t.selfPayNote(money(cents, locale)) : t.insurerNote[kind](money(cents, locale));
  return html`
    <div class="subheading" role="heading" aria-level=${level}>${selfPay ? t.chargeNotesTitle : t.insurerNotesTitle}</div>
    <ul class="notes">
      ${notes.map(({ item, note }) => html`<li>${serviceName(item, locale)}: ${explain(note.kind, note.amountCents)}</li>`)}
    </ul>
  `;
}

/** A titled section's heading, which also names its table. */
const titled = (id: string, level: number, title: string, table: TemplateResult) =>
  html`<div id="${id}-heading" class="subheading" role="heading" aria-level=${level}>${title}</div>
    ${table}`;

/** The account's payments: when, how, how much, and where each stands (a bank payment takes days; a refund). */
export function paymentsTable(payments: readonly PaymentSummary[], { locale, t }: BillWords, id: string, level: number): TemplateResult {
  return titled(id, level, t.paymentsTitle, dataTable({
    id,
    caption: { labelledBy: `${id}-heading` },
    columns: [
      { label: t.colDate, kind: 'lead' },
      { label: t.colDescription, kind: 'header' },
      { label: t.colAmount, kind: 'money' },
      { label: t.colStatus, kind: 'text' },
    ],
    rows: payments.map((p) => [
      formatDate(p.postedOn, locale),
      t.paymentMethod[p.method],
      money(p.amountCents, locale),
      p.refundedCents ? `${t.paymentStatus[p.status]}. ${t.paymentRefunded(money(p.refundedCents, locale))}` : t.paymentStatus[p.status],
    ]),
    stackBelow: 'medium',
    part: 'payments',
  }));
}

/** Fees not tied to a statement (a statement's own fees are among its charges). */
export function feesTable(fees: readonly Fee[], { locale, t }: BillWords, id: string, level: number): TemplateResult {
  return titled(id, level, t.otherFeesTitle, dataTable({
    id,
    caption: { labelledBy: `${id}-heading` },
    columns: [
      { label: t.colDate, kind: 'lead' },
      { label: t.colDescription, kind: 'header' },
      { label: t.colAmount, kind: 'money' },
    ],
    rows: fees.map((fee) => [formatDate(fee.postedOn, locale), t.feeReason[fee.reason], money(fee.amountCents, locale)]),
    stackBelow: 'medium',
    part: 'fees',
  }));
}
