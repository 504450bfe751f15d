import { MESSAGE_WORDS } from './words.js';
import { PLAN_WORDS, type PlanWords } from './plan-words.js';
import { day, escapeHtml, factsTable, factsText, methodWords, moment, money, page, questionsHtml, type Common, type MethodFacts, type Rendered, type RenderedText } from './render.js';

/**
 * The messages about a payment plan, rendered as `render.ts` renders the others: pure functions of
 * their facts, plain text and HTML that reads the same, every link absolute (the practice's pay
 * page, where the patient finds their bill and gives the date of birth), no Bill ID, no date of
 * birth, no name.
 */

export interface PlanPaymentLine {
  readonly dueOn: string;
  readonly amountCents: number;
  readonly kind: 'down_payment' | 'installment';
}

export interface PlanConfirmationFacts extends Common {
  readonly frequency: 'weekly' | 'biweekly' | 'semimonthly' | 'monthly';
  readonly totalCents: number;
  readonly payments: readonly PlanPaymentLine[];
  /** Automatic payments: the method and the authorization as accepted (its exact text). */
  readonly automatic: { readonly method: MethodFacts; readonly authorizationText: string; readonly acceptedAt: Date } | null;
  /** The practice's pay page, for a plan paid by hand. */
  readonly payPage: string | null;
}

export interface InstallmentReminderFacts extends Common {
  /** `upcoming`: an automatic payment in 3 days; `amount_changes`: one of another amount than the last, 10 days before; `due`: a manual payment due today. */
  readonly lead: 'upcoming' | 'amount_changes' | 'due';
  readonly dueOn: string;
  readonly amountCents: number;
  readonly previousCents: number | null;
  readonly method: MethodFacts | null;
  readonly payPage: string | null;
}

export interface InstallmentFailedFacts extends Common {
  readonly automatic: boolean;
  readonly dueOn: string;
  readonly amountCents: number;
  /** When it is tried again (automatic) or due again (manual). */
  readonly retryOn: string;
  readonly payPage: string | null;
}

export interface PlanDelinquentFacts extends Common {
  readonly automatic: boolean;
  readonly missed: number;
  readonly behindCents: number;
  readonly payPage: string | null;
}

const heading = (text: string) => `<h1 style="font-size:22px;margin:0 0 12px">${escapeHtml(text)}</h1>`;
const paragraphs = (lines: readonly string[]) => lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n');
const button = (href: string, label: string) =>
  `<p><a href="${escapeHtml(href)}" style="display:inline-block;padding:12px 20px;background:#0b57d0;color:#ffffff;text-decoration:underline;border-radius:6px;font-weight:bold">${escapeHtml(label)}</a></p>`;

/** An email: the lead lines, the facts, more lines, a link to the pay page when there is one, and who to call. */
export function email(facts: Common, subject: string, title: string, lines: readonly string[], rows: readonly (readonly [string, string])[], link: { readonly href: string; readonly label: string } | null, extraText: readonly string[] = [], extraHtml = ''): Rendered {
  const w = MESSAGE_WORDS[facts.language];
  const text = [...lines.flatMap((l) => [l, '']), ...(rows.length ? [factsText(rows), ''] : []), ...extraText, ...(link ? [`${link.label}: ${link.href}`, ''] : []), w.questions(facts.practicePhone)].join('\n');
  const html = page(facts.language, subject, `${heading(title)}
${paragraphs(lines)}
${rows.length ? factsTable(rows) : ''}${extraHtml}
${link ? button(link.href, link.label) : ''}
<p>${questionsHtml(w, facts.practicePhone)}</p>`);
  return { subject, text, html };
}

/** The schedule as a table with a caption and header cells. */
function scheduleHtml(facts: Common, p: PlanWords, payments: readonly PlanPaymentLine[]): string {
  const cell = 'padding:4px 16px 4px 0;text-align:left';
  const rows = payments.map((line) => `<tr><td style="${cell}">${escapeHtml(scheduleDate(facts, p, line))}</td><td style="${cell}">${escapeHtml(money(facts, line.amountCents))}</td></tr>`);
  return `<table style="border-collapse:collapse;margin:16px 0"><caption style="text-align:left;font-weight:bold;padding-bottom:4px">${escapeHtml(p.schedule)}</caption>
<thead><tr><th scope="col" style="${cell}">${escapeHtml(p.date)}</th><th scope="col" style="${cell}">${escapeHtml(p.amount)}</th></tr></thead>
<tbody>${rows.join('')}</tbody></table>`;
}

const scheduleDate = (facts: Common, p: PlanWords, line: PlanPaymentLine) => (line.kind === 'down_payment' ? `${day(facts, line.dueOn)} (${p.downPayment})` : day(facts, line.dueOn));

/**
 * A new plan's confirmation: its total, payments and rhythm, how it is paid, the whole schedule,
 * and for automatic payments a copy of the authorization exactly as the patient accepted it
 * (Regulation E, 12 CFR 1005.10(b)) and how to stop them.
 */
