/**
 * The itemized bill as a document to print: the balance and when it is due, every statement with
 * its charges and the insurer's notes, other fees and the payments, made of the same parts as the
 * bill on screen (and kept in the same bundle part as it: a part of its own costs more than it saves).
 */
import type { Account, Statement } from '@billpay/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { formatDate, money } from '../i18n/format.js';
import { billWords, chargeNotes, chargesTable, dueLine, feesTable, paymentsTable, statementDue } from './statement-details.js';
import type { Locale } from '../i18n/locales.js';

export function itemizedBill(account: Account, statements: readonly Statement[], locale: Locale): TemplateResult {
  const words = billWords(locale);
  const { t } = words;
  const due = dueLine(account, words);
  const known = new Set(statements.map((s) => s.id));
  const otherFees = account.fees.filter((fee) => fee.statementId === null || !known.has(fee.statementId));
  return html`
    <div class="balance">
      <span class="label">${t.balanceLabel}</span>
      <span class="amount">${money(Math.max(0, account.balanceCents), locale)}</span>
      ${due ? html`<span>${due}</span>` : nothing}
    </div>
    ${statements.map(
      (statement) => html`
        <section class="statement" aria-labelledby="printed-${statement.id}">
          <h2 id="printed-${statement.id}" class="statement-heading">${t.statementOf(formatDate(statement.statementDate, locale))}</h2>
          <p class="muted">${t.servicePeriod(formatDate(statement.periodStart, locale), formatDate(statement.periodEnd, locale))}</p>
          <dl>
            <dt>${t.statementAmount}</dt>
            <dd>${money(statement.amountCents, locale)}</dd>
            <dt>${t.statementOpen}</dt>
            <dd>${money(statement.openCents, locale)}</dd>
            <dt>${t.statementDue}</dt>
            <dd>${statementDue(statement, account, words)}</dd>
          </dl>
          ${chargesTable(statement, account.coverage, words, `printed-charges-${statement.id}`)}
          ${chargeNotes(statement, account.coverage, words, 3)}
        </section>
      `,
    )}
    ${otherFees.length ? feesTable(otherFees, words, 'printed-fees', 2) : nothing}
    ${account.payments.length ? paymentsTable(account.payments, words, 'printed-payments', 2) : nothing}
  `;
}
