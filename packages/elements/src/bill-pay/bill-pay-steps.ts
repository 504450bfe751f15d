/**
 * `<bill-pay>`'s steps as a pure reducer: which view of the account is shown (its bill, paying it,
 * a payment plan), whether the lookup is back in front of it, and what Back or Forward does when it
 * reaches a step. The element applies it, then loads parts, moves focus and talks to the API; the
 * reducer touches no DOM.
 */
import type { Payment } from '@billpay/sdk';

/** The flow's steps as Back and Forward know them; `pay`, `review` and `receipt` are `<pay-form>`'s. */
export type FlowStep = 'lookup' | 'bill' | 'pay' | 'review' | 'receipt' | 'plan';

export interface FlowView {
  /** Which view of the account: its bill, paying it (form, review, receipt), or setting up a payment plan. */
  readonly view: 'bill' | 'pay' | 'plan';
  /** A payment was made since the bill was last shown: the bill is loaded again. */
  readonly paid: boolean;
  /** Back from the bill to the lookup: shown while the account is kept, so Forward returns to it. */
  readonly showLookup: boolean;
  /** The session ended: the lookup says so. */
  readonly sessionEnded: boolean;
}

export const START: FlowView = { view: 'bill', paid: false, showLookup: false, sessionEnded: false };

export type FlowEvent =
  /** A bill was found: its bill is shown. */
  | { readonly type: 'found' }
  /** The bill (again), the payment form, or the plan builder. */
  | { readonly type: 'bill' }
  | { readonly type: 'pay' }
  | { readonly type: 'plan' }
  /** A payment was taken. */
  | { readonly type: 'paid' }
  /** Back to the lookup: `kept` while the account is kept (Forward returns to it). */
  | { readonly type: 'lookup'; readonly kept: boolean }
  /** Back or Forward went on from the lookup to another step. */
  | { readonly type: 'lookupLeft' }
  /** The session ended, or the patient started over. */
  | { readonly type: 'expired' }
  | { readonly type: 'startedOver' };

export function flowView(state: FlowView, event: FlowEvent): FlowView {
  switch (event.type) {
    case 'found':
      return { ...state, view: 'bill', showLookup: false, sessionEnded: false };
    case 'bill':
      return { ...state, view: 'bill', paid: false, showLookup: false };
    case 'pay':
      return { ...state, view: 'pay', paid: false, showLookup: false };
    case 'plan':
      return { ...state, view: 'plan', showLookup: false };
    case 'paid':
      return { ...state, paid: true };
    case 'lookup':
      return { ...state, showLookup: event.kept, view: event.kept ? state.view : 'bill' };
    case 'lookupLeft':
      return { ...state, showLookup: false };
    case 'expired':
      return { ...state, view: 'bill', sessionEnded: true };
    case 'startedOver':
      return { ...state, sessionEnded: false };
  }
}

/** What Back or Forward does on reaching a step. */
export type HistoryAction =
  | { readonly do: 'lookup' }
  | { readonly do: 'bill' }
  | { readonly do: 'plan' }
  /** A payment made in that flow: its receipt again. */
  | { readonly do: 'receipt'; readonly payment: Payment }
  /** The form or review of the flow: `current` when it is the one on screen. */
  | { readonly do: 'pay'; readonly step: 'form' | 'review'; readonly current: boolean }
  /** The step is gone (a finished payment's form and review, or a receipt never made): pass over it. */
  | { readonly do: 'skip' };

export interface HistoryHeld {
  readonly hasAccount: boolean;
  readonly view: FlowView['view'];
  /** The flow the pay steps shown belong to. */
  readonly flow: number;
  /** The payment made in a flow, if one was. */
  readonly made: { readonly flow: number; readonly payment: Payment } | undefined;
}

export function historyAction(step: FlowStep, flow: number, held: HistoryHeld): HistoryAction {
  if (step === 'lookup' || !held.hasAccount) return { do: 'lookup' };
  if (step === 'bill') return { do: 'bill' };
  if (step === 'plan') return { do: 'plan' };
  const made = held.made?.flow === flow ? held.made.payment : undefined;
  if (step === 'receipt') return made ? { do: 'receipt', payment: made } : { do: 'skip' };
  if (made) return { do: 'skip' };
  return { do: 'pay', step: step === 'review' ? 'review' : 'form', current: held.view === 'pay' && held.flow === flow };
}
