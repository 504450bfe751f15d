/**
 * The Settings form as what the admin typed (strings, kept as typed whatever happens), turned
 * into the SDK's `PracticeSettings` and checked with its schema, the server's own; and an issue,
 * the page's or the server's, turned into the words shown beside its field. Pure: no DOM.
 */
import { brandColorContrast, formatContrast, PracticeSettingsSchema, type PracticeSettings } from '@billpay/sdk/admin-desk';
import { centsToDecimalString, parseMoney } from '@billpay/sdk/money';
import type { SettingsWords } from './words.js';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const FREQUENCIES = ['weekly', 'biweekly', 'semimonthly', 'monthly'] as const;
export const AUTOPAY = ['offered', 'required_over_months', 'not_offered'] as const;
/** The widget's own accent, shown while the practice has none. */
export const DEFAULT_ACCENT = '#0b5cad';

export interface HoursDraft {
  days: string[];
  opens: string;
  closes: string;
}

/** Every field of the form, as typed; the keys of `values` are the settings' paths (`contact.phone`). */
export interface SettingsDraft {
  values: Record<string, string>;
  hours: HoursDraft[];
  frequencies: string[];
  plansOffered: boolean;
}

const money = (cents: number | undefined) => (cents === undefined ? '' : centsToDecimalString(cents));
const text = (value: number | string | undefined) => (value === undefined ? '' : String(value));

export function draftOf(settings: PracticeSettings): SettingsDraft {
  const { contact, remitAddress: address, policies, planPolicy: plan } = settings;
  return {
    values: {
      name: settings.name,
      'contact.phone': contact.phone,
      'contact.email': contact.email,
      'remitAddress.line1': text(address?.line1),
      'remitAddress.line2': text(address?.line2),
      'remitAddress.city': text(address?.city),
      'remitAddress.state': text(address?.state),
      'remitAddress.postalCode': text(address?.postalCode),
      financialAssistanceUrl: text(settings.financialAssistanceUrl),
      'policies.daysUntilDue': text(policies.daysUntilDue),
      'policies.invoicingFeeCents': money(policies.invoicingFeeCents),
      'policies.returnedPaymentFeeCents': money(policies.returnedPaymentFeeCents),
      'policies.letterAfterDays': text(policies.letterAfterDays),
      'policies.collectionsAfterLetterDays': text(policies.collectionsAfterLetterDays),
      'planPolicy.minBalanceCents': money(plan?.minBalanceCents ?? 5_000),
      'planPolicy.minInstallmentCents': money(plan?.minInstallmentCents ?? 2_500),
      'planPolicy.maxMonths': text(plan?.maxMonths ?? 12),
      'planPolicy.firstPaymentWithinDays': text(plan?.firstPaymentWithinDays ?? 30),
      'planPolicy.downPaymentCents': money(plan?.downPaymentCents),
      'planPolicy.autopay': plan?.autopay ?? 'offered',
      'planPolicy.autopayRequiredOverMonths': text(plan?.autopayRequiredOverMonths),
      'branding.accentColor': settings.branding?.accentColor ?? DEFAULT_ACCENT,
    },
    hours: contact.hours.map((h) => ({ days: [...h.days], opens: h.opens, closes: h.closes })),
    frequencies: [...(plan?.frequencies ?? ['monthly'])],
    plansOffered: plan !== undefined,
  };
}

/** A whole number as typed, or the text itself (which the schema then refuses as not a number). */
function whole(value: string | undefined): number | string {
  const trimmed = (value ?? '').trim();
  return /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : trimmed;
}

function cents(value: string | undefined): number | string {
  const parsed = parseMoney(value ?? '');
  return parsed.ok ? parsed.cents : (value ?? '').trim();
}

const trimmed = (value: string | undefined) => (value ?? '').trim();

