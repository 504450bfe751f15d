import { createMiddleware } from 'hono/factory';
import { documented, problem } from './openapi.js';
import { ApiProblem } from './problem.js';

/** A client's key for one attempt: long enough to be unique, short enough to index. */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{16,128}$/;

/** The keys of the server's own charges (a plan's installments and pay-offs). */
const SERVER_KEY = /^plan(?:-installment)?:/i;

export type IdempotencyEnv = { Variables: { readonly idempotencyKey: string } };

/**
 * Middleware: the request's `Idempotency-Key`, checked and put on the request
 * (`c.var.idempotencyKey`): every command that takes money or makes a plan is done exactly once
 * per key. `per` names what one key stands for, in the refusal's message. With
 * `refuseServerKeys`, a key of the form the server uses for its own charges is refused, so a
 * client's key never stands for one of those charges, nor is taken for one.
 */
export function idempotencyKey(per: 'attempt' | 'payment attempt' | 'refund' | 'fee' | 'plan change' | 'notice', { refuseServerKeys = false } = {}) {
  const middleware = createMiddleware<IdempotencyEnv>(async (c, next) => {
    const key = c.req.header('idempotency-key') ?? '';
    if (!IDEMPOTENCY_KEY.test(key)) {
      throw new ApiProblem(400, 'idempotency_key_required', `Send an Idempotency-Key header (16 to 128 letters, digits, -, _, . or :), one per ${per}.`);
    }
    if (refuseServerKeys && SERVER_KEY.test(key)) {
      throw new ApiProblem(400, 'idempotency_key_reserved', 'Idempotency-Key values starting with "plan:" or "plan-installment:" are the server’s own; send another.');
    }
    c.set('idempotencyKey', key);
    await next();
  });
  return documented(middleware, {
    parameters: [
      {
        name: 'Idempotency-Key',
        in: 'header',
        required: true,
        // A body's 400 (jsonBody) takes the place of the 400 below in the document, so the header says its own refusal too.
        description: `One per ${per}: repeating it with the same body answers what the first request did. Without one: 400 \`idempotency_key_required\`${refuseServerKeys ? '; one of the server’s own forms: 400 `idempotency_key_reserved`' : ''}.`,
        schema: { type: 'string', pattern: IDEMPOTENCY_KEY.source },
      },
    ],
    responses: {
      '400': problem(`\`idempotency_key_required\`${refuseServerKeys ? ', or `idempotency_key_reserved` (keys starting `plan:` or `plan-installment:` are the server’s own)' : ''}`),
    },
  });
}
