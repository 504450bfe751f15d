import type { Account, Payment, Practice } from '@billpay/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { money, withPhone } from '../i18n/format.js';
import { intlLocales, type Locale } from '../i18n/locales.js';
import { payWords } from '../i18n/pay.js';
import { describeMethod } from '../payment-method/capture.js';

/** A receipt's facts, term and value, in order: on the page, printed, and in the saved file. */
export function receiptRows(payment: Payment, practice: Practice, account: Account | undefined, locale: Locale): [string, string][] {
  const t = payWords(locale);
  // With its time zone: a receipt is read later, and perhaps somewhere else.
  const when = new Intl.DateTimeFormat(intlLocales[locale], { year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(
    new Date(payment.createdAt),
  );
  const rows: [string, string][] = [[t.receiptConfirmation, payment.confirmationNumber]];
  if (account) rows.push([t.receiptAccount, account.accountNumber]);
  rows.push(
    [t.receiptDateTime, when],
    [t.receiptAmount, money(payment.amountCents, locale)],
    [t.reviewMethod, describeMethod(payment.method, t)],
    [t.receiptStatus, t.paymentStatus[payment.status]],
    [t.receiptRemaining, money(Math.max(0, payment.remainingBalanceCents), locale)],
    [t.reviewPayee, practice.name],
  );
  return rows;
}

export function receiptTitle(payment: Payment, locale: Locale): string {
  const t = payWords(locale);
  return payment.status === 'processing' || payment.status === 'pending' ? t.receiptProcessingTitle : t.receiptTitle;
}

/** The receipt under its heading: on the page, and as the printed receipt. */
export function receiptBody(payment: Payment, practice: Practice, account: Account | undefined, locale: Locale): TemplateResult {
  const t = payWords(locale);
  const { phone, email } = practice.contact;
  return html`
    ${payment.status === 'processing' || payment.status === 'pending' ? html`<p>${t.receiptProcessingNote}</p>` : nothing}
    <dl class="facts">
      ${receiptRows(payment, practice, account, locale).map(
        ([label, value], index) => html`<dt>${label}</dt>
          <dd class=${index === 0 ? 'confirmation' : ''}>${value}</dd>`,
      )}
    </dl>
    <p class="muted">${t.receiptKeep}</p>
    <p>${withPhone(t.receiptQuestions(phone, email), phone)}</p>
  `;
}

/** The receipt as the lines of a plain text file. */
export function receiptLines(payment: Payment, practice: Practice, account: Account | undefined, locale: Locale): string[] {
  const t = payWords(locale);
  return [
    t.receiptFileTitle(practice.name),
    '',
    ...receiptRows(payment, practice, account, locale).map(([label, value]) => `${label}: ${value}`),
    '',
    t.receiptQuestions(practice.contact.phone, practice.contact.email),
  ];
}
