/**
 * What the patient has chosen and typed in `<plan-builder>`, and the problems shown: the values
 * (the number of payments and the amount of each follow each other, the first date follows the
 * down payment until the patient sets it), the fields left, the problems only the processor or the
 * server could see, and the handlers of the fields' events.
 */
import { parseMoney, type PlanFrequency, type PlanOptions } from '@billpay/sdk';
import type { ReactiveControllerHost } from 'lit';
import { CAPTURE_INPUT, EMPTY_CAPTURE, EMPTY_CARD, captureSlots, capturedInput, checkAsTyped, type CaptureSlot, type CaptureValues, type CardCapture } from '../payment-method/capture.js';
import {
  PLAN_SLOTS,
  dateInWindow,
  evaluate,
  follow,
  plainMoney,
  shownIssues,
  type Driver,
  type Evaluation,
  type Issues,
  type PayMode,
  type PlanSlot,
  type Slot,
  type TextField,
  type Values,
} from './plan-model.js';

const DATE_FIELDS = ['month', 'day', 'year'] as const;

export class PlanEntry {
  readonly #host: ReactiveControllerHost;
  readonly #options: () => PlanOptions | undefined;
  readonly #cardCapture: () => CardCapture;
  readonly #onPlanChanged: () => void;
  #values: Values = { down: '', frequency: 'monthly', count: '', amount: '', driver: 'count', month: '', day: '', year: '', mode: '', ...EMPTY_CAPTURE };
  /** Problems the patient has been shown (a field left, or Review plan selected). */
  #touched = new Set<Slot>();
  /** Problems found outside the form's own checks (the processor, the server); cleared by editing. */
  #sticky: Issues = {};
  #dateTouched = false;

  /** `options`, `cardCapture`: the host's, as they are when asked; `onPlanChanged`: told when a choice of the plan changes. */
  constructor(host: ReactiveControllerHost, options: () => PlanOptions | undefined, cardCapture: () => CardCapture, onPlanChanged: () => void) {
    this.#host = host;
    this.#options = options;
    this.#cardCapture = cardCapture;
    this.#onPlanChanged = onPlanChanged;
  }

  get values(): Values {
    return this.#values;
  }

  set values(values: Values) {
    this.#values = values;
    this.#host.requestUpdate();
  }

  /** Problems found by the processor or the server, by field. */
  get sticky(): Issues {
    return this.#sticky;
  }

  set sticky(sticky: Issues) {
    this.#sticky = sticky;
    this.#host.requestUpdate();
  }

