import { PaymentSchema } from '@billpay/sdk';
import { PhonePaymentRequestSchema } from '@billpay/sdk/admin-phone';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { billingStaffOnly, type ApiKeyEnv } from '../http/api-key.js';
import type { ApiDeps } from '../http/context.js';
import { idempotencyKey } from '../http/idempotency.js';
import { json, problem } from '../http/openapi.js';
import { ApiProblem } from '../http/problem.js';
import { jsonBody } from '../http/request.js';
import { receiptOf, takePayment } from '../payments/payments.js';

/** The longest account id looked up (ours are shorter): anything longer is no account of the practice. */
const MAX_ID = 64;

/** Staff of the billing office (`admin`, `billing`) signed in to the console: never a practice's key. */
const billingStaff = billingStaffOnly('Payments by phone are taken by the billing office’s staff, signed in to the console; a practice’s key cannot take them.');

const accountNotFound = () => new ApiProblem(404, 'account_not_found', 'There is no such account at this practice.');

/**
 * `POST /admin/v1/accounts/{id}/payments` (issue 14, "Take a payment by phone"): the billing
 * office takes a payment for a patient on the phone, with a token from the processor's hosted
 * card fields (or a bank account tokenized at the processor), through the patient's own payment
 * path (`takePayment`: once per Idempotency-Key, the amount checked against what is owed, the
 * three phases, events, postings), recorded as taken by the member of staff. A bank debit needs
 * the telephone authorization they read (Nacha TEL): its words, when the patient agreed, and the
 * wording's version. Staff signed in to the console only (role `admin` or `billing`, the
 * `refunds` scope): a practice's key is refused, as is `read-only` staff.
 */
export function phonePaymentRoutes(deps: ApiDeps): Hono<ApiKeyEnv> {
  const { db } = deps.database;
  const routes = new Hono<ApiKeyEnv>();

  routes.post('/:id/payments', billingStaff, idempotencyKey('payment attempt', { refuseServerKeys: true }), jsonBody(PhonePaymentRequestSchema), describeRoute({
    operationId: 'takePhonePayment',
    summary: "Take a patient's payment by phone with a processor token, recorded as taken by the member of staff; exactly once per Idempotency-Key",
    description: 'Card and bank details never come here: only the token from the processor’s hosted fields. A bank debit needs `authorization`, the telephone authorization read to the patient (Nacha TEL).',
    responses: {
      '201': { description: 'Paid (card) or processing (bank); the receipt', content: json(PaymentSchema) },
      '400': problem('`invalid_request`, `idempotency_key_required`, or `idempotency_key_reserved` (keys starting `plan:` or `plan-installment:` are the server’s own)'),
      '402': problem('`payment_declined`: `declineCode` says why; nothing was charged'),
      '404': problem('`account_not_found`: no such account at this practice'),
      '409': problem('`idempotency_conflict`: the key was used for a different payment'),
      '422': problem('`amount_not_allowed`: below $1.00 or above what is owed (`minimumCents`/`maximumCents`); `authorization_required`, `authorization_invalid`: a bank account needs the telephone authorization read; `invalid_token`: the processor does not know the token'),
      '503': problem('`payments_unavailable`, `processor_unavailable`: retry with the same key'),
    },
  }), async (c) => {
    const { practice, now, caller } = c.var;
    const id = c.req.param('id');
    const account = id.length > MAX_ID ? undefined : await db.selectFrom('accounts').select('id').where('id', '=', id).where('practice_id', '=', practice.id).executeTakeFirst();
    if (!account) throw accountNotFound();
    c.set('auditAccountId', account.id);
    if (!deps.processor) throw new ApiProblem(503, 'payments_unavailable', 'Payments are not available right now.');
    const request = c.req.valid('json');
    const outcome = await takePayment(
      {
        db,
        gateway: deps.processor,
        practice,
        accountId: account.id,
        now,
        staff: { staffId: caller.staffId!, authorizationVersion: request.authorization?.version },
        logger: deps.logger,
        requestId: c.get('requestId'),
      },
      c.var.idempotencyKey,
      request,
    );
    return c.json(receiptOf(outcome, 'The payment was declined. Nothing was charged.'), 201);
  });

  return routes;
}
