/**
 * The wire contract of an account's notices on the billing office's desk (issue 14):
 * `GET /admin/v1/accounts/{id}/messages`, a statement's notice sent again and a payment's receipt
 * emailed by staff. What, how, to an address masked, and how it went: never the message's body
 * nor its text-to-pay link.
 */
import * as z from 'zod/mini';

/** `plan_method_link`: the link for the patient to change their automatic plan's payment method. */
export const NoticeKindSchema = z.enum(['statement_ready', 'payment_receipt', 'plan_method_link', 'plan_amount_notice', 'plan_confirmation', 'installment_reminder', 'installment_failed', 'plan_delinquent', 'payment_returned', 'refund_issued']);
export const NoticeChannelSchema = z.enum(['email', 'sms']);
/** `pending`: waiting to go; `held`: kept in the outbox (no mail service configured); `suppressed`: the address unsubscribed. */
export const NoticeStatusSchema = z.enum(['pending', 'sent', 'held', 'failed', 'bounced', 'suppressed']);

export const AccountNoticeSchema = z.object({
  id: z.string(),
  kind: NoticeKindSchema,
  channel: NoticeChannelSchema,
  /** The address masked as search masks it: `r***@example.com`, `***-***-4477`. */
  to: z.string(),
  status: NoticeStatusSchema,
  /** The statement a statement-ready notice is about. */
  statementId: z.nullable(z.string()),
  /** The payment a receipt is for. */
  paymentId: z.nullable(z.string()),
  /** The plan a plan's message (`plan_method_link`, `plan_confirmation`, a reminder, ...) is for. */
  planId: z.optional(z.string()),
  createdAt: z.string(),
  sentAt: z.nullable(z.string()),
  /**
   * Why the last attempt did not go, as the outbox records it: `network`, `timeout`, the mail
   * server's answer (`smtp_550`), the text provider's error code (`twilio_21614`), ...
   */
  lastError: z.nullable(z.string()),
});

export const AccountNoticesSchema = z.object({ notices: z.array(AccountNoticeSchema) });

export type NoticeKind = z.infer<typeof NoticeKindSchema>;
export type NoticeStatus = z.infer<typeof NoticeStatusSchema>;
export type AccountNotice = z.infer<typeof AccountNoticeSchema>;
export type AccountNotices = z.infer<typeof AccountNoticesSchema>;
