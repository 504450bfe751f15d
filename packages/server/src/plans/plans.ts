import { createHash, randomUUID } from 'node:crypto';
import {
  addDays,
  firstDateWindow,
  planRuleMessage,
  type PlanOptions,
  type PlanPayoffRequest,
  planSchedule,
  type AccountPlan,
  type Payment,
  type Plan,
  type PlanInstallment,
  type PlanRequest,
  type PlanRuleViolation,
  type TokenDetails,
} from '@billpay/sdk';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { isoDate } from '../dates.js';
import type { PlanAuthorizationsTable, PlanInstallmentsTable, PlansTable } from '../db/plans-schema.js';
import type { Database } from '../db/schema.js';
import { DomainError } from '../domain/errors.js';
import { receiptOf, refusalError, takePayment, type PayerContext, type PaymentContext, type PaymentOutcome } from '../payments/payments.js';
import { planRefusal } from '../payments/velocity.js';
import { ProcessorRejectedError, ProcessorUnavailableError } from '../processor/gateway.js';
import type { PracticeConfig } from '../practices/practices.js';

type Db = Kysely<Database>;
type PlanRow = Selectable<PlansTable>;
type InstallmentRow = Selectable<PlanInstallmentsTable>;
type AuthorizationRow = Selectable<PlanAuthorizationsTable>;

/** A failed or missed payment is due again this many days later. */
export const RETRY_AFTER_DAYS = 3;
/** Failed or missed payments in a row that make a plan delinquent. */
export const DELINQUENT_AFTER_FAILURES = 2;
/** How far in the future a browser's clock may put `acceptedAt`. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** How old an authorization accepted by the patient creating the plan may be. */
const AUTHORIZATION_MAX_AGE_MS = 24 * 3_600_000;
const MAX_USER_AGENT = 512;

/** Who is creating the plan, as the server saw them: kept with the authorization as proof. */
export type PlanActor = PayerContext;

export interface PlanContext {
  readonly db: Db;
  readonly practice: PracticeConfig;
  readonly accountId: string;
  readonly now: Date;
}

const RUNNING = ['active', 'delinquent'] as const;
/** Installments still to be paid. */
const OPEN = ['scheduled', 'failed', 'charging'] as const;

/** The request's fingerprint: the same Idempotency-Key with another request is a conflict. */
export function planRequestHash(request: PlanRequest): string {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
      );
    }
    return value;
  };
  return createHash('sha256').update(JSON.stringify(canonical(request))).digest('hex');
}

/** The plan rules a choice breaks: the first rule's code, and all of them. */
export function planRuleError(violations: readonly [PlanRuleViolation, ...PlanRuleViolation[]]): DomainError {
  const [first] = violations;
  const path = (field: PlanRuleViolation['field']): string[] => (field === 'balanceCents' ? [] : field === 'mode' ? ['payment', 'mode'] : [field]);
  return new DomainError(first.code, first.message, { issues: violations.map((v) => ({ path: path(v.field), code: v.code, message: v.message })), details: { planRules: [...violations] } });
}

/** What is owed less what payments in flight hold: what a plan covers (the same figure `takePayment` allows). */
export async function availableBalance(db: Db, accountId: string): Promise<number> {
  const { total } = await db
    .selectFrom('ledger_entries')
    .select(sql<number>`coalesce(sum(amount_cents), 0)::int`.as('total'))
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  const { held } = await db
    .selectFrom('payments')
    .select(sql<number>`coalesce(sum(amount_cents), 0)::int`.as('held'))
    .where('account_id', '=', accountId)
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  return total - held;
}

/**
 * What the plan builder needs, and the one place the server decides whether the account may
 * start a plan: a balance the policy can spread, and no plan running.
 */
export async function planOptions(db: Db, practice: PracticeConfig, accountId: string, now: Date): Promise<PlanOptions> {
  const policy = practice.planPolicy;
  if (!policy) throw new DomainError('plans_not_offered', 'This practice does not offer payment plans online.');
  const today = isoDate(now);
  const balanceCents = await availableBalance(db, accountId);
  const running = await db.selectFrom('plans').select('id').where('account_id', '=', accountId).where('status', 'in', ['active', 'delinquent']).executeTakeFirst();
  const smallest = Math.max(policy.minBalanceCents, policy.minInstallmentCents);
  let ineligible: PlanRuleViolation | undefined;
  if (balanceCents < smallest) {
    const rule = { code: 'balance_too_small' as const, field: 'balanceCents' as const, limit: smallest, nearest: {} };
    ineligible = { ...rule, message: planRuleMessage(rule) };
  }
  const window = firstDateWindow(policy, today);
  return {
    policy,
    balanceCents,
    today,
    earliestFirstDate: window.earliest,
    latestFirstDate: window.latest,
    eligible: !running && !ineligible,
    ...(ineligible ? { ineligible } : {}),
    ...(running ? { planId: running.id } : {}),
  };
}

