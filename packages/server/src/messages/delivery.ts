import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../db/schema.js';
import type { MessagesTable } from '../db/messages-migration.js';
import type { Logger } from '../log.js';
import type { PracticeConfig } from '../practices/practices.js';
import { timeZonesOfState } from '../domain/us-time-zones.js';
import { seal, unseal } from '../security/seal.js';
import { renderVerificationEmail, renderVerificationText, VERIFICATION_CODE_SEAL } from './code-message.js';
import { FALLBACK_TIME_ZONE } from './pacing.js';
import { DECLINABLE_KINDS } from './outbox.js';
import { createPayLink, payLinkUrl } from './pay-links.js';
import type { Channels, SendResult } from './port.js';
import { renderEstimateEmail } from './estimate-delivery.js';
import { isPaymentMessage, renderPaymentEmail } from './payment-delivery.js';
import { isPlanMessage, renderPlanEmail, renderPlanText } from './plan-delivery.js';
import { commonFacts, renderPlanAmountNotice, renderPlanMethodLink, renderReceipt, renderStatementReady, renderStatementText, type Rendered, type RenderedText, type StatementReadyFacts } from './render.js';
import { textStatusUrl } from './text-urls.js';
import { paceDueTexts, serializeTextPacing, type PatientTimeZones } from './texts-due.js';
import { suppressionAddress, unsubscribeUrl } from './unsubscribe.js';

type Db = Kysely<Database>;

/** How long a message is tried: one day from its first attempt (a statement notice later than that is stale). */
export const MESSAGE_RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;
const FIRST_RETRY_MS = 60_000;
const LONGEST_RETRY_MS = 2 * 60 * 60 * 1000;
/** The purpose a held message's body is sealed for (see security/seal.ts). */
export const HELD_MESSAGE_SEAL = 'held_message';

export interface MessageDeliveryOptions {
  readonly db: Db;
  readonly secret: string;
  readonly practices: ReadonlyMap<string, PracticeConfig>;
  readonly channels: Channels;
  readonly now: () => Date;
  /** The API's public origin: unsubscribe links point at it. */
  readonly publicUrl: () => string;
  /** The practice's pay page the text-to-pay link opens (its `payPageUrl`, as the server is reached). */
  readonly payPageUrl: (practice: PracticeConfig) => string | undefined;
  readonly logger?: Logger | undefined;
  /** Messages claimed per run. Default 50. */
  readonly batch?: number | undefined;
  /** How long a claimed message is this instance's to send before another may take it. Default 60 s. */
  readonly leaseMs?: number | undefined;
}

export interface MessageDeliveryReport {
  readonly attempted: number;
  readonly sent: number;
  readonly held: number;
  readonly failed: number;
  readonly suppressed: number;
}

/** When to try again after `attempts` attempts: doubling from a minute to at most two hours, give or take a tenth. */
export function messageRetryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(FIRST_RETRY_MS * 2 ** Math.min(attempts - 1, 20), LONGEST_RETRY_MS);
  return Math.round(base * (0.9 + 0.2 * random()));
}

type Row = Selectable<MessagesTable>;

/**
 * One run of message delivery: claims the messages that are due and sends each through its
 * channel, or holds it in the database outbox when the channel is not configured. The claim
 * takes rows with `FOR UPDATE SKIP LOCKED` and moves their next attempt past a lease before
 * committing, so of several instances on one PostgreSQL exactly one sends a given attempt. An
 * instance that dies between the provider taking a message and recording it leaves it to be sent
 * again after the lease (so a patient may rarely get one twice, never none). With a text
 * provider configured, the texts billpay sends on its own keep to quiet hours and the caps
 * (`pacing.ts`): one that may not go now is put off, unclaimed, to when it may.
 */
export async function deliverDueMessages(options: MessageDeliveryOptions): Promise<MessageDeliveryReport> {
  const textTimeZone: PatientTimeZones | undefined = options.channels.sms
    ? (practiceId, state) => timeZonesOfState(state) ?? options.practices.get(practiceId)?.contact.timeZone ?? FALLBACK_TIME_ZONE
    : undefined;
  const claimed = await claimDueMessages({ ...options, textTimeZone });
  const report = { attempted: claimed.length, sent: 0, held: 0, failed: 0, suppressed: 0 };
  await Promise.all(
    claimed.map(async (row) => {
      const outcome = await deliverOne(options, row).catch((error: unknown): Outcome => {
        options.logger?.error({ event: 'message_render_failed', message: row.id, error: error instanceof Error ? error.name : 'unknown' });
        return { kind: 'retry', error: 'render_failed' };
      });
      if (outcome.kind === 'sent') report.sent++;
      else if (outcome.kind === 'held') report.held++;
      else if (outcome.kind === 'suppressed') report.suppressed++;
      else report.failed++;
      await recordOutcome(options, row, outcome);
    }),
  );
  return report;
}

