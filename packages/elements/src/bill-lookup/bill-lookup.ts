import { formatBillId, isLockedOutError, isLookupFailedError, isNetworkError, normalizeBillId, parseDateOfBirth, parseMoney } from '@billpay/sdk/checks';
import type { BillPayConnection } from '@billpay/sdk/connection';
import type { LookupInput } from '@billpay/sdk/lookup';
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { SessionBase } from '../base/session-base.js';
import { dateParts, datePartsStyles } from '../form/date-parts.js';
import { FormIssuesController, type SummaryContent } from '../form/form-issues.js';
import type { LookupIssueCode } from '../i18n/en.js';
import { whenOf } from '../i18n/format.js';
import type * as FirstScreenSdk from '../first-screen-sdk.js';
import { loadFirstScreenSdk } from '../load-first-screen-sdk.js';
import { formStyles } from '../styles/form.js';
import { tokens } from '../styles/shared.js';
import { billLookupStyles } from './bill-lookup.styles.js';
import { takeFromUrl } from './from-url.js';

type Field = 'billId' | 'month' | 'day' | 'year' | 'accountNumber' | 'lastName' | 'amountDue';
/** `link`: opened from a text-to-pay link, whose token stands for the Bill ID: only the date of birth is asked. */
type Mode = 'bill' | 'account' | 'link';

/** Where each field's problem is reported: the date's three inputs share one message. */
type ErrorSlot = 'billId' | 'dob' | 'accountNumber' | 'lastName' | 'amountDue';

/** What a lookup needs once the SDK has arrived; `unavailable` when it could not be fetched. */
type Prepared = { readonly connection: BillPayConnection | undefined; readonly findBill: typeof FirstScreenSdk.findBill } | 'unavailable';

/** The input that receives focus for a problem in a slot. */
const FIRST_INPUT: Record<ErrorSlot, string> = {
  billId: 'bill-id',
  dob: 'dob-month',
  accountNumber: 'account-number',
  lastName: 'last-name',
  amountDue: 'amount-due',
};

const DATE_FIELDS = ['month', 'day', 'year'] as const;

const EMPTY_VALUES: Record<Field, string> = { billId: '', month: '', day: '', year: '', accountNumber: '', lastName: '', amountDue: '' };

/**
 * Finds a patient's bill: the 12-digit Bill ID and date of birth from a paper statement, or the
 * account number and last name. Opened from a statement email's link (`#link=` in the page's
 * address), it asks only for the date of birth: the link's token stands for the Bill ID.
 *
 * @summary Find a bill by Bill ID and date of birth, or account number and last name.
 * @tag bill-lookup
 *
 * @fires bill-lookup-success - A bill was found. `detail.account` is the account; `detail.intent`, what the link it was found with was sent for beyond the bill (changing a plan's payment method).
 *
 * @csspart form - The form.
 * @csspart heading - The form's heading.
 * @csspart error-summary - The list of problems shown after a submit, and lookup failures.
 * @csspart input - Every text input.
 * @csspart submit-button - "Find my bill".
 * @csspart mode-button - The switch between Bill ID and account number.
 * @csspart help - "Where is my Bill ID?".
 *
 * @cssprop --billpay-color-accent - Buttons and links.
 * @cssprop --billpay-color-danger - Errors.
 */
export class BillLookup extends SessionBase {
  static override styles = [tokens, formStyles, datePartsStyles, billLookupStyles];

  /** A Bill ID to start with (e.g. from a QR code link). `#bill=` (or `?bill=`) in the page's URL also works. */
  @property({ attribute: 'bill-id' }) billId = '';

  /** A text-to-pay link's token, taken from `#link=` in the page's URL; kept in memory only. */
  private payLink = '';