async function lockAccount(trx: Transaction<Database>, accountId: string): Promise<Selectable<Database['accounts']>> {
  return trx.selectFrom('accounts').selectAll().where('id', '=', accountId).forUpdate().executeTakeFirstOrThrow();
}

/**
 * Checks the authorization a patient accepted for automatic payments: a full date and time, not in
 * the future (beyond clock skew), accepted within the last day, and a text that is not blank.
 */
function checkAuthorization(authorization: { text: string; acceptedAt: string }, now: Date): Date {
  const refuse = (param: string, message: string): never => {
    throw new DomainError('authorization_invalid', message, { issues: [{ path: ['payment', ...param.split('.')], code: 'authorization_invalid', message }] });
  };
  if (authorization.text.trim().length < 40) refuse('authorization.text', 'Send the exact authorization text the patient accepted.');
  const acceptedAt = new Date(authorization.acceptedAt);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(authorization.acceptedAt) || Number.isNaN(acceptedAt.getTime())) {
    refuse('authorization.acceptedAt', 'acceptedAt must be an ISO 8601 date and time.');
  }
  if (acceptedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) refuse('authorization.acceptedAt', 'The authorization cannot have been accepted in the future.');
  if (acceptedAt.getTime() < now.getTime() - AUTHORIZATION_MAX_AGE_MS) {
    refuse('authorization.acceptedAt', 'The authorization was accepted too long ago: ask the patient to accept it again.');
  }
  return acceptedAt;
}

/** Reads what a processor token stands for (card or bank), e.g. `gateway.token` for the practice. */
export type DescribeToken = (token: string) => Promise<TokenDetails>;

const methodUnavailable = () =>
  new DomainError('autopay_method_unavailable', 'Automatic plan payments need a bank account or a card saved for later payments (tokenized with `reusable: true`). Or choose to pay each installment yourself.', { issues: [{ path: ['payment', 'token'], code: 'autopay_method_unavailable', message: 'Use a bank account or a saved card, or pay each installment yourself.' }] });

/**
 * The automatic payment's method as the processor describes its token: it must be what the
 * request says it is, and chargeable again for each installment: a bank account, or a card the
 * patient saved for later payments (a card token is otherwise single-use, one authorization).
 */
async function checkAutopayToken(describe: DescribeToken, token: string, declared: 'card' | 'bank'): Promise<void> {
  let details: TokenDetails;
  try {
    details = await describe(token);
  } catch (error) {
    if (error instanceof ProcessorUnavailableError) {
      throw new DomainError('processor_unavailable', 'The plan could not be set up right now. Nothing was charged; try again.', { retryAfterSeconds: 2 });
    }
    if (error instanceof ProcessorRejectedError) {
      throw new DomainError('invalid_token', 'The payment method is not known to the processor. Enter it again.', { issues: [{ path: ['payment', 'token'], code: 'not_found', message: 'No such token.' }] });
    }
    throw error;
  }
  if (details.kind !== declared) throw methodUnavailable();
  if (details.kind === 'card' && (details.reusable !== true || details.used)) throw methodUnavailable();
}

/**
 * Creates a plan exactly once per Idempotency-Key: the request is checked against the practice's
 * policy with the SDK's `planSchedule` (the code the widget previews with), and the plan, its
 * schedule and, for automatic payment, the token and the accepted authorization are stored in one
 * transaction under the account's lock. A repeated key answers with the plan made the first time.
 */
