/**
 * `<plan-builder>`'s steps as a pure reducer: the form, the review of exactly the plan that is set
 * up, the plan once set up. The element applies what the patient did (and what the API answered)
 * here, then moves focus and records the step in history; the reducer touches no DOM.
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
  | { readonly type: 'created' }
  /** Back or Forward arrived at a step (see `historyStep`). */
  | { readonly type: 'shown'; readonly step: PlanStep };

export function planStep(_step: PlanStep, event: PlanStepEvent): PlanStep {
  switch (event.type) {
    case 'reviewed':
      return 'review';
    case 'changed':
    case 'refused':
      return 'form';
    case 'created':
      return 'done';
    case 'shown':
      return event.step;
  }
}

/**
 * What Back or Forward to a step does: `stay` while the plan is being set up (the review stays),
 * `skip` once a plan is set up (its form and review are gone: no plan is made twice) or when the
 * review asked for is not the one held, `show` otherwise.
 */
export function historyStep(
  step: PlanStep,
  held: { readonly submitting: boolean; readonly created: boolean; readonly review: number | undefined },
  flow: number,
): 'show' | 'skip' | 'stay' {
  if (held.submitting) return 'stay';
  if (step === 'done') return held.created ? 'show' : 'skip';
  if (held.created || (step === 'review' && held.review !== flow)) return 'skip';
  return 'show';
}
