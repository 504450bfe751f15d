import { randomUUID } from 'node:crypto';
import type { FeeReason } from '@billpay/sdk';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { isoDate } from '../dates.js';
import type { FeeRequestsTable, FeeWaiverReason } from '../db/account-desk-migration.js';
import type { Database, LedgerEntriesTable } from '../db/schema.js';
import { DomainError } from '../domain/errors.js';
import { recordEvent } from '../events/outbox.js';
import { lockAccount } from '../payments/record.js';
import { recordAudit } from '../security/audit.js';
import { requestHash } from '../security/request-hash.js';

type Db = Kysely<Database>;
type LedgerRow = Selectable<LedgerEntriesTable>;
type FeeRequestRow = Selectable<FeeRequestsTable>;

/** Why a ledger entry that waives a fee exists (`waives_entry_id` names the fee). */
export const FEE_WAIVED_REASON = 'fee_waived';

export interface FeeContext {
  readonly db: Db;
  readonly practiceId: string;
  readonly now: Date;
  readonly requestId: string;
  /** Who asks: the practice API key (a staff member's id will stand beside it). */
  readonly apiKeyId: string | null;
  readonly staffId: string | null;
}

export interface AddFeeRequest {
  readonly amountCents: number;
  /** A reason the patient's widget explains (the SDK's `FeeReason`). */
  readonly reason: FeeReason;
  /** The statement the fee goes on; by default the account's newest. */
  readonly statementId?: string | undefined;
  readonly note?: string | undefined;
}

export interface WaiveFeeRequest {
  readonly reason: FeeWaiverReason;
  readonly note?: string | undefined;
}

/** A fee as staff see it: what it is, and its waiver if it was waived. */
export interface FeeView {
  readonly id: string;
  readonly reason: string;
  readonly amountCents: number;
  readonly postedOn: string;
  readonly statementId: string | null;
  readonly paymentId: string | null;
  /** Why staff added it, when they did. */
  readonly note: string | null;
  readonly waiver: { readonly entryId: string; readonly reason: string; readonly postedOn: string; readonly note: string | null } | null;
}

export const accountNotFound = () => new DomainError('account_not_found', 'There is no such account at this practice.');
const feeNotFound = () => new DomainError('fee_not_found', 'There is no such fee on this account.');
const keyConflict = () => new DomainError('idempotency_conflict', 'This Idempotency-Key was already used for a different request.');

/**
 * Runs a fee command once per Idempotency-Key: under the account's lock (as payments take it), a
 * key already used answers what it did (or a conflict, for another request), else `write` makes
 * the ledger entry and the request row is kept beside it, with the event and the audit row, all
 * in one transaction. Two identical requests at once: the second waits on the lock, then finds
 * the first's row. The same key for two accounts at once: the key's unique constraint refuses one.
 */
async function once(ctx: FeeContext, accountId: string, key: string, kind: 'add' | 'waive', request: object, write: (trx: Transaction<Database>) => Promise<{ entry: LedgerRow; reason: string; note: string | null }>): Promise<string> {
  const hash = requestHash({ kind, accountId, ...request }, 'fee:');
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const account = await trx.selectFrom('accounts').select('id').where('id', '=', accountId).where('practice_id', '=', ctx.practiceId).executeTakeFirst();
      if (!account) throw accountNotFound();
      await lockAccount(trx, accountId);
      const existing = await trx.selectFrom('fee_requests').selectAll().where('practice_id', '=', ctx.practiceId).where('idempotency_key', '=', key).executeTakeFirst();
      if (existing) {
        if (existing.request_hash !== hash) throw keyConflict();
        return existing.kind === 'add' ? existing.ledger_entry_id : await waivedFeeOf(trx, existing);
      }
      const { entry, reason, note } = await write(trx);
      await trx
        .insertInto('fee_requests')
        .values({ id: `fr_${randomUUID().replace(/-/g, '')}`, practice_id: ctx.practiceId, account_id: accountId, idempotency_key: key, request_hash: hash, kind, ledger_entry_id: entry.id, reason, note, api_key_id: ctx.apiKeyId, staff_id: ctx.staffId, created_at: ctx.now })
        .execute();
      await recordAudit(trx, { at: ctx.now, practiceId: ctx.practiceId, accountId, action: kind === 'add' ? 'fee_added' : 'fee_waived', apiKeyId: ctx.apiKeyId, staffId: ctx.staffId, requestId: ctx.requestId, detail: `${kind === 'add' ? 'fee' : 'waiver'} ${entry.id} ${reason}` });
      return kind === 'add' ? entry.id : entry.waives_entry_id!;
    });
  } catch (error) {
    if ((error as { code?: unknown }).code === '23505') throw keyConflict();
    throw error;
  }
}

async function waivedFeeOf(trx: Transaction<Database>, request: FeeRequestRow): Promise<string> {
  const waiver = await trx.selectFrom('ledger_entries').select('waives_entry_id').where('id', '=', request.ledger_entry_id).executeTakeFirstOrThrow();
  return waiver.waives_entry_id!;
}

