import type { Account, LookupIntent, Payment, Plan, Practice } from '@billpay/sdk';
import type { Estimate, MessagePreferences } from '@billpay/sdk';

/**
 * Every event the elements emit, declared once. Augmenting `GlobalEventHandlersEventMap` types
 * `addEventListener('billpay-ready', e => e.detail.practice)` for everyone using the elements.
 */
export interface BillPayEventMap {
  /** The practice has loaded and the flow can be used. */
  'billpay-ready': CustomEvent<{ practice: Practice }>;
  /** Something failed that the person cannot fix by editing a field. */
  'billpay-error': CustomEvent<{ code: string; message: string }>;
  /** `<bill-lookup>` found a bill; the session for its account is open in the client. */
  'bill-lookup-success': CustomEvent<{ account: Account; intent?: LookupIntent }>;
  /** The session ended (15 minutes idle, or revoked); the patient must find the bill again. */
  'billpay-session-expired': CustomEvent<Record<string, never>>;
  /** `<bill-summary>`: the patient canceled their payment plan. `detail.account` is the account as it now is. */
  'plan-canceled': CustomEvent<{ account: Account }>;
  /** `<good-faith-estimate>` issued the estimate the patient asked for. `detail.estimate` is the estimate. */
  'estimate-issued': CustomEvent<{ estimate: Estimate }>;
  /** `<pay-form>` took a payment (a bank payment is then processing). `detail.payment` is the receipt. */
  'payment-succeeded': CustomEvent<{ payment: Payment }>;
  /**
   * `<pay-form>` moved to another step because the patient asked (Review, Change, Pay, or a decline
   * back to the form); not for `showStep()`. A flow records it as a history entry.
   */
  'pay-form-step': CustomEvent<{ step: 'form' | 'review' | 'receipt' }>;
  /** `<pay-form>` could not take a payment: declined (`code` is the reason), refused or unreachable. */
  'payment-failed': CustomEvent<{ code: string; message: string }>;
  /** `<plan-builder>` set up a payment plan. `detail.plan` is the plan with its whole schedule. */
  'plan-created': CustomEvent<{ plan: Plan }>;
  /** `<plan-builder mode="change-method">` changed the plan's payment method. `detail.plan` is the plan as it now is. */
  'plan-method-changed': CustomEvent<{ plan: Plan }>;
  /** `<message-preferences>`: the patient changed a preference. `detail.preferences` is how they now are. */
  'message-preferences-changed': CustomEvent<{ preferences: MessagePreferences }>;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- interface merging is how the map is extended
  interface GlobalEventHandlersEventMap extends BillPayEventMap {}
}
