import { sql, type Kysely } from 'kysely';
import type { MessageChannel, MessageKind } from '../db/messages-migration.js';
import type { Database } from '../db/schema.js';
import { textConsentGranted } from './consent.js';

type Db = Kysely<Database>;

/**
 * The message outbox, as `events/outbox.ts` is for events: the write paths call these with the
 * transaction that makes the change, so a message is queued with the change or not at all, and
 * `dedupe_key` makes it one message per thing told whoever queues it again. Delivery
 * (`delivery.ts`) takes it from there; nothing here renders or sends.
 */

/** One message to queue for an account. */
export interface MessageToQueue {
  readonly accountId: string;
  readonly kind: MessageKind;
  readonly channel: MessageChannel;
  /** What the message is about (`statementId`, `paymentId`, `planId`, ...); never a token. */
  readonly data: Readonly<Record<string, unknown>>;
  /** One message per thing told: a second message with the same key is not queued. */
  readonly dedupeKey: string;
  /** An address other than the account's own for the channel (a receipt to the address given on the phone). */
  readonly recipient?: string | undefined;
}

/**
 * What billpay sends on its own, which an address may decline (its emails carry RFC 8058's one-click
 * unsubscribe, and an unsubscribed address, or a patient who turned email off, gets none):
 * statement notices, reminders, a plan behind. Not receipts, refunds, returned or failed payments,
 * a plan's confirmation with its authorization's copy or Regulation E's notice of new amounts:
 * those tell of money moved or are required by law.
 */
export const DECLINABLE_KINDS: ReadonlySet<MessageKind> = new Set(['statement_ready', 'installment_reminder', 'plan_delinquent']);

/**
 * Queues messages in one insert…select whatever their number (an import's batch of statements):
 * each to the address given, or else the account's own for its channel: the one the patient
 * verified in their preferences, else the one on file. Without an address given, a text goes only
 * to a number with the patient's recorded consent (billing texts need prior express consent under
 * the TCPA: an imported number without it gets none) and not when they turned texts off; an email
 * of a kind they may decline, not when they turned email off. In the account's language (the
 * import's preferred language, English when none), for the account's practice. A message whose
 * account has no such address is left out; one whose `dedupeKey` was queued before is not queued
 * again.
 */
export async function queueMessage(trx: Db, messages: MessageToQueue | readonly MessageToQueue[], now: Date): Promise<void> {
  const list = 'kind' in messages ? [messages] : messages;
  if (list.length === 0) return;
  const rows = JSON.stringify(list.map((m) => ({ account_id: m.accountId, kind: m.kind, channel: m.channel, data: m.data, dedupe_key: m.dedupeKey, recipient: m.recipient ?? null })));
  await sql`
    insert into messages (id, practice_id, account_id, kind, channel, recipient, language, data, dedupe_key, status, attempts, next_attempt_at, created_at)
    select 'msg_' || replace(gen_random_uuid()::text, '-', ''), a.practice_id, a.id, m.kind, m.channel, r.address,
      case when a.preferred_language = 'es' then 'es' else 'en' end,
      m.data, m.dedupe_key, 'pending', 0, ${now}, ${now}
    from jsonb_to_recordset(${rows}::jsonb) as m(account_id text, kind text, channel text, data jsonb, dedupe_key text, recipient text)
    join accounts a on a.id = m.account_id
    left join message_preferences p on p.account_id = a.id
    cross join lateral (select nullif(trim(coalesce(m.recipient, case when m.channel = 'email' then coalesce(p.email_address, a.email) else coalesce(p.sms_address, a.mobile_phone) end)), '') as address) r
    where r.address is not null
      and (m.recipient is not null
        or (m.channel = 'email' and (coalesce(p.email_on, true) or m.kind not in (${sql.join([...DECLINABLE_KINDS])})))
        or (m.channel = 'sms' and coalesce(p.sms_on, true) and ${textConsentGranted(sql.ref('a.practice_id'), sql.ref('r.address'))}))
    on conflict (dedupe_key) do nothing`.execute(trx);
}

/**
 * Queues "your statement is ready" for each of these new statements whose account has an email
 * address, and as a text for each whose number has the patient's recorded consent (see
 * `queueMessage`). Two queries whatever the number of statements, for the import's batches.
 */
export async function queueStatementReady(trx: Db, statementIds: readonly string[], now: Date): Promise<void> {
  if (statementIds.length === 0) return;
  const statements = await trx.selectFrom('statements').select(['id', 'account_id']).where('id', 'in', statementIds).execute();
  await queueMessage(
    trx,
    statements.flatMap((s) => [
      { accountId: s.account_id, kind: 'statement_ready', channel: 'email', data: { statementId: s.id }, dedupeKey: `statement_ready:${s.id}` },
      { accountId: s.account_id, kind: 'statement_ready', channel: 'sms', data: { statementId: s.id }, dedupeKey: `statement_ready:sms:${s.id}` },
    ] as const),
    now,
  );
}

/**
 * Queues Regulation E's notice of a plan change that needs one (an automatic plan's payments change
 * amount), to the account's email address if it has one, in the change's transaction. Like a
 * receipt it is not a marketing message: it goes to an address that unsubscribed from statements.
 */
