import { requestHash } from '../../security/request-hash.js';
import type { Charge, ChargeRequest, DeclineCode, ProcessorEvent, Refund, RefundRequest } from '@billpay/sdk/processor';
import { sql, type Kysely, type Selectable } from 'kysely';
import { bankNameOf } from './bank-directory.js';
import { addWeekdaysToInstant } from './clock.js';
import { ProcessorError } from './errors.js';
import { newId, openNumber } from './keys.js';
import type { ChargesTable, ProcessorDatabaseSchema } from './schema.js';

type Db = Kysely<ProcessorDatabaseSchema>;

export interface Answer {
  readonly status: 200 | 201 | 400 | 402 | 404 | 409;
  readonly body: unknown;
  /** The work already stored this answer under its key (in its own last statement). */
  readonly stored?: true;
}

/** Bank debits settle (or come back) this many business days after they are made. */
export const SETTLEMENT_BUSINESS_DAYS = 2;

/** Card outcomes by test card number, as processors' sandboxes have them (DOMAIN.md). */
const DECLINES: Readonly<Record<string, DeclineCode>> = {
  '4000000000000002': 'card_declined',
  '4000000000000069': 'expired_card',
};

/** The fingerprint of a request: its route and its body with keys in a stable order. */
export function processorRequestHash(route: string, body: unknown): string {
  return requestHash(body, `${route}\n`);
}

/**
 * Runs `work` at most once per (merchant, Idempotency-Key). The key's row is inserted (or found)
 * and locked `for update` in the same transaction as the work, so a concurrent duplicate waits
 * on the lock and then finds the first one's stored answer; a failure rolls both back, leaving
 * the key free to retry. A refusal (a 4xx) is an answer too and is replayed like a success. The
 * same key with another body is refused with 409.
 */
export async function idempotently(
  db: Db,
  merchantId: string,
  key: string,
  hash: string,
  now: Date,
  work: (trx: Db) => Promise<Answer>,
): Promise<Answer> {
  return db.transaction().execute(async (trx) => {
    // One statement inserts the key's row or, when it exists, locks it (a no-op update) and
    // answers its latest version: a concurrent duplicate waits here for the first one's answer.
    const row = await trx
      .insertInto('idempotency_keys')
      .values({ merchant_id: merchantId, key, request_hash: hash, response_status: null, response_body: null, created_at: now })
      .onConflict((oc) => oc.columns(['merchant_id', 'key']).doUpdateSet((eb) => ({ key: eb.ref('excluded.key') })))
      .returningAll()
      .executeTakeFirstOrThrow();
    if (row.request_hash !== hash) {
      throw new ProcessorError(409, 'idempotency_conflict', 'This Idempotency-Key was already used with a different request.');
    }
    if (row.response_status !== null && row.response_body !== null) {
      return { status: row.response_status as Answer['status'], body: JSON.parse(row.response_body) as unknown };
    }
    let answer: Answer;
    try {
      answer = await work(trx);
    } catch (error) {
      if (!(error instanceof ProcessorError)) throw error;
      answer = { status: error.status as Answer['status'], body: error.body };
    }
    if (answer.stored) return { status: answer.status, body: answer.body };
    await trx
      .updateTable('idempotency_keys')
      .set({ response_status: answer.status, response_body: JSON.stringify(answer.body) })
      .where('merchant_id', '=', merchantId)
      .where('key', '=', key)
      .execute();
    return answer;
  });
}

export function chargeView(row: Selectable<ChargesTable>): Charge {
  return {
    id: row.id,
    status: row.status,
    amountCents: row.amount_cents,
    amountRefundedCents: row.amount_refunded_cents,
    ...(row.decline_code ? { declineCode: row.decline_code as DeclineCode } : {}),
    ...(row.return_code ? { returnCode: row.return_code } : {}),
    method: {
      kind: row.method_kind,
      ...(row.brand ? { brand: row.brand as NonNullable<Charge['method']['brand']> } : {}),
      last4: row.last4,
      ...(row.wallet ? { wallet: row.wallet as NonNullable<Charge['method']['wallet']> } : {}),
      ...(row.account_type ? { accountType: row.account_type } : {}),
      ...(row.bank_name ? { bankName: row.bank_name } : {}),
    },
    ...(row.description !== null ? { description: row.description } : {}),
    ...(row.metadata !== null ? { metadata: JSON.parse(row.metadata) as Record<string, string> } : {}),
    created: row.created_at.toISOString(),
  };
}

export interface ChargeContext {
  readonly merchantId: string;
  readonly idempotencyKey: string;
  readonly vaultKey: (version: number) => Buffer;
  readonly now: Date;
}