/**
 * Claims up to `batch` due messages for this instance (see `deliverDueMessages`). With
 * `textTimeZone` (the zones a patient may be in), the texts billpay sends on its own that may
 * not go now are moved to when they may instead, and those that go take their place under the limits.
 */
export async function claimDueMessages(
  options: Pick<MessageDeliveryOptions, 'db' | 'now' | 'batch' | 'leaseMs'> & { readonly textTimeZone?: PatientTimeZones | undefined },
): Promise<Row[]> {
  const now = options.now();
  const leaseEnds = new Date(now.getTime() + (options.leaseMs ?? 60_000));
  const timeZoneOf = options.textTimeZone;
  return options.db.transaction().execute(async (trx) => {
    if (timeZoneOf) await serializeTextPacing(trx);
    const due = await trx
      .selectFrom('messages')
      .select(['id', 'practice_id', 'account_id', 'recipient', 'kind', 'channel'])
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .limit(options.batch ?? 50)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length === 0) return [];
    const { go: paced, later } = timeZoneOf ? await paceDueTexts(trx, due, now, timeZoneOf) : { go: [], later: new Map<string, Date>() };
    for (const [id, at] of later) await trx.updateTable('messages').set({ next_attempt_at: at }).where('id', '=', id).execute();
    const claim = due.filter((d) => !later.has(d.id)).map((d) => d.id);
    if (claim.length === 0) return [];
    return trx
      .updateTable('messages')
      .set({
        next_attempt_at: leaseEnds,
        attempts: sql<number>`attempts + 1`,
        last_attempt_at: now,
        first_attempt_at: sql<Date>`coalesce(first_attempt_at, ${now})`,
        ...(paced.length > 0 ? { paced_at: sql<Date | null>`case when id in (${sql.join(paced)}) then ${now}::timestamptz else paced_at end` } : {}),
      })
      .where('id', 'in', claim)
      .returningAll()
      .execute();
  });
}

type Outcome =
  | { readonly kind: 'sent'; readonly providerId: string | null }
  | { readonly kind: 'held'; readonly rendered: Rendered | RenderedText }
  | { readonly kind: 'suppressed' }
  | { readonly kind: 'bounced' | 'failed' | 'retry'; readonly error: string };

