import type { ApiErrorBody, ApiIssue, PlanRuleCode } from '@billpay/sdk';

/**
 * What kind of refusal a domain error is. The domain says what went wrong; the HTTP layer alone
 * turns each kind into a status (see `http/errors.ts`), and commands (the installment runner)
 * decide from it whether to try again later.
 */
export type RefusalKind =
  | 'invalid'
  | 'unprocessable'
  | 'unauthenticated'
  | 'payment_required'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'unavailable';

/** The API's error codes (the `code` of the SDK's `ApiErrorBody`) that domain code refuses with, by kind. */
const KIND_OF_CODE = {
  invalid_request: 'invalid',
  idempotency_key_required: 'invalid',
  idempotency_key_reserved: 'invalid',
  amount_not_allowed: 'unprocessable',
  authorization_required: 'unprocessable',
  authorization_invalid: 'unprocessable',
  autopay_method_unavailable: 'unprocessable',
  invalid_token: 'unprocessable',
  token_already_used: 'unprocessable',
  amount_exceeds_refundable: 'unprocessable',
  refund_failed: 'unprocessable',
  session_expired: 'unauthenticated',
  lookup_failed: 'unauthenticated',
  estimate_lookup_failed: 'unauthenticated',
  payment_declined: 'payment_required',
  origin_not_allowed: 'forbidden',
  practice_not_found: 'not_found',
  statement_not_found: 'not_found',
  payment_not_found: 'not_found',
  account_not_found: 'not_found',
  fee_not_found: 'not_found',
  plan_not_found: 'not_found',
  plans_not_offered: 'not_found',
  estimate_not_found: 'not_found',
  estimates_unavailable: 'not_found',
  webhook_endpoint_not_found: 'not_found',
  webhook_delivery_not_found: 'not_found',
  import_not_found: 'not_found',
  api_key_not_found: 'not_found',
  webhook_url_not_allowed: 'unprocessable',
  too_many_webhook_endpoints: 'conflict',
  webhook_endpoint_disabled: 'conflict',
  idempotency_conflict: 'conflict',
  payment_refunded: 'conflict',
  fee_already_waived: 'conflict',
  payment_not_refundable: 'conflict',
  plan_exists: 'conflict',
  plan_busy: 'conflict',
  plan_not_active: 'conflict',
  plan_not_automatic: 'conflict',
  installment_not_found: 'not_found',
  installment_busy: 'conflict',
  installment_closed: 'conflict',
  nothing_to_change: 'conflict',
  move_out_of_window: 'unprocessable',
  locked_out: 'rate_limited',
  payment_in_progress: 'rate_limited',
  too_many_declines: 'rate_limited',
  too_many_plans: 'rate_limited',
  too_many_estimates: 'rate_limited',
  too_many_copies: 'rate_limited',
  too_many_requests: 'rate_limited',
  payments_unavailable: 'unavailable',
  processor_unavailable: 'unavailable',
  // Message preferences (preferences/).
  no_address: 'unprocessable',
  code_invalid: 'unprocessable',
  code_expired: 'conflict',
  verification_not_found: 'not_found',
  paperless_needs_channel: 'conflict',
  too_many_codes: 'rate_limited',
  too_many_attempts: 'rate_limited',
} as const satisfies Record<string, RefusalKind>;

/** A plan rule a choice breaks (`balance_too_small`, ...) is refused under the rule's own code. */
export type DomainErrorCode = keyof typeof KIND_OF_CODE | PlanRuleCode;

/** Fields beside code and message the client acts on (retryAt, declineCode, amount bounds), as `ApiErrorBodySchema` defines them. */
export type RefusalDetails = Partial<Pick<ApiErrorBody['error'], 'retryAt' | 'stepUp' | 'declineCode' | 'paymentId' | 'minimumCents' | 'maximumCents' | 'param' | 'planRules'>>;

export interface DomainErrorOptions {
  readonly issues?: readonly ApiIssue[] | undefined;
  readonly details?: RefusalDetails | undefined;
  /** When trying again may succeed, in seconds. */
  readonly retryAfterSeconds?: number | undefined;
}

/** A refusal of the domain (a rule, a missing record, a busy resource), with the API's error code. */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  readonly kind: RefusalKind;
  readonly issues: readonly ApiIssue[];
  readonly details: RefusalDetails;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    options: DomainErrorOptions = {},
  ) {
    super(message);
    this.kind = (KIND_OF_CODE as Readonly<Record<string, RefusalKind>>)[code] ?? 'unprocessable';
    this.issues = options.issues ?? [];
    this.details = options.details ?? {};
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** Whether a refusal may pass by itself (the processor was unreachable, a limit's window): try again later. */
export function isTemporary(error: DomainError): boolean {
  return error.kind === 'unavailable' || error.kind === 'rate_limited';
}