  set<K extends keyof Values>(field: K, value: Values[K]): void {
    this.values = { ...this.#values, [field]: value };
  }

  /** Shows these fields' problems from now on. */
  touch(...slots: Slot[]): void {
    this.#touched = new Set([...this.#touched, ...slots]);
    this.#host.requestUpdate();
  }

  /** The problem the processor or the server found with `slot` no longer applies. */
  forget(slot: Slot): void {
    if (slot in this.#sticky) this.sticky = Object.fromEntries(Object.entries(this.#sticky).filter(([key]) => key !== slot));
  }

  /** Card data is never kept after a refusal. */
  clearCard(): void {
    this.values = { ...this.#values, ...EMPTY_CARD };
  }

  /** Checks everything, as Review plan does: every problem of the plan and of the method for automatic payments is shown from now on. */
  checkAll(): { evaluation: Evaluation; shown: Issues } {
    const { mode } = this.#values;
    this.touch(...PLAN_SLOTS, ...(mode === 'bank' || mode === 'card' ? captureSlots(mode, this.#cardCapture()) : []));
    const evaluation = this.evaluate();
    return { evaluation, shown: this.shown(evaluation) };
  }

  /** Checks the way to pay and the method's fields only (a plan's payment method changing): the problems shown from now on. */
  checkMethod(): Issues {
    const { mode } = this.#values;
    this.touch('mode', ...(mode === 'bank' || mode === 'card' ? captureSlots(mode, this.#cardCapture()) : []));
    return this.shown(this.evaluate());
  }

  evaluate(): Evaluation {
    return evaluate(this.#values, this.#options(), this.#cardCapture());
  }

  /** The problems to show for `evaluation`. */
  shown(evaluation: Evaluation): Issues {
    return shownIssues(evaluation, this.#sticky, this.#touched);
  }

  onInput = (field: TextField, slot: Slot) => {
    return (event: InputEvent) => {
      const input = event.target as HTMLInputElement;
      this.#typed(field, slot, field in EMPTY_CAPTURE ? capturedInput(field as keyof CaptureValues, input) : input.value);
    };
  };

  onDateInput = (part: 0 | 1 | 2, value: string) => {
    this.#typed(DATE_FIELDS[part], 'firstDate', value);
  };

  onBlur = (slot: Slot) => {
    return (event: FocusEvent) => {
      const input = event.target as HTMLInputElement;
      if (slot === 'amount' || slot === 'down') {
        // "50" becomes "50.00" once the patient moves on.
        const parsed = parseMoney(input.value);
        if (parsed.ok) this.set(slot, plainMoney(parsed.cents));
      }
      // A date is judged once the patient leaves its last part, not while moving between them.
      if (slot === 'firstDate') {
        const next = event.relatedTarget as Element | null;
        if (next && ['first-month', 'first-day', 'first-year'].includes(next.id)) return;
      }
      if (input.value.trim() || this.#touched.has(slot)) this.touch(slot);
    };
  };

  chooseFrequency = (event: Event) => {
    this.set('frequency', (event.target as HTMLInputElement).value as PlanFrequency);
    this.#planChanged();
    this.#follow(this.#values.driver);
  };

  /** Once the policy and the practice say which ways to pay are offered: one of them, and the only one chosen for the patient. */
  keepModeOffered(modes: readonly PayMode[]): void {
    const { mode } = this.#values;
    if (mode && !modes.includes(mode)) this.set('mode', '');
    if (modes.length === 1 && mode !== 'manual') this.set('mode', 'manual');
  }

  /** A payment method changing: one of the automatic ways offered, chosen for the patient when there is one only. */
  keepMethodOffered(modes: readonly PayMode[]): void {
    const { mode } = this.#values;
    const kept = mode && modes.includes(mode) ? mode : modes.length === 1 ? modes[0]! : '';
    if (kept !== mode) this.set('mode', kept);
  }

  chooseMode(mode: Values['mode']): void {
    this.set('mode', mode);
    this.#planChanged();
  }

  /** What follows a change typed into a field: the linked fields, the date, the messages. */
  #typed(field: TextField, slot: Slot, value: string) {
    this.set(field, value);
    this.forget(slot);
    if (field === 'count' || field === 'amount') {
      this.set('driver', field);
      this.#follow(field);
    }
    if (field === 'down') {
      // With a down payment the first installment comes tomorrow at the earliest: an untouched date follows.
      if (!this.#dateTouched) this.values = dateInWindow(this.#values, this.#options());
      this.#follow(this.#values.driver);
    }
    if (field === 'month' || field === 'day' || field === 'year') this.#dateTouched = true;
    if (PLAN_SLOTS.includes(slot as PlanSlot)) this.#planChanged();
    if (slot in CAPTURE_INPUT && checkAsTyped(slot as CaptureSlot, value)) this.touch(slot);
  }

  #follow(driver: Driver) {
    this.values = follow(this.#values, this.#options(), this.#cardCapture(), driver);
  }

  /** A change to the plan's choices: what the server said about the last plan no longer applies. */
  #planChanged() {
    this.sticky = Object.fromEntries(Object.entries(this.#sticky).filter(([slot]) => !PLAN_SLOTS.includes(slot as PlanSlot)));
    this.#onPlanChanged();
  }
}