export async function createPlan(
  ctx: PlanContext,
  idempotencyKey: string,
  request: PlanRequest,
  actor: PlanActor,
  options: { readonly describeToken?: DescribeToken | undefined } = {},
): Promise<{ plan: Plan; created: boolean }> {
  const policy = ctx.practice.planPolicy;
  if (!policy) throw new DomainError('plans_not_offered', 'This practice does not offer payment plans online.');
  const hash = planRequestHash(request);
  // Outside the transaction: no account waits on the processor. A repeated key is answered from
  // its row below, but a token the processor refuses is refused either way.
  if (request.payment.mode === 'automatic') {
    if (options.describeToken) await checkAutopayToken(options.describeToken, request.payment.token, request.payment.method);
  }
  const today = isoDate(ctx.now);
  const result = await ctx.db.transaction().execute(async (trx) => {
    const account = await lockAccount(trx, ctx.accountId);
    const existing = await trx
      .selectFrom('plans')
      .selectAll()
      .where('practice_id', '=', ctx.practice.id)
      .where('idempotency_key', '=', idempotencyKey)
      .executeTakeFirst();
    if (existing) {
      if (existing.request_hash !== hash || existing.account_id !== ctx.accountId) {
        throw new DomainError('idempotency_conflict', 'This Idempotency-Key was already used for a different plan.');
      }
      return { id: existing.id, created: false };
    }
    const running = await trx.selectFrom('plans').select('id').where('account_id', '=', ctx.accountId).where('status', 'in', RUNNING).executeTakeFirst();
    if (running) throw new DomainError('plan_exists', 'This account already has a payment plan. Cancel it or pay it off first.');
    // A plan may charge a card at once: no way around the card-testing limits.
    const refused = await planRefusal(trx, { accountId: ctx.accountId, sessionId: actor.sessionId, clientHash: actor.clientHash, now: ctx.now });
    if (refused) throw refusalError(refused, ctx.now);

    const payment = request.payment;
    const acceptedAt = payment.mode === 'automatic' ? checkAuthorization(payment.authorization, ctx.now) : undefined;

    const balanceCents = await availableBalance(trx, ctx.accountId);
    const schedule = planSchedule(
      {
        balanceCents,
        frequency: request.frequency,
        firstDate: request.firstDate,
        payments: request.payments,
        amountCents: request.amountCents,
        downPaymentCents: request.downPaymentCents,
        mode: payment.mode,
      },
      policy,
      today,
    );
    if (!schedule.ok) throw planRuleError(schedule.violations);
    const terms = schedule.schedule;

    const id = `plan_${randomUUID().replace(/-/g, '')}`;
    await trx
      .insertInto('plans')
      .values({
        id,
        practice_id: ctx.practice.id,
        account_id: ctx.accountId,
        idempotency_key: idempotencyKey,
        request_hash: hash,
        status: 'active',
        frequency: request.frequency,
        mode: payment.mode,
        method_kind: payment.mode === 'automatic' ? payment.method : null,
        token: payment.mode === 'automatic' ? payment.token : null,
        balance_cents: terms.balanceCents,
        down_payment_cents: terms.downPaymentCents,
        installment_cents: terms.installmentCents,
        first_date: terms.firstDate,
        last_date: terms.lastDate,
        created_at: ctx.now,
        updated_at: ctx.now,
      })
      .execute();
    await trx
      .insertInto('plan_installments')
      .values(
        terms.payments.map((p) => ({
          id: `${id}_${p.number}`,
          plan_id: id,
          number: p.number,
          kind: p.kind,
          due_on: p.dueOn,
          amount_cents: p.amountCents,
          status: 'scheduled' as const,
          next_attempt_on: p.dueOn,
          updated_at: ctx.now,
        })),
      )
      .execute();
    if (payment.mode === 'automatic' && acceptedAt) {
      await trx
        .insertInto('plan_authorizations')
        .values({
          plan_id: id,
          text: payment.authorization.text,
          accepted_at: acceptedAt,
          recorded_at: ctx.now,
          account_id: ctx.accountId,
          session_id: actor.sessionId,
          accepted_by: `${account.first_name} ${account.last_name}`,
          ip_address: actor.ipAddress,
          user_agent: actor.userAgent ? actor.userAgent.slice(0, MAX_USER_AGENT) : null,
          method_kind: payment.method,
        })
        .execute();
    }
    return { id, created: true };
  });
  const plan = await planView(ctx.db, result.id, ctx.accountId, isoDate(ctx.now));
  if (!plan) throw new Error('a plan just made could not be read back');
  return { plan, created: result.created };
}

function installmentView(row: InstallmentRow): PlanInstallment {
  return {
    number: row.number,
    kind: row.kind,
    dueOn: row.due_on,
    amountCents: row.amount_cents,
    status: row.status,
    failures: row.failures,
    ...(row.status === 'failed' || (row.failures > 0 && OPEN.includes(row.status as (typeof OPEN)[number])) ? { retryOn: row.next_attempt_on } : {}),
    ...(row.paid_on ? { paidOn: row.paid_on } : {}),
    ...(row.payment_id ? { paymentId: row.payment_id } : {}),
  };
}

/**
 * What the plan is behind on `today`: installments that failed or were missed, a manual plan's
 * whose date has passed, and, once the plan is delinquent (it is charged no more), everything due
 * by today. Paying these brings the plan up to date (a delinquent one is current again).
 */
function behindOn(plan: PlanRow, installments: readonly InstallmentRow[], today: string): InstallmentRow[] {
  return installments.filter((i) => isBehind(plan, i, today)).sort((a, b) => a.number - b.number);
}

function isBehind(plan: PlanRow, i: InstallmentRow, today: string): boolean {
  return (
    i.status === 'failed' ||
    (i.status === 'scheduled' &&
      (plan.status === 'delinquent'
        ? i.next_attempt_on <= today
        : // An active automatic plan's due installment is the runner's to charge.
          plan.mode === 'manual' && i.next_attempt_on < today))
  );
}

