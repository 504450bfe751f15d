import type { Account, Practice } from '@billpay/sdk';

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
  'bill-lookup-success': CustomEvent<{ account: Account }>;
  /** The session ended (15 minutes idle, or revoked); the patient must find the bill again. */
  'billpay-session-expired': CustomEvent<Record<string, never>>;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- interface merging is how the map is extended
  interface GlobalEventHandlersEventMap extends BillPayEventMap {}
}