export async function queuePlanAmountNotice(trx: Db, planId: string, changeId: string, now: Date): Promise<void> {
  const plan = await trx.selectFrom('plans').select('account_id').where('id', '=', planId).executeTakeFirst();
  if (!plan) return;
  await queueMessage(trx, { accountId: plan.account_id, kind: 'plan_amount_notice', channel: 'email', data: { planId, changeId }, dedupeKey: `plan_amount_notice:${changeId}` }, now);
}

/**
 * Queues the receipt of a payment that succeeded, to the account's email address if it has one.
 * Receipts are transactional: an unsubscribed address still gets them.
 */
export async function queueReceipt(trx: Db, paymentId: string, now: Date): Promise<void> {
  const payment = await trx.selectFrom('payments').select('account_id').where('id', '=', paymentId).executeTakeFirst();
  if (!payment) return;
  await queueMessage(trx, { accountId: payment.account_id, kind: 'payment_receipt', channel: 'email', data: { paymentId }, dedupeKey: `payment_receipt:${paymentId}` }, now);
}

/**
 * Queues a new plan's confirmation (its schedule and, paid automatically, a copy of the
 * authorization as accepted: Regulation E) to the account's email address, with the plan.
 */
export async function queuePlanConfirmation(trx: Db, accountId: string, planId: string, now: Date): Promise<void> {
  await queueMessage(trx, { accountId, kind: 'plan_confirmation', channel: 'email', data: { planId }, dedupeKey: `plan_confirmation:${planId}` }, now);
}

/** A plan's payment that failed (declined, came back, or missed), as it was told: one message per failure. */
export interface InstallmentFailure {
  readonly accountId: string;
  readonly planId: string;
  readonly installmentId: string;
  readonly failures: number;
  readonly dueOn: string;
  readonly amountCents: number;
  /** When it is tried again (automatic) or due again (manual). */
  readonly retryOn: string;
}

/** Queues "your plan payment did not go through, and what to do", by email, with the failure. */
export async function queueInstallmentFailed(trx: Db, failure: InstallmentFailure, now: Date): Promise<void> {
  const { accountId, installmentId, failures, ...data } = failure;
  await queueMessage(trx, { accountId, kind: 'installment_failed', channel: 'email', data: { installmentId, failures, ...data }, dedupeKey: `installment_failed:${installmentId}:${failures}` }, now);
}

/** Queues "your plan is behind" (how much, how many payments missed), by email, when the plan becomes delinquent. */
export async function queuePlanDelinquent(trx: Db, plan: { readonly accountId: string; readonly planId: string; readonly since: string; readonly missed: number; readonly behindCents: number }, now: Date): Promise<void> {
  const { accountId, planId, since, ...data } = plan;
  await queueMessage(trx, { accountId, kind: 'plan_delinquent', channel: 'email', data: { planId, since, ...data }, dedupeKey: `plan_delinquent:${planId}:${since}` }, now);
}

/**
 * What a returned payment did to a payment plan, told in the return's own message (one message for
 * one return): the payment it paid is tried again (or due again, paid by hand), or the plan is now
 * behind.
 */
export type ReturnedPlanPayment =
  | { readonly kind: 'retry'; readonly automatic: boolean; readonly dueOn: string; readonly retryOn: string }
  | { readonly kind: 'behind'; readonly automatic: boolean; readonly missed: number; readonly behindCents: number };

/**
 * Queues "your bank returned your payment" with the practice's fee, by email, with the return; a
 * plan's payment with what it did to the plan. Once per payment: a plan's refresh, in the same
 * transaction, queues it first with the plan's part, and the plain one after it changes nothing.
 */
export async function queuePaymentReturned(trx: Db, accountId: string, paymentId: string, feeCents: number, now: Date, plan?: ReturnedPlanPayment): Promise<void> {
  await queueMessage(trx, { accountId, kind: 'payment_returned', channel: 'email', data: { paymentId, feeCents, ...(plan ? { plan } : {}) }, dedupeKey: `payment_returned:${paymentId}` }, now);
}

/** Queues "your refund was issued", by email, with the refund's ledger entry. Transactional, like a receipt. */
export async function queueRefundIssued(trx: Db, accountId: string, refundId: string, paymentId: string, now: Date): Promise<void> {
  await queueMessage(trx, { accountId, kind: 'refund_issued', channel: 'email', data: { refundId, paymentId }, dedupeKey: `refund_issued:${refundId}` }, now);
}

/** An estimate's copy to queue: the address and language the patient gave for it. */
export interface EstimateCopyToQueue {
  readonly practiceId: string;
  /** The account the estimate is linked to, if one matched; a copy goes just the same without. */
  readonly accountId: string | null;
  readonly estimateId: string;
  readonly recipient: string;
  readonly language: 'en' | 'es';
}

/**
 * Queues the copy of a good-faith estimate the patient asked to be emailed, with the estimate, to
 * the address they gave (not the account's: there may be none). It cannot be declined (see
 * `DECLINABLE_KINDS`): it is the legal document they asked for. One per estimate.
 */
export async function queueEstimateCopy(trx: Db, copy: EstimateCopyToQueue, now: Date): Promise<void> {
  await trx
    .insertInto('messages')
    .values({
      id: sql<string>`'msg_' || replace(gen_random_uuid()::text, '-', '')`,
      practice_id: copy.practiceId,
      account_id: copy.accountId,
      kind: 'estimate_copy',
      channel: 'email',
      recipient: copy.recipient,
      language: copy.language,
      data: JSON.stringify({ estimateId: copy.estimateId }),
      dedupe_key: `estimate_copy:${copy.estimateId}`,
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      created_at: now,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}
