import type { AccountNotice } from '@billpay/sdk/admin-desk';
import type { Kysely, Selectable } from 'kysely';
import type { MessagesTable } from '../db/messages-migration.js';
import type { Database } from '../db/schema.js';
import { ApiProblem } from '../http/problem.js';
import { queueMessage, type MessageToQueue } from '../messages/outbox.js';
import { suppressionAddress } from '../messages/unsubscribe.js';
import { maskEmail, maskPhone } from './terms.js';

type Db = Kysely<Database>;

/** The most notices listed: the newest, which is what a call about one asks after. */
const MAX_NOTICES = 100;

type NoticeRow = Pick<Selectable<MessagesTable>, 'id' | 'kind' | 'channel' | 'recipient' | 'status' | 'data' | 'created_at' | 'sent_at' | 'last_error'>;

/** A message as staff see it: what, how, to an address masked as search masks it; never its body or link. */
function noticeView(row: NoticeRow): AccountNotice {
  const statementId = row.data['statementId'];
  const paymentId = row.data['paymentId'];
  return {
    id: row.id,
    // Never a `verification_code`: those are left out of the notices (see `accountNotices`).
    kind: row.kind as AccountNotice['kind'],
    channel: row.channel,
    to: (row.channel === 'email' ? maskEmail(row.recipient) : maskPhone(row.recipient)) ?? '***',
    status: row.status,
    statementId: typeof statementId === 'string' ? statementId : null,
    paymentId: typeof paymentId === 'string' ? paymentId : null,
    ...(typeof row.data['planId'] === 'string' ? { planId: row.data['planId'] } : {}),
    createdAt: new Date(row.created_at).toISOString(),
    sentAt: row.sent_at ? new Date(row.sent_at).toISOString() : null,
    lastError: row.last_error,
  };
}

const COLUMNS = ['id', 'kind', 'channel', 'recipient', 'status', 'data', 'created_at', 'sent_at', 'last_error'] as const;

/** Queues a message staff asked for (`queueMessage`, once per `dedupeKey`) and reads back the one queued, now or before. */
async function queueAndRead(db: Db, message: MessageToQueue, now: Date) {
  await queueMessage(db, message, now);
  return db.selectFrom('messages').select([...COLUMNS, 'account_id']).where('dedupe_key', '=', message.dedupeKey).executeTakeFirstOrThrow();
}

/** The messages sent or waiting for the account, newest first. */
export async function accountNotices(db: Db, practiceId: string, accountId: string): Promise<AccountNotice[]> {
  const rows = await db
    .selectFrom('messages')
    .select(COLUMNS)
    .where('practice_id', '=', practiceId)
    .where('account_id', '=', accountId)
    // Codes the patient asked for in their preferences are theirs alone, not notices.
    .where('kind', '!=', 'verification_code')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(MAX_NOTICES)
    .execute();
  return rows.map(noticeView);
}

const statementNotFound = () => new ApiProblem(404, 'statement_not_found', 'There is no such statement on this account.');

/**
 * Queues "your statement is ready" again for a statement of the account, to its email address:
 * delivery mints a fresh text-to-pay link for it. Once per Idempotency-Key: the key is the
 * message's `dedupe_key` (within the practice), so a double click queues one message and the
 * second answers the first; the key used for another statement is a conflict. Refused when the
 * account has no email address, or the address unsubscribed from the practice's notices.
 */
export async function resendStatement(db: Db, practiceId: string, accountId: string, statementId: string, key: string, now: Date): Promise<AccountNotice> {
  const dedupeKey = `statement_resend:${practiceId}:${key}`;
  const found = await db.selectFrom('messages').select([...COLUMNS, 'account_id']).where('dedupe_key', '=', dedupeKey).executeTakeFirst();
  if (found) return sameRequest(found, accountId, statementId);
  const account = await db.selectFrom('accounts').select(['email', 'preferred_language']).where('id', '=', accountId).where('practice_id', '=', practiceId).executeTakeFirstOrThrow();
  if (statementId.length > 64) throw statementNotFound();
  const statement = await db.selectFrom('statements').select('id').where('id', '=', statementId).where('account_id', '=', accountId).executeTakeFirst();
  if (!statement) throw statementNotFound();
  const email = account.email?.trim() ?? '';
  if (!email) throw new ApiProblem(409, 'no_email', 'The account has no email address to send the statement to.');
  const suppressed = await db
    .selectFrom('message_suppressions')
    .select('address')
    .where('practice_id', '=', practiceId)
    .where('channel', '=', 'email')
    .where('address', '=', suppressionAddress('email', email))
    .executeTakeFirst();
  if (suppressed) throw new ApiProblem(409, 'address_unsubscribed', 'The account’s email address asked for no more statement notices.');
  const row = await queueAndRead(db, { accountId, kind: 'statement_ready', channel: 'email', recipient: email, data: { statementId: statement.id }, dedupeKey }, now);
  return sameRequest(row, accountId, statementId);
}

