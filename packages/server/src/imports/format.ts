import { createHash } from 'node:crypto';
import { IsoDateSchema, npiValid, sumCents } from '@billpay/sdk';
import * as z from 'zod/mini';
import type { InsurerNoteKind } from '../db/schema.js';
import type { PracticeConfig } from '../practices/practices.js';

/**
 * The import format (README "Importing bills"): one statement of one guarantor account, with its
 * line items, fees and the payments the practice took itself. JSON Lines carries it as one object
 * a line; CSV as one row per line item, fee or payment (see csv.ts). Amounts are dollars with two
 * decimals, as text ("180.00"), so no float ever stands for money.
 */
const Text = (max: number) => z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(max, `must be at most ${max} characters`));
const Id = z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$/, 'must be 1 to 64 letters, digits or . _ : / - (starting with a letter or digit)'));
const Money = z.string().check(
  z.regex(/^-?\d{1,8}\.\d{2}$/, { error: 'must be an amount in dollars with two decimals, such as 180.00', abort: true }),
  z.refine((v) => !v.startsWith('-'), 'must not be negative'),
);
const ProcedureCode = z.string().check(z.regex(/^(?:\d{4}[0-9FTU]|[A-V]\d{4})$/, 'must be a CPT code (99213) or a HCPCS code (J1100)'));
const Modifier = z.string().check(z.regex(/^[A-Z0-9]{2}$/, 'must be a two-character modifier such as 25'));
/** A group code and a reason code (CARC), as the insurer's remittance gives them: `CO-45`, `PR-2`. */
const AdjustmentCode = z.string().check(z.regex(/^(?:CO|PR|OA|PI)-[A-Z0-9]{1,3}$/, 'must be a group code and a reason code, such as CO-45 or PR-2'));
export const PAYMENT_METHODS = ['front_desk', 'mail', 'phone'] as const;
/** Fees the patient's bill can explain (the widget names each reason it knows). */
export const FEE_REASONS = ['invoicing_fee', 'returned_payment'] as const;

export const ImportStatementSchema = z.object({
  account: z.object({
    id: Id,
    accountNumber: Text(32),
    firstName: Text(100),
    lastName: Text(100),
    dateOfBirth: IsoDateSchema,
    address: z.object({
      line1: Text(200),
      line2: z.optional(Text(200)),
      city: Text(100),
      state: z.string().check(z.regex(/^[A-Z]{2}$/, 'must be a two-letter state code such as CT')),
      postalCode: z.string().check(z.regex(/^\d{5}(?:-\d{4})?$/, 'must be a ZIP code such as 06510')),
    }),
    email: z.optional(z.email('must be an email address').check(z.maxLength(254))),
    mobile: z.optional(z.string().check(z.regex(/^\+1\d{10}$/, 'must be a US mobile number such as +12035550123'))),
    language: z.optional(z.enum(['en', 'es'], 'must be en or es')),
  }),
  statement: z.object({
    id: Id,
    date: IsoDateSchema,
    periodStart: IsoDateSchema,
    periodEnd: IsoDateSchema,
    dueDate: IsoDateSchema,
  }),
  lineItems: z.array(
    z.object({
      serviceDate: IsoDateSchema,
      npi: z.string().check(z.regex(/^\d{10}$/, 'must be a 10-digit NPI'), z.refine(npiValid, 'the NPI check digit is wrong')),
      code: ProcedureCode,
      modifiers: z._default(z.array(Modifier).check(z.maxLength(4, 'at most 4 modifiers')), []),
      description: Text(200),
      charge: Money,
      insurancePaid: Money,
      adjustments: z._default(z.array(z.object({ code: AdjustmentCode, amount: Money })).check(z.maxLength(20, 'at most 20 adjustments')), []),
      patientResponsibility: Money,
    }),
  ).check(z.minLength(1, 'a statement needs at least one line item'), z.maxLength(500, 'at most 500 line items')),
  fees: z._default(z.array(z.object({ date: IsoDateSchema, reason: z.enum(FEE_REASONS, 'must be invoicing_fee or returned_payment'), amount: Money })).check(z.maxLength(50)), []),
  payments: z._default(z.array(z.object({ date: IsoDateSchema, method: z.enum(PAYMENT_METHODS, 'must be front_desk, mail or phone'), amount: Money })).check(z.maxLength(50)), []),
});

export type ImportStatementInput = z.infer<typeof ImportStatementSchema>;

/** Where an issue is in the statement: a path such as `lineItems.2.charge`. */
export interface StatementIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export interface ImportedLineItem {
  readonly serviceDate: string;
  readonly npi: string;
  readonly provider: string;
  /** The code with its modifiers, as the statement prints it: `99213-25`. */
  readonly code: string;
  readonly description: string;
  readonly chargeCents: number;
  readonly insurancePaidCents: number;
  /** What the patient does not owe: the adjustments other than group PR. */
  readonly adjustmentCents: number;
  readonly patientCents: number;
  /** The insurer's reasons the patient owes, from the PR adjustments. */
  readonly notes: readonly { readonly kind: InsurerNoteKind; readonly amountCents: number }[];
}

