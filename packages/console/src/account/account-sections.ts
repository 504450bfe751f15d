/** The account page's sections as templates: pure functions of the account and the language. */
import { html, nothing, type TemplateResult } from 'lit';
import type { AccountDetail, AuditTrail, FeeView, PracticePayment } from '@billpay/sdk/admin';
import { dataTable, formatDate, formatMoment, money, type Locale } from '@billpay/elements/parts.js';
import { tableSection } from '../app/table-section.js';
import { auditRows } from './audit-rows.js';
import type { DeskWords } from '../i18n/desk.js';
import type { PlanEdit } from '../plans/plan-dialog.js';

export interface SectionContext {
  readonly t: DeskWords;
  readonly locale: Locale;
  /** Whether staff may refund and change fees (the `refunds` scope). */
  readonly mayChangeMoney: boolean;
  readonly onRefund: (payment: PracticePayment, opener: HTMLElement) => void;
  readonly onWaive: (fee: FeeView, opener: HTMLElement) => void;
  readonly onPlanEdit: (edit: PlanEdit, opener: HTMLElement) => void;
  /** Sending a statement's notice again, for staff who may change money: the button's words and what it does. */
  readonly resend?: { readonly label: string; readonly busy: (statementId: string) => boolean; readonly onResend: (statementId: string) => void } | undefined;
  /** Emailing the patient a link to change an automatic plan's payment method: the button's words, what it does, and how it went. */
  readonly methodLink?: { readonly label: string; readonly busy: (planId: string) => boolean; readonly onSend: (planId: string) => void; readonly done: string; readonly problem: string } | undefined;
}

const day = (iso: string, locale: Locale) => formatDate(iso, locale);

