import { formatBillId, formatMoney, type Statement } from '@billpay/sdk';
import type { PracticeConfig } from '../practices/practices.js';
import { INTL_LOCALE, STATEMENT_WORDS, type StatementLanguage, type StatementWords } from './words.js';

export interface MailingAddress {
  readonly line1: string;
  readonly line2?: string | null | undefined;
  readonly city: string;
  readonly state: string;
  readonly postalCode: string;
}

/** What one paper statement is printed from: the statement as the patient's bill shows it, and who it is for. */
export interface PaperStatementData {
  readonly practice: PracticeConfig;
  readonly language: StatementLanguage;
  readonly billId: string;
  readonly accountNumber: string;
  readonly patient: { readonly firstName: string; readonly lastName: string; readonly address: MailingAddress | null };
  readonly statement: Statement;
}

export interface ChargeRow {
  readonly date: string;
  readonly service: string;
  /** Charge, insurance paid, discount, your part. */
  readonly amounts: readonly [string, string, string, string];
  /** Why the patient owes what they owe, in plain words. */
  readonly notes: readonly string[];
}

/** Every word and number on the page, decided; `pdf.ts` only places them. */
export interface StatementContent {
  readonly words: StatementWords;
  readonly practiceName: string;
  readonly contactLines: readonly string[];
  readonly billId: string;
  readonly facts: readonly (readonly [string, string])[];
  readonly addressLines: readonly string[];
  readonly amountDue: string;
  readonly payBy: string;
  readonly rows: readonly ChargeRow[];
  /** Fees and payments on the statement, and the totals, as label and amount. */
  readonly totals: readonly (readonly [string, string])[];
  readonly waysToPay: readonly string[];
  /** What the QR code opens: the pay page with the Bill ID in the fragment (never sent to a server). */
  readonly payUrl: string | null;
  readonly help: readonly string[];
  readonly slip: { readonly facts: readonly (readonly [string, string])[]; readonly payee: string; readonly mailTo: readonly string[] };
}

/**
 * The practice's pay page with the Bill ID in the URL fragment (`#bill=`): a browser never sends
 * a fragment to a server, so the Bill ID stays out of access logs, proxies and Referer headers.
 */
export function payLinkOf(payPageUrl: string, billId: string): string {
  const url = new URL(payPageUrl);
  url.hash = `bill=${billId}`;
  return url.href;
}

/** "2026-12-18" -> "December 18, 2026" / "18 de diciembre de 2026". */
export function formatDate(iso: string, language: StatementLanguage): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[language], { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
}

function shortDate(iso: string, language: StatementLanguage): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[language], { month: '2-digit', day: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
}

const WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** "Monday to Friday, 8:00 AM to 4:30 PM" from the practice's opening hours (the first entry). */
function hoursOf(practice: PracticeConfig, language: StatementLanguage, words: StatementWords): string {
  const locale = INTL_LOCALE[language];
  const day = (d: string) => new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + WEEK.indexOf(d as (typeof WEEK)[number]))));
  const time = (hhmm: string) => {
    const [h = 0, m = 0] = hhmm.split(':').map(Number);
    return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1, h, m)));
  };
  return practice.contact.hours
    .map((entry) => {
      const days = [...entry.days].sort((a, b) => WEEK.indexOf(a) - WEEK.indexOf(b));
      const contiguous = days.every((d, i) => i === 0 || WEEK.indexOf(d as never) === WEEK.indexOf(days[i - 1] as never) + 1);
      const names = contiguous && days.length > 2 ? `${day(days[0]!)} – ${day(days.at(-1)!)}` : new Intl.ListFormat(locale, { type: 'conjunction' }).format(days.map(day));
      return words.hours(names, time(entry.opens), time(entry.closes));
    })
    .join('; ');
}

function addressLines(address: MailingAddress | null | undefined): string[] {
  if (!address) return [];
  return [address.line1, ...(address.line2 ? [address.line2] : []), `${address.city}, ${address.state} ${address.postalCode}`];
}

