import type { Payout, PayoutLine } from '@billpay/sdk/processor';
import type { Kysely } from 'kysely';
import type { ProcessorDatabaseSchema } from './schema.js';

type Db = Kysely<ProcessorDatabaseSchema>;

const DAY_MS = 86_400_000;

const isWeekend = (at: number) => [0, 6].includes(new Date(at).getUTCDay());

/**
 * When the activity paid out on `date` happened: from the start of the weekday before it (a
 * Monday's payout takes Friday, Saturday and Sunday) to the start of `date`. None on a weekend:
 * the sandbox pays out on weekdays only (UTC, no bank holidays).
 */
export function payoutWindow(date: string): { from: Date; to: Date } | undefined {
  const to = Date.parse(`${date}T00:00:00Z`);
  if (isWeekend(to)) return undefined;
  let from = to - DAY_MS;
  while (isWeekend(from)) from -= DAY_MS;
  return { from: new Date(from), to: new Date(to) };
}

/**
 * The sandbox's settlement report of its payout to a merchant on `date` (see `PayoutSchema`):
 * card and wallet charges made the weekday before (or over the weekend before a Monday); bank
 * debits that settled (or came back) on `date`, paid out then; refunds made the weekday before,
 * netted out; a bank debit that came back the weekday before, taken back out. Every amount is as
 * the processor's own rows have it: a reconciliation compares billpay's ledger against this.
 */
export async function payoutOf(db: Db, merchantId: string, date: string): Promise<Payout> {
  const window = payoutWindow(date);
  if (!window) return { date, amountCents: 0, lines: [] };
  const { from, to } = window;
  const dayStart = to;
  const dayEnd = new Date(to.getTime() + DAY_MS);
  const charges = db.selectFrom('charges').where('merchant_id', '=', merchantId);
  const cards = await charges
    .select(['id', 'amount_cents', 'method_kind'])
    .where('method_kind', 'in', ['card', 'wallet'])
    .where('status', '=', 'succeeded')
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const banks = await charges
    .select(['id', 'amount_cents', 'method_kind'])
    .where('method_kind', '=', 'bank')
    .where('status', 'in', ['settled', 'returned'])
    .where('settles_at', '>=', dayStart)
    .where('settles_at', '<', dayEnd)
    .orderBy('settles_at')
    .orderBy('id')
    .execute();
  const refunds = await db
    .selectFrom('refunds')
    .innerJoin('charges', 'charges.id', 'refunds.charge_id')
    .select(['refunds.id', 'refunds.charge_id', 'refunds.amount_cents', 'charges.method_kind'])
    .where('refunds.merchant_id', '=', merchantId)
    .where('refunds.created_at', '>=', from)
    .where('refunds.created_at', '<', to)
    .orderBy('refunds.created_at')
    .orderBy('refunds.id')
    .execute();
  const returns = await charges
    .select(['id', 'amount_cents', 'method_kind'])
    .where('status', '=', 'returned')
    .where('settles_at', '>=', from)
    .where('settles_at', '<', to)
    .orderBy('settles_at')
    .orderBy('id')
    .execute();
  const lines: PayoutLine[] = [
    ...[...cards, ...banks].map((c) => ({ type: 'charge' as const, id: c.id, charge: c.id, amountCents: c.amount_cents, method: c.method_kind })),
    ...refunds.map((r) => ({ type: 'refund' as const, id: r.id, charge: r.charge_id, amountCents: -r.amount_cents, method: r.method_kind })),
    ...returns.map((c) => ({ type: 'return' as const, id: c.id, charge: c.id, amountCents: -c.amount_cents, method: c.method_kind })),
  ];
  return { date, amountCents: lines.reduce((sum, line) => sum + line.amountCents, 0), lines };
}
