/** The account page's plans: each plan's schedule, its charge attempts, and what billing staff may change. */
import { html, nothing, type TemplateResult } from 'lit';
import type { AccountDetail, PlanDetail } from '@billpay/sdk/admin';
import { dataTable, formatDate, formatMoment, money, type DataCell } from '@billpay/elements/parts.js';
import type { SectionContext } from '../account/account-sections.js';

const RUNNING: readonly string[] = ['active', 'delinquent'];
const OPEN: readonly string[] = ['scheduled', 'failed'];

function planActions(plan: PlanDetail, ctx: SectionContext): TemplateResult | typeof nothing {
  if (!ctx.mayChangeMoney || !RUNNING.includes(plan.status)) return nothing;
  const { t } = ctx;
  const open = (edit: Parameters<SectionContext['onPlanEdit']>[0]) => (e: Event) => ctx.onPlanEdit(edit, e.currentTarget as HTMLElement);
  return html`<p class="actions">
    <button type="button" class="secondary" @click=${open({ kind: 'amount', plan })}>${t.changeAmount}</button>
    <button type="button" class="secondary" @click=${open({ kind: 'cancel', plan })}>${t.cancelPlan}</button>
  </p>`;
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
  if (plan.attempts.length === 0) return html`<p class="muted">${t.noAttempts}</p>`;
  return html`<h4 id="${id}-attempts-title">${t.attemptsCaption}</h4>
    ${dataTable({
      id: `${id}-attempts`,
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
    })}`;
}

export function plansSection(detail: AccountDetail, ctx: SectionContext): TemplateResult {
  const { t, locale } = ctx;
  if (detail.plans.length === 0) return html`<p>${t.noPlans}</p>`;
  return html`${detail.plans.map((plan) => {
    const id = `plan-${plan.id}`;
    return html`<h3 id="${id}-title">${t.planHeading(plan.installments.length, money(plan.installmentCents, locale), t.planStatus[plan.status] ?? plan.status)}</h3>
      ${planActions(plan, ctx)} ${schedule(plan, id, ctx)} ${attempts(plan, id, ctx)}`;
  })}`;
}
