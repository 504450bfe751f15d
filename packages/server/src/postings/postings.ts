import { addBusinessDays, centsToDecimalString, sumCents } from '@billpay/sdk';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { practiceStatementIds } from '../imports/ids.js';
import { LATE_CHARGE_REFUND_REASON } from '../payments/record.js';
import { REFUND_LEDGER_REASON } from '../payments/refunds.js';
import type { PracticeConfig } from '../practices/practices.js';

/**
 * The posting file (issue 13): every movement of the practice's money through the processor on a
 * day, read from the ledger, with the practice's own ids, for posting into its practice-management
 * system; and the deposits they make, by the day the processor is expected to pay them out.
 *
 * What moves money, and when it is posted (the ledger's day):
 * - `payment`: a card or wallet payment the day it succeeded; a bank debit the day it was taken
 *   (the ledger counts it then; a return later reverses it). Positive.
 * - `refund`: a refund the practice asked for, or of a charge that came after its payment was
 *   closed, the day the processor confirmed it. Negative.
 * - `return`: a bank debit that came back, the day billpay learned of it. Negative.
 * A returned-payment fee is the patient's debt to the practice, not money the processor moves:
 * it is not in the file.
 *
 * When the processor is expected to deposit it (business days are Monday to Friday except the
 * practice's `holidays`, the SDK's rule): a card or wallet payment, and every refund and return
 * (netted from the deposit), the next business day after it was posted; a bank debit when it
 * settles, `BANK_SETTLEMENT_BUSINESS_DAYS` business days after it was taken.
 */

/** ACH debits settle this many business days after they are made (the sandbox's rule too). */
export const BANK_SETTLEMENT_BUSINESS_DAYS = 2;

export type MovementType = 'payment' | 'refund' | 'return';
export type MethodKind = 'card' | 'bank' | 'wallet';

/** One movement of money, as the posting file shows it. Cents are signed: into the practice is positive. */
export interface Posting {
  /** billpay's id of the ledger entry that records it: stable, unique. */
  readonly movementId: string;
  readonly type: MovementType;
  readonly postedOn: string;
  /** The practice's own account id (imported accounts), otherwise billpay's. */
  readonly accountId: string;
  /** The practice's own statement id (imported statements), otherwise billpay's; null when none. */
  readonly statementId: string | null;
  readonly amountCents: number;
  /** The same amount in dollars, as decimal text ("-12.50"). */
  readonly amount: string;
  readonly method: MethodKind | null;
  readonly brand: string | null;
  readonly last4: string | null;
  readonly wallet: string | null;
  /** The processor's charge id (payments, returns) or refund id (refunds); null while unknown. */
  readonly processorReference: string | null;
  readonly paymentId: string;
  readonly depositOn: string;
}

/** What the processor is expected to pay out on one day for the movements in the file. */
export interface DepositSummary {
  readonly depositOn: string;
  readonly movements: number;
  readonly paymentsCents: number;
  /** Negative, as the rows are. */
  readonly refundsCents: number;
  /** Negative, as the rows are. */
  readonly returnsCents: number;
  /** The sum of the rows: payments + refunds + returns. */
  readonly netCents: number;
}

export interface PostingFile {
  readonly date: string;
  readonly rows: readonly Posting[];
  readonly summary: {
    readonly deposits: readonly DepositSummary[];
    readonly totals: Omit<DepositSummary, 'depositOn'>;
  };
}

/** The ledger entry a movement is read from, with what it needs from its payment, account and statement. */
export interface MovementEntry {
  readonly id: string;
  readonly kind: string;
  readonly reason: string;
  readonly ledgerCents: number;
  readonly postedOn: string;
  readonly paymentId: string;
  readonly accountId: string;
  readonly accountExternalId: string | null;
  readonly statementId: string | null;
  readonly statementExternalId: string | null;
  readonly method: MethodKind | null;
  readonly brand: string | null;
  readonly last4: string | null;
  readonly wallet: string | null;
  readonly chargeId: string | null;
  /** The processor's refund of a late charge (on the payment). */
  readonly lateRefundId: string | null;
  /** The processor's id of a practice's refund. */
  readonly processorRefundId: string | null;
}

/** Which movement a ledger entry is, or none (a fee, a charge, a statement's correction). */
export function movementTypeOf(entry: Pick<MovementEntry, 'kind' | 'reason'>): MovementType | null {
  if (entry.kind === 'payment') return 'payment';
  if (entry.kind !== 'reversal') return null;
  if (entry.reason === REFUND_LEDGER_REASON || entry.reason === LATE_CHARGE_REFUND_REASON) return 'refund';
  if (entry.reason === 'returned_payment') return 'return';
  return null;
}

