/**
 * What `<plan-builder>` gives the patient to keep: the plan printed as a document of its own, its
 * authorization printed the same way, and calendar reminders for a plan paid by hand.
 */
import { getAccount, type BillPayConnection, type Plan, type Practice } from '@billpay/sdk';
import { dataTableStyles } from '../data-table/data-table.styles.js';
import { downloadFile } from '../download/download-file.js';
import { wordsOf, type Locale } from '../i18n/locales.js';
import { planBook } from '../i18n/plans.js';
import type { CapturedMethod } from '../payment-method/capture.js';
import { printAuthorization } from '../print/print-authorization.js';
import { flowStyles } from '../styles/flow.js';
import { formStyles } from '../styles/form.js';
import { planBuilderStyles } from './plan-builder.styles.js';
import { planCalendar } from './plan-calendar.js';
import type { Review } from './plan-model.js';
import { scheduleTable } from './billpay-plan-schedule.js';
import { planDocument } from './plan-schedule.js';
import { authorizationText } from './plan-words.js';

/** Whose plan: the session's account (without it, the document prints with the practice alone). */
function accountOf(client: BillPayConnection) {
  return getAccount(client).catch(() => undefined);
}

/** Prints the plan as a document of its own (the practice, the patient's account, the plan and its schedule), not the page. */
export async function printPlan(plan: Plan, practice: Practice, client: BillPayConnection, captured: CapturedMethod | undefined, locale: Locale): Promise<void> {
  const [{ printDocument }, account] = await Promise.all([import('../print/print-document.js'), accountOf(client)]);
  await printDocument({
    title: wordsOf(planBook, locale).planDoneTitle,
    locale,
    practice,
    account,
    content: planDocument(plan, practice, captured, locale, scheduleTable),
    styles: [formStyles, flowStyles, dataTableStyles, planBuilderStyles],
  });
}

/** Prints the recurring-payment authorization on the review as a document of its own, not the page; focus goes back to `button`. */
export function printPlanAuthorization(review: Review, practice: Practice, client: BillPayConnection, locale: Locale, button: EventTarget | null): Promise<void> {
  const p = wordsOf(planBook, locale);
  const title = review.mode === 'bank' ? p.planAuthorizationBankTitle : p.planAuthorizationCardTitle;
  const text = authorizationText(review, practice, locale);
  return printAuthorization({ title, text, date: review.date, locale, practice, account: accountOf(client) }, button);
}

/** A calendar file with a reminder two days before each payment (plans paid by the patient). */
export function savePlanCalendar(root: Node, plan: Plan, practice: Practice, locale: Locale): void {
  downloadFile(root, planCalendar(plan, practice, locale), 'text/calendar;charset=utf-8', `${wordsOf(planBook, locale).planCalendarFile}.ics`);
}
