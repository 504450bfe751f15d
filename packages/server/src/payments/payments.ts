import { randomBytes, randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { sumCents, type Payment, type PaymentRequest } from '@billpay/sdk';
import { isoDate } from '../dates.js';
import type { Database, PaymentsTable } from '../db/schema.js';
import { DomainError } from '../domain/errors.js';
import type { Logger } from '../log.js';
import { refreshRunningPlanOf } from '../plans/refresh.js';
import type { PracticeConfig } from '../practices/practices.js';
import { recordAudit } from '../security/audit.js';
import { fingerprint } from '../security/request-hash.js';
import { checkDebitAuthorization, checkTelephoneVersion } from './authorization.js';
import type { ChargeRequest, ProcessorCharge, ProcessorGateway, ProcessorToken } from '../processor/port.js';
import { processorFailureOf, processorUnavailable } from './processor-failure.js';
import { describeToken } from './token.js';
import { lockAccount, outcomeOf, paymentView, recordOutcome, type PaymentOutcome, type PaymentRow } from './record.js';
import { velocityRefusal, type VelocityRefusal } from './velocity.js';

export { checkDebitAuthorization } from './authorization.js';
export { paymentView, type PaymentOutcome } from './record.js';

type Db = Kysely<Database>;

/** The smallest payment taken online. */
export const MIN_PAYMENT_CENTS = 100;

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
  /**
   * The member of staff taking the payment by phone (the billing office's console), when it is
   * they: kept with the payment, and a bank debit's authorization is then the telephone one they
   * read (its wording's version checked), accepted within the last day.
   */
  readonly staff?: StaffTaker | undefined;
  readonly logger?: Logger | undefined;
  /** The request this payment is made in, for the audit trail. */
  readonly requestId?: string | undefined;
}

export interface PayerContext {
  readonly ipAddress: string;
  readonly userAgent: string | undefined;
  /** The session the patient pays in, and a keyed hash of their address: card-testing limits count by both. */
  readonly sessionId: string;
  readonly clientHash: string;
}

export interface StaffTaker {
  readonly staffId: string;
  /** The version of the telephone authorization read, for a bank debit (`TELEPHONE_AUTHORIZATION_VERSION`). */
  readonly authorizationVersion: string | undefined;
}

/** The longest user agent kept with an authorization. */
const MAX_USER_AGENT = 512;

/** Letters and digits that cannot be misread over the phone (no 0/O, 1/I/L). */
const CONFIRMATION_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

