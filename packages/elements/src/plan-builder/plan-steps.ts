/**
 * `<plan-builder>`'s steps as a pure reducer: the form, the review of exactly the plan that is set
 * up, the plan once set up. The element applies what the patient did (and what the API answered)
 * here, then moves focus; the reducer touches no DOM.
 */
export type PlanStep = 'form' | 'review' | 'done';

export type PlanStepEvent =
  /** The choices make a plan (and the method, if any, became a token): the review. */
  | { readonly type: 'reviewed' }
  /** Change on the review. */
  | { readonly type: 'changed' }
  /** The server refused the plan in a way the form must fix (rules, method, an expired token). */
  | { readonly type: 'refused' }
  /** The plan was set up. */
  | { readonly type: 'created' };

export function planStep(_step: PlanStep, event: PlanStepEvent): PlanStep {
  switch (event.type) {
    case 'reviewed':
      return 'review';
    case 'changed':
    case 'refused':
      return 'form';
    case 'created':
      return 'done';
  }
}
