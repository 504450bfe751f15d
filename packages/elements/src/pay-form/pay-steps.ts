/**
 * `<pay-form>`'s steps as a pure reducer: the form, the review of exactly what will be charged, the
 * receipt. The element applies what the patient did (and what the API answered) here, then moves
 * focus and fires `pay-form-step`; the reducer touches no DOM.
 */
export type PayStep = 'form' | 'review' | 'receipt';

export type PayStepEvent =
  /** The method became a token: the review shows what will be charged. */
  | { readonly type: 'reviewed' }
  /** Change on the review, or a payment refused (declined, amount, other): back to the form. */
  | { readonly type: 'changed' }
  | { readonly type: 'refused' }
  /** The payment was taken, or a flow shows a receipt again. */
  | { readonly type: 'paid' }
  /** An empty form for the same account. */
  | { readonly type: 'reset' }
  /** A flow going Back or Forward asks for a step (see `canShow`). */
  | { readonly type: 'shown'; readonly step: 'form' | 'review' };

export function payStep(_step: PayStep, event: PayStepEvent): PayStep {
  switch (event.type) {
    case 'reviewed':
      return 'review';
    case 'changed':
    case 'refused':
    case 'reset':
      return 'form';
    case 'paid':
      return 'receipt';
    case 'shown':
      return event.step;
  }
}

/**
 * Whether a flow going Back or Forward may show a step: `busy` while a payment is being taken (the
 * review stays), `gone` once a payment is made or when there is no review to show.
 */
export function canShow(step: 'form' | 'review', held: { readonly paying: boolean; readonly paid: boolean; readonly reviewed: boolean }): 'shown' | 'gone' | 'busy' {
  if (held.paying) return 'busy';
  if (held.paid || (step === 'review' && !held.reviewed)) return 'gone';
  return 'shown';
}