function confirmationNumber(): string {
  const bytes = randomBytes(8);
  const chars = Array.from(bytes, (b) => CONFIRMATION_ALPHABET[b % CONFIRMATION_ALPHABET.length]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

/**
 * The payment's fingerprint, in the positional form every stored payment was hashed with: its
 * fields at fixed places, the authorization's keys in the schema's order (parsing fixes it).
 * `canonicalJson` would sort those keys and so change every stored bank payment's hash.
 */
export function paymentRequestHash(request: PaymentRequest): string {
  return fingerprint(JSON.stringify([request.amountCents, request.token, request.statementId ?? null, request.authorization ?? null]));
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

function methodOfToken(token: ProcessorToken): MethodColumns {
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

/**
 * Takes a payment exactly once. Phase 1 records it as pending under the client's key, after
 * checking the amount against what is owed and not already promised (and, for a patient who is
 * present, the card-testing limits); phase 2 charges the processor with the payment's id as the
 * processor's idempotency key; phase 3 writes the outcome and the ledger entry.
 *
 * Who owns a pending payment: whoever drives it on does so through the processor under that one
 * key, which charges once and answers every caller the same (a retry, a concurrent duplicate,
 * recovery after a crash); and the outcome is written by one conditional update from `pending`,
 * which exactly one of them wins. No one closes a payment without the processor's answer for its
 * key, so no one can close it as "not charged" while a charge is being made.
 */
export async function takePayment(ctx: PaymentContext, idempotencyKey: string, request: PaymentRequest): Promise<PaymentOutcome> {
  const hash = paymentRequestHash(request);
  // Outside the transaction: no account waits on the processor. Checked below once the key is new.
  const described = await describeToken((token) => ctx.gateway.token(ctx.practice.id, token), request.token, [], 'The payment could not be started');
  const started = await ctx.db.transaction().execute(async (trx): Promise<{ row: PaymentRow } | { refused: VelocityRefusal }> => {
    await lockAccount(trx, ctx.accountId);
    const { existing, available, statementFound } = await paymentSnapshot(trx, ctx, idempotencyKey, request.statementId);
    if (existing) {
      if (existing.request_hash !== hash || existing.account_id !== ctx.accountId) {
        throw new DomainError('idempotency_conflict', 'This Idempotency-Key was already used for a different payment.');
      }
      return { row: existing };
    }
    if (!described.ok) throw described.error;
    // A patient's spent single-use token says so, rather than becoming a decline of a card that
    // is fine. (A plan's own charges keep their processor's answer: see plans/runner.ts.)
    if ((ctx.payer || ctx.staff) && described.token.kind === 'card' && described.token.used && !described.token.reusable) {
      throw new DomainError('token_already_used', 'This payment method was already used for a payment. Enter it again.', {
        issues: [{ path: ['token'], code: 'token_already_used', message: 'This token was already charged; tokenize the card again.' }],
        details: { param: 'token' },
      });
    }
    const method = methodOfToken(described.token);
    const someonePresent = ctx.payer !== undefined || ctx.staff !== undefined;
    const authorization = method.method_kind === 'bank' ? checkDebitAuthorization(request.authorization, ctx.now, someonePresent) : undefined;
    if (authorization && ctx.staff) checkTelephoneVersion(ctx.staff.authorizationVersion);
    if (!statementFound) {
      throw new DomainError('invalid_request', 'There is no such statement on this account.', { issues: [{ path: ['statementId'], code: 'not_found', message: 'No such statement.' }] });
    }
    if (request.amountCents < MIN_PAYMENT_CENTS || request.amountCents > available) {
      throw new DomainError('amount_not_allowed', available < MIN_PAYMENT_CENTS ? 'There is nothing to pay on this account right now.' : 'The amount must be at least $1.00 and at most what is owed.', { issues: [{ path: ['amountCents'], code: 'amount_not_allowed', message: 'Outside the allowed range.' }], details: { minimumCents: MIN_PAYMENT_CENTS, maximumCents: Math.max(0, available) } });
    }
    if (ctx.payer) {
      const refused = await velocityRefusal(trx, { accountId: ctx.accountId, sessionId: ctx.payer.sessionId, clientHash: ctx.payer.clientHash, now: ctx.now });
      if (refused) return { refused };
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
      taken_by_staff_id: ctx.staff?.staffId ?? null,
      authorization_channel: authorization ? (ctx.staff ? 'telephone' : 'web') : null,
      authorization_version: authorization && ctx.staff ? (ctx.staff.authorizationVersion ?? null) : null,
      session_id: ctx.payer?.sessionId ?? null,
      client_hash: ctx.payer?.clientHash ?? null,
      refund_id: null,
      decline_shown: null,
      created_at: ctx.now,
      updated_at: ctx.now,
    };
    await trx.insertInto('payments').values(inserted).execute();
    return { row: inserted };
  });
  if ('refused' in started) return refuse(ctx, started.refused);
  const outcome = started.row.status === 'pending' ? await completePayment(ctx, started.row) : outcomeOf(started.row);
  // A patient's payment (or one staff took for them) may pay their plan's installments: stored now (the runner records its own charges).
  if (ctx.payer || ctx.staff) await refreshRunningPlanOf(ctx.db, ctx.accountId, isoDate(ctx.now), ctx.now);
  return outcome;
}

/** A refused payment is audited (outside the transaction that refused it), then answered 429. */
async function refuse(ctx: PaymentContext, refusal: VelocityRefusal): Promise<never> {
  await recordAudit(ctx.db, {
    at: ctx.now,
    practiceId: ctx.practice.id,
    accountId: ctx.accountId,
    action: 'payment_refused',
    clientHash: ctx.payer?.clientHash,
    requestId: ctx.requestId ?? 'unknown',
  });
  throw refusalError(refusal, ctx.now);
}

/** A card-testing refusal, with when to try again. */
export function refusalError(refusal: VelocityRefusal, now: Date): DomainError {
  if (refusal.kind === 'in_flight') {
    return new DomainError('payment_in_progress', 'Another payment on this bill is still being processed. Wait a moment, then check your balance before paying again.', { retryAfterSeconds: 5 });
  }
  const seconds = Math.max(1, Math.ceil((refusal.retryAt.getTime() - now.getTime()) / 1000));
  if (refusal.kind === 'too_many_plans') {
    return new DomainError('too_many_plans', 'Several payment plans were set up for this bill today. Try again tomorrow, or call the billing office.', { details: { retryAt: refusal.retryAt.toISOString() }, retryAfterSeconds: seconds });
  }
  return new DomainError('too_many_declines', 'For your security, online payments on this bill are paused after several declined attempts. Try again later, or call the billing office to pay.', { details: { retryAt: refusal.retryAt.toISOString() }, retryAfterSeconds: seconds });
}

/**
 * Phases 2 and 3 for a pending payment: what the request that made it runs, and what a retry of
 * its key and recovery after a crash run too (see `takePayment` on why that is safe).
 */
export async function completePayment(ctx: Omit<PaymentContext, 'accountId' | 'payer'>, row: PaymentRow): Promise<PaymentOutcome> {
  let charge: ProcessorCharge | undefined;
  try {
    charge = await ctx.gateway.charge(ctx.practice.id, row.id, chargeRequestOf(row));
  } catch (error) {
    const failure = processorFailureOf(error);
    if (failure.kind === 'unavailable') throw completionUnavailable();
    // The key is known to the processor with another request: a charge may exist under it, so
    // this is no refusal to record as "not charged". What the processor holds for the key stands.
    if (failure.code === 'idempotency_conflict') {
      ctx.logger?.error({ event: 'processor_key_conflict', payment: row.id });
      charge = await ctx.gateway.findCharge(ctx.practice.id, row.id).catch(() => undefined);
      if (!charge) throw completionUnavailable();
    }
  }
  return recordOutcome(ctx, row.id, charge);
}

const completionUnavailable = () => processorUnavailable('The payment could not be completed right now. Nothing was charged twice; try again.');

/** What the processor is asked to charge for a payment: the same request every time it is driven. */
export function chargeRequestOf(row: PaymentRow): ChargeRequest {
  return {
    token: row.token,
    amountCents: row.amount_cents,
    // Only what the row holds: the request must be the same every time the payment is driven on
    // (the processor refuses another request under the same key), whatever changes in between.
    description: `Bill payment ${row.confirmation_number}`,
    reference: row.id,
  };
}

/** A payment of the account as the API answers it; `undefined` when the account has no such payment. */
export async function paymentOfAccount(db: Db, paymentId: string, accountId: string): Promise<Payment | undefined> {
  const row = await db.selectFrom('payments').selectAll().where('id', '=', paymentId).where('account_id', '=', accountId).executeTakeFirst();
  if (!row) return undefined;
  // What the practice refunded of it (payments/refunds.ts): told on the receipt, as on the bill.
  const refunds = await db.selectFrom('refunds').select('amount_cents').where('payment_id', '=', paymentId).where('status', '=', 'succeeded').execute();
  const refundedCents = sumCents(refunds.map((refund) => refund.amount_cents));
  return { ...paymentView(row), ...(refundedCents > 0 ? { refundedCents } : {}) };
}

/** The receipt of a payment that went through; any other outcome is refused with what happened. */
export function receiptOf(outcome: PaymentOutcome, declined: string): Payment {
  if (outcome.kind === 'refunded') {
    throw new DomainError('payment_refunded', 'This payment was closed before the card company finished it, so what it charged was refunded in full. Nothing is owed for it; check your balance and pay again if you wish.', {
      details: { paymentId: outcome.payment.id },
    });
  }
  if (outcome.kind === 'declined') {
    throw new DomainError('payment_declined', declined, { details: { declineCode: outcome.declineCode, paymentId: outcome.payment.id } });
  }
  return outcome.payment;
}