/** Adds a fee to the account: a new ledger entry, a `fee.added` event. Answers the fee. */
export async function addFee(ctx: FeeContext, accountId: string, key: string, request: AddFeeRequest): Promise<FeeView> {
  const feeId = await once(ctx, accountId, key, 'add', request, async (trx) => {
    const statementId = await statementFor(trx, accountId, request.statementId);
    const entry = await trx
      .insertInto('ledger_entries')
      .values({ account_id: accountId, statement_id: statementId, kind: 'fee', reason: request.reason, amount_cents: request.amountCents, posted_on: isoDate(ctx.now) })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, { practiceId: ctx.practiceId, type: 'fee.added', accountId, data: { feeId: entry.id, reason: entry.reason, amountCents: entry.amount_cents, statementId: entry.statement_id }, now: ctx.now });
    return { entry, reason: request.reason, note: request.note ?? null };
  });
  return (await feeViews(ctx.db, accountId, feeId))[0]!;
}

/** The statement a new fee goes on: the one named (of this account), or the newest one shown. */
async function statementFor(trx: Transaction<Database>, accountId: string, statementId: string | undefined): Promise<string | null> {
  if (statementId !== undefined) {
    const found = await trx.selectFrom('statements').select('id').where('id', '=', statementId).where('account_id', '=', accountId).executeTakeFirst();
    if (!found) throw new DomainError('statement_not_found', 'There is no such statement on this account.');
    return found.id;
  }
  const newest = await trx
    .selectFrom('statements')
    .select('id')
    .where('account_id', '=', accountId)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('statements as later').select('later.id').whereRef('later.replaces', '=', 'statements.id'))))
    .orderBy('statement_date', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return newest?.id ?? null;
}

/**
 * Waives a fee of the account: a new ledger entry that takes its amount off, naming the fee (the
 * fee's entry stays as it was), and a `fee.waived` event. A fee is waived once (409 after).
 */
export async function waiveFee(ctx: FeeContext, accountId: string, feeId: string, key: string, request: WaiveFeeRequest): Promise<FeeView> {
  const waivedId = await once(ctx, accountId, key, 'waive', { feeId, ...request }, async (trx) => {
    const fee = await trx.selectFrom('ledger_entries').selectAll().where('id', '=', feeId).where('account_id', '=', accountId).where('kind', '=', 'fee').executeTakeFirst();
    if (!fee || fee.amount_cents <= 0) throw feeNotFound();
    const waived = await trx.selectFrom('ledger_entries').select('id').where('waives_entry_id', '=', fee.id).executeTakeFirst();
    if (waived) throw new DomainError('fee_already_waived', 'This fee was already waived.');
    const entry = await trx
      .insertInto('ledger_entries')
      .values({ account_id: accountId, statement_id: fee.statement_id, kind: 'adjustment', reason: FEE_WAIVED_REASON, amount_cents: -fee.amount_cents, posted_on: isoDate(ctx.now), waives_entry_id: fee.id })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, { practiceId: ctx.practiceId, type: 'fee.waived', accountId, data: { feeId: fee.id, waiverId: entry.id, reason: request.reason, amountCents: fee.amount_cents, statementId: fee.statement_id }, now: ctx.now });
    return { entry, reason: request.reason, note: request.note ?? null };
  });
  return (await feeViews(ctx.db, accountId, waivedId))[0]!;
}

/** The account's fees (or the one `onlyId`), oldest first, each with its waiver and staff's notes. */
export async function feeViews(db: Db, accountId: string, onlyId?: string): Promise<FeeView[]> {
  let query = db.selectFrom('ledger_entries').selectAll().where('account_id', '=', accountId).where('kind', '=', 'fee');
  if (onlyId !== undefined) query = query.where('id', '=', onlyId);
  const fees = await query.orderBy('posted_on').orderBy('created_at').orderBy('id').execute();
  if (fees.length === 0) return [];
  const ids = fees.map((fee) => fee.id);
  const waivers = await db.selectFrom('ledger_entries').selectAll().where('waives_entry_id', 'in', ids).execute();
  const requests = await db.selectFrom('fee_requests').select(['ledger_entry_id', 'note', 'reason']).where('account_id', '=', accountId).execute();
  const requestOf = new Map(requests.map((row) => [row.ledger_entry_id, row]));
  const waiverOf = new Map(waivers.map((row) => [row.waives_entry_id!, row]));
  return fees.map((fee) => {
    const waiver = waiverOf.get(fee.id);
    return {
      id: fee.id,
      reason: fee.reason,
      amountCents: fee.amount_cents,
      postedOn: fee.posted_on,
      statementId: fee.statement_id,
      paymentId: fee.payment_id,
      note: requestOf.get(fee.id)?.note ?? null,
      waiver: waiver ? { entryId: waiver.id, reason: requestOf.get(waiver.id)?.reason ?? FEE_WAIVED_REASON, postedOn: waiver.posted_on, note: requestOf.get(waiver.id)?.note ?? null } : null,
    };
  });
}
