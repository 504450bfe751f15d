import type { Context } from 'hono';
import { ApiProblem } from './problem.js';

/** A client's key for one attempt: long enough to be unique, short enough to index. */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{16,128}$/;

/**
 * The request's `Idempotency-Key`, checked: every command that takes money or makes a plan is
 * done exactly once per key. `per` names what one key stands for, in the refusal's message.
 */
export function idempotencyKeyOf(c: Context, per: 'attempt' | 'payment attempt' | 'refund'): string {
  const key = c.req.header('idempotency-key') ?? '';
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new ApiProblem(400, 'idempotency_key_required', `Send an Idempotency-Key header (16 to 128 letters, digits, -, _, . or :), one per ${per}.`);
  }
  return key;
}
