/**
 * What the patient has entered in `<pay-form>` and what is wrong with it: the values, the messages
 * shown, which fields were left, and the handlers of the fields' events. A message shows once its
 * field is left (or Review is selected) and is kept up to date as the field is fixed.
 */
import { formatMoney, parseMoney, type Account } from '@billpay/sdk';
import type { ReactiveControllerHost } from 'lit';
import { EMPTY_CAPTURE, EMPTY_CARD, captureSlots, capturedInput, checkAsTyped, checkCaptureSlot, type CaptureValues, type CardCapture } from '../payment-method/capture.js';
import { chosenAmount, withIssue, type Issue, type Method, type Slot, type Values } from './pay-model.js';

export type Errors = Partial<Record<Slot, Issue>>;

export class PayEntry {
  readonly #host: ReactiveControllerHost;
  readonly #account: () => Account | undefined;
  readonly #cardCapture: () => CardCapture;
  #values: Values = { amountChoice: 'balance', otherAmount: '', method: 'card', ...EMPTY_CAPTURE };
  #errors: Errors = {};
  readonly #touched = new Set<Slot>();

  /** `account` and `cardCapture`: the host's, as they are when asked. */
  constructor(host: ReactiveControllerHost, account: () => Account | undefined, cardCapture: () => CardCapture) {
    this.#host = host;
    this.#account = account;
    this.#cardCapture = cardCapture;
  }

  get values(): Values {
    return this.#values;
  }

  set values(values: Values) {
    this.#values = values;
    this.#host.requestUpdate();
  }

  /** The messages shown, by field. */
  get errors(): Errors {
    return this.#errors;
  }

  set errors(errors: Errors) {
    this.#errors = errors;
    this.#host.requestUpdate();
  }

  set<K extends keyof Values>(field: K, value: Values[K]): void {
    this.values = { ...this.#values, [field]: value };
  }

  /** An empty form choosing `amountChoice`: no card or bank account numbers, no messages. */
  reset(amountChoice: string): void {
    this.values = { ...this.#values, amountChoice, otherAmount: '', ...EMPTY_CARD, bankRouting: '', bankAccount: '', bankAccountConfirm: '' };
    this.errors = {};
    this.#touched.clear();
  }

  /** Card data is never kept after a decline. */
  clearCard(): void {
    this.values = { ...this.#values, ...EMPTY_CARD };
  }

  /** The amount chosen, or the problem with it. */
  amount(): { cents: number; statementId: string | undefined } | { issue: Issue } {
    return chosenAmount(this.#values, this.#account());
  }

  /** Checks every field the chosen method needs, as Review does, and shows what is wrong: `true` when nothing is. */
  checkAll(): boolean {
    const method = this.#values.method;
    const slots: Slot[] = ['amount', ...(method === 'wallet' ? [] : captureSlots(method, this.#cardCapture()))];
    const errors: Errors = {};
    for (const slot of slots) {
      this.#touched.add(slot);
      const issue = this.#check(slot);
      if (issue) errors[slot] = issue;
    }
    this.errors = errors;
    return Object.keys(errors).length === 0;
  }

  #check(slot: Slot): Issue | undefined {
    if (slot === 'amount') {
      if (this.#values.amountChoice !== 'other') return undefined;
      const amount = this.amount();
      return 'issue' in amount ? amount.issue : undefined;
    }
    if (slot === 'authorization') return undefined;
    const code = checkCaptureSlot(this.#values, slot);
    return code ? { code } : undefined;
  }

  /** After a field is left (or, once shown, as it is fixed), its message is brought up to date. */
  #recheck(slot: Slot) {
    if (!this.#touched.has(slot) && !this.#errors[slot]) return;
    this.errors = withIssue(this.#errors, slot, this.#check(slot));
  }

  onInput = (field: keyof Values, slot: Slot) => {
    return (event: InputEvent) => {
      const input = event.target as HTMLInputElement;
      const value = field in EMPTY_CAPTURE ? capturedInput(field as keyof CaptureValues, input) : input.value;
      this.set(field, value);
      // The routing number is checked as soon as it has all 9 digits.
      if (slot !== 'amount' && slot !== 'authorization' && checkAsTyped(slot, value)) this.#touched.add(slot);
      this.#recheck(slot);
    };
  };

  onBlur = (slot: Slot) => {
    return (event: FocusEvent) => {
      if ((event.target as HTMLInputElement).value.trim()) this.#touched.add(slot);
      this.#recheck(slot);
    };
  };

  onAmountBlur = () => {
    const parsed = parseMoney(this.#values.otherAmount);
    // "50" becomes "50.00" and "1234.5" becomes "1,234.50" once the patient moves on.
    if (parsed.ok) this.set('otherAmount', formatMoney(parsed.cents).replace(/^\$/, ''));
    if (this.#values.otherAmount.trim()) this.#touched.add('amount');
    this.#recheck('amount');
  };

  chooseAmount = (event: Event) => {
    this.set('amountChoice', (event.target as HTMLInputElement).value);
    this.errors = withIssue(this.#errors, 'amount', undefined);
    // Focus stays on the radio, as in any radio group: the arrow keys choose (and fire change) as
    // they move, so moving focus into the amount field here would take the patient out of the group.
  };

  /** The method chosen stays one of those offered: else the first offered is. */
  keepMethodOffered(offered: ReadonlySet<Method>): void {
    if (offered.has(this.#values.method)) return;
    const first = (['card', 'bank', 'wallet'] as const).find((method) => offered.has(method));
    if (first) this.set('method', first);
  }

  chooseMethod(method: Method): void {
    this.set('method', method);
  }
}