/** Charges a token once: cards decide now, bank debits are `processing` until they settle. */
export async function createCharge(trx: Db, ctx: ChargeContext, input: ChargeRequest): Promise<Answer> {
  const token = await trx
    .selectFrom('vault_tokens')
    .selectAll('vault_tokens')
    // The key's stored answer may have been purged (after a day): the charge it made still answers.
    .select((eb) =>
      eb.selectFrom('charges').select('charges.id').where('charges.merchant_id', '=', ctx.merchantId).where('charges.idempotency_key', '=', ctx.idempotencyKey).as('earlier_charge_id'),
    )
    .where('vault_tokens.id', '=', input.token)
    .where('vault_tokens.merchant_id', '=', ctx.merchantId)
    .forUpdate('vault_tokens')
    .executeTakeFirst();
  if (!token) throw new ProcessorError(400, 'no_such_token', 'There is no such token.', 'token');
  if (token.earlier_charge_id !== null) {
    const earlier = await trx.selectFrom('charges').selectAll().where('id', '=', token.earlier_charge_id).executeTakeFirstOrThrow();
    if (earlier.token_id !== input.token || earlier.amount_cents !== input.amountCents) {
      throw new ProcessorError(409, 'idempotency_conflict', 'This Idempotency-Key was already used with a different request.');
    }
    return { status: 201, body: chargeView(earlier) };
  }

  let status: ChargesTable['status'];
  let declineCode: DeclineCode | null = null;
  let settlesAt: Date | null = null;
  if (token.kind === 'card') {
    // A card token stands for one authorization the cardholder gave, unless the card was saved
    // with their consent for later charges (a payment plan's installments).
    if (token.used_at && !token.reusable) throw new ProcessorError(400, 'token_already_used', 'This token has already been charged.', 'token');
    const number = openNumber(ctx.vaultKey(token.key_version), token.id, token.number_encrypted);
    declineCode = DECLINES[number] ?? (token.cvc_check === 'fail' ? 'incorrect_cvc' : null);
    status = declineCode ? 'declined' : 'succeeded';
  } else {
    // A bank token may be debited again (a payment plan); its first debit validates the account.
    status = 'processing';
    settlesAt = addWeekdaysToInstant(ctx.now, SETTLEMENT_BUSINESS_DAYS);
  }
  const row: Selectable<ChargesTable> = {
    id: newId('ch'),
    merchant_id: ctx.merchantId,
    idempotency_key: ctx.idempotencyKey,
    token_id: token.id,
    status,
    amount_cents: input.amountCents,
    amount_refunded_cents: 0,
    decline_code: declineCode,
    return_code: null,
    method_kind: token.wallet ? 'wallet' : token.kind,
    brand: token.brand,
    last4: token.last4,
    wallet: token.wallet,
    account_type: token.kind === 'bank' ? token.account_type : null,
    bank_name: token.kind === 'bank' && token.routing_number ? (bankNameOf(token.routing_number) ?? null) : null,
    description: input.description ?? null,
    metadata: input.metadata ? JSON.stringify(input.metadata) : null,
    settles_at: settlesAt,
    created_at: ctx.now,
  };
  // In one statement: the token marked used (a bank account validated), the answer stored under
  // its Idempotency-Key (see `idempotently`, which holds the key's row), and the charge.
  const body = chargeView(row);
  await trx
    .with('used', (w) => w.updateTable('vault_tokens').set({ used_at: token.used_at ?? ctx.now, validated: true }).where('id', '=', token.id))
    .with('answered', (w) =>
      w
        .updateTable('idempotency_keys')
        .set({ response_status: 201, response_body: JSON.stringify(body) })
        .where('merchant_id', '=', ctx.merchantId)
        .where('key', '=', ctx.idempotencyKey),
    )
    .insertInto('charges')
    .values(row)
    .execute();
  return { status: 201, body, stored: true };
}

/** Refunds what is left of a charge, or part of it. Only money that arrived can go back. */
export async function createRefund(trx: Db, ctx: ChargeContext, input: RefundRequest): Promise<Answer> {
  const earlier = await trx.selectFrom('refunds').selectAll().where('merchant_id', '=', ctx.merchantId).where('idempotency_key', '=', ctx.idempotencyKey).executeTakeFirst();
  if (earlier) {
    if (earlier.charge_id !== input.charge || (input.amountCents !== undefined && input.amountCents !== earlier.amount_cents)) {
      throw new ProcessorError(409, 'idempotency_conflict', 'This Idempotency-Key was already used with a different request.');
    }
    const refund: Refund = { id: earlier.id, charge: earlier.charge_id, amountCents: earlier.amount_cents, status: 'succeeded', created: earlier.created_at.toISOString() };
    return { status: 201, body: refund };
  }
  const charge = await trx
    .selectFrom('charges')
    .selectAll()
    .where('id', '=', input.charge)
    .where('merchant_id', '=', ctx.merchantId)
    .forUpdate()
    .executeTakeFirst();
  if (!charge) throw new ProcessorError(404, 'no_such_charge', 'There is no such charge.', 'charge');
  if (charge.status !== 'succeeded' && charge.status !== 'settled') {
    throw new ProcessorError(400, 'charge_not_refundable', `A ${charge.status} charge cannot be refunded.`, 'charge');
  }
  const remaining = charge.amount_cents - charge.amount_refunded_cents;
  if (remaining === 0) throw new ProcessorError(400, 'charge_already_refunded', 'This charge has already been refunded in full.', 'charge');
  const amount = input.amountCents ?? remaining;
  if (amount > remaining) {
    throw new ProcessorError(400, 'amount_too_large', `At most ${remaining} cents of this charge can still be refunded.`, 'amountCents');
  }
  await trx
    .updateTable('charges')
    .set({ amount_refunded_cents: charge.amount_refunded_cents + amount })
    .where('id', '=', charge.id)
    .execute();
  const refund: Refund = { id: newId('re'), charge: charge.id, amountCents: amount, status: 'succeeded', created: ctx.now.toISOString() };
  await trx
    .insertInto('refunds')
    .values({ id: refund.id, merchant_id: ctx.merchantId, charge_id: charge.id, idempotency_key: ctx.idempotencyKey, amount_cents: amount, created_at: ctx.now })
    .execute();
  return { status: 201, body: refund };
}

