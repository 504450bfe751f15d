// Loaded with the transport (api/request.ts), not with the error classes: the first screen's
// guards (`@billpay/sdk/checks`) stay free of the list and of zod.
import { PlanRuleCodeSchema, type PlanRuleCode } from '../schemas.js';

/**
 * The codes of the API's refusals that have no error class of their own (those are in `SdkError`).
 * A code this version of the SDK does not know (from a newer server) is `unknown_error`, with the
 * server's own code in `ApiError.serverCode`.
 */
export const API_ERROR_CODES = [
  'invalid_request',
  'invalid_json',
  'unsupported_media_type',
  'payload_too_large',
  'origin_not_allowed',
  'browser_not_allowed',
  'not_found',
  'practice_not_found',
  'statement_not_found',
  'payment_not_found',
  'plan_not_found',
  'estimate_not_found',
  'estimates_unavailable',
  'estimate_lookup_failed',
  'too_many_estimates',
  'too_many_copies',
  'too_many_requests',
  'too_many_declines',
  'payments_unavailable',
  'processor_unavailable',
  'unavailable',
  'busy',
  'idempotency_key_required',
  'idempotency_key_reserved',
  'idempotency_conflict',
  'payment_in_progress',
  'payment_refunded',
  'invalid_token',
  'token_already_used',
  'autopay_method_unavailable',
  'plan_busy',
  'plan_exists',
  'plan_not_active',
  'plan_not_automatic',
  'plans_not_offered',
  'too_many_plans',
  'paid_off',
  // The practice API (`/admin/v1`) and the console's (`/console/api`).
  'insufficient_scope',
  'insufficient_role',
  // Someone saved the practice's settings since they were read (`PUT /admin/v1/settings`).
  'settings_changed',
  'staff_session_required',
  'csrf_token_invalid',
  'sign_in_failed',
  'sign_in_locked',
  'enrolment_invalid',
  'totp_invalid',
  'totp_not_started',
  'passkey_invalid',
  'staff_not_found',
  'staff_exists',
  'invalid_email',
  'account_not_found',
  // Nothing to send a message to (a statement again, a plan's method link): the account has no email address.
  'no_email',
  'fee_not_found',
  'fee_already_waived',
  'payment_not_refundable',
  'amount_exceeds_refundable',
  'refund_failed',
  'installment_not_found',
  'installment_busy',
  'installment_closed',
  'nothing_to_change',
  'move_out_of_window',
  'webhook_endpoint_not_found',
  'webhook_delivery_not_found',
  'webhook_url_not_allowed',
  'webhook_endpoint_disabled',
  'too_many_webhook_endpoints',
  'import_not_found',
  'api_key_not_found',
  'not_ready',
  // Message preferences: a code to turn a channel on, and paperless statements.
  'no_address',
  'too_many_codes',
  'code_invalid',
  'code_expired',
  'too_many_attempts',
  'verification_not_found',
  'paperless_needs_channel',
  'internal',
  'http_error',
  'unknown_error',
] as const;

/** A plan rule's code comes as an `ApiError` when the refusal lists no `planRules` (a staff plan change). */
export type ApiErrorCode = (typeof API_ERROR_CODES)[number] | PlanRuleCode;

let known: ReadonlySet<string> | undefined;

/** The server's code as an `ApiErrorCode`: itself when this SDK knows it, else `unknown_error`. */
export function apiErrorCodeOf(code: string): ApiErrorCode {
  known ??= new Set<string>([...API_ERROR_CODES, ...PlanRuleCodeSchema.options]);
  return (known.has(code) ? code : 'unknown_error') as ApiErrorCode;
}

