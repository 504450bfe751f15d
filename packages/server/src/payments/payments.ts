import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql, type Kysely, type QueryCreator, type Selectable, type Transaction } from 'kysely';
import type { Charge, DebitAuthorization, Payment, PaymentDeclineCode, PaymentRequest, TokenDetails } from '@billpay/sdk';
import type { Database, LedgerKind, PaymentsTable } from '../db/schema.js';
import { isoDate } from '../dates.js';
import { ApiProblem } from '../http/problem.js';
import type { PracticeConfig } from '../practices.js';
import { ProcessorRejectedError, ProcessorUnavailableError, type ProcessorGateway } from './gateway.js';

type Db = Kysely<Database>;
type PaymentRow = Selectable<PaymentsTable>;

/** The smallest payment taken online. */
export const MIN_PAYMENT_CENTS = 100;

/** What the route answers: a receipt (201), or a decline (402) that names its reason. */
export type PaymentOutcome =
  | { readonly kind: 'receipt'; readonly payment: Payment }
  | { readonly kind: 'declined'; readonly payment: Payment; readonly declineCode: PaymentDeclineCode };

export interface PaymentContext {
  readonly db: Db;
  readonly gateway: ProcessorGateway;
  readonly practice: PracticeConfig;
  readonly accountId: string;
  readonly now: Date;
  /**
   * The patient's browser as the server saw it, when the patient is there (the route gives it):
   * kept with a bank debit's authorization as proof of who assented, and then the authorization
   * must also have been accepted recently. A background caller (e.g. a plan's installment under
   * its standing authorization) leaves it out.
   */
  readonly payer?: PayerContext | undefined;
}

export interface PayerContext {
  readonly ipAddress: string;
  readonly userAgent: string | undefined;
}

/** How far in the future an authorization's `acceptedAt` may be (the browser's clock may run fast). */
export const AUTHORIZATION_CLOCK_SKEW_MS = 5 * 60_000;
/** How old an authorization accepted by a patient who is present may be. */
export const AUTHORIZATION_MAX_AGE_MS = 24 * 3_600_000;
/** The longest user agent kept with an authorization. */
const MAX_USER_AGENT = 512;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Letters and digits that cannot be misread over the phone (no 0/O, 1/I/L). */
const CONFIRMATION_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

