/** The account page's plans: each plan's schedule, its charge attempts, and what billing staff may change. */
import { html, nothing, type TemplateResult } from 'lit';
import type { AccountDetail, PlanDetail } from '@billpay/sdk/admin';
import { dataTable, formatDate, formatMoment, money, type DataCell } from '@billpay/elements/parts.js';
import type { SectionContext } from '../account/account-sections.js';
import { tableSection } from '../app/table-section.js';
import { brandName } from '../i18n/en.js';

const RUNNING: readonly string[] = ['active', 'delinquent'];
const OPEN: readonly string[] = ['scheduled', 'failed'];

function planActions(plan: PlanDetail, ctx: SectionContext): TemplateResult | typeof nothing {
  if (!ctx.mayChangeMoney || !RUNNING.includes(plan.status)) return nothing;
  const { t } = ctx;
  const open = (edit: Parameters<SectionContext['onPlanEdit']>[0]) => (e: Event) => ctx.onPlanEdit(edit, e.currentTarget as HTMLElement);
  const link = plan.mode === 'automatic' ? ctx.methodLink : undefined;
  return html`<p class="actions">
      <button type="button" class="secondary" @click=${open({ kind: 'amount', plan })}>${t.changeAmount}</button>
      <button type="button" class="secondary" @click=${open({ kind: 'cancel', plan })}>${t.cancelPlan}</button>
      ${link
        ? html`<button type="button" class="secondary" aria-describedby="plan-${plan.id}-title" ?disabled=${link.busy(plan.id)} @click=${() => link.onSend(plan.id)}>${link.label}</button>`
        : nothing}
    </p>
    ${link ? html`<p class="problem" role="alert">${link.problem}</p><p role="status">${link.done}</p>` : nothing}`;
}

/**
 * How the plan's payments are made, as staff read it to the patient on the phone ("your Visa
 * ending in 4242"): the card's brand or the bank account's type and bank, and the last 4 digits
 * the admin API gives; never more.
 */
export function planMethodWords(plan: PlanDetail, { t }: Pick<SectionContext, 't'>): string {
  if (plan.mode !== 'automatic') return t.planManual;
  const method = plan.paymentMethod;
  if (!method) return t.planMethodNotKept(plan.method === 'bank' ? 'bank' : 'card');
  if (method.kind === 'bank') return t.planBank(method.accountType, method.last4, method.bankName);
  return t.planCard(brandName(method.brand ?? null), method.last4);
}

function schedule(plan: PlanDetail, id: string, ctx: SectionContext): TemplateResult {
  const { t, locale } = ctx;
  const changeable = ctx.mayChangeMoney && RUNNING.includes(plan.status);
  return dataTable({
    id,
    caption: { labelledBy: `${id}-title` },
    stackBelow: changeable ? 'medium' : 'narrow',
    columns: [
      { label: t.colNumber, kind: 'header', labelled: true },
      { label: t.colDue, kind: 'text' },
      { label: t.colAmount, kind: 'money' },
      { label: t.colStatus, kind: 'text' },
      ...(changeable ? [{ label: t.colActions, kind: 'text' as const }] : []),
    ],
    rows: plan.installments.map((installment): DataCell[] => [
      String(installment.number),
      formatDate(installment.dueOn, locale),
      money(installment.amountCents, locale),
      `${t.installmentStatus[installment.status] ?? installment.status}${installment.paidOn ? ` ${formatDate(installment.paidOn, locale)}` : ''}`,
      ...(changeable
        ? [
            OPEN.includes(installment.status)
              ? html`<span class="actions">
                  <button type="button" class="secondary small" aria-label=${t.moveOf(installment.number)}
                    @click=${(e: Event) => ctx.onPlanEdit({ kind: 'move', plan, number: installment.number }, e.currentTarget as HTMLElement)}>${t.move}</button>
                  <button type="button" class="secondary small" aria-label=${t.skipOf(installment.number)}
                    @click=${(e: Event) => ctx.onPlanEdit({ kind: 'skip', plan, number: installment.number }, e.currentTarget as HTMLElement)}>${t.skip}</button>
                </span>`
              : '',
          ]
        : []),
    ]),
  });
}

function attempts(plan: PlanDetail, id: string, { t, locale }: SectionContext): TemplateResult {
  return tableSection({
    id: `${id}-attempts`,
    none: t.noAttempts,
    noneClass: 'muted',
    heading: html`<h4 id="${id}-attempts-title">${t.attemptsCaption}</h4>`,
    caption: { labelledBy: `${id}-attempts-title` },
    stackBelow: 'medium',
    columns: [
      { label: t.colWhen, kind: 'lead' },
      { label: t.colNumber, kind: 'header', labelled: true },
      { label: t.colAttempt, kind: 'number' },
      { label: t.colOutcome, kind: 'text' },
      { label: t.colAmount, kind: 'money' },
    ],
    rows: plan.attempts.map((a) => [
      formatMoment(new Date(a.createdAt), locale),
      String(a.installmentNumber),
      String(a.attempt),
      t.attemptOutcome[a.outcome ?? 'running'] ?? a.outcome ?? '',
      money(a.amountCents, locale),
    ]),
  });
}

export function plansSection(detail: AccountDetail, ctx: SectionContext): TemplateResult {
  const { t, locale } = ctx;
  if (detail.plans.length === 0) return html`<p>${t.noPlans}</p>`;
  return html`${detail.plans.map((plan) => {
    const id = `plan-${plan.id}`;
    return html`<h3 id="${id}-title">${t.planHeading(plan.installments.length, money(plan.installmentCents, locale), t.planStatus[plan.status] ?? plan.status)}</h3>
      <p id="${id}-method">${planMethodWords(plan, ctx)}</p>
      ${planActions(plan, ctx)} ${schedule(plan, id, ctx)} ${attempts(plan, id, ctx)}`;
  })}`;
}
