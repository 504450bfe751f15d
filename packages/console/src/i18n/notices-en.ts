/**
 * The English of an account's notices (the messages sent to the patient) and of sending a
 * statement again: loaded with the account page, never with the first screen. Its shape is the
 * contract Spanish (`notices-es.ts`) must fill in completely.
 */
export const noticesEn = {
  problems: {
    no_email: 'The account has no email address, so the statement cannot be sent. Add one to the practice’s records first.',
    address_unsubscribed: 'The patient’s email address asked for no more statement notices, so the statement was not sent.',
    idempotency_conflict: 'That click was already used to send another statement. Try again.',
  } as Record<string, string>,
  noticesTitle: 'Notices sent',
  noticesCaption: 'Messages sent or waiting for this account, newest first',
  noNotices: 'No messages have been sent to this patient.',
  colQueued: 'Queued',
  colMessage: 'Message',
  colChannel: 'Channel',
  colTo: 'To',
  colStatus: 'Status',
  kind: { statement_ready: 'Statement ready', payment_receipt: 'Receipt', plan_method_link: 'Link to change the plan’s payment method', plan_amount_notice: 'Notice of new plan payment amounts', plan_confirmation: 'Plan confirmation and authorization copy', installment_reminder: 'Plan payment reminder', installment_failed: 'Plan payment failed', plan_delinquent: 'Plan behind on payments', payment_returned: 'Bank payment returned', refund_issued: 'Refund issued', estimate_copy: 'Copy of a Good Faith Estimate' } as Record<string, string>,
  channel: { email: 'Email', sms: 'Text message' } as Record<string, string>,
  status: {
    pending: 'Waiting to be sent',
    held: 'Held in the outbox (no mail service set up)',
    sent: 'Sent',
    bounced: 'Bounced: the address refused it',
    failed: 'Failed',
    suppressed: 'Not sent: the address unsubscribed',
  } as Record<string, string>,
  /** A text held because no text message service is set up (`status.held` is said of email). */
  heldText: 'Held in the outbox (no text message service set up)',
  /** Why the last attempt did not go, after the status. */
  lastError: (status: string, reason: string) => `${status}. Last try: ${reason}`,
  reasons: {
    network: 'the service could not be reached',
    timeout: 'the service did not answer in time',
    practice_unknown: 'the practice is not configured',
    no_pay_page_url: 'the practice has no pay page address',
    statement_gone: 'the statement no longer exists',
    payment_gone: 'the payment no longer exists',
    render_failed: 'the message could not be written',
  } as Record<string, string>,
  smtpReason: (code: string) => `the mail server answered ${code}`,
  twilioReason: (code: string) => `Twilio error ${code}`,
  sentAt: (when: string) => `Sent ${when}`,
  resend: 'Send this statement again',
  resending: 'Sending…',
  resent: (to: string) => `The statement is queued for ${to} with a new pay link.`,
  methodLink: 'Send a link to change the payment method',
  methodLinkSent: (to: string) => `Link sent to ${to}. The patient enters the new payment method and accepts its authorization.`,
  methodLinkProblems: {
    no_email: 'The account has no email address, so the link cannot be sent. Add one to the practice’s records first.',
    plan_not_automatic: 'This plan is paid by hand: it has no automatic payment method to change.',
    plan_not_active: 'This plan is no longer running: there is no payment method to change.',
    idempotency_conflict: 'That click was already used for another plan. Try again.',
  } as Record<string, string>,
};

export type NoticesTranslation = typeof noticesEn;
