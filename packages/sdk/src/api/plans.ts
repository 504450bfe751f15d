import { PlanOptionsSchema, PlanPayoffSchema, PlanSchema, type PlanMethodRequest, type Plan, type PlanOptions, type PlanPayoff, type PlanRequest } from '../plan-schemas.js';
import type { DebitAuthorization } from '../payment-schemas.js';
import { stateOf, type BillPayConnection, type CallOptions } from './connection.js';
import { bearer, IDEMPOTENT_RETRY, idempotentPost, request, sessionGet, withSession } from './request.js';

/** A payment plan to create (see `PlanRequest`), and the key of an attempt being repeated. */
export type CreatePlanInput = PlanRequest & { readonly idempotencyKey?: string | undefined };

/** Pays off what a plan has left, in one payment. */
export interface PayOffPlanInput {
  readonly token: string;
  /** The Nacha authorization shown and accepted, for a bank account. */
  readonly authorization?: DebitAuthorization | undefined;
  readonly idempotencyKey?: string | undefined;
}

/**
 * What the plan builder needs: the practice's plan policy, the balance a plan would cover, the
 * server's today, the first-payment window, and whether the account may have a plan now.
 * @throws SessionExpiredError, ApiError `plans_not_offered` (404)
 */
export function getPlanOptions(connection: BillPayConnection, { signal }: CallOptions = {}): Promise<PlanOptions> {
  return sessionGet(stateOf(connection), 'v1/plans/options', PlanOptionsSchema, signal);
}

/**
 * Creates a payment plan for the account's balance. Idempotent like `createPayment`: one key per
 * call (or the key of the attempt being repeated), retried under that key after network errors,
 * 429 and 5xx, so repeating never makes a second plan.
 * @throws PlanPolicyError (a rule of the practice's policy, with the nearest choices that work),
 *   ApiError `plan_exists` (409), `autopay_method_unavailable` (422), SessionExpiredError
 */
export function createPlan(connection: BillPayConnection, input: CreatePlanInput, { signal }: CallOptions = {}): Promise<Plan> {
  const { idempotencyKey, ...plan } = input;
  return idempotentPost(stateOf(connection), 'v1/plans', PlanSchema, plan, idempotencyKey, signal);
}

/** A plan of the account, with every installment and what became of it. */
export function getPlan(connection: BillPayConnection, id: string, { signal }: CallOptions = {}): Promise<Plan> {
  return sessionGet(stateOf(connection), `v1/plans/${encodeURIComponent(id)}`, PlanSchema, signal);
}

/** Cancels a plan: no further payment is taken (one already being charged completes). Repeating is harmless. */
export function cancelPlan(connection: BillPayConnection, id: string, { signal }: CallOptions = {}): Promise<Plan> {
  const state = stateOf(connection);
  return withSession(state, () =>
    request(state.http, `v1/plans/${encodeURIComponent(id)}/cancel`, PlanSchema, { method: 'post', headers: bearer(state), retry: IDEMPOTENT_RETRY, signal }),
  );
}

/**
 * Pays what a plan has left in one payment (idempotent like `createPayment`); the plan is then paid off.
 * @throws PaymentDeclinedError, AmountNotAllowedError, ApiError `plan_not_active`
 */
export function payOffPlan(connection: BillPayConnection, id: string, input: PayOffPlanInput, { signal }: CallOptions = {}): Promise<PlanPayoff> {
  const { token, authorization, idempotencyKey } = input;
  const body = { token, ...(authorization ? { authorization } : {}) };
  return idempotentPost(stateOf(connection), `v1/plans/${encodeURIComponent(id)}/payoff`, PlanPayoffSchema, body, idempotencyKey, signal);
}

/** A new payment method for an automatic plan, with the authorization accepted for it (see `PlanMethodRequest`). */
export type ChangePlanMethodInput = PlanMethodRequest & { readonly idempotencyKey?: string | undefined };

/**
 * Changes the payment method an automatic plan's installments are charged to: the patient's new
 * bank account or saved card and the authorization they accepted for it. Nothing is charged now.
 * Idempotent like `createPlan`: retried under the same key, so repeating changes it once.
 * @throws ApiError `plan_not_found` (404), `plan_not_active`, `plan_not_automatic`, `plan_busy`
 *   (409), `invalid_token`, `autopay_method_unavailable`, `authorization_invalid` (422), SessionExpiredError
 */
export function changePlanMethod(connection: BillPayConnection, id: string, input: ChangePlanMethodInput, { signal }: CallOptions = {}): Promise<Plan> {
  const { idempotencyKey, ...body } = input;
  return idempotentPost(stateOf(connection), `v1/plans/${encodeURIComponent(id)}/payment-method`, PlanSchema, body, idempotencyKey, signal);
}