function confirmationNumber(): string {
  const bytes = randomBytes(8);
  const chars = Array.from(bytes, (b) => CONFIRMATION_ALPHABET[b % CONFIRMATION_ALPHABET.length]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

export function paymentRequestHash(request: PaymentRequest): string {
  const canonical = JSON.stringify([request.amountCents, request.token, request.statementId ?? null, request.authorization ?? null]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** The payment method as the processor describes a token. */
interface MethodColumns {
  method_kind: PaymentsTable['method_kind'];
  brand: string | null;
  last4: string | null;
  wallet: string | null;
  account_type: 'checking' | 'savings' | null;
  bank_name: string | null;
}

function methodOfToken(token: TokenDetails): MethodColumns {
  if (token.kind === 'bank') {
    return { method_kind: 'bank', brand: null, last4: token.bank.last4, wallet: null, account_type: token.bank.accountType, bank_name: token.bank.bankName ?? null };
  }
  return {
    method_kind: token.card.wallet ? 'wallet' : 'card',
    brand: token.card.brand,
    last4: token.card.last4,
    wallet: token.card.wallet ?? null,
    account_type: null,
    bank_name: null,
  };
}

/**
 * The processor's description of the token, or the refusal to give if the payment turns out to be
 * new (a retry of a known key is answered from its row, whatever the processor says now).
 */
async function describeToken(ctx: PaymentContext, token: string): Promise<{ ok: true; token: TokenDetails } | { ok: false; problem: ApiProblem }> {
  try {
    return { ok: true, token: await ctx.gateway.token(ctx.practice.id, token) };
  } catch (error) {
    if (error instanceof ProcessorUnavailableError) {
      return { ok: false, problem: new ApiProblem(503, 'processor_unavailable', 'The payment could not be started right now. Nothing was charged; try again.', [], { 'retry-after': '2' }) };
    }
    if (error instanceof ProcessorRejectedError) {
      return {
        ok: false,
        problem: new ApiProblem(422, 'invalid_token', 'The payment method is not known to the processor. Enter it again.', [{ path: ['token'], code: 'not_found', message: 'No such token.' }], {}, { param: 'token' }),
      };
    }
    throw error;
  }
}

/**
 * A web debit from a bank account needs the patient's authorization (Nacha): the exact text
 * shown, not blank, and a sane time of acceptance: a full ISO 8601 date and time, not in the
 * future, and when the patient is present, within the last day.
 */
export function checkDebitAuthorization(authorization: DebitAuthorization | undefined, now: Date, payerPresent: boolean): { text: string; acceptedAt: string } {
  const refuse = (code: 'authorization_required' | 'authorization_invalid', param: string, message: string, issue: string): never => {
    throw new ApiProblem(422, code, message, [{ path: param.split('.'), code: issue, message }], {}, { param });
  };
  if (!authorization) {
    return refuse('authorization_required', 'authorization', 'A payment from a bank account needs the debit authorization the patient accepted: its text and when it was accepted.', 'required');
  }
  if (authorization.text.trim() === '') {
    return refuse('authorization_invalid', 'authorization.text', 'The authorization text is empty: send the exact text the patient accepted.', 'empty');
  }
  const acceptedAt = new Date(authorization.acceptedAt);
  if (!ISO_DATE_TIME.test(authorization.acceptedAt) || Number.isNaN(acceptedAt.getTime()) || !isCalendarDate(authorization.acceptedAt.slice(0, 10))) {
    return refuse('authorization_invalid', 'authorization.acceptedAt', 'acceptedAt must be an ISO 8601 date and time with a time zone.', 'invalid_date');
  }
  if (acceptedAt.getTime() > now.getTime() + AUTHORIZATION_CLOCK_SKEW_MS) {
    return refuse('authorization_invalid', 'authorization.acceptedAt', 'The authorization cannot have been accepted in the future.', 'in_future');
  }
  if (payerPresent && acceptedAt.getTime() < now.getTime() - AUTHORIZATION_MAX_AGE_MS) {
    return refuse('authorization_invalid', 'authorization.acceptedAt', 'The authorization was accepted too long ago: ask the patient to accept it again.', 'too_old');
  }
  return { text: authorization.text, acceptedAt: acceptedAt.toISOString() };
}

/** Whether YYYY-MM-DD names a real day (Date would read 2026-02-30 as March 2). */
function isCalendarDate(ymd: string): boolean {
  const [year, month, day] = ymd.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function paymentView(row: PaymentRow): Payment {
  return {
    id: row.id,
    confirmationNumber: row.confirmation_number,
    status: row.status,
    amountCents: row.amount_cents,
    statementId: row.statement_id,
    method: {
      kind: row.method_kind ?? 'other',
      ...(row.brand ? { brand: row.brand as NonNullable<Payment['method']['brand']> } : {}),
      last4: row.last4 ?? '0000',
      ...(row.wallet ? { wallet: row.wallet as NonNullable<Payment['method']['wallet']> } : {}),
      ...(row.account_type ? { accountType: row.account_type } : {}),
      ...(row.bank_name ? { bankName: row.bank_name } : {}),
    },
    createdAt: new Date(row.created_at).toISOString(),
    ...(row.decline_code ? { declineCode: row.decline_code as PaymentDeclineCode } : {}),
    ...(row.return_code ? { returnCode: row.return_code } : {}),
    remainingBalanceCents: row.remaining_balance_cents ?? 0,
  };
}

function outcomeOf(row: PaymentRow): PaymentOutcome {
  const payment = paymentView(row);
  return row.status === 'declined' ? { kind: 'declined', payment, declineCode: payment.declineCode ?? 'card_declined' } : { kind: 'receipt', payment };
}

/** Records the outcome of a pending payment whose charge an event names before the payment knows it. */
async function recordChargeOfEvent(db: Db, practice: PracticeConfig, charge: Charge, now: Date): Promise<void> {
  const known = await db.selectFrom('payments').select('id').where('charge_id', '=', charge.id).where('practice_id', '=', practice.id).executeTakeFirst();
  const paymentId = charge.metadata?.payment;
  if (known || !paymentId) return;
  const pending = await db
    .selectFrom('payments')
    .select(['id', 'amount_cents'])
    .where('id', '=', paymentId)
    .where('practice_id', '=', practice.id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (pending?.amount_cents === charge.amountCents) await recordOutcome(db, pending.id, charge, now);
}

/** The account's balance: the sum of its ledger. */
const balanceSql = (accountId: string) => sql<number>`(select coalesce(sum(amount_cents), 0)::int from ledger_entries where account_id = ${accountId})`;

/** Money promised to payments still in flight: they hold it until they succeed or fail. */
const reservedSql = (accountId: string) =>
  sql<number>`(select coalesce(sum(amount_cents), 0)::int from payments where account_id = ${accountId} and status = 'pending')`;

/**
 * In one statement, so from one snapshot taken after the account's lock: the payment already made
 * under this key if any, the balance, what pending payments hold, and whether the statement named
 * is the account's.
 */
async function paymentSnapshot(trx: Db, ctx: PaymentContext, idempotencyKey: string, statementId: string | undefined) {
  const figures = trx
    .selectNoFrom([
      balanceSql(ctx.accountId).as('balance'),
      reservedSql(ctx.accountId).as('reserved'),
      (statementId === undefined
        ? sql<boolean>`true`
        : sql<boolean>`exists (select 1 from statements where id = ${statementId} and account_id = ${ctx.accountId})`
      ).as('statement_found'),
    ])
    .as('figures');
  const found = await trx
    .selectFrom(figures)
    .leftJoin('payments', (join) => join.on('payments.practice_id', '=', ctx.practice.id).on('payments.idempotency_key', '=', idempotencyKey))
    .selectAll('payments')
    .select(['figures.balance', 'figures.reserved', 'figures.statement_found'])
    .executeTakeFirstOrThrow();
  const { balance, reserved, statement_found: statementFound, ...payment } = found;
  return { existing: payment.id === null ? undefined : (payment as PaymentRow), available: balance - reserved, statementFound };
}

/** Serializes every payment on one account: the balance check and the write see the same ledger. */
async function lockAccount(trx: Transaction<Database>, accountId: string): Promise<void> {
  await trx.selectFrom('accounts').select('id').where('id', '=', accountId).forUpdate().executeTakeFirstOrThrow();
}

/**
 * Takes a payment exactly once. Phase 1 records it as pending under the client's key, after
 * checking the amount against what is owed and not already promised; phase 2 charges the
 * processor with the payment's id as the processor's idempotency key; phase 3 writes the outcome
 * and the ledger entry. Any request carrying the same key (a retry, a concurrent duplicate, or
 * recovery after a crash) drives the same row through the same phases, and the processor and a
 * status check make each phase happen once.
 */
export async function takePayment(ctx: PaymentContext, idempotencyKey: string, request: PaymentRequest): Promise<PaymentOutcome> {
  const hash = paymentRequestHash(request);
  // Outside the transaction: no account waits on the processor. Checked below once the key is new.
  const described = await describeToken(ctx, request.token);
  const row = await ctx.db.transaction().execute(async (trx) => {
    await lockAccount(trx, ctx.accountId);
    const { existing, available, statementFound } = await paymentSnapshot(trx, ctx, idempotencyKey, request.statementId);
    if (existing) {
      if (existing.request_hash !== hash || existing.account_id !== ctx.accountId) {
        throw new ApiProblem(409, 'idempotency_conflict', 'This Idempotency-Key was already used for a different payment.');
      }
      return existing;
    }
    if (!described.ok) throw described.problem;
    const method = methodOfToken(described.token);
    const authorization = method.method_kind === 'bank' ? checkDebitAuthorization(request.authorization, ctx.now, ctx.payer !== undefined) : undefined;
    if (!statementFound) {
      throw new ApiProblem(400, 'invalid_request', 'There is no such statement on this account.', [{ path: ['statementId'], code: 'not_found', message: 'No such statement.' }]);
    }
    if (request.amountCents < MIN_PAYMENT_CENTS || request.amountCents > available) {
      throw new ApiProblem(
        422,
        'amount_not_allowed',
        available < MIN_PAYMENT_CENTS ? 'There is nothing to pay on this account right now.' : 'The amount must be at least $1.00 and at most what is owed.',
        [{ path: ['amountCents'], code: 'amount_not_allowed', message: 'Outside the allowed range.' }],
        {},
        { minimumCents: MIN_PAYMENT_CENTS, maximumCents: Math.max(0, available) },
      );
    }
    const inserted: PaymentRow = {
      id: `pay_${randomUUID().replace(/-/g, '')}`,
      practice_id: ctx.practice.id,
      account_id: ctx.accountId,
      idempotency_key: idempotencyKey,
      request_hash: hash,
      confirmation_number: confirmationNumber(),
      status: 'pending',
      amount_cents: request.amountCents,
      statement_id: request.statementId ?? null,
      token: request.token,
      charge_id: null,
      ...method,
      decline_code: null,
      return_code: null,
      remaining_balance_cents: null,
      // Only a bank debit keeps an authorization, with who assented (the proof Nacha asks for).
      authorization_text: authorization?.text ?? null,
      authorization_accepted_at: authorization?.acceptedAt ?? null,
      authorization_ip_address: authorization && ctx.payer ? ctx.payer.ipAddress : null,
      authorization_user_agent: authorization && ctx.payer?.userAgent ? ctx.payer.userAgent.slice(0, MAX_USER_AGENT) : null,
      created_at: ctx.now,
      updated_at: ctx.now,
    };
    await trx.insertInto('payments').values(inserted).execute();
    return inserted;
  });
  if (row.status !== 'pending') return outcomeOf(row);
  return completePayment(ctx.db, ctx.gateway, ctx.practice, row, ctx.now);
}

/** Phases 2 and 3 for a pending payment; also what crash recovery runs. */
export async function completePayment(db: Db, gateway: ProcessorGateway, practice: PracticeConfig, row: PaymentRow, now: Date): Promise<PaymentOutcome> {
  let charge: Charge | undefined;
  try {
    charge = await gateway.charge(practice.id, row.id, {
      token: row.token,
      amountCents: row.amount_cents,
      description: `${practice.name} bill payment ${row.confirmation_number}`,
      metadata: { payment: row.id },
    });
  } catch (error) {
    if (error instanceof ProcessorUnavailableError) {
      throw new ApiProblem(503, 'processor_unavailable', 'The payment could not be completed right now. Nothing was charged twice; try again.', [], { 'retry-after': '2' });
    }
    if (!(error instanceof ProcessorRejectedError)) throw error;
  }
  return recordOutcome(db, row.id, charge, now);
}

/**
 * Phase 3: the charge's outcome and, for money that moved, one ledger entry, in one statement:
 * the update takes the payment's row lock and applies only while it is still pending (a
 * concurrent recorder waits, then finds it recorded and changes nothing), and the ledger entry
 * is written from the rows that update changed, so never twice. No account lock is needed: a
 * new payment's balance check reads the ledger and the pending payments in one snapshot, which
 * sees this payment either pending or paid, never neither nor both.
 */
async function recordOutcome(db: Db, paymentId: string, charge: Charge | undefined, now: Date): Promise<PaymentOutcome> {
  // A bank debit is 'processing' until the processor's events say it settled or came back.
  const status: PaymentsTable['status'] = !charge || charge.status === 'declined' ? 'declined' : charge.status === 'succeeded' ? 'succeeded' : 'processing';
  const moved = status !== 'declined';
  // The statement's snapshot does not see its own ledger entry: the balance after it subtracts it.
  const balance = sql<number>`(select coalesce(sum(l.amount_cents), 0)::int from ledger_entries l where l.account_id = payments.account_id)`;
  const update = (qc: QueryCreator<Database>) =>
    qc
      .updateTable('payments')
      .set({
        status,
        charge_id: charge?.id ?? null,
        // The charge describes the method as the token did; without one the token's description stays.
        ...(charge
          ? {
              method_kind: charge.method.kind,
              brand: charge.method.brand ?? null,
              last4: charge.method.last4,
              wallet: charge.method.wallet ?? null,
              account_type: sql<'checking' | 'savings' | null>`coalesce(${charge.method.accountType ?? null}, payments.account_type)`,
              bank_name: sql<string | null>`coalesce(${charge.method.bankName ?? null}, payments.bank_name)`,
            }
          : {}),
        decline_code: status === 'declined' ? (charge?.declineCode ?? 'processing_error') : null,
        remaining_balance_cents: moved ? sql<number>`${balance} - payments.amount_cents` : balance,
        updated_at: now,
      })
      .where('id', '=', paymentId)
      .where('status', '=', 'pending')
      .returningAll();
  let updated: PaymentRow | undefined;
  if (moved) {
    const reason = charge?.method.kind === 'bank' ? 'bank_payment' : charge?.method.kind === 'wallet' ? 'wallet_payment' : 'card_payment';
    updated = await db
      .with('recorded', (qc) => update(qc))
      .with('entry', (qc) =>
        qc
          .insertInto('ledger_entries')
          .columns(['account_id', 'statement_id', 'kind', 'reason', 'amount_cents', 'posted_on', 'payment_id'])
          .expression((eb) =>
            eb
              .selectFrom('recorded')
              .select([
                'recorded.account_id',
                'recorded.statement_id',
                sql<LedgerKind>`'payment'`.as('kind'),
                sql<string>`${reason}::text`.as('reason'),
                sql<number>`-recorded.amount_cents`.as('amount_cents'),
                sql<string>`${isoDate(now)}::date`.as('posted_on'),
                'recorded.id',
              ]),
          ),
      )
      .selectFrom('recorded')
      .selectAll()
      .executeTakeFirst();
  } else {
    updated = await update(db).executeTakeFirst();
  }
  // Recorded already (a retry, a duplicate, or recovery got there first): its outcome stands.
  return outcomeOf(updated ?? (await db.selectFrom('payments').selectAll().where('id', '=', paymentId).executeTakeFirstOrThrow()));
}

/**
 * Settles payments a crash left pending: each is looked up at the processor by its key. A charge
 * that exists is recorded; one that never reached the processor (older than `graceMs`) is closed
 * as not charged, so its money is no longer held.
 */
export async function recoverPendingPayments(
  db: Db,
  gateway: ProcessorGateway,
  practices: ReadonlyMap<string, PracticeConfig>,
  now: Date,
  graceMs = 60_000,
): Promise<number> {
  const pending = await db.selectFrom('payments').selectAll().where('status', '=', 'pending').execute();
  let settled = 0;
  for (const row of pending) {
    const practice = practices.get(row.practice_id);
    if (!practice) continue;
    let charge: Charge | undefined;
    try {
      charge = await gateway.findCharge(practice.id, row.id);
    } catch (error) {
      if (error instanceof ProcessorUnavailableError) continue;
      throw error;
    }
    if (!charge && now.getTime() - new Date(row.created_at).getTime() < graceMs) continue;
    await recordOutcome(db, row.id, charge, now);
    settled++;
  }
  return settled;
}

/**
 * Applies the processor's events: a bank debit that settled, or came back. A return reverses the
 * payment in the ledger and adds the practice's returned-payment fee, once. An event can arrive
 * before its payment knows its charge (the server stopped between the charge and its record, and
 * recovery has not run yet): the charge names its payment (metadata `payment`, set when it was
 * made, and the payment's id is also the charge's idempotency key), so the charge is recorded
 * first and the event then applied, never skipped.
 */
export async function applyProcessorEvents(db: Db, gateway: ProcessorGateway, practice: PracticeConfig, now: Date): Promise<number> {
  const cursorKey = `processor_events_cursor:${practice.id}`;
  const cursor = (await db.selectFrom('meta').select('value').where('key', '=', cursorKey).executeTakeFirst())?.value ?? '0';
  const list = await gateway.events(practice.id, cursor);
  let applied = 0;
  for (const event of list.data) {
    await recordChargeOfEvent(db, practice, event.charge, now);
    await db.transaction().execute(async (trx) => {
      // The payment's row lock, like `recordOutcome`'s (never the account's first: see there).
      const row = await trx.selectFrom('payments').selectAll().where('charge_id', '=', event.charge.id).where('practice_id', '=', practice.id).forUpdate().executeTakeFirst();
      if (!row) return;
      if (event.type === 'charge.settled' && row.status === 'processing') {
        await trx.updateTable('payments').set({ status: 'settled', updated_at: now }).where('id', '=', row.id).execute();
        applied++;
      }
      if (event.type === 'charge.returned' && (row.status === 'processing' || row.status === 'settled')) {
        const postedOn = isoDate(now);
        await trx
          .insertInto('ledger_entries')
          .values([
            { account_id: row.account_id, statement_id: row.statement_id, kind: 'reversal', reason: 'returned_payment', amount_cents: row.amount_cents, posted_on: postedOn, payment_id: row.id },
            { account_id: row.account_id, statement_id: row.statement_id, kind: 'fee', reason: 'returned_payment', amount_cents: practice.policies.returnedPaymentFeeCents, posted_on: postedOn, payment_id: row.id },
          ])
          .execute();
        await trx
          .updateTable('payments')
          .set({ status: 'returned', return_code: event.charge.returnCode ?? 'R01', updated_at: now })
          .where('id', '=', row.id)
          .execute();
        applied++;
      }
    });
  }
  await db
    .insertInto('meta')
    .values({ key: cursorKey, value: list.nextCursor })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: list.nextCursor }))
    .execute();
  return applied;
}