function sameRequest(row: NoticeRow & { account_id: string | null }, accountId: string, statementId: string): AccountNotice {
  if (row.account_id !== accountId || row.data['statementId'] !== statementId) {
    throw new ApiProblem(409, 'idempotency_conflict', 'This Idempotency-Key was already used for a different request.');
  }
  return noticeView(row);
}

const paymentNotFound = () => new ApiProblem(404, 'payment_not_found', 'There is no such payment on this account.');
/** The payments a receipt is for: a card payment taken, a bank debit once it settled (as `queueReceipt` sends them). */
const RECEIPTED = new Set(['succeeded', 'settled']);

/**
 * Queues the receipt of a payment of the account again, or for the first time, to the address
 * the patient gave on the phone, or else the account's own. Once per Idempotency-Key: the message's
 * `dedupe_key` is `payment_receipt:<paymentId>:<key>`, apart from the one the payment itself
 * queued (`payment_receipt:<paymentId>`), so a double click queues one message and the second
 * answers the first; the key used for another address is a conflict. Receipts are transactional:
 * an address that unsubscribed from notices still gets one, as it gets the first. Refused when
 * the payment did not succeed, and without an address to send it to.
 */
export async function emailReceipt(db: Db, practiceId: string, accountId: string, paymentId: string, key: string, email: string | undefined, now: Date): Promise<AccountNotice> {
  if (paymentId.length > 64) throw paymentNotFound();
  const payment = await db
    .selectFrom('payments')
    .select(['id', 'status'])
    .where('id', '=', paymentId)
    .where('account_id', '=', accountId)
    .where('practice_id', '=', practiceId)
    .executeTakeFirst();
  if (!payment) throw paymentNotFound();
  const account = await db.selectFrom('accounts').select(['email', 'preferred_language']).where('id', '=', accountId).where('practice_id', '=', practiceId).executeTakeFirstOrThrow();
  const recipient = email?.trim() || account.email?.trim() || '';
  const dedupeKey = `payment_receipt:${payment.id}:${key}`;
  const found = await db.selectFrom('messages').select([...COLUMNS, 'account_id']).where('dedupe_key', '=', dedupeKey).executeTakeFirst();
  if (found) return sameReceipt(found, recipient);
  if (!RECEIPTED.has(payment.status)) throw new ApiProblem(409, 'payment_not_succeeded', 'Only a payment that succeeded has a receipt to send.');
  if (!recipient) throw new ApiProblem(409, 'no_email', 'The account has no email address: send the address the patient wants the receipt at.');
  const row = await queueAndRead(db, { accountId, kind: 'payment_receipt', channel: 'email', recipient, data: { paymentId: payment.id }, dedupeKey }, now);
  return sameReceipt(row, recipient);
}

function sameReceipt(row: NoticeRow, recipient: string): AccountNotice {
  if (row.recipient !== recipient) throw new ApiProblem(409, 'idempotency_conflict', 'This Idempotency-Key was already used to send the receipt to another address.');
  return noticeView(row);
}

/**
 * Queues the email that asks the patient to change their automatic plan's payment method: its
 * link (minted when it is sent, like a statement's) opens the bill after the date of birth and goes
 * straight to the change, where the patient gives the new method and accepts its authorization:
 * staff never do. Once per Idempotency-Key (the message's `dedupe_key`, within the practice).
 * Refused when the plan is not running or not automatic, or the account has no email address.
 */
export async function sendPlanMethodLink(db: Db, practiceId: string, planId: string, key: string, now: Date): Promise<AccountNotice> {
  const dedupeKey = `plan_method_link:${practiceId}:${key}`;
  const same = (row: NoticeRow & { account_id: string | null }) => {
    if (row.data['planId'] !== planId) throw new ApiProblem(409, 'idempotency_conflict', 'This Idempotency-Key was already used for a different request.');
    return noticeView(row);
  };
  const found = await db.selectFrom('messages').select([...COLUMNS, 'account_id']).where('dedupe_key', '=', dedupeKey).executeTakeFirst();
  if (found) return same(found);
  const plan = await db
    .selectFrom('plans')
    .innerJoin('accounts', 'accounts.id', 'plans.account_id')
    .select(['plans.status', 'plans.mode', 'plans.account_id', 'accounts.email', 'accounts.preferred_language'])
    .where('plans.id', '=', planId)
    .where('plans.practice_id', '=', practiceId)
    .executeTakeFirst();
  if (!plan) throw new ApiProblem(404, 'plan_not_found', 'There is no such plan at this practice.');
  if (plan.status !== 'active' && plan.status !== 'delinquent') throw new ApiProblem(409, 'plan_not_active', 'This plan is no longer running: there is no payment method to change.');
  if (plan.mode !== 'automatic') throw new ApiProblem(409, 'plan_not_automatic', 'This plan is paid by hand: there is no automatic payment method to change.');
  const email = plan.email?.trim() ?? '';
  if (!email) throw new ApiProblem(409, 'no_email', 'The account has no email address to send the link to.');
  return same(await queueAndRead(db, { accountId: plan.account_id, kind: 'plan_method_link', channel: 'email', recipient: email, data: { planId }, dedupeKey }, now));
}
