/**
 * An account's audit trail as staff read it: pure, no DOM. The server keeps every row (each read
 * of a practice API call is logged); this says them in words. Reads by one caller close together
 * become one "Viewed the account" row naming what was looked at; a change through a known route
 * says what was done; a refused call says what it tried and why; details the server wrote in
 * English ("stopped email", "fee <id> <reason>") are said in the screen's language, without ids.
 * Whatever is not recognised is shown as the server wrote it (`raw`), so nothing is hidden.
 */
import type { AuditTrail } from '@billpay/sdk/admin';
import { formatMoment, type Locale } from '@billpay/elements/parts.js';
import type { AuditTranslation } from '../i18n/audit-en.js';

type Entry = AuditTrail['data'][number];

export interface AuditRow {
  /** When, the newest entry's moment: the time and its AM/PM never split across lines. */
  readonly when: string;
  readonly what: string;
  readonly who: string;
  readonly detail: string;
  /** The detail is the server's own (a route, an unknown note): shown as code. */
  readonly raw: boolean;
}

export interface AuditWords {
  readonly audit: AuditTranslation;
  readonly feeReason: Record<string, string>;
  readonly waiverReason: Record<string, string>;
}

/** Reads of one caller this close together (newest first) are one visit. */
export const VISIT_GAP_MS = 10 * 60_000;

// What each practice API read looks at, in the order a visit lists them.
const READS: Readonly<Record<string, string>> = {
  'GET /admin/v1/accounts/:id': 'account',
  'GET /admin/v1/accounts/:id/audit': 'audit',
  'GET /admin/v1/accounts/:id/messages': 'notices',
  'GET /admin/v1/accounts/:id/message-preferences': 'preferences',
  'GET /admin/v1/plans/:id': 'plan',
  'GET /admin/v1/payments/:id': 'payment',
};
const READ_ORDER = Object.values(READS);

// What each practice API change does (account-desk/, phone-payments/, plan-desk/, admin/routes.ts).
const WRITES: Readonly<Record<string, string>> = {
  'POST /admin/v1/accounts/search': 'search',
  'POST /admin/v1/accounts/:id/message-preferences': 'stopMessages',
  'POST /admin/v1/accounts/:id/statements/:statementId/resend': 'resend',
  'POST /admin/v1/accounts/:id/payments/:paymentId/receipt': 'receipt',
  'POST /admin/v1/accounts/:id/fees': 'addFee',
  'POST /admin/v1/accounts/:id/fees/:entryId/waive': 'waiveFee',
  'POST /admin/v1/accounts/:id/payments': 'phonePayment',
  'POST /admin/v1/payments/:id/refunds': 'refund',
  'POST /admin/v1/plans/:id/cancel': 'cancelPlan',
  'POST /admin/v1/plans/:id/installments/:number/skip': 'skip',
  'POST /admin/v1/plans/:id/installments/:number/move': 'move',
  'POST /admin/v1/plans/:id/amount': 'amount',
  'POST /admin/v1/plans/:id/method-link': 'methodLink',
};

interface ApiCall {
  readonly route: string;
  readonly method: string;
  readonly status: number;
  /** The refusal's code (status 400 and up), or what the call made (`stopped email`). */
  readonly rest: string;
}

/** A practice API call's detail as `requireApiKey` writes it: `GET /admin/v1/accounts/:id 200`, then a code or what it made. */
export function apiCallOf(detail: string | null): ApiCall | undefined {
  const match = /^([A-Z]+) (\S+) (\d{3})(?: (.*))?$/.exec(detail ?? '');
  if (!match) return undefined;
  return { method: match[1]!, route: `${match[1]} ${match[2]}`, status: Number(match[3]), rest: match[4] ?? '' };
}

/** The time and its AM/PM ("3:54 PM", "3:54 p. m.") held together with no-break spaces. */
export function keptTogether(moment: string): string {
  return moment.replace(/(\d{1,2}:\d{2})\s([ap]\.?\s?m\.?)/gi, (_, time: string, period: string) => `${time}\u00a0${period.replace(/\s/g, '\u00a0')}`);
}

