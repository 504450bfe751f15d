/**
 * `<good-faith-estimate>`'s views as a pure reducer: the price list loading, the request form, "see
 * your estimate again", the estimate, or why there is no form. The element applies what happened
 * here, then moves focus; the reducer touches no DOM.
 */
import type { View } from './estimate-model.js';

export type EstimateViewEvent =
  /** An `estimate-id` was given, or the patient asked to see an estimate again. */
  | { readonly type: 'access' }
  /** A client to load the price list with (the patient's own view stays while it loads). */
  | { readonly type: 'loading' }
  /** The price list arrived. */
  | { readonly type: 'loaded' }
  /** The price list could not load: not published (`unavailable`) or not reachable. */
  | { readonly type: 'load-failed'; readonly unavailable: boolean }
  /** An estimate was issued, or found again. */
  | { readonly type: 'shown' }
  /** Another estimate: the form, or the price list loading first. */
  | { readonly type: 'new'; readonly priceListLoaded: boolean };

export function estimateView(view: View, event: EstimateViewEvent): View {
  switch (event.type) {
    case 'access':
      return 'access';
    case 'loading':
      return view === 'access' ? view : 'loading';
    case 'loaded':
      return view === 'loading' ? 'form' : view;
    case 'load-failed':
      if (view !== 'loading') return view;
      return event.unavailable ? 'unavailable' : 'load-error';
    case 'shown':
      return 'estimate';
    case 'new':
      return event.priceListLoaded ? 'form' : 'loading';
  }
}

/** The views Back and Forward move between: the request form, "see your estimate again", the estimate. */
export type EstimateStep = 'form' | 'access' | 'estimate';
