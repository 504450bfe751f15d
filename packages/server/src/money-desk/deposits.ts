import { addDays, sumCents } from '@billpay/sdk';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { movementsPosted, type MethodKind, type MovementType, type Posting } from '../postings/postings.js';
import type { PracticeConfig } from '../practices/practices.js';
import { ProcessorRejectedError, ProcessorUnavailableError, type ProcessorGateway, type ProcessorPayout, type ProcessorPayoutLine } from '../processor/port.js';

/**
 * The deposit summary of a day (issue 14): what the processor should pay into the practice's
 * bank account on `date`, from the ledger (the posting file's movements whose expected deposit
 * day it is: see `postings.ts`), by method, net of refunds and returns; and that expectation
 * reconciled, line by line, against the processor's own settlement report of its payout that day.
 */

/** How far back a movement deposited on a day may have been posted: two business days and a long closure. */
const LOOKBACK_DAYS = 14;
const METHODS: readonly MethodKind[] = ['card', 'bank', 'wallet'];

export interface MethodTotals {
  readonly movements: number;
  readonly paymentsCents: number;
  readonly refundsCents: number;
  readonly returnsCents: number;
  readonly netCents: number;
}

/**
 * How one expected movement and the processor's line of it compare:
 * `matched` (same amount), `amount_differs`, `not_in_payout` (billpay expects it that day, the
 * processor did not pay it), `not_in_billpay` (the processor paid it, billpay does not expect it that day).
 */
export type ReconciliationStatus = 'matched' | 'amount_differs' | 'not_in_payout' | 'not_in_billpay';

export interface ReconciliationLine {
  readonly status: ReconciliationStatus;
  readonly type: MovementType;
  readonly processorReference: string;
  readonly method: MethodKind | null;
  readonly paymentId: string | null;
  readonly expectedCents: number | null;
  readonly processorCents: number | null;
  /** Processor less expected (0 when matched). */
  readonly differenceCents: number;
}

export type Reconciliation =
  | {
      readonly status: 'reconciled' | 'mismatched';
      readonly processorCents: number;
      readonly expectedCents: number;
      readonly differenceCents: number;
      readonly lines: readonly ReconciliationLine[];
    }
  /** The processor could not be asked (unreachable, or the practice has none): nothing is claimed. */
  | { readonly status: 'unavailable'; readonly reason: string };

export interface DepositDay {
  readonly date: string;
  readonly movements: readonly Posting[];
  readonly byMethod: Readonly<Record<MethodKind, MethodTotals>>;
  readonly totals: MethodTotals;
  readonly reconciliation: Reconciliation;
}

function totalsOf(rows: readonly Posting[]): MethodTotals {
  const of = (type: MovementType) => sumCents(rows.filter((row) => row.type === type).map((row) => row.amountCents));
  return { movements: rows.length, paymentsCents: of('payment'), refundsCents: of('refund'), returnsCents: of('return'), netCents: sumCents(rows.map((row) => row.amountCents)) };
}

/** The processor's line type for a movement of the ledger. */
const LINE_TYPE: Readonly<Record<MovementType, ProcessorPayoutLine['type']>> = { payment: 'charge', refund: 'refund', return: 'return' };
const MOVEMENT_TYPE: Readonly<Record<ProcessorPayoutLine['type'], MovementType>> = { charge: 'payment', refund: 'refund', return: 'return' };

/**
 * Expected movements against the payout's lines, each matched by its kind and the processor's id
 * (of the charge, or of the refund): every line of either side appears once, mismatches first.
 * A movement whose processor id is unknown (a refund still pending) cannot be in a payout.
 */
export function reconcile(expected: readonly Posting[], payout: ProcessorPayout): Reconciliation {
  const key = (type: string, id: string) => `${type}\n${id}`;
  const paid = new Map<string, ProcessorPayoutLine[]>();
  for (const line of payout.lines) paid.set(key(line.type, line.id), [...(paid.get(key(line.type, line.id)) ?? []), line]);
  const lines: ReconciliationLine[] = [];
  for (const row of expected) {
    const reference = row.processorReference ?? '';
    const found = paid.get(key(LINE_TYPE[row.type], reference))?.shift();
    const processorCents = found ? found.amountCents : null;
    lines.push({
      status: !found ? 'not_in_payout' : found.amountCents === row.amountCents ? 'matched' : 'amount_differs',
      type: row.type,
      processorReference: reference,
      method: row.method,
      paymentId: row.paymentId,
      expectedCents: row.amountCents,
      processorCents,
      differenceCents: (processorCents ?? 0) - row.amountCents,
    });
  }
  for (const left of paid.values()) {
    for (const line of left) {
      lines.push({ status: 'not_in_billpay', type: MOVEMENT_TYPE[line.type], processorReference: line.id, method: line.method, paymentId: null, expectedCents: null, processorCents: line.amountCents, differenceCents: line.amountCents });
    }
  }
  const order: Record<ReconciliationStatus, number> = { not_in_payout: 0, not_in_billpay: 1, amount_differs: 2, matched: 3 };
  lines.sort((a, b) => order[a.status] - order[b.status]);
  const expectedCents = sumCents(expected.map((row) => row.amountCents));
  return {
    status: lines.every((line) => line.status === 'matched') ? 'reconciled' : 'mismatched',
    processorCents: payout.amountCents,
    expectedCents,
    differenceCents: payout.amountCents - expectedCents,
    lines,
  };
}

/** The deposit summary of `date` (`YYYY-MM-DD`), reconciled against the processor's payout when it answers. */
export async function depositDay(db: Kysely<Database>, gateway: ProcessorGateway | undefined, practice: PracticeConfig, date: string): Promise<DepositDay> {
  const posted = await movementsPosted(db, practice, addDays(date, -LOOKBACK_DAYS), date);
  const movements = posted.filter((row) => row.depositOn === date);
  const byMethod = Object.fromEntries(METHODS.map((method) => [method, totalsOf(movements.filter((row) => row.method === method))])) as Record<MethodKind, MethodTotals>;
  let reconciliation: Reconciliation;
  if (!gateway) {
    reconciliation = { status: 'unavailable', reason: 'No payment processor is configured.' };
  } else {
    try {
      reconciliation = reconcile(movements, await gateway.payout(practice.id, date));
    } catch (error) {
      if (!(error instanceof ProcessorUnavailableError || error instanceof ProcessorRejectedError)) throw error;
      reconciliation = { status: 'unavailable', reason: 'The processor did not give its payout report. Try again later.' };
    }
  }
  return { date, movements, byMethod, totals: totalsOf(movements), reconciliation };
}

/** The reconciliation as CSV lines (the JSON has the movements and totals besides). */
export const RECONCILIATION_COLUMNS = ['status', 'type', 'processorReference', 'method', 'paymentId', 'expectedCents', 'processorCents', 'differenceCents'] as const satisfies readonly (keyof ReconciliationLine)[];
