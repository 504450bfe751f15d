import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** One step of a flow as the browser's history holds it: no Bill ID, birth date or token, ever. */
export interface StepEntry<Step extends string> {
  readonly step: Step;
  /** Which run through the flow (e.g. which payment) the step belongs to. */
  readonly flow: number;
  /** Where in history the flow wrote it (its `at`): two entries of a flow are the same step only if written together. */
  readonly index: number;
}

export interface StepHistoryOptions<Step extends string> {
  /** The key the flow's entries are kept under in `history.state`, beside whatever the page keeps there. */
  readonly key: string;
  /** Back or Forward arrived at `entry`: show it (without recording a step). */
  readonly onStep: (entry: StepEntry<Step>, direction: -1 | 1) => void;
}

/** Where in history an entry is, shared by every flow on the page, to tell Back from Forward. */
const AT = 'billpay-at';

/** The flows on the page now, by key: a flow's entries carry those of the flows it is inside of. */
const open = new Map<string, Element>();

/**
 * Makes a flow's steps browser history entries, so Back and Forward move between them rather than
 * leave the page. Only `history.state` is written: the address does not change, so nothing about
 * the patient ends up in it. The host records each step the patient takes (`push`), and shows
 * what `onStep` is handed; a step it can no longer show (a finished payment's review) it passes
 * over with `skip`, in the direction the patient was going.
 *
 * Flows nest (`<plan-builder>` in `<bill-pay>`) and sit side by side: each keeps its entries under
 * its own key, and an entry a flow pushes keeps the page's state and the entries of the flows it is
 * inside of, so they see no change of step on Back or Forward through it. A popstate is a flow's
 * only when its own entry changed; the first render writes no entry (`start` replaces).
 */
export class StepHistory<Step extends string> implements ReactiveController {
  readonly #host: ReactiveControllerHost & Element;
  readonly #options: StepHistoryOptions<Step>;
  /** Where in history the patient last was, as far as this flow saw. */
  #at = 0;
  /** The entry shown now, and the one before (for `skip`, which shows nothing). */
  #shown: StepEntry<Step> | undefined;
  #before: StepEntry<Step> | undefined;
  /** The place `stay` returns to: its popstate is not a step to show. */
  #returningTo: number | undefined;

  constructor(host: ReactiveControllerHost & Element, options: StepHistoryOptions<Step>) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    open.set(this.#options.key, this.#host);
    window.addEventListener('popstate', this.#onPopState);
  }

  hostDisconnected(): void {
    if (open.get(this.#options.key) === this.#host) open.delete(this.#options.key);
    window.removeEventListener('popstate', this.#onPopState);
  }

  /** The flow's first step, on the entry the page is already at (its own state is kept). */
  start(step: Step, flow = 0): void {
    this.#write('replace', step, flow);
  }

  /** The patient took a step: a new entry (any entries ahead of this one are dropped, as a browser does). */
  push(step: Step, flow = 0): void {
    this.#write('push', step, flow);
  }

  /** Goes on past an entry that cannot be shown any more, the way the patient was going. */
  skip(direction: -1 | 1): void {
    this.#shown = this.#before;
    history.go(direction);
  }

  /** Returns to the entry just left (the step cannot be left now, e.g. while a payment is being taken). */
  stay(direction: -1 | 1): void {
    this.#shown = this.#before;
    this.#returningTo = this.#at - direction;
    history.go(-direction);
  }

  #write(how: 'push' | 'replace', step: Step, flow: number): void {
    const state = isObject(history.state) ? history.state : {};
    const here = typeof state[AT] === 'number' ? state[AT] : this.#at;
    const at = how === 'push' ? here + 1 : here;
    const entry: StepEntry<Step> = { step, flow, index: at };
    const next = { ...(how === 'push' ? this.#kept(state) : state), [AT]: at, [this.#options.key]: entry };
    if (how === 'push') history.pushState(next, '');
    else history.replaceState(next, '');
    this.#at = at;
    this.#shown = entry;
  }

  /** What a new entry keeps of the current one: the page's state and the entries of the flows around this one. */
  #kept(state: Record<string, unknown>): Record<string, unknown> {
    const kept: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(state)) {
      const flow = open.get(key);
      const stepEntry = isObject(value) && 'step' in value && 'index' in value;
      if (!stepEntry || (flow && flow !== this.#host && inside(this.#host, flow))) kept[key] = value;
    }
    return kept;
  }

  #entryOf(state: unknown): StepEntry<Step> | undefined {
    if (!isObject(state)) return undefined;
    const entry = state[this.#options.key];
    if (!isObject(entry) || typeof entry.step !== 'string' || typeof entry.flow !== 'number' || typeof entry.index !== 'number') return undefined;
    return entry as unknown as StepEntry<Step>;
  }

  #onPopState = (event: PopStateEvent): void => {
    const at = isObject(event.state) && typeof event.state[AT] === 'number' ? event.state[AT] : undefined;
    const direction = at !== undefined && at < this.#at ? -1 : 1;
    if (at !== undefined) this.#at = at;
    const entry = this.#entryOf(event.state);
    const returned = at !== undefined && this.#returningTo === at;
    this.#returningTo = undefined;
    // Not this flow's entry, or the step it shows now (another flow's step changed): nothing to do.
    if (!entry || returned || sameEntry(entry, this.#shown)) return;
    this.#before = this.#shown;
    this.#shown = entry;
    this.#options.onStep(entry, direction);
  };
}

function sameEntry<Step extends string>(a: StepEntry<Step>, b: StepEntry<Step> | undefined): boolean {
  return Boolean(b) && a.step === b!.step && a.flow === b!.flow && a.index === b!.index;
}

/** Whether `inner` is inside `outer`, through shadow roots too. */
function inside(inner: Node, outer: Node): boolean {
  for (let node: Node | null = inner; node; node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null)) {
    if (node === outer) return true;
  }
  return false;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
