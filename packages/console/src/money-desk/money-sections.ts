/** The money page's sections as templates: pure functions of the reports and the language. */
import { html, nothing, type TemplateResult } from 'lit';
import { moneyCsvPath, type AgingReport, type DayTotals, type DepositDay, type MethodTotals, type MoneyDay, type MoneyReport, type ReconciliationLine } from '@billpay/sdk/admin-desk';
import { dataTable, formatDate, money, type Locale } from '@billpay/elements/parts.js';
import { tableSection } from '../app/table-section.js';
import type { DeskWords } from '../i18n/desk.js';

export interface MoneyContext {
  readonly t: DeskWords;
  readonly locale: Locale;
}

const METHODS = ['card', 'bank', 'wallet'] as const;

/** A report's CSV: a plain same-origin link (the session's cookie goes with it); the server names the file. */
export function csvLink(report: MoneyReport, date: string | undefined, label: string): TemplateResult {
  return html`<p><a class="download" href=${moneyCsvPath(report, date)} download>${label}</a></p>`;
}

const methodName = (t: DeskWords, method: string | null) => (method ? t.methodKind[method] ?? method : t.methodKind.none!);

export function dayTotalsSection(day: MoneyDay, { t, locale }: MoneyContext): TemplateResult {
  const row = (label: string, totals: DayTotals) => [label, String(totals.payments), String(totals.declined), money(totals.takenCents, locale), money(totals.refundsCents, locale), money(totals.returnsCents, locale), money(totals.netCents, locale)];
  return dataTable({
    id: 'day-totals',
    caption: t.dayTotalsCaption,
    stackBelow: 'wide',
    columns: [
      { label: t.colMethod, kind: 'header' },
      { label: t.colPaymentsCount, kind: 'number' },
      { label: t.colDeclined, kind: 'number' },
      { label: t.colTaken, kind: 'money' },
      { label: t.colRefunds, kind: 'money' },
      { label: t.colReturns, kind: 'money' },
      { label: t.colNet, kind: 'money', emphasis: true },
    ],
    rows: METHODS.map((method) => row(methodName(t, method), day.byMethod[method])),
    total: { label: t.totals, span: 1, cells: row('', day.totals).slice(1) },
  });
}

export function dayLinesSection(day: MoneyDay, { t, locale }: MoneyContext): TemplateResult {
  const payments = tableSection({
    none: t.noDayPayments,
    id: 'day-payments',
    caption: t.dayPaymentsCaption,
    stackBelow: 'wide',
    columns: [
      { label: t.colTime, kind: 'lead' },
      { label: t.colConfirmation, kind: 'header' },
      { label: t.colAccountNumber, kind: 'code' },
      { label: t.colMethod, kind: 'text' },
      { label: t.colStatus, kind: 'text' },
      { label: t.colTakenBy, kind: 'text' },
      { label: t.colAmount, kind: 'money', emphasis: true },
    ],
    rows: day.payments.map((p) => [
      p.localTime,
      html`<span class="mono">${p.confirmationNumber}</span>`,
      p.accountNumber,
      p.method ? t.method(p.method, p.brand, p.last4) : methodName(t, null),
      t.paymentStatus[p.state] ?? p.state,
      t.takenBy[p.takenBy] ?? p.takenBy,
      money(p.amountCents, locale),
    ]),
  });
  const refunds = tableSection({
    none: t.noDayRefunds,
    id: 'day-refunds',
    caption: t.dayRefundsCaption,
    stackBelow: 'wide',
    columns: [
      { label: t.colTime, kind: 'lead' },
      { label: t.colAccountNumber, kind: 'header', labelled: true },
      { label: t.colMethod, kind: 'text' },
      { label: t.colStatus, kind: 'text' },
      { label: t.reasonLabel, kind: 'text' },
      { label: t.colReference, kind: 'code' },
      { label: t.colAmount, kind: 'money', emphasis: true },
    ],
    rows: day.refunds.map((r) => [
      r.localTime,
      r.accountNumber,
      methodName(t, r.method),
      t.refundStatus[r.state] ?? r.state,
      t.refundReason[r.reason] ?? r.reason,
      r.processorReference ?? '',
      money(r.amountCents, locale),
    ]),
  });
  const returns = tableSection({
    none: t.noDayReturns,
    id: 'day-returns',
    caption: t.dayReturnsCaption,
    stackBelow: 'medium',
    columns: [
      { label: t.colTime, kind: 'lead' },
      { label: t.colAccountNumber, kind: 'header', labelled: true },
      { label: t.colReturnCode, kind: 'code' },
      { label: t.colReference, kind: 'code' },
      { label: t.colAmount, kind: 'money', emphasis: true },
    ],
    rows: day.returns.map((r) => [r.localTime, r.accountNumber, r.returnCode ?? '', r.processorReference ?? '', money(r.amountCents, locale)]),
  });
  return html`<h3>${t.dayPaymentsCaption}</h3>${payments}<h3>${t.dayRefundsCaption}</h3>${refunds}<h3>${t.dayReturnsCaption}</h3>${returns}`;
}