/** The day the processor is expected to deposit (or net out) a movement; see the module's comment. */
export function expectedDepositOn(type: MovementType, method: MethodKind | null, postedOn: string, holidays: readonly string[]): string {
  const days = type === 'payment' && method === 'bank' ? BANK_SETTLEMENT_BUSINESS_DAYS : 1;
  return addBusinessDays(postedOn, days, holidays);
}

/** A ledger entry as a posting (null when it moves no money through the processor). */
export function postingOf(entry: MovementEntry, holidays: readonly string[]): Posting | null {
  const type = movementTypeOf(entry);
  if (!type) return null;
  // The ledger counts what the patient owes: a payment lowers it, so the practice's money is its opposite.
  const amountCents = -entry.ledgerCents;
  const refundReference = entry.reason === LATE_CHARGE_REFUND_REASON ? entry.lateRefundId : entry.processorRefundId;
  return {
    movementId: entry.id,
    type,
    postedOn: entry.postedOn,
    accountId: entry.accountExternalId ?? entry.accountId,
    statementId: entry.statementExternalId ?? entry.statementId,
    amountCents,
    amount: centsToDecimalString(amountCents),
    method: entry.method,
    brand: entry.brand,
    last4: entry.last4,
    wallet: entry.wallet,
    processorReference: type === 'refund' ? refundReference : entry.chargeId,
    paymentId: entry.paymentId,
    depositOn: expectedDepositOn(type, entry.method, entry.postedOn, holidays),
  };
}

function summarize(rows: readonly Posting[]): Omit<DepositSummary, 'depositOn'> {
  const of = (type: MovementType) => sumCents(rows.filter((row) => row.type === type).map((row) => row.amountCents));
  return {
    movements: rows.length,
    paymentsCents: of('payment'),
    refundsCents: of('refund'),
    returnsCents: of('return'),
    netCents: sumCents(rows.map((row) => row.amountCents)),
  };
}

/** The rows grouped by expected deposit day, earliest first, and their totals: each sums exactly to its rows. */
export function depositSummary(rows: readonly Posting[]): PostingFile['summary'] {
  const byDay = new Map<string, Posting[]>();
  for (const row of rows) byDay.set(row.depositOn, [...(byDay.get(row.depositOn) ?? []), row]);
  const deposits = [...byDay.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([depositOn, group]) => ({ depositOn, ...summarize(group) }));
  return { deposits, totals: summarize(rows) };
}

/** The posting file of one practice for one day (`date` as `YYYY-MM-DD`): its movements in the order they were recorded. */
export async function postingFile(db: Kysely<Database>, practice: PracticeConfig, date: string): Promise<PostingFile> {
  const rows = await movementsPosted(db, practice, date, date);
  return { date, rows, summary: depositSummary(rows) };
}

/** The practice's movements posted from `from` to `to` (both included), in the order they were recorded. */
export async function movementsPosted(db: Kysely<Database>, practice: PracticeConfig, from: string, to: string): Promise<Posting[]> {
  const entries = await db
    .selectFrom('ledger_entries as l')
    .innerJoin('payments as p', 'p.id', 'l.payment_id')
    .innerJoin('accounts as a', 'a.id', 'l.account_id')
    .leftJoin('refunds as r', 'r.id', 'l.refund_id')
    .select([
      'l.id',
      'l.kind',
      'l.reason',
      'l.amount_cents as ledgerCents',
      'l.posted_on as postedOn',
      'p.id as paymentId',
      'a.id as accountId',
      'a.external_id as accountExternalId',
      'l.statement_id as statementId',
      'p.method_kind as method',
      'p.brand',
      'p.last4',
      'p.wallet',
      'p.charge_id as chargeId',
      'p.refund_id as lateRefundId',
      'r.processor_refund_id as processorRefundId',
    ])
    .where('a.practice_id', '=', practice.id)
    .where('p.practice_id', '=', practice.id)
    .where('l.posted_on', '>=', from)
    .where('l.posted_on', '<=', to)
    .where('l.kind', 'in', ['payment', 'reversal'])
    .orderBy('l.created_at')
    .orderBy('l.id')
    .execute();
  // The practice's own statement ids (of its imported statements, their corrections too), never another's.
  const statementIds = await practiceStatementIds(db, practice.id, entries.flatMap((entry) => entry.statementId ?? []));
  const holidays = practice.holidays ?? [];
  return entries.flatMap((entry) => postingOf({ ...entry, statementExternalId: entry.statementId ? (statementIds.get(entry.statementId) ?? null) : null }, holidays) ?? []);
}