function summaryOf(plan: PlanRow, installments: readonly InstallmentRow[], today: string): AccountPlan {
  const open = installments.filter((i) => OPEN.includes(i.status as (typeof OPEN)[number])).sort((a, b) => a.next_attempt_on.localeCompare(b.next_attempt_on) || a.number - b.number);
  const next = open[0];
  const sum = (rows: readonly InstallmentRow[]) => rows.reduce((total, row) => total + row.amount_cents, 0);
  return {
    id: plan.id,
    status: plan.status,
    frequency: plan.frequency,
    mode: plan.mode,
    current: plan.status === 'active',
    ...(next && (plan.status === 'active' || plan.status === 'delinquent')
      ? { nextPayment: { number: next.number, kind: next.kind, dueOn: next.next_attempt_on, amountCents: next.amount_cents, retry: next.failures > 0 } }
      : {}),
    paidCents: sum(installments.filter((i) => i.status === 'paid' || i.status === 'processing')),
    remainingCents: plan.status === 'active' || plan.status === 'delinquent' ? sum(open) : 0,
    paymentsLeft: plan.status === 'active' || plan.status === 'delinquent' ? open.length : 0,
    behindCents: plan.status === 'active' || plan.status === 'delinquent' ? sum(behindOn(plan, installments, today)) : 0,
    ...(plan.delinquent_since ? { delinquentSince: plan.delinquent_since } : {}),
  };
}

function toPlan(plan: PlanRow, installments: readonly InstallmentRow[], authorization: AuthorizationRow | undefined, today: string): Plan {
  return {
    ...summaryOf(plan, installments, today),
    balanceCents: plan.balance_cents,
    downPaymentCents: plan.down_payment_cents,
    installmentCents: plan.installment_cents,
    firstDate: plan.first_date,
    lastDate: plan.last_date,
    createdAt: new Date(plan.created_at).toISOString(),
    ...(plan.method_kind ? { method: plan.method_kind } : {}),
    ...(authorization ? { authorization: { text: authorization.text, acceptedAt: new Date(authorization.accepted_at).toISOString() } } : {}),
    installments: [...installments].sort((a, b) => a.number - b.number).map(installmentView),
    ...(plan.canceled_on ? { canceledOn: plan.canceled_on } : {}),
  };
}

/** A plan of the account as the API answers it on `today`; `undefined` when the account has no such plan. */
export async function planView(db: Db, planId: string, accountId: string, today: string): Promise<Plan | undefined> {
  const plan = await db.selectFrom('plans').selectAll().where('id', '=', planId).where('account_id', '=', accountId).executeTakeFirst();
  if (!plan) return undefined;
  const installments = await db.selectFrom('plan_installments').selectAll().where('plan_id', '=', plan.id).orderBy('number').execute();
  const authorization = await db.selectFrom('plan_authorizations').selectAll().where('plan_id', '=', plan.id).executeTakeFirst();
  return toPlan(plan, installments, authorization, today);
}

/**
 * A plan of the account as it stands on `today`, a running one brought up to date first;
 * `undefined` when the account has no such plan. (This read writes: see `runningPlanOf`.)
 */
export async function currentPlanView(db: Db, planId: string, accountId: string, today: string, now: Date): Promise<Plan | undefined> {
  const found = await planView(db, planId, accountId, today);
  if (!found || (found.status !== 'active' && found.status !== 'delinquent')) return found;
  await refreshPlan(db, planId, today, now);
  return planView(db, planId, accountId, today);
}

/**
 * The plan running on an account (active or delinquent), brought up to date, as the account shows
 * it. This read writes what the refresh finds (as the installment runner does): the refresh is
 * path-dependent (a catch-up links payments to installments from when the plan fell behind), so
 * a view computed without keeping it could differ from what the runner keeps later.
 */
export async function runningPlanOf(db: Db, accountId: string, today: string, now: Date): Promise<AccountPlan | undefined> {
  const plan = await db.selectFrom('plans').select('id').where('account_id', '=', accountId).where('status', 'in', RUNNING).executeTakeFirst();
  if (!plan) return undefined;
  await refreshPlan(db, plan.id, today, now);
  const row = await db.selectFrom('plans').selectAll().where('id', '=', plan.id).executeTakeFirstOrThrow();
  if (row.status !== 'active' && row.status !== 'delinquent') return undefined;
  const installments = await db.selectFrom('plan_installments').selectAll().where('plan_id', '=', plan.id).execute();
  return summaryOf(row, installments, today);
}

