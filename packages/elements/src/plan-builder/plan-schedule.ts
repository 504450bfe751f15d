/**
 * The plan schedule and the plan as set up, as template parts of `<plan-builder>`: drawn in its
 * shadow root with its styles (the data table's, the flow's), and in the printed plan. On the page
 * the schedule is `<billpay-plan-schedule>` (`scheduleElement`); printed, it is the table itself
 * (`scheduleTable`, in billpay-plan-schedule.ts), in the print document's one shadow root with its styles.
 */
import type { Plan, Practice } from '@billpay/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { formatDate, money, withPhone } from '../i18n/format.js';
import { wordsOf, type Locale } from '../i18n/locales.js';
import { payWords } from '../i18n/pay.js';
import { planBook } from '../i18n/plans.js';
import { describeMethod, type CapturedMethod } from '../payment-method/capture.js';
import type { ScheduleRow } from './billpay-plan-schedule.js';
import { termsSentence } from './plan-words.js';

/** How a template draws a schedule: `scheduleElement` on the page, `scheduleTable` printed. */
export type DrawSchedule = (rows: readonly ScheduleRow[], totalCents: number, captionId: string, locale: Locale) => TemplateResult;

/** The schedule as `<billpay-plan-schedule>` (registered by plan-builder's define.ts), its table's part forwarded. */
export const scheduleElement: DrawSchedule = (rows, totalCents, captionId, locale) =>
  html`<billpay-plan-schedule exportparts="schedule" .rows=${rows} .totalCents=${totalCents} caption-id=${captionId} .locale=${locale}></billpay-plan-schedule>`;

/**
 * The plan as set up, under its heading: on the page, and as the printed plan. `captured`: the
 * method reviewed, if any; `drawSchedule`: the table itself for print.
 */
export function planDocument(plan: Plan, practice: Practice, captured: CapturedMethod | undefined, locale: Locale, drawSchedule: DrawSchedule = scheduleElement): TemplateResult {
  const t = payWords(locale);
  const p = wordsOf(planBook, locale);
  const next = plan.nextPayment;
  const installments = plan.installments.filter((i) => i.kind === 'installment');
  const last = installments[installments.length - 1];
  const terms = termsSentence(
    {
      frequency: plan.frequency,
      installmentCount: installments.length,
      installmentCents: plan.installmentCents,
      lastInstallmentCents: last?.amountCents ?? plan.installmentCents,
      firstDate: plan.firstDate,
      lastDate: plan.lastDate,
      balanceCents: plan.balanceCents,
      downPaymentCents: plan.downPaymentCents,
    },
    locale,
  );
  // Both places it appears are sentences: "It will be charged automatically to your …", "Automatically, from your …".
  const method = captured ? describeMethod(captured.method, t, captured.bank?.type, 'inSentence') : undefined;
  return html`
        ${next ? html`<p class="next">${p.planNextPayment(money(next.amountCents, locale), formatDate(next.dueOn, locale))}</p>` : nothing}
        <p>${plan.mode === 'automatic' && method ? p.planNextAutomatic(method) : p.planNextManual}</p>
        <dl class="facts">
          <dt>${p.planReviewTerms}</dt>
          <dd>${terms}</dd>
          <dt>${p.planReviewHow}</dt>
          <dd>${plan.mode === 'automatic' && method ? p.planReviewAutomatic(method) : p.planReviewManual}</dd>
          <dt>${p.planReviewPayee}</dt>
          <dd>${practice.name}</dd>
        </dl>
        ${drawSchedule(plan.installments, plan.balanceCents, 'done-caption', locale)}
        ${plan.authorization
          ? html`<section class="authorization" part="authorization" aria-labelledby="done-authorization-title">
              <p id="done-authorization-title" class="subheading">${plan.method === 'card' ? p.planAuthorizationCardTitle : p.planAuthorizationBankTitle}</p>
              <p>${withPhone(plan.authorization.text, practice.contact.phone)}</p>
            </section>`
          : nothing}
        <p class="muted">${p.planDoneKeep}</p>
    `;
}

/** The plan once set up, on the page: its heading, the plan, Print and (paid by hand) calendar reminders. */
export function planDone(
  plan: Plan,
  practice: Practice,
  captured: CapturedMethod | undefined,
  locale: Locale,
  actions: { readonly heading: TemplateResult; readonly onPrint: () => Promise<void>; readonly onCalendar: () => void },
): TemplateResult {
  const p = wordsOf(planBook, locale);
  return html`
    <section class="confirmation" part="confirmation" aria-labelledby="plan-done-heading">
      ${actions.heading} ${planDocument(plan, practice, captured, locale)}
      <div class="actions">
        <button type="button" class="secondary" part="print-button" @click=${actions.onPrint}>${p.planPrint}</button>
        ${plan.mode === 'manual' ? html`<button type="button" class="secondary" part="calendar-button" @click=${actions.onCalendar}>${p.planCalendar}</button>` : nothing}
      </div>
    </section>
  `;
}
