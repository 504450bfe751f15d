import { randomUUID } from 'node:crypto';
import { planOptionsFor, planSchedule, type Plan, type PlanOptions, type PlanRequest, type PlanRuleViolation } from '@billpay/sdk';
import { isoDate } from '../dates.js';
import { DomainError } from '../domain/errors.js';
import { recordEvent } from '../events/outbox.js';
import { queuePlanConfirmation } from '../messages/outbox.js';
import { checkDebitAuthorization } from '../payments/authorization.js';
import { refusalError, type PayerContext } from '../payments/payments.js';
import { describeToken, type DescribeToken } from '../payments/token.js';
import type { ProcessorToken } from '../processor/port.js';
import { planRefusal } from '../payments/velocity.js';
import type { PracticeConfig } from '../practices/practices.js';
import { requestHash } from '../security/request-hash.js';
import { refreshRunningPlanIn } from './refresh.js';
import { availableBalance, lockAccount, RUNNING, type Db, type PlanContext } from './rows.js';
import { currentPlanView, runningPlanOf } from './view.js';

export type { DescribeToken };

const MAX_USER_AGENT = 512;

/** Who is creating the plan, as the server saw them: kept with the authorization as proof. */
export type PlanActor = PayerContext;

/**
 * The proof kept of an automatic plan's authorization: the exact text and when the patient
 * accepted it, when we received it, who (the account holder's name, the session that looked the
 * bill up) and from where (address and browser).
 */
export function authorizationRecord(
  planId: string,
  account: { readonly id: string; readonly first_name: string; readonly last_name: string },
  actor: PlanActor,
  method: 'card' | 'bank',
  authorization: { readonly text: string; readonly acceptedAt: string },
  now: Date,
) {
  return {
    plan_id: planId,
    text: authorization.text,
    accepted_at: new Date(authorization.acceptedAt),
    recorded_at: now,
    account_id: account.id,
    session_id: actor.sessionId,
    accepted_by: `${account.first_name} ${account.last_name}`,
    ip_address: actor.ipAddress,
    user_agent: actor.userAgent ? actor.userAgent.slice(0, MAX_USER_AGENT) : null,
    method_kind: method,
  };
}

/** The request's fingerprint: the same Idempotency-Key with another request is a conflict. */
export function planRequestHash(request: PlanRequest): string {
  return requestHash(request);
}

/** The plan rules a choice breaks: the first rule's code, and all of them. */
export function planRuleError(violations: readonly [PlanRuleViolation, ...PlanRuleViolation[]]): DomainError {
  const [first] = violations;
  const path = (field: PlanRuleViolation['field']): string[] => (field === 'balanceCents' ? [] : field === 'mode' ? ['payment', 'mode'] : [field]);
  return new DomainError(first.code, first.message, { issues: violations.map((v) => ({ path: path(v.field), code: v.code, message: v.message })), details: { planRules: [...violations] } });
}

/**
 * What the plan builder needs, and the one place the server decides whether the account may
 * start a plan: a balance the policy can spread, and no plan running (the SDK's rule,
 * `planOptionsFor`, which the widget and the stories' fake API use too).
 */
export async function planOptions(db: Db, practice: PracticeConfig, accountId: string, now: Date): Promise<PlanOptions> {
  const policy = practice.planPolicy;
  if (!policy) throw new DomainError('plans_not_offered', 'This practice does not offer payment plans online.');
  const balanceCents = await availableBalance(db, accountId);
  const running = await runningPlanOf(db, accountId, isoDate(now), now);
  return planOptionsFor({ policy, balanceCents, today: isoDate(now), runningPlanId: running?.id });
}

const methodUnavailable = () =>
  new DomainError('autopay_method_unavailable', 'Automatic plan payments need a bank account or a card saved for later payments (tokenized with `reusable: true`). Or choose to pay each installment yourself.', { issues: [{ path: ['payment', 'token'], code: 'autopay_method_unavailable', message: 'Use a bank account or a saved card, or pay each installment yourself.' }] });

/**
 * The automatic payment's method as the processor describes its token: it must be what the
 * request says it is, and chargeable again for each installment: a bank account, or a card the
 * patient saved for later payments (a card token is otherwise single-use, one authorization).
 */
export async function checkAutopayToken(describe: DescribeToken, token: string, declared: 'card' | 'bank'): Promise<ProcessorToken> {
  const described = await describeToken(describe, token, ['payment'], 'The plan could not be set up');
  if (!described.ok) throw described.error;
  const details = described.token;
  if (details.kind !== declared) throw methodUnavailable();
  if (details.kind === 'card' && (!details.reusable || details.used)) throw methodUnavailable();
  return details;
}

/** What the patient and staff are shown of an automatic payment's method: the card's brand or the bank account's bank and type, and the last 4. */
export function methodColumns(details: ProcessorToken | undefined) {
  const none = { method_brand: null, method_bank_name: null, method_account_type: null, method_last4: null };
  if (!details) return none;
  return details.kind === 'card'
    ? { ...none, method_brand: details.card.brand.slice(0, 40), method_last4: details.card.last4 }
    : { ...none, method_bank_name: details.bank.bankName?.slice(0, 100) ?? null, method_account_type: details.bank.accountType, method_last4: details.bank.last4 };
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
  const described = request.payment.mode === 'automatic' && options.describeToken ? await checkAutopayToken(options.describeToken, request.payment.token, request.payment.method) : undefined;
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
    // A running plan as it stands today (one paid in full meanwhile is completed now).
    await refreshRunningPlanIn(trx, ctx.accountId, today, ctx.now);
    const running = await trx.selectFrom('plans').select('id').where('account_id', '=', ctx.accountId).where('status', 'in', RUNNING).executeTakeFirst();
    if (running) throw new DomainError('plan_exists', 'This account already has a payment plan. Cancel it or pay it off first.');
    // A plan may charge a card at once: no way around the card-testing limits.
    const refused = await planRefusal(trx, { accountId: ctx.accountId, sessionId: actor.sessionId, clientHash: actor.clientHash, now: ctx.now });
    if (refused) throw refusalError(refused, ctx.now);

    const payment = request.payment;
    // The patient is creating the plan: the authorization must be recent, as for a bank payment.
    const authorization = payment.mode === 'automatic' ? checkDebitAuthorization(payment.authorization, ctx.now, true, ['payment']) : undefined;

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
        ...methodColumns(described),
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
    if (payment.mode === 'automatic' && authorization) {
      await trx.insertInto('plan_authorizations').values(authorizationRecord(id, account, actor, payment.method, authorization, ctx.now)).execute();
    }
    await recordEvent(trx, {
      practiceId: ctx.practice.id,
      type: 'plan.created',
      accountId: ctx.accountId,
      data: { planId: id, balanceCents: terms.balanceCents, downPaymentCents: terms.downPaymentCents, installmentCents: terms.installmentCents, installments: terms.payments.length, frequency: request.frequency, mode: payment.mode, firstDate: terms.firstDate, lastDate: terms.lastDate },
      now: ctx.now,
    });
    await queuePlanConfirmation(trx, ctx.accountId, id, ctx.now);
    return { id, created: true };
  });
  const plan = await currentPlanView(ctx.db, result.id, ctx.accountId, isoDate(ctx.now), ctx.now);
  if (!plan) throw new Error('a plan just made could not be read back');
  return { plan, created: result.created };
}