/** One more failed or missed payment: due again in 3 days; the second in a row makes the plan delinquent. */
export async function recordFailure(trx: Transaction<Database>, plan: PlanRow, installment: InstallmentRow, retryOn: string, today: string, now: Date, changes: Partial<Pick<InstallmentRow, 'payment_id'>> = {}): Promise<PlanRow> {
  await trx
    .updateTable('plan_installments')
    .set({ status: 'failed', failures: installment.failures + 1, next_attempt_on: retryOn, paid_on: null, claimed_at: null, updated_at: now, ...changes })
    .where('id', '=', installment.id)
    .execute();
  const failures = plan.failures_in_row + 1;
  const delinquent = failures >= DELINQUENT_AFTER_FAILURES && plan.status === 'active';
  return trx
    .updateTable('plans')
    .set({
      failures_in_row: failures,
      behind_since: plan.behind_since ?? now,
      ...(delinquent ? { status: 'delinquent' as const, delinquent_since: today } : {}),
      updated_at: now,
    })
    .where('id', '=', plan.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Called with the plan locked, when an installment has been paid: the failures in a row end. */
export async function recordSuccess(trx: Transaction<Database>, plan: PlanRow, now: Date): Promise<PlanRow> {
  if (plan.failures_in_row === 0) return plan;
  return trx.updateTable('plans').set({ failures_in_row: 0, updated_at: now }).where('id', '=', plan.id).returningAll().executeTakeFirstOrThrow();
}

/**
 * Brings a running plan up to date on `today`, under the plan's row lock (so two runners, or a
 * runner and a page view, take turns): an automatic installment's bank debit that settled is
 * paid, one that came back is a failure; a manual plan's installments are paid by the patient's
 * payments since the plan was made, oldest first (an installment is paid once payments cover it,
 * and links to the payment that completed it); a manual installment unpaid after its date is a
 * miss, due again 3 days later; two failures or misses in a row make the plan delinquent; a plan
 * with nothing left to pay is completed; a pay-off left half-done is finished or undone.
 */
export async function refreshPlan(db: Db, planId: string, today: string, now: Date): Promise<void> {
  await db.transaction().execute((trx) => refreshPlanIn(trx, planId, today, now));
}

/** `refreshPlan` in the caller's transaction. */
async function refreshPlanIn(trx: Transaction<Database>, planId: string, today: string, now: Date): Promise<void> {
  let plan = await trx.selectFrom('plans').selectAll().where('id', '=', planId).forUpdate().executeTakeFirst();
  if (!plan || (plan.status !== 'active' && plan.status !== 'delinquent')) return;
  if (plan.payoff_key) {
    plan = await settlePayoff(trx, plan, today, now);
    if (plan.status !== 'active' && plan.status !== 'delinquent') return;
  }
  let installments = await trx.selectFrom('plan_installments').selectAll().where('plan_id', '=', plan.id).orderBy('number').forUpdate().execute();

  if (plan.mode === 'automatic') {
    const charged = installments.filter((i) => (i.status === 'processing' || i.status === 'paid') && i.payment_id);
    const payments = charged.length
      ? await trx.selectFrom('payments').select(['id', 'status']).where('id', 'in', charged.map((i) => i.payment_id!)).execute()
      : [];
    const statusOf = new Map(payments.map((p) => [p.id, p.status]));
    for (const installment of charged) {
      const status = statusOf.get(installment.payment_id!);
      if (status === 'returned' || status === 'declined') {
        plan = await recordFailure(trx, plan, installment, addDays(today, RETRY_AFTER_DAYS), today, now);
      } else if (status === 'settled' && installment.status === 'processing') {
        await trx.updateTable('plan_installments').set({ status: 'paid', updated_at: now }).where('id', '=', installment.id).execute();
        plan = await recordSuccess(trx, plan, now);
      }
    }
    plan = await applyCatchUpPayments(trx, plan, today, now);
    plan = await bringUpToDate(trx, plan, today, now);
  } else {
    plan = await allocateManualPayments(trx, plan, installments, today, now);
    plan = await bringUpToDate(trx, plan, today, now);
    installments = await trx.selectFrom('plan_installments').selectAll().where('plan_id', '=', plan.id).orderBy('number').execute();
    // A payment missed on its date (or on its retry date) counts once per date.
    for (const installment of installments) {
      if (plan.status !== 'active') break;
      let current = installment;
      while ((current.status === 'scheduled' || current.status === 'failed') && current.next_attempt_on < today && plan.status === 'active') {
        plan = await recordFailure(trx, plan, current, addDays(current.next_attempt_on, RETRY_AFTER_DAYS), today, now);
        current = await trx.selectFrom('plan_installments').selectAll().where('id', '=', current.id).executeTakeFirstOrThrow();
      }
    }
  }

  installments = await trx.selectFrom('plan_installments').selectAll().where('plan_id', '=', plan.id).execute();
  if (installments.every((i) => i.status === 'paid' || i.status === 'canceled')) {
    await trx.updateTable('plans').set({ status: 'completed', ended_on: today, updated_at: now }).where('id', '=', plan.id).execute();
    return;
  }
  // Paid some other way (a payment for the whole balance, an adjustment): nothing is left to take.
  const inFlight = installments.some((i) => i.status === 'charging' || i.status === 'processing');
  if (!inFlight && (await availableBalance(trx, plan.account_id)) <= 0) {
    await trx
      .updateTable('plan_installments')
      .set({ status: 'canceled', updated_at: now })
      .where('plan_id', '=', plan.id)
      .where('status', 'in', ['scheduled', 'failed'])
      .execute();
    await trx.updateTable('plans').set({ status: 'completed', ended_on: today, updated_at: now }).where('id', '=', plan.id).execute();
  }
}

/**
 * An automatic plan that is behind (a charge failed or came back, or, delinquent, it is charged no
 * more) is caught up by the patient's own payments made since it fell behind (`<pay-form>`, the
 * billing office), never by the plan's own charges: those are known by their idempotency keys,
 * which exist before the charge is made (a charge attempt's, a pay-off's), so a charge whose
 * outcome is not yet recorded is not taken for the patient's. The payments are applied afresh
 * each time, oldest first, to what they covered before and to what is behind, in order; each
 * installment is linked to the payment that completed its cover (so it is never charged again,
 * and a payment that comes back uncovers exactly what it paid for), and one they no longer cover
 * (its payment came back) is owed again: a failure.
 */
export async function applyCatchUpPayments(trx: Transaction<Database>, plan: PlanRow, today: string, now: Date): Promise<PlanRow> {
  if (!plan.behind_since || plan.mode !== 'automatic') return plan;
  const installments = await trx.selectFrom('plan_installments').selectAll().where('plan_id', '=', plan.id).orderBy('number').execute();
  const payments = await trx
    .selectFrom('payments')
    .select(['id', 'status', 'amount_cents', 'created_at'])
    .where('account_id', '=', plan.account_id)
    .where('created_at', '>=', plan.behind_since)
    .where('status', 'in', ['succeeded', 'processing', 'settled'])
    .where('idempotency_key', 'not like', 'plan:%')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('plan_charge_attempts as a').select('a.id').whereRef('a.idempotency_key', '=', 'payments.idempotency_key'))),
    )
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const ids = new Set(payments.map((p) => p.id));
  const coveredBefore = (i: InstallmentRow) => (i.status === 'paid' || i.status === 'processing') && i.payment_id !== null && ids.has(i.payment_id);
  const candidates = installments.filter((i) => coveredBefore(i) || isBehind(plan, i, today));
  let credit = 0;
  let next = 0;
  let starved = false;
  let current = plan;
  for (const installment of candidates) {
    let last: (typeof payments)[number] | undefined;
    while (!starved && credit < installment.amount_cents && next < payments.length) {
      last = payments[next++]!;
      credit += last.amount_cents;
    }
    const coveredBy = last ?? payments[Math.max(0, next - 1)];
    if (!starved && credit >= installment.amount_cents && coveredBy) {
      credit -= installment.amount_cents;
      const status = coveredBy.status === 'processing' ? 'processing' : 'paid';
      if (installment.status !== status || installment.payment_id !== coveredBy.id) {
        await trx
          .updateTable('plan_installments')
          .set({ status, payment_id: coveredBy.id, paid_on: isoDate(new Date(coveredBy.created_at)), claimed_at: null, updated_at: now })
          .where('id', '=', installment.id)
          .execute();
        if (status === 'paid' && installment.status !== 'paid') current = await recordSuccess(trx, current, now);
      }
      continue;
    }
    // Oldest first: once one cannot be covered, none after it is.
    starved = true;
    if (coveredBefore(installment)) {
      current = await recordFailure(trx, current, installment, addDays(today, RETRY_AFTER_DAYS), today, now, { payment_id: null });
    }
  }
  return current;
}