/** A statement that passed every check, in cents, ready to be written. */
export interface ValidStatement {
  readonly input: ImportStatementInput;
  readonly coverage: 'insured' | 'self_pay';
  readonly lineItems: readonly ImportedLineItem[];
  readonly fees: readonly { readonly date: string; readonly reason: string; readonly amountCents: number }[];
  readonly payments: readonly { readonly date: string; readonly reason: string; readonly amountCents: number }[];
  /** SHA-256 of the statement as validated: the same statement in either encoding has the same hash. */
  readonly contentHash: string;
}

export type ValidationResult = { readonly ok: true; readonly statement: ValidStatement } | { readonly ok: false; readonly issues: readonly StatementIssue[] };

/** "180.00" -> 18000, without a float. */
export function centsOf(amount: string): number {
  const [dollars = '0', cents = '0'] = amount.split('.');
  return Number(dollars) * 100 + Number(cents);
}

/** PR reason codes the statement explains in plain words (see DOMAIN.md, CARC). */
const NOTE_OF_PR: Readonly<Record<string, InsurerNoteKind>> = { 'PR-1': 'deductible', 'PR-2': 'coinsurance', 'PR-3': 'copay', 'PR-96': 'not_covered' };

/**
 * Checks one statement against the format and the practice: the schema, then what the schema
 * cannot see: the provider is one of the practice's (by NPI), each line item adds up (charge −
 * insurance paid − adjustments = patient responsibility, PR adjustments counting towards the
 * patient's part), and the dates are in order. Pure: no database, no clock, no I/O.
 */
export function validateStatement(raw: unknown, practice: PracticeConfig): ValidationResult {
  const parsed = ImportStatementSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((issue) => ({ path: issue.path.map((key) => (typeof key === 'number' ? key : String(key))), message: issue.message })) };
  }
  const input = parsed.data;
  const issues: StatementIssue[] = [];
  const providers = new Map((practice.providers ?? []).map((provider) => [provider.npi, provider.name]));
  const { statement } = input;
  if (statement.periodStart > statement.periodEnd) issues.push({ path: ['statement', 'periodEnd'], message: 'must not be before the period start' });
  if (statement.dueDate < statement.date) issues.push({ path: ['statement', 'dueDate'], message: 'must not be before the statement date' });
  if (input.account.dateOfBirth > statement.date) issues.push({ path: ['account', 'dateOfBirth'], message: 'must be before the statement date' });

  const lineItems: ImportedLineItem[] = [];
  for (const [i, item] of input.lineItems.entries()) {
    const provider = providers.get(item.npi);
    if (provider === undefined) issues.push({ path: ['lineItems', i, 'npi'], message: 'is not the NPI of one of the practice’s providers' });
    if (item.serviceDate > statement.date) issues.push({ path: ['lineItems', i, 'serviceDate'], message: 'must not be after the statement date' });
    const charge = centsOf(item.charge);
    const paid = centsOf(item.insurancePaid);
    const patient = centsOf(item.patientResponsibility);
    const pr = item.adjustments.filter((a) => a.code.startsWith('PR-'));
    const other = sumCents(item.adjustments.filter((a) => !a.code.startsWith('PR-')).map((a) => centsOf(a.amount)));
    const prTotal = sumCents(pr.map((a) => centsOf(a.amount)));
    if (charge - paid - other !== patient) {
      issues.push({ path: ['lineItems', i, 'patientResponsibility'], message: `does not add up: charge − insurance paid − adjustments (other than PR) is ${((charge - paid - other) / 100).toFixed(2)}` });
    } else if (pr.length > 0 && prTotal !== patient) {
      issues.push({ path: ['lineItems', i, 'adjustments'], message: `the PR adjustments add up to ${(prTotal / 100).toFixed(2)}, not the patient responsibility` });
    }
    const notes = new Map<InsurerNoteKind, number>();
    for (const adjustment of pr) {
      const kind = NOTE_OF_PR[adjustment.code];
      if (kind) notes.set(kind, (notes.get(kind) ?? 0) + centsOf(adjustment.amount));
    }
    lineItems.push({
      serviceDate: item.serviceDate,
      npi: item.npi,
      provider: provider ?? '',
      code: [item.code, ...item.modifiers].join('-'),
      description: item.description,
      chargeCents: charge,
      insurancePaidCents: paid,
      adjustmentCents: other,
      patientCents: patient,
      notes: [...notes].map(([kind, amountCents]) => ({ kind, amountCents })),
    });
  }
  for (const [i, fee] of input.fees.entries()) {
    if (centsOf(fee.amount) === 0) issues.push({ path: ['fees', i, 'amount'], message: 'must be more than 0.00' });
  }
  for (const [i, payment] of input.payments.entries()) {
    if (centsOf(payment.amount) === 0) issues.push({ path: ['payments', i, 'amount'], message: 'must be more than 0.00' });
  }
  if (issues.length) return { ok: false, issues };

  const insured = input.lineItems.some((item) => centsOf(item.insurancePaid) > 0 || item.adjustments.some((a) => a.code.startsWith('PR-') || a.code.startsWith('CO-')));
  return {
    ok: true,
    statement: {
      input,
      coverage: insured ? 'insured' : 'self_pay',
      lineItems,
      fees: input.fees.map((fee) => ({ date: fee.date, reason: fee.reason, amountCents: centsOf(fee.amount) })),
      payments: input.payments.map((payment) => ({ date: payment.date, reason: `${payment.method}_payment`, amountCents: -centsOf(payment.amount) })),
      contentHash: createHash('sha256').update(JSON.stringify(input)).digest('hex'),
    },
  };
}