const isApi = (entry: Entry) => entry.action === 'api_call' || entry.action === 'api_call_refused';
const actorKey = (entry: Entry) => `${entry.actor.type}:${'id' in entry.actor ? entry.actor.id : ''}`;

/** What an entry read, when it is a practice API read that was answered. */
function readOf(entry: Entry): string | undefined {
  if (entry.action !== 'api_call') return undefined;
  const call = apiCallOf(entry.detail);
  return call && call.status < 400 ? READS[call.route] : undefined;
}

/** The audit trail's entries (newest first) as rows for people, in `locale`. */
export function auditRows(entries: readonly Entry[], words: AuditWords, locale: Locale, now = new Date()): AuditRow[] {
  const { audit } = words;
  const list = (items: readonly string[]) => new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
  // A change also written in words by the request that made it (a fee's own row) needs no second row.
  const toldOtherwise = new Set(entries.filter((entry) => !isApi(entry)).map((entry) => entry.requestId));
  const rows: AuditRow[] = [];
  const row = (entry: Entry, what: string, detail: string, raw = false) =>
    rows.push({ when: keptTogether(formatMoment(new Date(entry.at), locale, now)), what, who: whoOf(entry, audit), detail, raw });

  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (readOf(entry)) {
      const seen = new Set<string>();
      let last = entry;
      let j = i;
      for (; j < entries.length; j++) {
        const next = entries[j]!;
        const read = readOf(next);
        if (!read || actorKey(next) !== actorKey(entry) || Date.parse(last.at) - Date.parse(next.at) > VISIT_GAP_MS) break;
        seen.add(read);
        last = next;
      }
      i = j - 1;
      row(entry, audit.viewed, list(READ_ORDER.filter((part) => seen.has(part)).map((part) => audit.read[part] ?? part)));
      continue;
    }
    if (isApi(entry)) {
      const call = apiCallOf(entry.detail);
      const refused = entry.action === 'api_call_refused' || (call !== undefined && call.status >= 400);
      const known = call && (WRITES[call.route] ?? (READS[call.route] ? 'read' : undefined));
      if (!call || !known) {
        row(entry, refused ? audit.action.api_call_refused! : (audit.action[entry.action] ?? entry.action), entry.detail ?? '', true);
      } else if (refused) {
        const code = call.rest.split(' ')[0] ?? '';
        const why = audit.because[code] ?? audit.because[call.status] ?? audit.because[call.status >= 500 ? 500 : 400]!;
        row(entry, audit.action.api_call_refused!, `${audit.tried[known]}: ${why}`);
      } else if (!toldOtherwise.has(entry.requestId)) {
        row(entry, audit.done[known] ?? known, known === 'stopMessages' ? stoppedOf(call.rest, audit, list) : '');
      }
      continue;
    }
    const said = saidOf(entry, words);
    row(entry, audit.action[entry.action] ?? entry.action.replaceAll('_', ' '), said ?? entry.detail ?? '', said === undefined && entry.detail !== null);
  }
  return rows;
}

function whoOf(entry: Entry, audit: AuditTranslation): string {
  const kind = audit.actor[entry.actor.type] ?? entry.actor.type;
  return 'id' in entry.actor ? `${kind} ${entry.actor.label ?? entry.actor.id}` : kind;
}

/** `stopped email,sms` (or `stopped none`) in words. */
function stoppedOf(made: string, audit: AuditTranslation, list: (items: readonly string[]) => string): string {
  const channels = /^stopped (\S+)$/.exec(made)?.[1];
  if (!channels) return '';
  if (channels === 'none') return audit.stoppedNone;
  return audit.stopped(list(channels.split(',').map((channel) => audit.channels[channel] ?? channel)));
}

/** A fee's or a waiver's detail (`fee <id> <reason>`, `waiver <id> <reason>`) in words; undefined when not recognised. */
function saidOf(entry: Entry, { audit, feeReason, waiverReason }: AuditWords): string | undefined {
  const match = /^(fee|waiver) \S+ (\w+)$/.exec(entry.detail ?? '');
  if (!match) return undefined;
  const reason = match[2]!;
  if (match[1] === 'fee') return feeReason[reason] ?? reason.replaceAll('_', ' ');
  return audit.reason(waiverReason[reason] ?? reason.replaceAll('_', ' '));
}