/**
 * Once nothing is behind, a delinquent plan is current again (an automatic one is charged again
 * from its next date). The run of failures itself ends only with a payment that went through (a
 * retry or a bank payment still in flight may yet come back), and with it `behind_since`.
 */
async function bringUpToDate(trx: Transaction<Database>, plan: PlanRow, today: string, now: Date): Promise<PlanRow> {
  if (plan.status !== 'delinquent' && !plan.behind_since) return plan;
  const installments = await trx.selectFrom('plan_installments').selectAll().where('plan_id', '=', plan.id).execute();
  if (behindOn(plan, installments, today).length > 0) return plan;
  const over = plan.failures_in_row === 0;
  if (plan.status !== 'delinquent' && !over) return plan;
  return trx
    .updateTable('plans')
    .set({ status: 'active', delinquent_since: null, ...(over ? { behind_since: null } : {}), updated_at: now })
    .where('id', '=', plan.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * A manual plan is paid by the patient's own payments (`<pay-form>`, `POST /v1/payments`) made
 * since the plan began: they are applied to the installments in order, and each installment they
 * cover is linked to the payment that completed it. A payment that later came back uncovers it
 * again, which is a failure like a declined charge.
 */
async function allocateManualPayments(trx: Transaction<Database>, plan: PlanRow, installments: readonly InstallmentRow[], today: string, now: Date): Promise<PlanRow> {
  const payments = await trx
    .selectFrom('payments')
    .select(['id', 'status', 'amount_cents', 'created_at'])
    .where('account_id', '=', plan.account_id)
    .where('created_at', '>=', plan.created_at)
    .where('status', 'in', ['succeeded', 'processing', 'settled'])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  let credit = 0;
  let next = 0;
  let current = plan;
  for (const installment of installments) {
    if (installment.status === 'canceled') continue;
    let last: (typeof payments)[number] | undefined;
    while (credit < installment.amount_cents && next < payments.length) {
      last = payments[next++]!;
      credit += last.amount_cents;
    }
    // The payment that completed the cover: the last one taken, or (when earlier credit covered
    // it) the payment that credit came from.
    const coveredBy = last ?? payments[Math.max(0, next - 1)];
    if (credit >= installment.amount_cents && coveredBy) {
      credit -= installment.amount_cents;
      const status = coveredBy.status === 'processing' ? 'processing' : 'paid';
      if (installment.status !== status || installment.payment_id !== coveredBy.id) {
        await trx
          .updateTable('plan_installments')
          .set({ status, payment_id: coveredBy.id, paid_on: isoDate(new Date(coveredBy.created_at)), updated_at: now })
          .where('id', '=', installment.id)
          .execute();
        // A bank payment counts as a success once it settles (it may still come back).
        if (status === 'paid' && installment.status !== 'paid') current = await recordSuccess(trx, current, now);
      }
    } else if (installment.status === 'paid' || installment.status === 'processing') {
      // Its payment came back (or was reversed): it is owed again, and that is a failure.
      current = await recordFailure(trx, current, installment, addDays(today, RETRY_AFTER_DAYS), today, now, { payment_id: null });
    }
  }
  return current;
}

/** Cancels a running plan: nothing more is charged or due (a charge already under way completes). */
export async function cancelPlan(ctx: PlanContext, planId: string): Promise<Plan> {
  const today = isoDate(ctx.now);
  await ctx.db.transaction().execute(async (trx) => {
    const plan = await trx.selectFrom('plans').selectAll().where('id', '=', planId).where('account_id', '=', ctx.accountId).forUpdate().executeTakeFirst();
    if (!plan) throw new DomainError('plan_not_found', 'There is no such plan on this account.');
    if (plan.status === 'canceled') return;
    if (plan.status !== 'active' && plan.status !== 'delinquent') {
      throw new DomainError('plan_not_active', `This plan is ${plan.status === 'paid_off' ? 'paid off' : 'completed'}: there is nothing to cancel.`);
    }
    if (plan.payoff_key) throw new DomainError('plan_busy', 'This plan is being paid off right now. Try again in a moment.', { retryAfterSeconds: 2 });
    // A payment already at the processor may still go through (after an outage, recovery drives
    // it on): cancelling now would promise that no more is taken and then take it. The runner
    // claims installments under this plan's lock, so none starts between this check and the cancel.
    const charging = await trx.selectFrom('plan_installments').select('id').where('plan_id', '=', plan.id).where('status', '=', 'charging').executeTakeFirst();
    if (charging) {
      throw new DomainError('plan_busy', 'A payment of this plan is being processed right now, so the plan cannot be canceled yet. Try again in a few minutes.', { retryAfterSeconds: 60 });
    }
    await trx
      .updateTable('plan_installments')
      .set({ status: 'canceled', updated_at: ctx.now })
      .where('plan_id', '=', plan.id)
      .where('status', 'in', ['scheduled', 'failed'])
      .execute();
    await trx.updateTable('plans').set({ status: 'canceled', canceled_on: today, updated_at: ctx.now }).where('id', '=', plan.id).execute();
  });
  const plan = await planView(ctx.db, planId, ctx.accountId, today);
  if (!plan) throw new DomainError('plan_not_found', 'There is no such plan on this account.');
  return plan;
}

/** The key a pay-off's payment is taken under: the plan and the client's key for the attempt. */
export function payoffPaymentKey(planId: string, clientKey: string): string {
  return `plan:${planId}:payoff:${clientKey}`;
}

/**
 * Reserves a plan for a pay-off under the client's key, so no installment is charged beside it,
 * and says how much to take: what the plan has left (at most the balance). A repeated key finds
 * its reservation (or its finished pay-off) and the amount it was for.
 */
export async function startPayoff(ctx: PlanContext, planId: string, clientKey: string): Promise<{ amountCents: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    await lockAccount(trx, ctx.accountId);
    const plan = await trx.selectFrom('plans').selectAll().where('id', '=', planId).where('account_id', '=', ctx.accountId).forUpdate().executeTakeFirst();
    if (!plan) throw new DomainError('plan_not_found', 'There is no such plan on this account.');
    const key = payoffPaymentKey(plan.id, clientKey);
    const earlier = await trx.selectFrom('payments').select(['amount_cents']).where('practice_id', '=', plan.practice_id).where('idempotency_key', '=', key).executeTakeFirst();
    if (earlier) return { amountCents: earlier.amount_cents };
    if (plan.status !== 'active' && plan.status !== 'delinquent') {
      throw new DomainError('plan_not_active', 'This plan is not running: there is nothing left to pay on it.');
    }
    if (plan.payoff_key && plan.payoff_key !== clientKey) {
      throw new DomainError('plan_busy', 'This plan is being paid off right now. Try again in a moment.', { retryAfterSeconds: 2 });
    }
    const installments = await trx.selectFrom('plan_installments').select(['status', 'amount_cents']).where('plan_id', '=', plan.id).execute();
    if (installments.some((i) => i.status === 'charging')) {
      throw new DomainError('plan_busy', 'A payment of this plan is being charged right now. Try again in a moment.', { retryAfterSeconds: 5 });
    }
    const left = installments.filter((i) => i.status === 'scheduled' || i.status === 'failed').reduce((total, i) => total + i.amount_cents, 0);
    const amountCents = Math.min(left, await availableBalance(trx, plan.account_id));
    if (amountCents < 100) throw new DomainError('plan_not_active', 'There is nothing left to pay on this plan.');
    await trx.updateTable('plans').set({ payoff_key: clientKey, payoff_started_at: ctx.now, updated_at: ctx.now }).where('id', '=', plan.id).execute();
    return { amountCents };
  });
}