export function profileSection(detail: AccountDetail, { t, locale }: SectionContext): TemplateResult {
  const p = detail.profile;
  const address = [p.address.line1, p.address.line2, [p.address.city, p.address.state, p.address.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const row = (term: string, value: TemplateResult | string) => html`<div><dt>${term}</dt><dd>${value}</dd></div>`;
  return html`<dl class="profile">
    ${row(t.dateOfBirth, day(p.dateOfBirth, locale))} ${row(t.accountNumber, html`<span class="mono">${p.accountNumber}</span>`)}
    ${row(t.billIds, html`<span class="mono">${p.billIds.join(', ')}</span>`)} ${row(t.phone, p.mobilePhone ?? t.none)} ${row(t.email, p.email ?? t.none)}
    ${row(t.address, address || t.none)} ${row(t.preferredLanguage, p.preferredLanguage ?? t.none)}
    ${row(t.balance, html`<strong>${money(detail.patientView.balanceCents, locale)}</strong>`)}
    ${detail.patientView.dueDate ? row(t.dueDate, day(detail.patientView.dueDate, locale)) : nothing}
  </dl>`;
}

export function statementsSection(detail: AccountDetail, { t, locale, resend }: SectionContext): TemplateResult {
  if (detail.statements.length === 0) return html`<p>${t.noStatements}</p>`;
  return html`${detail.statements.map((statement) => {
    const id = `statement-${statement.id}`;
    return html`<h3 id="${id}-title">${t.statementOf(day(statement.statementDate, locale))}</h3>
      <p class="muted">${t.statementPeriod(day(statement.periodStart, locale), day(statement.periodEnd, locale), day(statement.dueDate, locale))}</p>
      ${resend
        ? html`<p><button type="button" class="secondary" aria-describedby="${id}-title" ?disabled=${resend.busy(statement.id)} @click=${() => resend.onResend(statement.id)}>${resend.label}</button></p>`
        : nothing}
      ${dataTable({
        id,
        caption: { labelledBy: `${id}-title` },
        stackBelow: 'wide',
        columns: [
          { label: t.colService, kind: 'lead' },
          { label: t.colDescription, kind: 'header' },
          { label: t.colCharge, kind: 'money' },
          { label: t.colInsurancePaid, kind: 'money' },
          { label: t.colAdjustment, kind: 'money' },
          { label: t.colPatientPart, kind: 'money', emphasis: true },
        ],
        rows: statement.lineItems.map((item) => [
          day(item.serviceDate, locale),
          html`${locale === 'es' && item.descriptionEs ? item.descriptionEs : item.description}
            <span class="muted">${item.code} · ${item.provider}</span>
            ${item.notes.map((note) => html`<span class="note">${t.insurerNote[note.kind]?.(money(note.amountCents, locale)) ?? note.kind}</span>`)}`,
          money(item.chargeCents, locale),
          money(item.insurancePaidCents, locale),
          money(item.adjustmentCents, locale),
          money(item.patientCents, locale),
        ]),
        total: {
          label: t.totals,
          cells: [money(statement.totals.chargeCents, locale), money(statement.totals.insurancePaidCents, locale), money(statement.totals.adjustmentCents, locale), money(statement.totals.patientCents, locale)],
        },
      })}`;
  })}`;
}

export function ledgerSection(detail: AccountDetail, { t, locale }: SectionContext): TemplateResult {
  return dataTable({
    id: 'ledger',
    caption: t.ledgerCaption,
    stackBelow: 'medium',
    columns: [
      { label: t.colPosted, kind: 'lead' },
      { label: t.colEntry, kind: 'header' },
      { label: t.colAmount, kind: 'money' },
    ],
    rows: detail.ledger.map((line) => [day(line.postedOn, locale), `${t.ledgerKind[line.kind] ?? line.kind}: ${t.ledgerReason[line.reason] ?? line.reason.replaceAll('_', ' ')}`, money(line.amountCents, locale)]),
    total: { label: t.balance, cells: [money(detail.patientView.balanceCents, locale)] },
  });
}

export function paymentsSection(detail: AccountDetail, ctx: SectionContext): TemplateResult {
  const { t, locale } = ctx;
  return tableSection({
    id: 'payments',
    none: t.noPayments,
    caption: t.paymentsCaption,
    stackBelow: 'wide',
    columns: [
      { label: t.colDate, kind: 'lead' },
      { label: t.colConfirmation, kind: 'header' },
      { label: t.colMethod, kind: 'text' },
      { label: t.colStatus, kind: 'text' },
      { label: t.colReference, kind: 'text' },
      { label: t.colAmount, kind: 'money' },
      { label: t.colRefunded, kind: 'money' },
      { label: t.colActions, kind: 'text' },
    ],
    rows: detail.payments.map((payment) => [
      formatMoment(new Date(payment.createdAt), locale),
      html`<span class="mono">${payment.confirmationNumber}</span>`,
      t.method(payment.method.kind, payment.method.brand, payment.method.last4),
      html`${t.paymentStatus[payment.status] ?? payment.status}${payment.declineCode ? ` (${payment.declineCode})` : ''}${payment.returnCode ? ` (${payment.returnCode})` : ''}`,
      html`<span class="mono">${payment.processorReference ?? '—'}</span>
        ${payment.refunds.map(
          (refund) => html`<span class="note">${t.refundLine(money(refund.amountCents, locale), t.refundStatus[refund.status] ?? refund.status, refund.processorReference ?? '—')}</span>`,
        )}`,
      money(payment.amountCents, locale),
      money(payment.refundedCents, locale),
      ctx.mayChangeMoney && payment.refundableCents > 0
        ? html`<button type="button" class="secondary small" aria-label=${t.refundOf(payment.confirmationNumber)} @click=${(e: Event) => ctx.onRefund(payment, e.currentTarget as HTMLElement)}>${t.refund}</button>`
        : nothing,
    ]),
  });
}

export function feesSection(detail: AccountDetail, ctx: SectionContext): TemplateResult {
  const { t, locale } = ctx;
  return tableSection({
    id: 'fees',
    none: t.noFees,
    caption: t.feesCaption,
    stackBelow: 'medium',
    columns: [
      { label: t.colPosted, kind: 'lead' },
      { label: t.colFee, kind: 'header' },
      { label: t.colAmount, kind: 'money' },
      { label: t.colStatus, kind: 'text' },
      { label: t.colActions, kind: 'text' },
    ],
    rows: detail.fees.map((fee) => {
      const name = t.feeReason[fee.reason] ?? fee.reason;
      return [
        day(fee.postedOn, locale),
        html`${name}${fee.note ? html`<span class="note">${fee.note}</span>` : nothing}`,
        money(fee.amountCents, locale),
        fee.waiver ? t.feeWaived(day(fee.waiver.postedOn, locale), t.waiverReason[fee.waiver.reason] ?? fee.waiver.reason) : t.feeOpen,
        ctx.mayChangeMoney && !fee.waiver
          ? html`<button type="button" class="secondary small" aria-label=${t.waiveFeeOf(name, day(fee.postedOn, locale))} @click=${(e: Event) => ctx.onWaive(fee, e.currentTarget as HTMLElement)}>${t.waive}</button>`
          : nothing,
      ];
    }),
  });
}

export function auditSection(trail: AuditTrail | undefined, { t, locale }: SectionContext): TemplateResult {
  if (!trail) return html`<p role="status">${t.loading}</p>`;
  return dataTable({
    id: 'audit',
    caption: t.auditCaption,
    stackBelow: 'medium',
    columns: [
      { label: t.colWhen, kind: 'lead' },
      { label: t.colWhat, kind: 'header' },
      { label: t.colWho, kind: 'text' },
      { label: t.colDetail, kind: 'text' },
    ],
    rows: auditRows(trail.data, t, locale).map((row) => [row.when, row.what, row.who, row.raw ? html`<span class="mono">${row.detail}</span>` : row.detail]),
  });
}