async function deliverOne(options: MessageDeliveryOptions, row: Row): Promise<Outcome> {
  const practice = options.practices.get(row.practice_id);
  if (!practice) return { kind: 'failed', error: 'practice_unknown' };
  // A code the patient just asked for goes whatever the address said before: asking is consent to that one message.
  if (row.kind === 'verification_code') return deliverCode(options, practice, row);
  // A number that replied STOP gets no text of any kind; an address that unsubscribed still gets its receipts.
  if ((row.channel === 'sms' || DECLINABLE_KINDS.has(row.kind)) && (await isSuppressed(options.db, row))) return { kind: 'suppressed' };
  if (row.channel === 'sms') return deliverText(options, practice, row);
  const rendered = row.kind === 'estimate_copy'
    ? await renderEstimateEmail(options.db, practice, row)
    : isPlanMessage(row.kind)
    ? await renderPlanEmail(options.db, practice, options.payPageUrl(practice), row)
    : isPaymentMessage(row.kind)
      ? await renderPaymentEmail(options.db, practice, options.payPageUrl(practice), row)
      : row.kind === 'statement_ready'
      ? await statementReady(options, practice, row)
      : row.kind === 'plan_method_link'
        ? await planMethodLink(options, practice, row)
        : row.kind === 'plan_amount_notice'
          ? await planAmountNotice(options, practice, row)
          : await receipt(options, practice, row);
  if (!('subject' in rendered)) return rendered;
  if (row.channel !== 'email') return { kind: 'failed', error: 'channel_not_supported' };
  const channel = options.channels.email;
  if (!channel) return { kind: 'held', rendered };
  const headers: Record<string, string> =
    !DECLINABLE_KINDS.has(row.kind)
      ? {}
      : {
          // RFC 8058: mail providers POST `List-Unsubscribe=One-Click` to the https URI.
          'List-Unsubscribe': `<${unsubscribeUrl(options.publicUrl(), options.secret, row.id)}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        };
  const result: SendResult = await channel.send({ to: row.recipient, fromName: practice.name, replyTo: practice.contact.email, subject: rendered.subject, text: rendered.text, html: rendered.html, headers });
  if (result.ok) return { kind: 'sent', providerId: result.providerId };
  return { kind: result.permanent ? 'bounced' : 'retry', error: result.error };
}

async function isSuppressed(db: Db, row: Row): Promise<boolean> {
  const found = await db
    .selectFrom('message_suppressions')
    .select('address')
    .where('practice_id', '=', row.practice_id)
    .where('channel', '=', row.channel)
    .where('address', '=', suppressionAddress(row.channel, row.recipient))
    .executeTakeFirst();
  return found !== undefined;
}

const common = (practice: PracticeConfig, row: Row) => commonFacts(practice, row.language);

/** A verification code, by email or text, unsealed only to be rendered. */
async function deliverCode(options: MessageDeliveryOptions, practice: PracticeConfig, row: Row): Promise<Outcome> {
  const facts = { language: row.language, practiceName: practice.name, code: unseal(options.secret, VERIFICATION_CODE_SEAL, String(row.data['code'])) };
  if (row.channel === 'sms') {
    const rendered = renderVerificationText(facts);
    if (!options.channels.sms) return { kind: 'held', rendered };
    const result = await options.channels.sms.send({ to: row.recipient, body: rendered.text });
    if (result.ok) return { kind: 'sent', providerId: result.providerId };
    return { kind: result.permanent ? 'bounced' : 'retry', error: result.error };
  }
  const rendered = renderVerificationEmail(facts);
  if (!options.channels.email) return { kind: 'held', rendered };
  const result = await options.channels.email.send({ to: row.recipient, fromName: practice.name, replyTo: practice.contact.email, subject: rendered.subject, text: rendered.text, html: rendered.html, headers: {} });
  if (result.ok) return { kind: 'sent', providerId: result.providerId };
  return { kind: result.permanent ? 'bounced' : 'retry', error: result.error };
}

/** A text: rendered, then sent through the text provider, or held in the outbox when none is configured. */
async function deliverText(options: MessageDeliveryOptions, practice: PracticeConfig, row: Row): Promise<Outcome> {
  const rendered = row.kind === 'statement_ready' ? await statementText(options, practice, row) : isPlanMessage(row.kind) ? await renderPlanText(options.db, practice, options.payPageUrl(practice), row) : undefined;
  if (!rendered) return { kind: 'failed', error: 'kind_not_supported' };
  if ('kind' in rendered) return rendered;
  const channel = options.channels.sms;
  if (!channel) return { kind: 'held', rendered };
  const result = await channel.send({ to: row.recipient, body: rendered.text, statusCallback: textStatusUrl(options.publicUrl(), practice.id) });
  if (result.ok) return { kind: 'sent', providerId: result.providerId };
  return { kind: result.permanent ? 'bounced' : 'retry', error: result.error };
}

/** "Your statement is ready" as a text, with a new text-to-pay link minted for this attempt. */
async function statementText(options: MessageDeliveryOptions, practice: PracticeConfig, row: Row): Promise<RenderedText | Outcome> {
  const facts = await statementFacts(options, practice, row);
  return 'kind' in facts ? facts : renderStatementText(facts);
}

/** "Your statement is ready" as an email, with a new text-to-pay link minted for this attempt. */
async function statementReady(options: MessageDeliveryOptions, practice: PracticeConfig, row: Row): Promise<Rendered | Outcome> {
  const facts = await statementFacts(options, practice, row);
  return 'kind' in facts ? facts : renderStatementReady(facts);
}

/** What a statement's notice tells, with a new text-to-pay link minted for this attempt. */
async function statementFacts(options: MessageDeliveryOptions, practice: PracticeConfig, row: Row): Promise<StatementReadyFacts | Outcome> {
  const payPage = options.payPageUrl(practice);
  if (!payPage) return { kind: 'failed', error: 'no_pay_page_url' };
  const statementId = String(row.data['statementId']);
  const statement = await options.db.selectFrom('statements').select(['id', 'account_id', 'due_date']).where('id', '=', statementId).where('account_id', '=', row.account_id).executeTakeFirst();
  if (!statement) return { kind: 'failed', error: 'statement_gone' };
  const balance = await options.db
    .selectFrom('ledger_entries')
    .select(sql<number>`coalesce(sum(amount_cents), 0)::int`.as('cents'))
    .where('account_id', '=', row.account_id)
    .executeTakeFirstOrThrow();
  const link = await createPayLink(options.db, { practiceId: practice.id, accountId: statement.account_id, statementId, messageId: row.id, now: options.now() });
  return {
    ...common(practice, row),
    amountDueCents: Math.max(0, balance.cents),
    dueDate: statement.due_date,
    payLink: payLinkUrl(payPage, link.token),
    payLinkExpiresAt: link.expiresAt,
    unsubscribeLink: unsubscribeUrl(options.publicUrl(), options.secret, row.id),
  };
}

/** "Change your plan's payment method", with a new link to the plan minted for this attempt. */
async function planMethodLink(options: MessageDeliveryOptions, practice: PracticeConfig, row: Row): Promise<Rendered | Outcome> {
  const payPage = options.payPageUrl(practice);
  if (!payPage) return { kind: 'failed', error: 'no_pay_page_url' };
  const planId = String(row.data['planId']);
  const plan = await options.db.selectFrom('plans').select(['id', 'account_id']).where('id', '=', planId).where('account_id', '=', row.account_id).where('status', 'in', ['active', 'delinquent']).executeTakeFirst();
  if (!plan) return { kind: 'failed', error: 'plan_not_running' };
  const link = await createPayLink(options.db, { practiceId: practice.id, accountId: plan.account_id, planId, messageId: row.id, now: options.now() });
  return renderPlanMethodLink({ ...common(practice, row), link: payLinkUrl(payPage, link.token), linkExpiresAt: link.expiresAt });
}

/** Regulation E's notice: the change's new amount and first date, and the plan's payments from then as they now are. */
async function planAmountNotice(options: MessageDeliveryOptions, practice: PracticeConfig, row: Row): Promise<Rendered | Outcome> {
  const change = await options.db
    .selectFrom('plan_changes')
    .select(['plan_id', 'effective_from', 'detail'])
    .where('id', '=', String(row.data['changeId']))
    .where('account_id', '=', row.account_id)
    .executeTakeFirst();
  if (!change?.effective_from) return { kind: 'failed', error: 'plan_change_gone' };
  const payments = await options.db
    .selectFrom('plan_installments')
    .select(['next_attempt_on', 'amount_cents'])
    .where('plan_id', '=', change.plan_id)
    .where('status', '=', 'scheduled')
    .where('next_attempt_on', '>=', change.effective_from)
    .orderBy('next_attempt_on')
    .orderBy('number')
    .execute();
  const amount = (change.detail as { amountCents?: unknown }).amountCents;
  return renderPlanAmountNotice({
    ...common(practice, row),
    effectiveFrom: change.effective_from,
    amountCents: typeof amount === 'number' ? amount : (payments[0]?.amount_cents ?? 0),
    payments: payments.map((p) => ({ dueOn: p.next_attempt_on, amountCents: p.amount_cents })),
  });
}

async function receipt(options: MessageDeliveryOptions, practice: PracticeConfig, row: Row): Promise<Rendered | Outcome> {
  const payment = await options.db
    .selectFrom('payments')
    .select(['amount_cents', 'confirmation_number', 'method_kind', 'brand', 'last4', 'bank_name', 'remaining_balance_cents', 'created_at'])
    .where('id', '=', String(row.data['paymentId']))
    .executeTakeFirst();
  if (!payment) return { kind: 'failed', error: 'payment_gone' };
  return renderReceipt({
    ...common(practice, row),
    amountCents: payment.amount_cents,
    paidAt: new Date(payment.created_at),
    confirmationNumber: payment.confirmation_number,
    method: { kind: payment.method_kind ?? 'other', brand: payment.brand, last4: payment.last4, bankName: payment.bank_name },
    remainingBalanceCents: payment.remaining_balance_cents,
  });
}

/**
 * Writes what an attempt came to, if the message is still this attempt's (a lease that ran out
 * let another instance take it over: then that one records). A refusal for now is tried again
 * after `messageRetryDelayMs` until a day has passed, then `failed`.
 */
async function recordOutcome(options: MessageDeliveryOptions, row: Row, outcome: Outcome): Promise<void> {
  const now = options.now();
  const mine = options.db.updateTable('messages').where('id', '=', row.id).where('status', '=', 'pending').where('attempts', '=', row.attempts);
  if (outcome.kind === 'sent') {
    await mine.set({ status: 'sent', sent_at: now, provider_id: outcome.providerId, last_error: null }).execute();
    return;
  }
  if (outcome.kind === 'held') {
    await mine.set({ status: 'held', body_sealed: seal(options.secret, HELD_MESSAGE_SEAL, JSON.stringify(outcome.rendered)), last_error: null, paced_at: null }).execute();
    return;
  }
  if (outcome.kind === 'suppressed') {
    await mine.set({ status: 'suppressed', last_error: null, paced_at: null }).execute();
    return;
  }
  // A text not sent gives its place under the limits back: it takes one again when it is tried again.
  if (outcome.kind === 'retry') {
    const giveUpAt = new Date(row.first_attempt_at ?? row.created_at).getTime() + MESSAGE_RETRY_WINDOW_MS;
    const over = now.getTime() >= giveUpAt;
    const next = new Date(Math.min(now.getTime() + messageRetryDelayMs(row.attempts), giveUpAt));
    await mine.set({ status: over ? 'failed' : 'pending', next_attempt_at: next, last_error: outcome.error, paced_at: null }).execute();
  } else {
    await mine.set({ status: outcome.kind, last_error: outcome.error, paced_at: null }).execute();
  }
  options.logger?.warn({ event: 'message_not_sent', message: row.id, kind: row.kind, outcome: outcome.kind, error: outcome.error });
}