/** How long an Idempotency-Key's stored answer is kept (as real processors do: a day). */
export const IDEMPOTENCY_KEY_RETENTION_MS = 24 * 3_600_000;

/**
 * Deletes stored answers older than `retentionMs`. The charges and refunds they made stay, each
 * under its key, so a late retry still gets the charge it made, never a second one.
 */
export async function purgeIdempotencyKeys(db: Db, now: Date, retentionMs = IDEMPOTENCY_KEY_RETENTION_MS): Promise<number> {
  const result = await db.deleteFrom('idempotency_keys').where('created_at', '<', new Date(now.getTime() - retentionMs)).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Any number the advisory lock of settlement can use; only its sameness matters. */
const SETTLEMENT_LOCK = 7_355_608;

/**
 * Settles the bank debits that are due by the processor's clock: `settled`, or `returned` with
 * R01 (insufficient funds) for the sandbox's accounts ending in 0001. Each change is an event.
 * One settlement runs at a time (an advisory lock), so events are numbered in the order they
 * commit and a poller reading `since` a cursor never skips one.
 */
export async function settleDueCharges(db: Db, vaultKey: (version: number) => Buffer, now: Date): Promise<SettlementEvent[]> {
  const ids = await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${SETTLEMENT_LOCK})`.execute(trx);
    const due = await trx
      .selectFrom('charges')
      .innerJoin('vault_tokens', 'vault_tokens.id', 'charges.token_id')
      .select(['charges.id', 'charges.merchant_id', 'vault_tokens.id as token_id', 'vault_tokens.number_encrypted', 'vault_tokens.key_version'])
      .where('charges.status', '=', 'processing')
      .where('charges.settles_at', '<=', now)
      .orderBy('charges.settles_at')
      .orderBy('charges.id')
      // Only the charges: a debit being made on the same bank token meanwhile need not wait.
      .forUpdate('charges')
      .execute();
    const created: string[] = [];
    for (const charge of due) {
      const account = openNumber(vaultKey(charge.key_version), charge.token_id, charge.number_encrypted);
      const returned = account.endsWith('0001');
      await trx
        .updateTable('charges')
        .set({ status: returned ? 'returned' : 'settled', return_code: returned ? 'R01' : null })
        .where('id', '=', charge.id)
        .execute();
      const id = newId('evt');
      await trx
        .insertInto('events')
        .values({ id, merchant_id: charge.merchant_id, charge_id: charge.id, type: returned ? 'charge.returned' : 'charge.settled', created_at: now })
        .execute();
      created.push(id);
    }
    return created;
  });
  if (ids.length === 0) return [];
  const rows = await eventRows(db).where('events.id', 'in', ids).orderBy('events.seq').execute();
  return rows.map((row) => ({ merchantId: row.merchant_id, event: eventView(row) }));
}

/** An event settlement made, with the merchant it is for (to push it to them). */
export interface SettlementEvent {
  readonly merchantId: string;
  readonly event: ProcessorEvent;
}

const eventRows = (db: Db) =>
  db
    .selectFrom('events')
    .innerJoin('charges', 'charges.id', 'events.charge_id')
    .selectAll('charges')
    .select(['events.seq', 'events.id as event_id', 'events.type', 'events.created_at as event_created_at']);

function eventView(row: Selectable<ChargesTable> & { event_id: string; type: ProcessorEvent['type']; event_created_at: Date }): ProcessorEvent {
  return { id: row.event_id, type: row.type, charge: chargeView(row), created: row.event_created_at.toISOString() };
}

/** A merchant's events after `since` (a cursor from an earlier answer; "0" or none for the start). */
export async function listEvents(db: Db, merchantId: string, since: number, limit = 100): Promise<{ data: ProcessorEvent[]; nextCursor: string }> {
  const rows = await eventRows(db)
    .where('events.merchant_id', '=', merchantId)
    .where('events.seq', '>', since)
    .orderBy('events.seq')
    .limit(limit)
    .execute();
  return {
    data: rows.map(eventView),
    nextCursor: String(rows.at(-1)?.seq ?? since),
  };
}
