import { applyPayment, type Account } from '@billpay/sdk';
import { html, type TemplateResult } from 'lit';
import { formatDate, money } from '../i18n/format.js';
import type { Locale } from '../i18n/locales.js';
import { payWords } from '../i18n/pay.js';

/**
 * Where a reviewed payment goes, in words: each statement it pays (how much of what is open, and
 * what will remain on it), as the account's ledger applies it (the SDK's `applyPayment`: a chosen
 * statement first, then the oldest). One statement is a sentence; several are a list.
 */
export function renderAppliedTo(account: Account, amountCents: number, statementId: string | undefined, locale: Locale): TemplateResult {
  const t = payWords(locale);
  const { statements, creditCents } = applyPayment(account.statements, amountCents, statementId);
  const lines = statements.map((s) =>
    t.appliedToStatement({
      date: formatDate(s.statementDate, locale),
      applied: money(s.appliedCents, locale),
      open: money(s.openCents, locale),
      remaining: s.remainingCents > 0 ? money(s.remainingCents, locale) : undefined,
    }),
  );
  if (creditCents > 0) lines.push(t.appliedToRest(money(creditCents, locale)));
  if (lines.length === 0) return html`${t.wholeBalance}`;
  if (lines.length === 1) return html`${lines[0]}`;
  return html`<ul class="applied-to">
    ${lines.map((line) => html`<li>${line}</li>`)}
  </ul>`;
}