export function renderPlanConfirmation(facts: PlanConfirmationFacts): Rendered {
  const p = PLAN_WORDS[facts.language];
  const auto = facts.automatic;
  const rows = [
    [p.total, money(facts, facts.totalCents)],
    [p.payments, String(facts.payments.length)],
    [p.howOften, p.frequency[facts.frequency]],
    [p.howYouPay, auto ? p.automaticWith(methodWords(facts, auto.method)) : p.manualPay],
  ] as const;
  const scheduleText = [`${p.schedule}:`, ...facts.payments.map((line) => `${scheduleDate(facts, p, line)}: ${money(facts, line.amountCents)}`), ''];
  const authorizationText = auto ? [p.authorizationHeading, p.authorizationLead(moment(facts, auto.acceptedAt)), '', auto.authorizationText, '', p.authorizationStop(facts.practicePhone), ''] : [p.manualHow, ''];
  const authorizationHtml = auto
    ? `<h2 style="font-size:18px;margin:24px 0 8px">${escapeHtml(p.authorizationHeading)}</h2>
<p>${escapeHtml(p.authorizationLead(moment(facts, auto.acceptedAt)))}</p>
<blockquote style="margin:0 0 16px;padding:8px 16px;border-left:4px solid #767676;white-space:pre-wrap">${escapeHtml(auto.authorizationText)}</blockquote>
<p>${escapeHtml(p.authorizationStop(facts.practicePhone))}</p>`
    : `<p>${escapeHtml(p.manualHow)}</p>`;
  const link = !auto && facts.payPage ? { href: facts.payPage, label: p.payHere } : null;
  return email(facts, p.confirmationSubject(facts.practiceName), p.confirmationHeading, [p.confirmationLead(facts.practiceName)], rows, link, [...scheduleText, ...authorizationText], `${scheduleHtml(facts, p, facts.payments)}\n${authorizationHtml}`);
}

/** A reminder before a plan's payment, as an email. */
export function renderInstallmentReminder(facts: InstallmentReminderFacts): Rendered {
  const p = PLAN_WORDS[facts.language];
  const amount = money(facts, facts.amountCents);
  const date = day(facts, facts.dueOn);
  const lines =
    facts.lead === 'due'
      ? [p.reminderManual(facts.practiceName, amount, date)]
      : [
          p.reminderAutomatic(facts.practiceName, amount, date, facts.method ? methodWords(facts, facts.method) : MESSAGE_WORDS[facts.language].otherMethod),
          ...(facts.lead === 'amount_changes' && facts.previousCents !== null ? [p.reminderChanged(amount, money(facts, facts.previousCents))] : []),
          p.reminderNothingToDo,
        ];
  const link = facts.lead === 'due' && facts.payPage ? { href: facts.payPage, label: p.payButton } : null;
  return email(facts, p.reminderSubject(facts.practiceName, amount, date), p.reminderHeading, lines, [], link);
}

/** A reminder before a plan's payment, as a text: the amount, the day, for a manual payment the pay page; how to stop texts. */
export function renderInstallmentReminderText(facts: InstallmentReminderFacts): RenderedText {
  const p = PLAN_WORDS[facts.language];
  const amount = money(facts, facts.amountCents);
  const date = day(facts, facts.dueOn);
  const body =
    facts.lead === 'due'
      ? p.text.reminderManual(facts.practiceName, amount, date, facts.payPage ?? facts.practicePhone)
      : facts.lead === 'amount_changes' && facts.previousCents !== null
        ? p.text.reminderChanged(facts.practiceName, amount, money(facts, facts.previousCents), date)
        : p.text.reminderAutomatic(facts.practiceName, amount, date);
  return { text: `${body}\n${MESSAGE_WORDS[facts.language].text.optOut}` };
}

/** A plan's payment that failed (or, paid by hand, was missed), and what to do: when it is tried (or due) again, paying it now, changing the method. */
export function renderInstallmentFailed(facts: InstallmentFailedFacts): Rendered {
  const p = PLAN_WORDS[facts.language];
  const retry = day(facts, facts.retryOn);
  const [amount, due] = [money(facts, facts.amountCents), day(facts, facts.dueOn)];
  const link = facts.payPage ? { href: facts.payPage, label: p.payButton } : null;
  if (!facts.automatic) return email(facts, p.missedSubject(facts.practiceName), p.missedHeading, [p.missedLead(facts.practiceName, amount, due), p.failedManual(retry)], [], link);
  return email(facts, p.failedSubject(facts.practiceName), p.failedHeading, [p.failedLead(facts.practiceName, amount, due), p.failedRetry(retry), p.failedChange], [], link);
}

/** A plan that fell behind: how much, that automatic payments stopped, and how to bring it up to date. */
export function renderPlanDelinquent(facts: PlanDelinquentFacts): Rendered {
  const p = PLAN_WORDS[facts.language];
  const lines = [p.delinquentLead(facts.practiceName, facts.missed), ...(facts.automatic ? [p.delinquentPaused] : []), p.delinquentWhat];
  return email(facts, p.delinquentSubject(facts.practiceName), p.delinquentHeading, lines, [[p.behind, money(facts, facts.behindCents)]], facts.payPage ? { href: facts.payPage, label: p.payButton } : null);
}