/** The draft in the settings' shape, for the schema to judge (numbers that are not numbers stay text). */
export function candidateOf(draft: SettingsDraft): unknown {
  const v = draft.values;
  const addressKeys = ['line1', 'line2', 'city', 'state', 'postalCode'];
  const anyAddress = addressKeys.some((key) => trimmed(v[`remitAddress.${key}`]));
  const optional = (key: string, value: unknown) => (trimmed(v[key]) ? { [key.split('.').pop()!]: value } : {});
  return {
    name: trimmed(v.name),
    contact: { phone: trimmed(v['contact.phone']), email: trimmed(v['contact.email']), hours: draft.hours.map((h) => ({ days: WEEKDAYS.filter((d) => h.days.includes(d)), opens: h.opens, closes: h.closes })) },
    ...(anyAddress
      ? {
          remitAddress: {
            line1: trimmed(v['remitAddress.line1']),
            ...optional('remitAddress.line2', trimmed(v['remitAddress.line2'])),
            city: trimmed(v['remitAddress.city']),
            state: trimmed(v['remitAddress.state']),
            postalCode: trimmed(v['remitAddress.postalCode']),
          },
        }
      : {}),
    ...optional('financialAssistanceUrl', trimmed(v.financialAssistanceUrl)),
    policies: {
      daysUntilDue: whole(v['policies.daysUntilDue']),
      invoicingFeeCents: cents(v['policies.invoicingFeeCents']),
      returnedPaymentFeeCents: cents(v['policies.returnedPaymentFeeCents']),
      letterAfterDays: whole(v['policies.letterAfterDays']),
      collectionsAfterLetterDays: whole(v['policies.collectionsAfterLetterDays']),
    },
    ...(draft.plansOffered
      ? {
          planPolicy: {
            minBalanceCents: cents(v['planPolicy.minBalanceCents']),
            minInstallmentCents: cents(v['planPolicy.minInstallmentCents']),
            maxMonths: whole(v['planPolicy.maxMonths']),
            frequencies: draft.frequencies,
            firstPaymentWithinDays: whole(v['planPolicy.firstPaymentWithinDays']),
            ...optional('planPolicy.downPaymentCents', cents(v['planPolicy.downPaymentCents'])),
            autopay: v['planPolicy.autopay'],
            ...(v['planPolicy.autopay'] === 'required_over_months' ? optional('planPolicy.autopayRequiredOverMonths', whole(v['planPolicy.autopayRequiredOverMonths'])) : {}),
          },
        }
      : {}),
    ...(trimmed(v['branding.accentColor']) ? { branding: { accentColor: trimmed(v['branding.accentColor']) } } : {}),
  };
}

/** One issue with a field, as the schema (here) or the server (its `issues`) gives it. */
export interface FieldIssue {
  readonly path: readonly PropertyKey[];
  readonly code: string;
  readonly minimum?: unknown;
  readonly maximum?: unknown;
}

/** The key of the field an issue is about: its path in the settings (`contact.hours.0.opens`). */
export function fieldOf(issue: FieldIssue): string {
  const path = issue.path[0] === 'settings' ? issue.path.slice(1) : issue.path;
  // An empty days list is about the row's days; an address left half empty, about its first empty line.
  return path.map(String).join('.');
}

export type Checked = { ok: true; settings: PracticeSettings } | { ok: false; issues: FieldIssue[] };

export function checkDraft(draft: SettingsDraft): Checked {
  const parsed = PracticeSettingsSchema.safeParse(candidateOf(draft));
  if (parsed.success) return { ok: true, settings: parsed.data };
  return { ok: false, issues: parsed.error.issues as unknown as FieldIssue[] };
}

const bound = (value: unknown) => (typeof value === 'number' || typeof value === 'bigint' ? Number(value) : undefined);

/** The words beside a field for an issue: what to type, in the admin's language, never the server's English. */
export function issueWords(key: string, issue: FieldIssue, draft: SettingsDraft, t: SettingsWords): string {
  const e = t.errors;
  const last = key.split('.').pop() ?? key;
  if (key === 'branding.accentColor') {
    const color = trimmed(draft.values[key]);
    return issue.code === 'custom' && /^#[0-9a-fA-F]{6}$/.test(color) ? t.colorContrast(formatContrast(brandColorContrast(color).ratio)) : e.colorShape;
  }
  if (key.endsWith('Cents')) {
    const min = bound(issue.minimum);
    return t.amount(issue.code === 'too_small' && min ? `$${centsToDecimalString(min)}` : undefined);
  }
  if (key === 'planPolicy.autopayRequiredOverMonths' && issue.code === 'custom') return e.autopayOver;
  if (key === 'planPolicy.firstPaymentWithinDays' && issue.code === 'custom') return e.downPaymentWindow;
  if (key.startsWith('policies.') || ['planPolicy.maxMonths', 'planPolicy.firstPaymentWithinDays', 'planPolicy.autopayRequiredOverMonths'].includes(key)) {
    return t.wholeNumber(bound(issue.minimum), bound(issue.maximum));
  }
  if (/^contact\.hours\.\d+\.days$/.test(key)) return e.days;
  if (last === 'opens' || last === 'closes') return e.time;
  if (key === 'planPolicy.frequencies') return e.frequencies;
  if (key === 'contact.phone') return e.phone;
  if (key === 'contact.email') return e.email;
  if (key === 'financialAssistanceUrl') return e.url;
  if (key === 'name') return e.name;
  if (key.startsWith('remitAddress.')) return (e as Record<string, string>)[last] ?? e.other;
  return e.other;
}

/** Each field's words, the first issue of each field only, in the form's order. */
export function fieldErrors(issues: readonly FieldIssue[], draft: SettingsDraft, t: SettingsWords): Map<string, string> {
  const errors = new Map<string, string>();
  for (const issue of issues) {
    const key = fieldOf(issue);
    if (!errors.has(key)) errors.set(key, issueWords(key, issue, draft, t));
  }
  return errors;
}