/** Where checks go: the practice's remit address, else its first provider's location. */
function remitAddressOf(practice: PracticeConfig): string[] {
  if (practice.remitAddress) return addressLines(practice.remitAddress);
  const location = practice.providers?.[0]?.location;
  return location ? addressLines({ line1: location.address, city: location.city, state: location.state, postalCode: location.zip }) : [];
}

/**
 * Decides everything a paper statement says, in the patient's language: pure, so each word and
 * amount is tested without drawing a PDF. The amount due is what is still open on the statement.
 */
export function statementContent(data: PaperStatementData): StatementContent {
  const { practice, statement, language } = data;
  const words = STATEMENT_WORDS[language];
  const money = (cents: number) => formatMoney(cents, INTL_LOCALE[language], practice.currency);
  const date = (iso: string) => formatDate(iso, language);
  const hours = hoursOf(practice, language, words);
  const dueCents = Math.max(0, statement.openCents);
  const payUrl = practice.payPageUrl ? payLinkOf(practice.payPageUrl, data.billId) : null;
  const name = `${data.patient.firstName} ${data.patient.lastName}`;

  const rows = statement.lineItems.map((item): ChargeRow => {
    const description = language === 'es' && item.descriptionEs ? item.descriptionEs : item.description;
    const notes = [
      ...(item.insurancePaidCents > 0 ? [words.insurancePaidNote(money(item.insurancePaidCents))] : []),
      ...(item.adjustmentCents > 0 ? [words.discountNote(money(item.adjustmentCents))] : []),
      ...item.notes.map((note) => words.insurerNote[note.kind](money(note.amountCents))),
    ];
    return {
      date: shortDate(item.serviceDate, language),
      service: `${description} (${item.code})\n${item.provider}`,
      amounts: [money(item.chargeCents), money(item.insurancePaidCents), money(item.adjustmentCents), money(item.patientCents)],
      notes,
    };
  });
  const { totals } = statement;
  const totalLines: (readonly [string, string])[] = [
    [words.totalCharges, money(totals.chargeCents)],
    [words.totalInsurancePaid, money(-totals.insurancePaidCents)],
    [words.totalDiscounts, money(-totals.adjustmentCents)],
    [words.totalYourPart, money(totals.patientCents)],
    ...statement.fees.map((fee) => [words.feeReason[fee.reason], money(fee.amountCents)] as const),
    ...statement.payments.map((payment) => [words.paymentReceived(date(payment.postedOn)), money(-(payment.amountCents - (payment.refundedCents ?? 0)))] as const),
    [words.amountDue, money(dueCents)],
  ];

  return {
    words,
    practiceName: practice.name,
    contactLines: [practice.contact.phone, practice.contact.email, hours],
    billId: formatBillId(data.billId),
    facts: [
      [words.statementDate, date(statement.statementDate)],
      [words.accountNumber, data.accountNumber],
      [words.patient, name],
    ],
    addressLines: [name, ...addressLines(data.patient.address)],
    amountDue: money(dueCents),
    payBy: dueCents > 0 ? words.payBy(date(statement.dueDate)) : words.nothingDue,
    rows,
    totals: totalLines,
    waysToPay: [
      ...(practice.payPageUrl ? [words.payOnline(displayUrl(practice.payPageUrl))] : []),
      words.payPhone(practice.contact.phone, hours).replace(/\.\.$/, '.'),
      words.payMail(practice.name),
    ],
    payUrl,
    help: [words.help(practice.contact.phone, practice.contact.email), ...(practice.financialAssistanceUrl ? [words.financialAssistance(displayUrl(practice.financialAssistanceUrl))] : [])],
    slip: {
      facts: [
        [words.patient, name],
        [words.accountNumber, data.accountNumber],
        [words.billId, formatBillId(data.billId)],
        [words.amountDue, money(dueCents)],
        [words.statementDate, date(statement.statementDate)],
      ],
      payee: practice.name,
      mailTo: [practice.name, ...remitAddressOf(practice)],
    },
  };
}

/** A URL as a person types it: no scheme, no trailing slash. */
function displayUrl(url: string): string {
  return url.replace(/^https?:\/\//, '').replace(/\/$/, '');
}
