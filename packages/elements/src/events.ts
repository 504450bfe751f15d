import type { Practice } from '@billpay/sdk';

/**
 * Every event the elements emit, declared once. Augmenting `GlobalEventHandlersEventMap` types
 * `addEventListener('billpay-ready', e => e.detail.practice)` for everyone using the elements.
 */
export interface BillPayEventMap {
  /** The practice has loaded and the flow can be used. */
  'billpay-ready': CustomEvent<{ practice: Practice }>;
  /** Something failed that the person cannot fix by editing a field. */
  'billpay-error': CustomEvent<{ code: string; message: string }>;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- interface merging is how the map is extended
  interface GlobalEventHandlersEventMap extends BillPayEventMap {}
}