/** Finishes a pay-off from its payment: paid (or a bank debit on its way) ends the plan; declined frees it. */
export async function finishPayoff(ctx: PlanContext, planId: string, today: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const plan = await trx.selectFrom('plans').selectAll().where('id', '=', planId).forUpdate().executeTakeFirstOrThrow();
    if (plan.payoff_key) await settlePayoff(trx, plan, today, ctx.now, 0);
  });
}

/** How long a pay-off may stay reserved without a payment before the plan runs on (a client that went away). */
const PAYOFF_GRACE_MS = 10 * 60_000;

async function settlePayoff(trx: Transaction<Database>, plan: PlanRow, today: string, now: Date, graceMs = PAYOFF_GRACE_MS): Promise<PlanRow> {
  const key = payoffPaymentKey(plan.id, plan.payoff_key ?? '');
  const payment = await trx.selectFrom('payments').select(['id', 'status']).where('practice_id', '=', plan.practice_id).where('idempotency_key', '=', key).executeTakeFirst();
  if (payment && (payment.status === 'succeeded' || payment.status === 'processing' || payment.status === 'settled')) {
    await trx
      .updateTable('plan_installments')
      .set({ status: 'canceled', updated_at: now })
      .where('plan_id', '=', plan.id)
      .where('status', 'in', ['scheduled', 'failed'])
      .execute();
    return trx
      .updateTable('plans')
      .set({ status: 'paid_off', ended_on: today, payoff_key: null, payoff_payment_id: payment.id, updated_at: now })
      .where('id', '=', plan.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }
  const started = plan.payoff_started_at ? new Date(plan.payoff_started_at).getTime() : 0;
  if ((payment && payment.status !== 'pending') || (!payment && now.getTime() - started >= graceMs)) {
    return trx.updateTable('plans').set({ payoff_key: null, payoff_started_at: null, updated_at: now }).where('id', '=', plan.id).returningAll().executeTakeFirstOrThrow();
  }
  return plan;
}

/**
 * Pays a plan off in one payment, in the patient's presence: the plan is reserved for this pay-off
 * (no installment is charged beside it) until its payment is known, then paid ends the plan and
 * declined frees it. A repeated key finds its reservation and its payment.
 */
export async function payOffPlan(payment: PaymentContext, planId: string, clientKey: string, request: PlanPayoffRequest): Promise<{ plan: Plan | undefined; payment: Payment }> {
  const ctx: PlanContext = { db: payment.db, practice: payment.practice, accountId: payment.accountId, now: payment.now };
  const { amountCents } = await startPayoff(ctx, planId, clientKey);
  let outcome: PaymentOutcome;
  try {
    outcome = await takePayment(payment, payoffPaymentKey(planId, clientKey), {
      amountCents,
      token: request.token,
      ...(request.authorization ? { authorization: request.authorization } : {}),
    });
  } finally {
    await finishPayoff(ctx, planId, isoDate(ctx.now));
  }
  const receipt = receiptOf(outcome, 'The payment was declined. Nothing was charged, and the plan goes on.');
  return { plan: await planView(ctx.db, planId, ctx.accountId, isoDate(ctx.now)), payment: receipt };
}