/** Lines that do not match first (as the processor reported them), then the matched ones. */
export function linesInOrder(lines: readonly ReconciliationLine[]): ReconciliationLine[] {
  return [...lines].sort((a, b) => Number(a.status === 'matched') - Number(b.status === 'matched'));
}

export function depositsSection(deposits: DepositDay, { t, locale }: MoneyContext): TemplateResult {
  const row = (label: string, totals: MethodTotals) => [label, String(totals.movements), money(totals.paymentsCents, locale), money(totals.refundsCents, locale), money(totals.returnsCents, locale), money(totals.netCents, locale)];
  const totals = dataTable({
    id: 'deposit-totals',
    caption: t.depositTotalsCaption,
    stackBelow: 'wide',
    columns: [
      { label: t.colMethod, kind: 'header' },
      { label: t.colMovements, kind: 'number' },
      { label: t.colPayments, kind: 'money' },
      { label: t.colRefunds, kind: 'money' },
      { label: t.colReturns, kind: 'money' },
      { label: t.colNet, kind: 'money', emphasis: true },
    ],
    rows: METHODS.map((method) => row(methodName(t, method), deposits.byMethod[method])),
    total: { label: t.totals, span: 1, cells: row('', deposits.totals).slice(1) },
  });
  const r = deposits.reconciliation;
  if (r.status === 'unavailable') return html`<p class="notice">${t.reconciliationUnavailable}</p>${totals}`;
  const summary =
    r.status === 'reconciled'
      ? html`<p class="notice">${t.reconciled(money(r.processorCents, locale))}</p>`
      : html`<p class="notice mismatch"><strong>${t.mismatchedTitle}</strong> ${t.mismatched(money(r.expectedCents, locale), money(r.processorCents, locale), money(r.differenceCents, locale), r.lines.filter((l) => l.status !== 'matched').length)}</p>`;
  const amount = (cents: number | null) => (cents === null ? t.none : money(cents, locale));
  const lines = tableSection({
    id: 'reconciliation',
    none: t.noDeposits,
    caption: t.reconciliationCaption,
    stackBelow: 'wide',
    columns: [
      { label: t.colReconciliation, kind: 'header', labelled: true },
      { label: t.colType, kind: 'text' },
      { label: t.colMethod, kind: 'text' },
      { label: t.colReference, kind: 'code' },
      { label: t.colExpected, kind: 'money' },
      { label: t.colProcessor, kind: 'money' },
      { label: t.colDifference, kind: 'money', emphasis: true },
    ],
    rows: linesInOrder(r.lines).map((line) => [
      line.status === 'matched' ? t.lineStatus.matched! : html`<strong class="flag">${t.lineStatus[line.status] ?? line.status}</strong>`,
      t.movementType[line.type] ?? line.type,
      methodName(t, line.method),
      line.processorReference,
      amount(line.expectedCents),
      amount(line.processorCents),
      money(line.differenceCents, locale),
    ]),
  });
  return html`${summary}${totals}${lines}`;
}

export function agingSection(aging: AgingReport, rows: AgingReport['rows'], { t, locale }: MoneyContext, more: TemplateResult | typeof nothing): TemplateResult {
  const buckets = (b: AgingReport['totals'] | AgingReport['rows'][number]) => [money(b.currentCents, locale), money(b.days30Cents, locale), money(b.days60Cents, locale), money(b.days90PlusCents, locale), money(b.totalCents, locale)];
  const columns = [
    { label: t.agingCurrent, kind: 'money' },
    { label: t.aging30, kind: 'money' },
    { label: t.aging60, kind: 'money' },
    { label: t.aging90, kind: 'money' },
    { label: t.colTotal, kind: 'money', emphasis: true },
  ] as const;
  return html`
    <p>${t.agingAsOf(formatDate(aging.asOf, locale), aging.totals.accounts)}</p>
    ${dataTable({
      id: 'aging-totals',
      caption: t.agingTotalsCaption,
      stackBelow: 'medium',
      columns,
      rows: [buckets(aging.totals)],
    })}
    ${tableSection({
      id: 'aging',
      none: t.noAging,
      caption: t.agingCaption,
      stackBelow: 'wide',
      columns: [{ label: t.colAccountNumber, kind: 'lead' }, { label: t.colPatient, kind: 'header' }, ...columns],
      rows: rows.map((row) => [row.accountNumber, row.name, ...buckets(row)]),
    })}
    ${more}
  `;
}