  @state() private mode: Mode = 'bill';
  @state() private values: Record<Field, string> = EMPTY_VALUES;
  @state() private errors: Partial<Record<ErrorSlot, LookupIssueCode>> = {};
  @state() private failure: 'lookup_failed' | 'network' | 'other' | undefined;
  @state() private lockedUntil: Date | undefined;
  /** The bill is locked (not this address): the amount due on a statement gets the patient through. */
  @state() private stepUp = false;
  @state() private busy = false;
  /** A submit is waiting for the SDK or the practice (drawn before either arrived): a second press waits with it. */
  private preparing = false;
  private readonly issues = new FormIssuesController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    const token = takeFromUrl('link');
    if (/^[\w-]{22}$/.test(token)) {
      this.payLink = token;
      this.mode = 'link';
    }
    const fromLink = this.billId ? '' : takeFromUrl('bill');
    const initial = this.billId || fromLink;
    if (initial && !this.values.billId) this.values = { ...this.values, billId: groupDigits(initial) };
  }

  /** Clears what was typed and any messages; the mode stays. */
  reset(): void {
    this.values = EMPTY_VALUES;
    this.errors = {};
    this.failure = undefined;
    this.lockedUntil = undefined;
    this.stepUp = false;
    this.issues.hide();
  }

  private set(field: Field, value: string) {
    this.values = { ...this.values, [field]: value };
  }

  private onBillIdInput = (event: InputEvent) => {
    const input = event.target as HTMLInputElement;
    const raw = input.value;
    // Regroup in fours only while the text is digits and separators; anything else is left as
    // typed, so nothing the person entered disappears and the message can say what is wrong.
    if (/^[\d\s-]*$/.test(raw)) {
      const caret = input.selectionStart ?? raw.length;
      const digitsBeforeCaret = raw.slice(0, caret).replace(/\D/g, '').length;
      const grouped = groupDigits(raw);
      input.value = grouped;
      let position = 0;
      let seen = 0;
      while (position < grouped.length && seen < digitsBeforeCaret) {
        if (/\d/.test(grouped.charAt(position))) seen++;
        position++;
      }
      input.setSelectionRange(position, position);
      this.set('billId', grouped);
    } else {
      this.set('billId', raw);
    }
  };

  private onBillIdPaste = (event: ClipboardEvent) => {
    const text = event.clipboardData?.getData('text') ?? '';
    const normalized = normalizeBillId(text, 'none');
    if (normalized.ok) {
      event.preventDefault();
      this.set('billId', formatBillId(normalized.billId));
    }
  };

  private switchMode = () => {
    // Leaving a link's form forgets its token: the Bill ID takes its place.
    if (this.mode === 'link') this.payLink = '';
    this.mode = this.mode === 'bill' ? 'account' : 'bill';
    this.errors = {};
    this.failure = undefined;
    this.lockedUntil = undefined;
    this.stepUp = false;
    this.issues.hide();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('input')?.focus());
  };

  private validate(): { input?: LookupInput; errors: Partial<Record<ErrorSlot, LookupIssueCode>> } {
    const { input, errors } = this.validateIdentity();
    // The amount is asked for only while the bill is locked, and is optional even then: without
    // it the lookup is simply tried again (the lock may have ended).
    if (!this.stepUp || !this.values.amountDue.trim()) return { input, errors };
    const amount = parseMoney(this.values.amountDue);
    if (!amount.ok) return { errors: { ...errors, amountDue: 'amount_due.invalid' } };
    return { input: input && { ...input, amountDueCents: amount.cents }, errors };
  }

  private validateIdentity(): { input?: LookupInput; errors: Partial<Record<ErrorSlot, LookupIssueCode>> } {
    const v = this.values;
    if (this.mode === 'link') {
      const dob = parseDateOfBirth({ month: v.month, day: v.day, year: v.year });
      if (!dob.ok) return { errors: { dob: dob.issue } };
      return { input: { payLink: this.payLink, dateOfBirth: dob.date }, errors: {} };
    }
    if (this.mode === 'bill') {
      const errors: Partial<Record<ErrorSlot, LookupIssueCode>> = {};
      const billId = normalizeBillId(v.billId, this.contextPractice?.billIdCheckDigit ?? 'luhn');
      if (!billId.ok) errors.billId = billId.issue;
      const dob = parseDateOfBirth({ month: v.month, day: v.day, year: v.year });
      if (!dob.ok) errors.dob = dob.issue;
      if (billId.ok && dob.ok) return { input: { billId: billId.billId, dateOfBirth: dob.date }, errors };
      return { errors };
    }
    const errors: Partial<Record<ErrorSlot, LookupIssueCode>> = {};
    if (!v.accountNumber.trim()) errors.accountNumber = 'account.empty';
    if (!v.lastName.trim()) errors.lastName = 'last_name.empty';
    if (errors.accountNumber || errors.lastName) return { errors };
    return { input: { accountNumber: v.accountNumber.trim(), lastName: v.lastName.trim() }, errors };
  }

  /** The SDK and the connection to look up over; inside <bill-pay>, its practice too (for the check digit). */
  private async prepare(): Promise<Prepared> {
    try {
      const sdk = await loadFirstScreenSdk();
      const connection = this.client?.connection ?? this.contextConnection ?? sdk.connectionFromAttributes(this.api, this.practice);
      if (this.contextConnection && !this.contextPractice) await sdk.getPractice(this.contextConnection).catch(() => undefined);
      return { connection, findBill: sdk.findBill };
    } catch {
      return 'unavailable';
    }
  }

  private onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (this.busy || this.preparing) return;
    let checked = this.validate();
    // The form is drawn before the SDK and the practice arrive. What the patient typed is checked
    // at once; only a lookup (or a check digit, which the practice's scheme decides) waits for them.
    let prepared: Prepared | undefined;
    const practicePending = Boolean(this.contextConnection && !this.contextPractice);
    if (checked.input || (checked.errors.billId === 'bill_id.check_digit' && practicePending)) {
      this.preparing = true;
      prepared = await this.prepare();
      this.preparing = false;
      checked = this.validate();
    }
    const { input, errors } = checked;
    this.errors = errors;
    this.failure = input && prepared === 'unavailable' ? 'network' : undefined;
    this.lockedUntil = undefined;
    if (!input || !prepared || prepared === 'unavailable' || !prepared.connection) {
      await this.issues.show();
      return;
    }
    const { connection } = prepared;
    this.busy = true;
    this.issues.hide();
    try {
      const { account, intent } = await prepared.findBill(connection, input);
      this.busy = false;
      this.stepUp = false;
      this.emit('bill-lookup-success', { account, ...(intent ? { intent } : {}) });
    } catch (error) {
      this.busy = false;
      if (isLockedOutError(error)) {
        this.lockedUntil = error.retryAt;
        this.stepUp = error.stepUp === 'amount_due';
      } else {
        this.stepUp = false;
        this.failure = isLookupFailedError(error) ? 'lookup_failed' : isNetworkError(error) ? 'network' : 'other';
      }
      await this.issues.show();
    }
  };

  protected override render() {
    const { t } = this.localize;
    const level = String(this.headingLevelUpTo(6));
    // Every form of ours is sent by script; should one ever be sent by the browser itself (before
    // its handler is attached, say), method="post" keeps a date of birth and a Bill ID out of the URL.
    return html`
      <form part="form" method="post" novalidate @submit=${this.onSubmit} aria-labelledby="lookup-heading">
        <div id="lookup-heading" class="heading" part="heading" role="heading" aria-level=${level}>${t.lookupTitle}</div>
        <p class="intro">${this.mode === 'bill' ? t.lookupIntro : this.mode === 'link' ? t.lookupIntroLink : t.lookupIntroAccount}</p>
        ${this.issues.summary(this.summaryContent)}
        ${this.mode === 'bill' ? this.renderBillFields() : this.mode === 'link' ? this.renderDateOfBirth() : this.renderAccountFields()} ${this.stepUp ? this.renderAmountDue() : nothing}
        <div class="actions">
          <button type="submit" part="submit-button" aria-disabled=${this.busy ? 'true' : 'false'}>
            ${this.busy ? html`<span class="spinner" aria-hidden="true"></span>${t.findingBill}` : t.findBill}
          </button>
        </div>
        <button type="button" class="link" part="mode-button" @click=${this.switchMode}>
          ${this.mode === 'bill' ? t.useAccountNumber : this.mode === 'link' ? t.useBillIdNotLink : t.useBillId}
        </button>
        <p class="visually-hidden" role="status">${this.busy ? t.findingBill : ''}</p>
      </form>
    `;
  }

  private summaryContent = (): SummaryContent => {
    const { t, locale } = this.localize;
    const slots = (Object.keys(this.errors) as ErrorSlot[]).filter((slot) => this.errors[slot]);
    let message: string | undefined;
    if (this.lockedUntil) message = (this.stepUp ? t.lockedOutStepUp : t.lockedOut)(whenOf(this.lockedUntil, locale));
    else if (this.failure === 'lookup_failed') message = this.mode === 'bill' ? t.lookupFailedBill : this.mode === 'link' ? t.lookupFailedLink : t.lookupFailedAccount;
    else if (this.failure === 'network') message = t.lookupNetwork;
    else if (this.failure === 'other') message = t.lookupOther;
    return { title: t.errorSummaryTitle, failures: [message], lines: slots.map((slot) => ({ inputId: FIRST_INPUT[slot], text: t.issues[this.errors[slot]!] })) };
  };

  private renderError(slot: ErrorSlot) {
    const code = this.errors[slot];
    if (!code) return nothing;
    return html`<p id="${slot}-error" class="error"><span class="visually-hidden">${this.localize.t.errorPrefix}</span> ${this.localize.t.issues[code]}</p>`;
  }

  private describedBy(hint: string | undefined, slot: ErrorSlot): string {
    return [hint, this.errors[slot] ? `${slot}-error` : undefined].filter(Boolean).join(' ');
  }

  private renderBillFields() {
    const { t } = this.localize;
    return html`
      <div class="field ${this.errors.billId ? 'invalid' : ''}">
        <label for="bill-id">${t.billIdLabel}</label>
        <span id="bill-id-hint" class="hint">${t.billIdHint}</span>
        ${this.renderError('billId')}
        <input
          id="bill-id"
          part="input"
          name="bill-id"
          inputmode="numeric"
          autocomplete="off"
          spellcheck="false"
          .value=${this.values.billId}
          aria-describedby=${this.describedBy('bill-id-hint', 'billId')}
          aria-invalid=${this.errors.billId ? 'true' : 'false'}
          @input=${this.onBillIdInput}
          @paste=${this.onBillIdPaste}
        />
      </div>
      <details part="help">
        <summary>${t.whereIsBillId}</summary>
        <p>${t.whereIsBillIdAnswer}</p>
      </details>
      ${this.renderDateOfBirth()}
    `;
  }

  private renderDateOfBirth() {
    const { t } = this.localize;
    const dobInvalid = Boolean(this.errors.dob);
    return html`
      <fieldset class=${dobInvalid ? 'invalid' : ''} aria-describedby=${this.describedBy('dob-hint', 'dob')}>
        <legend>${t.dobLegend}</legend>
        <span id="dob-hint" class="hint">${t.dobHint}</span>
        ${this.renderError('dob')}
        ${dateParts({
          prefix: 'dob',
          name: 'bday',
          labels: [t.month, t.day, t.year],
          values: [this.values.month, this.values.day, this.values.year],
          invalid: dobInvalid,
          autocomplete: ['bday-month', 'bday-day', 'bday-year'],
          onInput: (part, value) => this.set(DATE_FIELDS[part], value),
        })}
      </fieldset>
    `;
  }

  /** Shown while the bill is locked: what a patient holding the statement adds to get through. */
  private renderAmountDue() {
    const { t } = this.localize;
    return html`
      <div class="field ${this.errors.amountDue ? 'invalid' : ''}">
        <label for="amount-due">${t.amountDueLabel}</label>
        <span id="amount-due-hint" class="hint">${t.amountDueHint}</span>
        ${this.renderError('amountDue')}
        <input
          id="amount-due"
          part="input"
          name="amount-due"
          inputmode="decimal"
          autocomplete="off"
          .value=${this.values.amountDue}
          aria-describedby=${this.describedBy('amount-due-hint', 'amountDue')}
          aria-invalid=${this.errors.amountDue ? 'true' : 'false'}
          @input=${(e: InputEvent) => this.set('amountDue', (e.target as HTMLInputElement).value)}
        />
      </div>
    `;
  }

  private renderAccountFields() {
    const { t } = this.localize;
    return html`
      <div class="field ${this.errors.accountNumber ? 'invalid' : ''}">
        <label for="account-number">${t.accountNumberLabel}</label>
        <span id="account-number-hint" class="hint">${t.accountNumberHint}</span>
        ${this.renderError('accountNumber')}
        <input
          id="account-number"
          part="input"
          name="account-number"
          autocomplete="off"
          spellcheck="false"
          .value=${this.values.accountNumber}
          aria-describedby=${this.describedBy('account-number-hint', 'accountNumber')}
          aria-invalid=${this.errors.accountNumber ? 'true' : 'false'}
          @input=${(e: InputEvent) => this.set('accountNumber', (e.target as HTMLInputElement).value)}
        />
      </div>
      <div class="field ${this.errors.lastName ? 'invalid' : ''}">
        <label for="last-name">${t.lastNameLabel}</label>
        ${this.renderError('lastName')}
        <input
          id="last-name"
          part="input"
          name="last-name"
          autocomplete="family-name"
          .value=${this.values.lastName}
          aria-describedby=${this.describedBy(undefined, 'lastName')}
          aria-invalid=${this.errors.lastName ? 'true' : 'false'}
          @input=${(e: InputEvent) => this.set('lastName', (e.target as HTMLInputElement).value)}
        />
      </div>
    `;
  }
}

/** "202511040018" -> "2025 1104 0018", leaving a partial last group as typed. */
function groupDigits(text: string): string {
  return formatBillId(text.replace(/\D/g, ''));
}
