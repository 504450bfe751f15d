import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** One step of a flow as the browser's history holds it: no Bill ID, birth date or token, ever. */
export interface StepEntry<Step extends string> {
  readonly step: Step;
  /** Which run through the flow (e.g. which payment) the step belongs to. */
  readonly flow: number;
  /** Its place in this flow's history, to tell Back from Forward. */
  readonly index: number;
}

export interface StepHistoryOptions<Step extends string> {
  /** The key the entries are kept under in `history.state`, beside whatever the page keeps there. */
  readonly key: string;
  /** Back or Forward arrived at `entry`: show it (without recording a step). */
  readonly onStep: (entry: StepEntry<Step>, direction: -1 | 1) => void;
}

/**
 * Makes a flow's steps browser history entries, so Back and Forward move between them rather than
 * leave the page. Only `history.state` is written: the address does not change, so nothing about
 * the patient ends up in it. The host records each step the patient takes (`push`), and shows
 * what `onStep` is handed; a step it can no longer show (a finished payment's review) it passes
 * over with `skip`, in the direction the patient was going.
 */
export class StepHistory<Step extends string> implements ReactiveController {
  readonly #options: StepHistoryOptions<Step>;
  #index = 0;
  /** The entry `stay` returns to: its popstate is not a step to show. */
  #returningTo: number | undefined;

  constructor(host: ReactiveControllerHost, options: StepHistoryOptions<Step>) {
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('popstate', this.#onPopState);
  }

  hostDisconnected(): void {
    window.removeEventListener('popstate', this.#onPopState);
  }

  /** The flow's first step, on the entry the page is already at (its own state is kept). */
  start(step: Step, flow = 0): void {
    const current = this.#entryOf(history.state);
    this.#index = current?.index ?? 0;
    this.#write('replace', step, flow);
  }

  /** The patient took a step: a new entry (any entries ahead of this one are dropped, as a browser does). */
  push(step: Step, flow = 0): void {
    this.#index++;
    this.#write('push', step, flow);
  }

  /** Goes on past an entry that cannot be shown any more, the way the patient was going. */
  skip(direction: -1 | 1): void {
    history.go(direction);
  }

  /** Returns to the entry just left (the step cannot be left now, e.g. while a payment is being taken). */
  stay(direction: -1 | 1): void {
    this.#returningTo = this.#index - direction;
    history.go(-direction);
  }

  #write(how: 'push' | 'replace', step: Step, flow: number): void {
    const entry: StepEntry<Step> = { step, flow, index: this.#index };
    const own = how === 'replace' && isObject(history.state) ? history.state : {};
    const state = { ...own, [this.#options.key]: entry };
    if (how === 'push') history.pushState(state, '');
    else history.replaceState(state, '');
  }

  #entryOf(state: unknown): StepEntry<Step> | undefined {
    if (!isObject(state)) return undefined;
    const entry = state[this.#options.key];
    if (!isObject(entry) || typeof entry.step !== 'string' || typeof entry.flow !== 'number' || typeof entry.index !== 'number') return undefined;
    return entry as unknown as StepEntry<Step>;
  }

  #onPopState = (event: PopStateEvent): void => {
    const entry = this.#entryOf(event.state);
    if (!entry) return;
    const direction = entry.index < this.#index ? -1 : 1;
    this.#index = entry.index;
    const returned = this.#returningTo === entry.index;
    this.#returningTo = undefined;
    if (!returned) this.#options.onStep(entry, direction);
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
