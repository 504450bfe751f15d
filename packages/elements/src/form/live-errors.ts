/**
 * Errors shown after a submit, kept in step with what the person does next, without waiting for
 * another submit. A form marks each answer's part (a field, or a fieldset for a date or a group of
 * choices) with `data-slot="<key>"` and sends its `input`, `change` and `focusout` events here:
 *
 * - an error goes as soon as its answer is right (the error summary's line with it);
 * - while the answer is still wrong in another way, its words change when the person leaves that
 *   answer (all of a date, not one box of it), not at every key, so nothing flickers as they type;
 * - a problem only the server could see (`fromServer`) stands until its own answer changes;
 * - an answer with no error shown gets none until the next submit: nobody is scolded mid-way.
 */

/** A problem with an answer: a code the dictionary words, and what it is about when the words name it. */
export interface FieldProblem {
  readonly code: string;
  readonly value?: string;
  /** Found by the server: the form cannot check it again, only see that its answer changed. */
  readonly fromServer?: boolean;
}

export type Problems<Key extends string, Problem extends FieldProblem = FieldProblem> = Partial<Record<Key, Problem>>;

/**
 * The errors to show once `event` has happened. `shown` is what is on screen; `now` is every problem
 * with the answers as they are now. Returns `shown` itself when nothing changes, so a Lit state set
 * from it does not render again.
 */
export function recheckErrors<Key extends string, Problem extends FieldProblem>(event: Event, shown: Problems<Key, Problem>, now: Problems<Key, Problem>): Problems<Key, Problem> {
  const part = event.target instanceof Element ? event.target.closest('[data-slot]') : null;
  const slot = part?.getAttribute('data-slot');
  const leaving = event.type === 'focusout';
  // Focus moving between the boxes of one date is not leaving the date.
  const committed = leaving && !(part && event instanceof FocusEvent && event.relatedTarget instanceof Node && part.contains(event.relatedTarget));
  const next: Problems<Key, Problem> = {};
  let changed = false;
  for (const key of Object.keys(shown) as Key[]) {
    const before = shown[key];
    if (!before) continue;
    const answered = slot === key && !leaving;
    const after = before.fromServer && !answered ? before : now[key];
    if (!after) {
      changed = true;
      continue;
    }
    const reworded = after.code !== before.code || after.value !== before.value || Boolean(after.fromServer) !== Boolean(before.fromServer);
    const replace = reworded && (committed || before.fromServer === true);
    if (replace) changed = true;
    next[key] = replace ? after : before;
  }
  return changed ? next : shown;
}
