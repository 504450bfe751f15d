import { formatMoney } from '@billpay/sdk';
import { INTL_LOCALE } from '../statements/words.js';
import { MESSAGE_WORDS, type MessageWords } from './words.js';

/**
 * Messages rendered as pure functions of their facts: plain text, and HTML that reads the same
 * (one language attribute, one heading, a table of facts with header cells, a link named for what
 * it does, no images, nothing that needs styles to be understood). Every link is absolute.
 */

export type Language = 'en' | 'es';

export interface Rendered {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** A text message as rendered: its body only. */
export interface RenderedText {
  readonly text: string;
}

export interface Common {
  readonly language: Language;
  readonly practiceName: string;
  readonly practicePhone: string;
  readonly currency: string;
  readonly timeZone: string;
}

export interface StatementReadyFacts extends Common {
  readonly amountDueCents: number;
  readonly dueDate: string;
  /** The pay page with the text-to-pay token in its fragment. */
  readonly payLink: string;
  readonly payLinkExpiresAt: Date;
  readonly unsubscribeLink: string;
}

/** A payment's (or an automatic plan's) card or bank account as the patient is shown it ("Visa ending in 4242"). */
export interface MethodFacts {
  /** `card`, `bank`; any other is told as "Other". */
  readonly kind: string;
  readonly brand: string | null;
  readonly bankName: string | null;
  readonly last4: string | null;
}

export interface ReceiptFacts extends Common {
  readonly amountCents: number;
  readonly paidAt: Date;
  readonly confirmationNumber: string;
  readonly method: MethodFacts;
  readonly remainingBalanceCents: number | null;
}

export interface PlanMethodLinkFacts extends Common {
  /** The pay page with the link's token in its fragment. */
  readonly link: string;
  readonly linkExpiresAt: Date;
}

export interface PlanAmountNoticeFacts extends Common {
  /** The first payment of the new amount. */
  readonly effectiveFrom: string;
  readonly amountCents: number;
  /** The plan's payments still to come from `effectiveFrom`, as they now are. */
  readonly payments: readonly { readonly dueOn: string; readonly amountCents: number }[];
}

/** What every message says of the practice, in the message's language. */
export function commonFacts(practice: { readonly name: string; readonly currency: string; readonly contact: { readonly phone: string; readonly timeZone: string } }, language: Language): Common {
  return { language, practiceName: practice.name, practicePhone: practice.contact.phone, currency: practice.currency, timeZone: practice.contact.timeZone };
}

export const money = (facts: Common, cents: number) => formatMoney(cents, INTL_LOCALE[facts.language], facts.currency);
export const day = (facts: Common, iso: string) => new Intl.DateTimeFormat(INTL_LOCALE[facts.language], { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
export const moment = (facts: Common, at: Date) => new Intl.DateTimeFormat(INTL_LOCALE[facts.language], { dateStyle: 'long', timeZone: facts.timeZone }).format(at);

/** "Visa ending in 4242", "First Bank account ending in 0001", or "Other". */
export function methodWords(facts: Common, method: MethodFacts): string {
  const w: MessageWords = MESSAGE_WORDS[facts.language];
  if (method.kind === 'card' && method.brand && method.last4) return w.card(method.brand, method.last4);
  if (method.kind === 'bank' && method.last4) return w.bank(method.bankName ?? '', method.last4).trim();
  return w.otherMethod;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function page(language: Language, title: string, body: string): string {
  return `<!doctype html>
<html lang="${language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff">
<div role="article" aria-roledescription="email" lang="${language}" style="max-width:560px;margin:0 auto">
${body}
</div>
</body>
</html>`;
}

export function factsTable(rows: readonly (readonly [string, string])[]): string {
  const cells = rows.map(([label, value]) => `<tr><th scope="row" style="text-align:left;vertical-align:top;padding:4px 16px 4px 0;font-weight:normal">${escapeHtml(label)}</th><td style="vertical-align:top;padding:4px 0;font-weight:bold">${escapeHtml(value)}</td></tr>`);
  return `<table style="border-collapse:collapse;margin:16px 0">${cells.join('')}</table>`;
}

/** "Questions? Call … at (555) 010-4477." with the number kept on one line. */
export function questionsHtml(w: MessageWords, phone: string): string {
  const mark = '\u0000';
  return escapeHtml(w.questions(mark)).replace(mark, `<span style="white-space:nowrap">${escapeHtml(phone)}</span>`);
}

export const factsText = (rows: readonly (readonly [string, string])[]) => rows.map(([label, value]) => `${label}: ${value}`).join('\n');

export function renderStatementReady(facts: StatementReadyFacts): Rendered {
  const w: MessageWords = MESSAGE_WORDS[facts.language];
  const rows = [
    [w.amountDue, money(facts, facts.amountDueCents)],
    [w.dueBy, day(facts, facts.dueDate)],
  ] as const;
  const note = w.payLinkNote(moment(facts, facts.payLinkExpiresAt));
  const text = [
    w.statementLead(facts.practiceName),
    '',
    factsText(rows),
    '',
    `${w.payButton}: ${facts.payLink}`,
    note,
    '',
    w.questions(facts.practicePhone),
    '',
    w.unsubscribeNote,
    `${w.unsubscribe}: ${facts.unsubscribeLink}`,
  ].join('\n');
  const html = page(
    facts.language,
    w.statementSubject(facts.practiceName),
    `<h1 style="font-size:22px;margin:0 0 12px">${escapeHtml(w.statementHeading)}</h1>
<p>${escapeHtml(w.statementLead(facts.practiceName))}</p>
${factsTable(rows)}
<p><a href="${escapeHtml(facts.payLink)}" style="display:inline-block;padding:12px 20px;background:#0b57d0;color:#ffffff;text-decoration:underline;border-radius:6px;font-weight:bold">${escapeHtml(w.payButton)}</a></p>
<p>${escapeHtml(note)}</p>
<p>${questionsHtml(w, facts.practicePhone)}</p>
<hr style="border:0;border-top:1px solid #767676;margin:24px 0">
<p style="font-size:14px">${escapeHtml(w.unsubscribeNote)} <a href="${escapeHtml(facts.unsubscribeLink)}" style="color:#0b57d0">${escapeHtml(w.unsubscribe)}</a></p>`,
  );
  return { subject: w.statementSubject(facts.practiceName), text, html };
}

export function renderReceipt(facts: ReceiptFacts): Rendered {
  const w: MessageWords = MESSAGE_WORDS[facts.language];
  const paidWith = methodWords(facts, facts.method);
  const rows: (readonly [string, string])[] = [
    [w.amountPaid, money(facts, facts.amountCents)],
    [w.paidOn, moment(facts, facts.paidAt)],
    [w.confirmation, facts.confirmationNumber],
    [w.method, paidWith],
  ];
  if (facts.remainingBalanceCents !== null) rows.push([w.remaining, money(facts, Math.max(0, facts.remainingBalanceCents))]);
  const text = [w.receiptLead(facts.practiceName), '', factsText(rows), '', w.questions(facts.practicePhone)].join('\n');
  const html = page(
    facts.language,
    w.receiptSubject(facts.practiceName),
    `<h1 style="font-size:22px;margin:0 0 12px">${escapeHtml(w.receiptHeading)}</h1>
<p>${escapeHtml(w.receiptLead(facts.practiceName))}</p>
${factsTable(rows)}
<p>${questionsHtml(w, facts.practicePhone)}</p>`,
  );
  return { subject: w.receiptSubject(facts.practiceName), text, html };
}

/**
 * "Your statement is ready" as a text: the amount, the day it is due and the text-to-pay link, and
 * how to stop texts and get help (CTIA's opt-out and help words). No name of the patient, no Bill ID.
 */
export function renderStatementText(facts: StatementReadyFacts): RenderedText {
  const w: MessageWords = MESSAGE_WORDS[facts.language];
  return { text: `${w.text.statement(facts.practiceName, money(facts, facts.amountDueCents), day(facts, facts.dueDate), facts.payLink)}\n${w.text.optOut}` };
}

/** "Change your plan's payment method": why, the link, and that the patient gives the new authorization. */
export function renderPlanMethodLink(facts: PlanMethodLinkFacts): Rendered {
  const w: MessageWords = MESSAGE_WORDS[facts.language];
  const note = w.payLinkNote(moment(facts, facts.linkExpiresAt));
  const lead = w.planMethodLead(facts.practiceName);
  const text = [lead, '', w.planMethodHow, '', `${w.planMethodButton}: ${facts.link}`, note, '', w.planMethodNotYou, w.questions(facts.practicePhone)].join('\n');
  const html = page(
    facts.language,
    w.planMethodSubject(facts.practiceName),
    `<h1 style="font-size:22px;margin:0 0 12px">${escapeHtml(w.planMethodHeading)}</h1>
<p>${escapeHtml(lead)}</p>
<p>${escapeHtml(w.planMethodHow)}</p>
<p><a href="${escapeHtml(facts.link)}" style="display:inline-block;padding:12px 20px;background:#0b57d0;color:#ffffff;text-decoration:underline;border-radius:6px;font-weight:bold">${escapeHtml(w.planMethodButton)}</a></p>
<p>${escapeHtml(note)}</p>
<p>${escapeHtml(w.planMethodNotYou)} ${questionsHtml(w, facts.practicePhone)}</p>`,
  );
  return { subject: w.planMethodSubject(facts.practiceName), text, html };
}

/**
 * Regulation E's notice (12 CFR 1005.10(d)) of automatic payments that change amount: the new
 * amount, from when, and every payment still to come as a table (a caption, header cells).
 */
export function renderPlanAmountNotice(facts: PlanAmountNoticeFacts): Rendered {
  const w: MessageWords = MESSAGE_WORDS[facts.language];
  const lead = w.amountNoticeLead(facts.practiceName, money(facts, facts.amountCents), day(facts, facts.effectiveFrom));
  const rows = facts.payments.map((p) => [day(facts, p.dueOn), money(facts, p.amountCents)] as const);
  const text = [lead, '', `${w.amountNoticeTable}:`, ...rows.map(([date, amount]) => `${date}: ${amount}`), '', w.amountNoticeWhy, w.amountNoticeStop(facts.practicePhone)].join('\n');
  const cell = 'padding:4px 16px 4px 0;text-align:left';
  const table = `<table style="border-collapse:collapse;margin:16px 0"><caption style="text-align:left;font-weight:bold;padding-bottom:4px">${escapeHtml(w.amountNoticeTable)}</caption>
<thead><tr><th scope="col" style="${cell}">${escapeHtml(w.amountNoticeDate)}</th><th scope="col" style="${cell}">${escapeHtml(w.amountNoticeAmount)}</th></tr></thead>
<tbody>${rows.map(([date, amount]) => `<tr><td style="${cell}">${escapeHtml(date)}</td><td style="${cell}">${escapeHtml(amount)}</td></tr>`).join('')}</tbody></table>`;
  const html = page(
    facts.language,
    w.amountNoticeSubject(facts.practiceName),
    `<h1 style="font-size:22px;margin:0 0 12px">${escapeHtml(w.amountNoticeHeading)}</h1>
<p>${escapeHtml(lead)}</p>
${table}
<p>${escapeHtml(w.amountNoticeWhy)}</p>
<p>${escapeHtml(w.amountNoticeStop(facts.practicePhone))}</p>`,
  );
  return { subject: w.amountNoticeSubject(facts.practiceName), text, html };
}
