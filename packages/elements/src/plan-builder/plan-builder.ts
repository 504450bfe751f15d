import {
  daysInMonth,
  firstDateWindow,
  formatMoney,
  isApiError,
  isAuthorizationRequiredError,
  isNetworkError,
  isPlanPolicyError,
  isSessionExpiredError,
  parseMoney,
  paymentsForAmount,
  planLimits,
  planSchedule,
  type BankAccountType,
  type BillPayClient,
  type Plan,
  type PlanFrequency,
  type PlanLimits,
  type PlanOptions,
  type PlanPolicy,
  type PlanRequest,
  type PlanRuleViolation,
  type PlanSchedule,
  type Practice,
} from '@billpay/sdk';
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ConnectedElement } from '../base/connected-element.js';
import { FormIssuesController, type SummaryContent } from '../form/form-issues.js';
import { downloadFile } from '../download/download-file.js';
import { dataTable } from '../data-table/data-table.js';
import { dataTableStyles } from '../data-table/data-table.styles.js';
import { payWords, type PayIssueCode } from '../i18n/pay.js';
import { formatDate, money, withPhone } from '../i18n/format.js';
import { planTranslations, type PlanIssueCode, type PlanTermsWords, type PlanTranslation } from '../i18n/plans.js';
import {
  CAPTURE_INPUT,
  EMPTY_CAPTURE,
  EMPTY_CARD,
  captureProblem,
  captureSlots,
  capturedInput,
  checkAsTyped,
  checkCaptureSlot,
  describeMethod,
  hostedCardUrl,
  tokenizeCapture,
  type CaptureSlot,
  type CaptureValues,
  type CapturedMethod,
  type CardCapture,
} from '../payment-method/capture.js';
import { HostedCardFrame } from '../payment-method/hosted-card-frame.js';
import { renderBankFields, renderDirectCard, type FieldOptions } from '../payment-method/payment-method-fields.js';
import { flowStyles } from '../styles/flow.js';
import { formStyles } from '../styles/form.js';
import { tokens } from '../styles/shared.js';
import { planBuilderStyles } from './plan-builder.styles.js';

type Step = 'form' | 'review' | 'done';
/** How each payment is made: charged automatically to a bank account or a card, or by the patient. */
type PayMode = 'bank' | 'card' | 'manual';
/** Which of the two linked fields the patient set last: the plan is asked for by that one. */
type Driver = 'count' | 'amount';

type PlanSlot = 'down' | 'frequency' | 'count' | 'amount' | 'firstDate' | 'mode';
/** Where a problem is shown, in the order the fields appear. */
type Slot = PlanSlot | CaptureSlot | 'authorization';

const INPUT_OF: Record<Slot, string> = {
  down: 'down-payment',
  frequency: 'frequency',
  count: 'plan-count',
  amount: 'plan-amount',
  firstDate: 'first-month',
  mode: 'mode',
  ...CAPTURE_INPUT,
  authorization: 'authorization-accept',
};
const SLOTS = Object.keys(INPUT_OF) as Slot[];
const PLAN_SLOTS: readonly PlanSlot[] = ['down', 'frequency', 'count', 'amount', 'firstDate', 'mode'];

/** The field of a plan request a rule names, as the slot that shows it. */
const SLOT_OF_FIELD: Record<PlanRuleViolation['field'], PlanSlot | undefined> = {
  balanceCents: undefined,
  frequency: 'frequency',
  firstDate: 'firstDate',
  payments: 'count',
  amountCents: 'amount',
  downPaymentCents: 'down',
  mode: 'mode',
};

type Issue = { code: PayIssueCode } | { code: PlanIssueCode } | { code: 'rule'; violation: PlanRuleViolation };

interface Values extends CaptureValues {
  down: string;
  frequency: PlanFrequency;
  count: string;
  amount: string;
  driver: Driver;
  month: string;
  day: string;
  year: string;
  mode: PayMode | '';
}

type TextField = 'down' | 'count' | 'amount' | 'month' | 'day' | 'year' | keyof CaptureValues;

/** What the review shows, frozen: exactly this plan is asked for when the patient selects Set up plan. */
interface Review {
  readonly schedule: PlanSchedule;
  readonly terms: Omit<PlanRequest, 'payment'>;
  readonly mode: PayMode;
  readonly captured: CapturedMethod | undefined;
  /** The day the plan is made (the server's today): the authorization's date. */
  readonly date: string;
  /** One key per reviewed plan: Set up plan, a double click and every retry share it. */
  readonly idempotencyKey: string;
}

type Failure =
  | { kind: 'rules' }
  | { kind: 'network' }
  | { kind: 'exists' }
  | { kind: 'card' }
  | { kind: 'expired' }
  | { kind: 'accept' }
  | { kind: 'ineligible'; violation: PlanRuleViolation }
  | { kind: 'other' };

/** What the choices make: the schedule, or what is wrong with them. */
interface Evaluation {
  readonly schedule: PlanSchedule | undefined;
  readonly issues: Partial<Record<Slot, Issue>>;
  readonly limits: PlanLimits | undefined;
  readonly financedCents: number;
  readonly window: { earliest: string; latest: string };
  /** A rule that no choice here can fix (a balance too small for a plan). */
  readonly blocking: PlanRuleViolation | undefined;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const dateParts = (iso: string) => {
  const [year = '', month = '', day = ''] = iso.split('-');
  return { year, month: String(Number(month)), day: String(Number(day)) };
};
const plainMoney = (cents: number) => formatMoney(cents).replace(/^\$/, '');

/**
 * Builds a payment plan within the practice's rules: how often, how many payments or how much
 * each (either one; the other follows), the first payment's date and, where the practice asks for
 * one, a down payment. The schedule is shown as it changes and announced politely. Each payment is
 * charged automatically to a bank account or a card (saved at the processor for that) after the
 * patient accepts a recurring-payment authorization, or paid by the patient with calendar
 * reminders. A review shows exactly the plan that is set up; the confirmation shows the whole
 * schedule and the next payment.
 *
 * @summary Set up a payment plan: frequency, number or amount of payments, first date, how to pay.
 * @tag plan-builder
 *
 * @event plan-created - The plan was set up. `detail.plan` is the plan with its schedule.
 * @event billpay-session-expired - The session ended; the bill must be found again.
 *
 * @csspart form - The plan form.
 * @csspart heading - Each step's heading.
 * @csspart error-summary - Problems after Review plan, or the practice's rules the plan breaks.
 * @csspart input - Every text input.
 * @csspart summary - The plan in one sentence, above the schedule.
 * @csspart schedule - The schedule: a table, its rows shown as cards where its columns do not fit.
 * @csspart card-frame - The processor's hosted card fields (an iframe).
 * @csspart review - The review of the plan.
 * @csspart authorization - The recurring-payment authorization.
 * @csspart submit-button - "Set up plan" on the review.
 * @csspart confirmation - The plan once set up.
 * @csspart print-button - "Print schedule".
 * @csspart calendar-button - "Add reminders to my calendar" (plans paid by the patient).
 *
 * @cssprop --billpay-color-accent - Buttons, links and the card fields' accent.
 */
export class PlanBuilder extends ConnectedElement {
  static override styles = [tokens, formStyles, flowStyles, dataTableStyles, planBuilderStyles];

  /** Where card numbers are typed: `hosted` (default, the processor's iframe) or `direct`. */
  @property({ attribute: 'card-capture' }) cardCapture: CardCapture = 'hosted';

  /**
   * How automatic payments may be made, space-separated: `bank`, `card` (default both). A card is
   * saved at the processor for later charges (`reusable`), with the patient's authorization.
   */
  @property({ attribute: 'autopay-methods' }) autopayMethods = 'bank card';

  @state() private options: PlanOptions | undefined;
  @state() private loadState: 'idle' | 'loading' | 'failed' | 'not_offered' = 'idle';
  @state() private loadedPractice: Practice | undefined;
  @state() private step: Step = 'form';
  @state() private values: Values = {
    down: '',
    frequency: 'monthly',
    count: '',
    amount: '',
    driver: 'count',
    month: '',
    day: '',
    year: '',
    mode: '',
    ...EMPTY_CAPTURE,
  };
  /** Problems the patient has been shown (a field left, or Review plan selected). */
  @state() private touched = new Set<Slot>();
  /** Problems found outside the form's own checks (the processor, the server); cleared by editing. */
  @state() private sticky: Partial<Record<Slot, Issue>> = {};
  @state() private failure: Failure | undefined;
  @state() private preparing = false;
  @state() private submitting = false;
  @state() private review: Review | undefined;
  @state() private accepted = false;
  @state() private plan: Plan | undefined;
  /** The schedule sentence last announced (politely, after typing pauses). */
  @state() private announced = '';
  /** The server refused automatic payments by card: only a bank account or paying by hand remain. */
  @state() private cardRefused = false;

  private readonly hostedCard = new HostedCardFrame(this);
  private readonly issues = new FormIssuesController(this);
  /** The request sent for the current review, kept so a retry repeats it exactly (same key, same body). */
  private sent: PlanRequest | undefined;
  private dateTouched = false;
  private announceTimer: ReturnType<typeof setTimeout> | undefined;
  private lastSummary = '';
  private loadingPractice = false;

  /** Moves focus to the current step's heading (for a flow that just showed this element). */
  focusHeading(): void {
    const id = { form: 'plan-heading', review: 'plan-review-heading', done: 'plan-done-heading' }[this.step];
    this.renderRoot.querySelector<HTMLElement>(`#${id}`)?.focus();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.announceTimer);
  }

  /** The words of plans, in the element's language. */
  private get p(): PlanTranslation {
    return planTranslations[this.localize.locale];
  }

  private get activePractice(): Practice | undefined {
    return this.contextPractice ?? this.loadedPractice;
  }

  private get policy(): PlanPolicy | undefined {
    return this.options?.policy;
  }

  /** The ways to pay each installment offered here: paying by hand always is. */
  private get modes(): PayMode[] {
    const policy = this.policy;
    const automatic = Boolean(policy && policy.autopay !== 'not_offered' && this.activePractice?.payments);
    const named = new Set(this.autopayMethods.split(/\s+/));
    const modes: PayMode[] = [];
    if (automatic && named.has('bank')) modes.push('bank');
    if (automatic && named.has('card') && !this.cardRefused) modes.push('card');
    modes.push('manual');
    return modes;
  }

  protected override willUpdate(): void {
    const client = this.activeClient;
    if (client && !this.activePractice && !this.loadingPractice) {
      this.loadingPractice = true;
      client.getPractice().then(
        (practice) => (this.loadedPractice = practice),
        () => (this.loadState = 'failed'),
      );
    }
    if (client && this.loadState === 'idle' && !this.options) void this.loadOptions(client);
    // Once the policy and the practice say which ways are offered: the only one is chosen for the patient.
    if (this.options && this.activePractice) {
      const modes = this.modes;
      if (this.values.mode && !modes.includes(this.values.mode)) this.values = { ...this.values, mode: '' };
      if (modes.length === 1 && this.values.mode !== 'manual') this.values = { ...this.values, mode: 'manual' };
    }
  }

  private async loadOptions(client: BillPayClient): Promise<void> {
    this.loadState = 'loading';
    try {
      const options = await client.getPlanOptions();
      const first = this.options === undefined;
      this.options = options;
      this.loadState = 'idle';
      if (first) this.startValues(options);
    } catch (error) {
      if (isSessionExpiredError(error)) {
        this.loadState = 'failed';
        this.emit('billpay-session-expired', {});
      } else {
        this.loadState = isApiError(error) && error.code === 'plans_not_offered' ? 'not_offered' : 'failed';
      }
    }
  }

  /** The starting choices: monthly (or the first frequency offered), the earliest date, up to 12 payments. */
  private startValues(options: PlanOptions) {
    const policy = options.policy;
    const frequency: PlanFrequency = policy.frequencies.includes('monthly') ? 'monthly' : (policy.frequencies[0] ?? 'monthly');
    const downCents = policy.downPaymentCents ?? 0;
    const window = firstDateWindow(policy, options.today, downCents);
    const limits = planLimits(Math.max(0, options.balanceCents - downCents), frequency, window.earliest, policy, options.today, { downPaymentCents: downCents });
    const count = Math.max(1, Math.min(12, limits.maxPayments));
    const { month, day, year } = dateParts(window.earliest);
    this.values = {
      ...this.values,
      frequency,
      down: downCents > 0 ? plainMoney(downCents) : '',
      count: String(count),
      amount: plainMoney(Math.floor(limits.financedCents / count)),
      driver: 'count',
      month,
      day,
      year,
    };
  }

  private retryLoad = () => {
    const client = this.activeClient;
    this.loadState = 'idle';
    if (!this.activePractice) this.loadingPractice = false;
    if (client && !this.options) void this.loadOptions(client);
    this.requestUpdate();
  };

  // ---------------------------------------------------------------------------------------
  // What the choices make

  private downCents(): { cents: number } | { issue: Issue } {
    const policy = this.policy;
    if (policy?.downPaymentCents === undefined) return { cents: 0 };
    const text = this.values.down.trim();
    if (!text) return policy.downPaymentCents > 0 ? { issue: { code: 'down.empty' } } : { cents: 0 };
    const parsed = parseMoney(text);
    return parsed.ok ? { cents: parsed.cents } : { issue: { code: 'down.invalid' } };
  }

  private firstDate(): { date: string } | { issue: Issue } {
    const month = this.values.month.trim();
    const day = this.values.day.trim();
    const year = this.values.year.trim();
    const issue = (code: PlanIssueCode) => ({ issue: { code } });
    if (!month && !day && !year) return issue('date.empty');
    if (!month) return issue('date.month_missing');
    if (!day) return issue('date.day_missing');
    if (!year) return issue('date.year_missing');
    if (!/^\d{1,2}$/.test(month) || Number(month) < 1 || Number(month) > 12) return issue('date.month_invalid');
    if (!/^\d{1,2}$/.test(day) || Number(day) < 1 || Number(day) > 31) return issue('date.day_invalid');
    if (!/^\d{4}$/.test(year)) return issue('date.year_invalid');
    if (Number(day) > daysInMonth(Number(year), Number(month))) return issue('date.not_a_date');
    return { date: `${year}-${pad(Number(month))}-${pad(Number(day))}` };
  }

  private paymentsCount(): { count: number } | { issue: Issue } {
    const text = this.values.count.trim();
    if (!text) return { issue: { code: 'count.empty' } };
    if (!/^\d{1,4}$/.test(text) || Number(text) < 1) return { issue: { code: 'count.invalid' } };
    return { count: Number(text) };
  }

  private amountCents(): { cents: number } | { issue: Issue } {
    const parsed = parseMoney(this.values.amount);
    if (!parsed.ok) return { issue: { code: parsed.issue === 'money.empty' ? 'amount.empty' : 'amount.invalid' } };
    if (parsed.cents < 1) return { issue: { code: 'amount.invalid' } };
    return { cents: parsed.cents };
  }

  private planMode(): 'automatic' | 'manual' | undefined {
    const mode = this.values.mode;
    return mode === '' ? undefined : mode === 'manual' ? 'manual' : 'automatic';
  }

  /** Every problem with the choices (shown or not yet), the schedule they make, and the limits. */
  private evaluate(): Evaluation {
    const options = this.options;
    const policy = this.policy;
    const issues: Partial<Record<Slot, Issue>> = {};
    if (!options || !policy) return { schedule: undefined, issues, limits: undefined, financedCents: 0, window: { earliest: '', latest: '' }, blocking: undefined };
    const down = this.downCents();
    if ('issue' in down) issues.down = down.issue;
    const downCents = 'cents' in down ? down.cents : (policy.downPaymentCents ?? 0);
    const window = firstDateWindow(policy, options.today, downCents);
    const date = this.firstDate();
    if ('issue' in date) issues.firstDate = date.issue;
    const byCount = this.values.driver === 'count';
    const size = byCount ? this.paymentsCount() : this.amountCents();
    if ('issue' in size) issues[byCount ? 'count' : 'amount'] = size.issue;
    const mode = this.planMode();
    if (!mode) issues.mode = { code: 'mode.none' };
    const financedCents = Math.max(0, options.balanceCents - downCents);
    const limits = planLimits(financedCents, this.values.frequency, 'date' in date ? date.date : window.earliest, policy, options.today, {
      mode,
      downPaymentCents: downCents,
    });
    if (this.values.mode === 'bank' || this.values.mode === 'card') {
      for (const slot of captureSlots(this.values.mode, this.cardCapture)) {
        const code = checkCaptureSlot(this.values, slot);
        if (code) issues[slot] = { code };
      }
    }
    let schedule: PlanSchedule | undefined;
    let blocking: PlanRuleViolation | undefined;
    if (!issues.down && !issues.firstDate && !('issue' in size) && 'date' in date) {
      const result = planSchedule(
        {
          balanceCents: options.balanceCents,
          frequency: this.values.frequency,
          firstDate: date.date,
          ...('count' in size ? { payments: size.count } : { amountCents: size.cents }),
          downPaymentCents: downCents,
          mode,
        },
        policy,
        options.today,
      );
      if (result.ok) schedule = result.schedule;
      else {
        for (const violation of result.violations) {
          const slot = SLOT_OF_FIELD[violation.field];
          if (!slot) blocking ??= violation;
          else issues[slot] ??= { code: 'rule', violation };
        }
      }
    }
    return { schedule, issues, limits, financedCents, window, blocking };
  }

  /** The problems to show now: those of fields the patient has left, and the processor's or server's. */
  private shown(evaluation: Evaluation): Partial<Record<Slot, Issue>> {
    const shown: Partial<Record<Slot, Issue>> = {};
    for (const slot of SLOTS) {
      const issue = this.sticky[slot] ?? (this.touched.has(slot) ? evaluation.issues[slot] : undefined);
      if (issue) shown[slot] = issue;
    }
    return shown;
  }

  private set<K extends keyof Values>(field: K, value: Values[K]) {
    this.values = { ...this.values, [field]: value };
  }

  private touch(...slots: Slot[]) {
    this.touched = new Set([...this.touched, ...slots]);
  }

  /** A change to the plan's choices: what the server said about the last plan no longer applies. */
  private planChanged() {
    const sticky = Object.fromEntries(Object.entries(this.sticky).filter(([slot]) => !PLAN_SLOTS.includes(slot as PlanSlot)));
    this.sticky = sticky;
    if (this.failure?.kind === 'rules') this.failure = undefined;
  }

  /** Keeps the other of count and amount in step with the one just typed, when it makes a plan within the limits. */
  private follow(driver: Driver) {
    const evaluation = this.evaluate();
    const limits = evaluation.limits;
    const policy = this.policy;
    if (!limits || !policy) return;
    if (driver === 'count') {
      const count = this.paymentsCount();
      if ('count' in count && count.count <= limits.maxPayments) this.set('amount', plainMoney(Math.floor(limits.financedCents / count.count)));
    } else {
      const amount = this.amountCents();
      if ('cents' in amount && amount.cents >= policy.minInstallmentCents && amount.cents <= limits.maxAmountCents) {
        const count = paymentsForAmount(limits.financedCents, amount.cents, policy.minInstallmentCents);
        if (count <= limits.maxPayments) this.set('count', String(count));
      }
    }
  }

  // ---------------------------------------------------------------------------------------
  // Events

  private onInput(field: TextField, slot: Slot) {
    return (event: InputEvent) => {
      const input = event.target as HTMLInputElement;
      const value = field in EMPTY_CAPTURE ? capturedInput(field as keyof CaptureValues, input) : input.value;
      this.set(field, value);
      if (slot in this.sticky) this.sticky = Object.fromEntries(Object.entries(this.sticky).filter(([key]) => key !== slot));
      if (field === 'count' || field === 'amount') {
        this.set('driver', field);
        this.follow(field);
      }
      if (field === 'down') {
        this.keepDateInWindow();
        this.follow(this.values.driver);
      }
      if (field === 'month' || field === 'day' || field === 'year') this.dateTouched = true;
      if (PLAN_SLOTS.includes(slot as PlanSlot)) this.planChanged();
      if (slot in CAPTURE_INPUT && checkAsTyped(slot as CaptureSlot, value)) this.touch(slot);
    };
  }

  private onBlur(slot: Slot) {
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
      if (input.value.trim() || this.touched.has(slot)) this.touch(slot);
    };
  }

  private chooseFrequency = (event: Event) => {
    this.set('frequency', (event.target as HTMLInputElement).value as PlanFrequency);
    this.planChanged();
    this.follow(this.values.driver);
  };

  private chooseMode = (event: Event) => {
    this.set('mode', (event.target as HTMLInputElement).value as PayMode);
    this.planChanged();
    if (this.failure?.kind === 'card') this.failure = undefined;
  };

  /** With a down payment the first installment comes tomorrow at the earliest: an untouched date follows. */
  private keepDateInWindow() {
    const options = this.options;
    const policy = this.policy;
    if (!options || !policy || this.dateTouched) return;
    const down = this.downCents();
    const window = firstDateWindow(policy, options.today, 'cents' in down ? down.cents : 0);
    const { month, day, year } = dateParts(window.earliest);
    if (this.values.month !== month || this.values.day !== day || this.values.year !== year) this.values = { ...this.values, month, day, year };
  }

  // ---------------------------------------------------------------------------------------
  // Review

  private onReview = async (event: SubmitEvent) => {
    event.preventDefault();
    if (this.preparing) return;
    const client = this.activeClient;
    const options = this.options;
    if (!client || !options) return;
    this.failure = undefined;
    const mode = this.values.mode;
    const slots: Slot[] = [...PLAN_SLOTS, ...(mode === 'bank' || mode === 'card' ? captureSlots(mode, this.cardCapture) : [])];
    this.touch(...slots);
    const evaluation = this.evaluate();
    const shown = this.shown(evaluation);
    if (evaluation.blocking) this.failure = { kind: 'ineligible', violation: evaluation.blocking };
    if (Object.keys(shown).length || !evaluation.schedule || evaluation.blocking || mode === '') {
      await this.issues.show();
      return;
    }
    this.issues.hide();
    const schedule = evaluation.schedule;
    this.preparing = true;
    try {
      let captured: CapturedMethod | undefined;
      if (mode === 'bank' || mode === 'card') {
        try {
          // A card for automatic payments is saved for later charges: each installment charges it again.
          captured = await tokenizeCapture(client, this.values, mode, this.cardCapture, this.hostedCard, { reusable: mode === 'card' });
        } catch (error) {
          await this.showCaptureProblem(error, mode);
          return;
        }
        if (!captured) return;
      }
      const byCount = this.values.driver === 'count';
      this.review = {
        schedule,
        terms: {
          frequency: schedule.frequency,
          firstDate: schedule.firstDate,
          ...(byCount ? { payments: schedule.installmentCount } : { amountCents: schedule.installmentCents }),
          ...(schedule.downPaymentCents > 0 ? { downPaymentCents: schedule.downPaymentCents } : {}),
        },
        mode,
        captured,
        date: options.today,
        idempotencyKey: crypto.randomUUID(),
      };
      this.sent = undefined;
      this.accepted = false;
      await this.goTo('review');
    } finally {
      this.preparing = false;
    }
  };

  private async showCaptureProblem(error: unknown, mode: 'bank' | 'card') {
    const problem = captureProblem(error, mode);
    if (problem) {
      this.sticky = { ...this.sticky, [problem.slot]: { code: problem.code } };
      if (problem.shownInFrame) return;
    } else if (isSessionExpiredError(error)) {
      this.emit('billpay-session-expired', {});
      return;
    } else {
      this.failure = isNetworkError(error) ? { kind: 'network' } : { kind: 'other' };
    }
    await this.issues.show();
  }

  private change = async () => {
    if (this.submitting) return;
    this.review = undefined;
    this.sent = undefined;
    this.failure = undefined;
    this.issues.hide();
    await this.goTo('form');
  };

  // ---------------------------------------------------------------------------------------
  // Setting up the plan

  private onSubmit = async () => {
    const review = this.review;
    const client = this.activeClient;
    if (!review || !client || this.submitting) return;
    if (review.mode !== 'manual' && !this.accepted) {
      this.sticky = { ...this.sticky, authorization: { code: 'authorization.unchecked' } };
      this.failure = undefined;
      await this.issues.show();
      return;
    }
    this.sticky = {};
    this.issues.hide();
    this.failure = undefined;
    this.submitting = true;
    // A retry sends exactly what the first attempt sent: the same key with another body is refused.
    const request: PlanRequest = (this.sent ??= {
      ...review.terms,
      payment:
        review.mode === 'manual' || !review.captured
          ? { mode: 'manual' }
          : {
              mode: 'automatic',
              method: review.mode,
              token: review.captured.token,
              authorization: { text: this.authorizationText(review), acceptedAt: new Date().toISOString() },
            },
    });
    try {
      const plan = await client.createPlan({ ...request, idempotencyKey: review.idempotencyKey });
      this.plan = plan;
      this.submitting = false;
      await this.goTo('done');
      this.emit('plan-created', { plan });
    } catch (error) {
      this.submitting = false;
      await this.onSubmitFailed(error);
    }
  };

  private async onSubmitFailed(error: unknown) {
    if (isSessionExpiredError(error)) {
      this.emit('billpay-session-expired', {});
      return;
    }
    const backToForm = async (failure: Failure) => {
      this.failure = failure;
      this.review = undefined;
      this.sent = undefined;
      this.step = 'form';
      await this.issues.show();
    };
    if (isPlanPolicyError(error)) {
      // The practice's rules, as the server applied them (the balance may have changed since).
      const sticky: Partial<Record<Slot, Issue>> = {};
      let blocking: PlanRuleViolation | undefined;
      for (const violation of error.violations) {
        const slot = SLOT_OF_FIELD[violation.field];
        if (slot) sticky[slot] ??= { code: 'rule', violation };
        else blocking ??= violation;
      }
      this.sticky = sticky;
      const client = this.activeClient;
      if (client) void this.loadOptions(client);
      await backToForm(blocking ? { kind: 'ineligible', violation: blocking } : { kind: 'rules' });
      return;
    }
    if (isAuthorizationRequiredError(error)) {
      this.accepted = false;
      this.sent = undefined;
      this.failure = { kind: 'accept' };
    } else if (isApiError(error) && error.code === 'autopay_method_unavailable') {
      this.cardRefused = true;
      this.values = { ...this.values, mode: '' };
      this.touch('mode');
      await backToForm({ kind: 'card' });
      return;
    } else if (isApiError(error) && (error.code === 'invalid_token' || error.code === 'token_already_used')) {
      this.values = { ...this.values, ...EMPTY_CARD };
      this.hostedCard.reload();
      await backToForm({ kind: 'expired' });
      return;
    } else if (isApiError(error) && error.code === 'plan_exists') {
      this.failure = { kind: 'exists' };
    } else if (isNetworkError(error) || (isApiError(error) && error.status >= 500)) {
      // Stay on the review: Set up plan again repeats the same request under the same key.
      this.failure = { kind: 'network' };
    } else {
      this.failure = { kind: 'other' };
    }
    await this.issues.show();
  }

  private authorizationText(review: Review): string {
    const { locale } = this.localize;
    const t = payWords[locale];
    const { p } = this;
    const practice = this.activePractice;
    const captured = review.captured;
    if (!practice || !captured) return '';
    const words = {
      terms: p.planTerms(this.termsWords(review.schedule)),
      practice: practice.name,
      date: formatDate(review.date, locale),
      phone: practice.contact.phone,
      fee: money(practice.policies.returnedPaymentFeeCents, locale),
      holder: captured.bank?.holder ?? '',
      type: captured.bank?.type ?? 'checking',
      last4: captured.method.last4,
      card: describeMethod(captured.method, t),
    };
    return review.mode === 'bank' ? p.planAuthorizationBank(words) : p.planAuthorizationCard(words);
  }

  private termsWords(schedule: Pick<PlanSchedule, 'frequency' | 'installmentCount' | 'installmentCents' | 'lastInstallmentCents' | 'firstDate' | 'lastDate' | 'balanceCents' | 'downPaymentCents'>): PlanTermsWords {
    const { locale } = this.localize;
    return {
      count: schedule.installmentCount,
      frequency: schedule.frequency,
      amount: money(schedule.installmentCents, locale),
      last: money(schedule.lastInstallmentCents, locale),
      first: formatDate(schedule.firstDate, locale),
      end: formatDate(schedule.lastDate, locale),
      total: money(schedule.balanceCents, locale),
      down: schedule.downPaymentCents > 0 ? money(schedule.downPaymentCents, locale) : undefined,
    };
  }

  private async goTo(step: Step) {
    this.step = step;
    await this.updateComplete;
    this.focusHeading();
  }

  /** The input a slot's message leads to (for a group of choices: the chosen one, or the first). */
  private targetOf(slot: Slot): string {
    if (slot === 'frequency') return `frequency-${this.values.frequency}`;
    if (slot === 'mode') return `mode-${this.values.mode || (this.modes[0] ?? 'manual')}`;
    return INPUT_OF[slot];
  }

  private printPage = () => window.print();

  /** A calendar file with a reminder two days before each payment (plans paid by the patient). */
  private saveCalendar = () => {
    const plan = this.plan;
    const practice = this.activePractice;
    if (!plan || !practice) return;
    const { locale } = this.localize;
    const { p } = this;
    const escape = (text: string) => text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\n/g, '\\n');
    const compact = (iso: string) => iso.replace(/-/g, '');
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
    const events = plan.installments
      .filter((i) => i.status === 'scheduled' || i.status === 'failed')
      .flatMap((i) => {
        const day = new Date(`${i.dueOn}T00:00:00Z`);
        day.setUTCDate(day.getUTCDate() + 1);
        const summary = escape(p.planCalendarEvent(money(i.amountCents, locale), practice.name));
        return [
          'BEGIN:VEVENT',
          `UID:${plan.id}-${String(i.number)}@billpay`,
          `DTSTAMP:${stamp}`,
          `DTSTART;VALUE=DATE:${compact(i.dueOn)}`,
          `DTEND;VALUE=DATE:${compact(day.toISOString().slice(0, 10))}`,
          `SUMMARY:${summary}`,
          'BEGIN:VALARM',
          'TRIGGER:-P2D',
          'ACTION:DISPLAY',
          `DESCRIPTION:${summary}`,
          'END:VALARM',
          'END:VEVENT',
        ];
      });
    const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//billpay//plan-builder//EN', 'CALSCALE:GREGORIAN', ...events, 'END:VCALENDAR'];
    downloadFile(this.renderRoot, lines.join('\r\n') + '\r\n', 'text/calendar;charset=utf-8', `${p.planCalendarFile}.ics`);
  };

  // ---------------------------------------------------------------------------------------
  // Rendering

  protected override updated(): void {
    if (this.step === 'form' && this.values.mode === 'card' && this.cardCapture === 'hosted') this.hostedCard.setTheme(this, this.renderRoot);
    // The schedule sentence is announced once typing pauses, and only when it changed.
    const summary = this.step === 'form' ? this.summaryText(this.evaluate()) : '';
    if (summary !== this.lastSummary) {
      const first = this.lastSummary === '';
      this.lastSummary = summary;
      clearTimeout(this.announceTimer);
      if (!first && summary) this.announceTimer = setTimeout(() => (this.announced = summary), 600);
    }
  }

  private get level(): string {
    return String(this.headingLevelUpTo(6));
  }

  private heading(id: string, text: string) {
    return html`<div id=${id} class="heading" part="heading" role="heading" aria-level=${this.level} tabindex="-1">${text}</div>`;
  }

  protected override render() {
    const { p } = this;
    const practice = this.activePractice;
    if (this.step === 'done' && this.plan && practice) return this.renderDone(this.plan, practice);
    // The heading stays the same element from "Loading" to the form, so focus put on it stays.
    return html`
      <div ?hidden=${this.step !== 'form'}>${this.heading('plan-heading', p.planTitle)} ${this.renderStart()}</div>
      ${this.step === 'review' && this.review && practice ? this.renderReview(this.review, practice) : nothing}
      <p class="visually-hidden" role="status">${this.submitting ? p.planSubmitting : this.preparing ? p.planPreparing : ''}</p>
    `;
  }

  /** Under the heading: loading, why there is no plan to make, or the form. */
  private renderStart() {
    const { locale } = this.localize;
    const t = payWords[locale];
    const { p } = this;
    const options = this.options;
    if (this.loadState === 'not_offered') return html`<p>${p.planNotOffered}</p>`;
    if (!options || !this.activePractice) {
      if (this.loadState === 'failed') {
        return html`<div class="problem" role="alert"><p>${p.planLoadFailed}</p></div>
          <button type="button" class="secondary" @click=${this.retryLoad}>${t.tryAgain}</button>`;
      }
      return html`<p role="status">${p.planLoading}</p>`;
    }
    if (!options.eligible && !this.review) {
      return html`<p>${options.planId ? p.planAlreadyExists : p.planTooSmall(money(options.ineligible?.limit ?? options.policy.minBalanceCents, locale))}</p>`;
    }
    return this.renderForm(options, this.evaluate());
  }

  private renderForm(options: PlanOptions, evaluation: Evaluation) {
    const { locale } = this.localize;
    const { p } = this;
    const errors = this.shown(evaluation);
    return html`
      <form part="form" method="post" novalidate @submit=${this.onReview} aria-labelledby="plan-heading">
        <p class="intro">${p.planIntro(money(options.balanceCents, locale))}</p>
        ${this.issues.summary(() => this.formSummary(errors))} ${this.renderDown(options, errors)}
        ${this.renderFrequency(options.policy, errors)} ${this.renderSize(evaluation, errors)} ${this.renderDate(evaluation, errors)}
        ${this.renderSchedulePreview(evaluation)} ${this.renderModes(options.policy, errors)} ${this.renderMethod(errors)}
        <div class="actions">
          <button type="submit" part="review-button" aria-disabled=${this.preparing ? 'true' : 'false'}>
            ${this.preparing ? html`<span class="spinner" aria-hidden="true"></span>${p.planPreparing}` : p.planReviewButton}
          </button>
        </div>
      </form>
      <p class="visually-hidden" role="status" aria-live="polite">${this.announced}</p>
    `;
  }

  private formSummary(errors: Partial<Record<Slot, Issue>>): SummaryContent {
    const t = payWords[this.localize.locale];
    const { p } = this;
    const slots = SLOTS.filter((slot) => errors[slot] && !(slot === 'card' && errors.card?.code === 'card.hosted_invalid'));
    const failure = this.failure;
    const rules = failure?.kind === 'rules' || (slots.length > 0 && slots.every((slot) => errors[slot]?.code === 'rule'));
    return {
      title: rules ? p.planRulesTitle : t.errorSummaryTitle,
      failures: [failure && failure.kind !== 'rules' ? this.failureMessage(failure) : undefined],
      lines: slots.map((slot) => ({ inputId: this.targetOf(slot), text: this.issueText(errors[slot]!) })),
    };
  }

  private failureMessage(failure: Failure): string {
    const { p } = this;
    switch (failure.kind) {
      case 'network':
        return p.planNetwork;
      case 'exists':
        return p.planExistsNow;
      case 'card':
        return p.planCardUnavailable;
      case 'expired':
        return p.planMethodExpired;
      case 'accept':
        return p.planAcceptAgain;
      case 'ineligible':
        return this.ruleText(failure.violation);
      case 'rules':
      case 'other':
        return p.planOther;
    }
  }

  private ruleText(violation: PlanRuleViolation): string {
    const { locale } = this.localize;
    const { p } = this;
    const nearest = violation.nearest;
    const cents = (value: number | undefined) => (value === undefined ? undefined : money(value, locale));
    return p.planRule({
      code: violation.code,
      money: money(violation.limit ?? 0, locale),
      count: violation.limit ?? 0,
      frequency: nearest.frequency ?? this.values.frequency,
      maxPayments: nearest.maxPayments,
      minAmount: cents(nearest.minAmountCents),
      maxDown: cents(nearest.maxDownPaymentCents),
      earliest: nearest.earliestFirstDate ? formatDate(nearest.earliestFirstDate, locale) : undefined,
      latest: nearest.latestFirstDate ? formatDate(nearest.latestFirstDate, locale) : undefined,
      frequencies: nearest.frequencies ?? [],
    });
  }

  private issueText(issue: Issue): string {
    const t = payWords[this.localize.locale];
    const { p } = this;
    if (issue.code === 'rule') return this.ruleText(issue.violation);
    if (issue.code in p.planIssues) return p.planIssues[issue.code as PlanIssueCode];
    return t.payIssues[issue.code as PayIssueCode];
  }

  private renderError(slot: Slot, errors: Partial<Record<Slot, Issue>>) {
    const issue = errors[slot];
    if (!issue) return nothing;
    return html`<p id="${slot}-error" class="error"><span class="visually-hidden">${payWords[this.localize.locale].errorPrefix}</span> ${this.issueText(issue)}</p>`;
  }

  private describedBy(hint: string | undefined, slot: Slot, errors: Partial<Record<Slot, Issue>>): string {
    return [hint, errors[slot] ? `${slot}-error` : undefined].filter(Boolean).join(' ');
  }

  private input(options: FieldOptions<Slot, TextField> & { errors: Partial<Record<Slot, Issue>>; className?: string; money?: boolean }) {
    const { id, slot, field, label, hint, autocomplete, inputmode = 'text', maxlength = 100, errors } = options;
    const control = html`<input
      id=${id}
      part="input"
      class=${options.className ?? ''}
      name=${id}
      autocomplete=${autocomplete}
      inputmode=${inputmode}
      spellcheck="false"
      maxlength=${maxlength}
      .value=${this.values[field]}
      aria-describedby=${this.describedBy(hint ? `${id}-hint` : undefined, slot, errors)}
      aria-invalid=${errors[slot] ? 'true' : 'false'}
      @input=${this.onInput(field, slot)}
      @blur=${this.onBlur(slot)}
    />`;
    return html`
      <div class="field ${errors[slot] ? 'invalid' : ''}">
        <label for=${id}>${label}</label>
        ${hint ? html`<span id="${id}-hint" class="hint">${hint}</span>` : nothing} ${this.renderError(slot, errors)}
        ${options.money ? html`<div class="money-input"><span aria-hidden="true">$</span>${control}</div>` : control}
      </div>
    `;
  }

  private renderDown(options: PlanOptions, errors: Partial<Record<Slot, Issue>>) {
    const policy = options.policy;
    if (policy.downPaymentCents === undefined) return nothing;
    const { locale } = this.localize;
    const { p } = this;
    const minimum = Math.max(policy.downPaymentCents, 100);
    const maximum = Math.max(minimum, options.balanceCents - policy.minInstallmentCents);
    return this.input({
        id: 'down-payment',
        slot: 'down',
        field: 'down',
        label: p.planDownLabel,
        hint: p.planDownHint(money(minimum, locale), money(maximum, locale)),
        autocomplete: 'off',
        inputmode: 'decimal',
        maxlength: 12,
      errors,
      money: true,
    });
  }

  private renderFrequency(policy: PlanPolicy, errors: Partial<Record<Slot, Issue>>) {
    const { p } = this;
    return html`
      <fieldset class="choices ${errors.frequency ? 'invalid' : ''}" aria-describedby=${this.describedBy(undefined, 'frequency', errors)}>
        <legend>${p.planFrequencyLegend}</legend>
        ${this.renderError('frequency', errors)}
        ${policy.frequencies.map(
          (frequency) => html`
            <div class="choice">
              <input
                type="radio"
                id="frequency-${frequency}"
                name="frequency"
                .value=${frequency}
                .checked=${this.values.frequency === frequency}
                aria-describedby=${frequency === 'semimonthly' ? 'semimonthly-hint' : nothing}
                @change=${this.chooseFrequency}
              />
              <label for="frequency-${frequency}">
                ${p.planFrequency[frequency]}
                ${frequency === 'semimonthly' ? html`<span id="semimonthly-hint" class="hint">(${p.planSemimonthlyHint})</span>` : nothing}
              </label>
            </div>
          `,
        )}
      </fieldset>
    `;
  }

  private renderSize(evaluation: Evaluation, errors: Partial<Record<Slot, Issue>>) {
    const { locale } = this.localize;
    const { p } = this;
    const limits = evaluation.limits;
    const maxPayments = Math.max(1, limits?.maxPayments ?? 1);
    const minAmount = limits?.minAmountCents ?? this.policy?.minInstallmentCents ?? 100;
    return html`
      <fieldset aria-describedby="size-hint">
        <legend>${p.planSizeLegend}</legend>
        <span id="size-hint" class="hint">${p.planSizeHint}</span>
        <div class="size">
          ${this.input({
            id: 'plan-count',
            slot: 'count',
            field: 'count',
            label: p.planCountLabel,
            hint: p.planCountHint(maxPayments),
            autocomplete: 'off',
            inputmode: 'numeric',
            maxlength: 4,
            errors,
            className: 'count-input',
          })}
          ${this.input({
            id: 'plan-amount',
            slot: 'amount',
            field: 'amount',
            label: p.planAmountLabel,
            hint: p.planAmountHint(money(minAmount, locale), money(limits?.maxAmountCents ?? 0, locale)),
            autocomplete: 'off',
            inputmode: 'decimal',
            maxlength: 12,
            errors,
            money: true,
          })}
        </div>
      </fieldset>
    `;
  }

  /**
   * The first payment's date as three fields (month, day, year), as the lookup asks for a date of
   * birth: plain text inputs every screen reader and keyboard handle the same way, in the
   * widget's language whatever the browser's, with the allowed dates in the hint and a precise
   * message for each part. (A native date input follows the browser's language and format, its
   * min and max are not announced by most screen readers, and its picker is not reachable by
   * keyboard in every browser.)
   */
  private renderDate(evaluation: Evaluation, errors: Partial<Record<Slot, Issue>>) {
    const { locale } = this.localize;
    const t = payWords[locale];
    const { p } = this;
    const invalid = Boolean(errors.firstDate);
    const { earliest, latest } = evaluation.window;
    const parts = [
      ['month', t.month, 2],
      ['day', t.day, 2],
      ['year', t.year, 4],
    ] as const;
    return html`
      <fieldset class=${invalid ? 'invalid' : ''} aria-describedby=${this.describedBy('date-hint', 'firstDate', errors)}>
        <legend>${p.planFirstDateLegend}</legend>
        <span id="date-hint" class="hint">${earliest && latest ? p.planFirstDateHint(formatDate(earliest, locale), formatDate(latest, locale)) : ''}</span>
        ${this.renderError('firstDate', errors)}
        <div class="date">
          ${parts.map(
            ([part, label, size]) => html`
              <div class="field ${part}">
                <label for="first-${part}">${label}</label>
                <input
                  id="first-${part}"
                  part="input"
                  name="first-${part}"
                  inputmode="numeric"
                  autocomplete="off"
                  maxlength=${size}
                  size=${size}
                  .value=${this.values[part]}
                  aria-invalid=${invalid ? 'true' : 'false'}
                  @input=${this.onInput(part, 'firstDate')}
                  @blur=${this.onBlur('firstDate')}
                />
              </div>
            `,
          )}
        </div>
      </fieldset>
    `;
  }

  /** The plan in one sentence (or the rule it breaks), as shown above the table and announced. */
  private summaryText(evaluation: Evaluation): string {
    const { p } = this;
    if (evaluation.schedule) return sentence(p.planTerms(this.termsWords(evaluation.schedule)));
    const rule = Object.values(evaluation.issues).find((issue) => issue.code === 'rule');
    return rule ? this.issueText(rule) : '';
  }

  private renderSchedulePreview(evaluation: Evaluation) {
    const { p } = this;
    const schedule = evaluation.schedule;
    return html`
      <div class="preview">
        <p class="plan-summary" part="summary">${schedule ? this.summaryText(evaluation) : p.planNoSchedule}</p>
        ${schedule ? this.renderTable(schedule.payments.map((p) => ({ ...p, status: undefined })), schedule.balanceCents, 'schedule-caption') : nothing}
      </div>
    `;
  }

  /** The schedule, as the one table every element shows (rows become cards where columns do not fit). */
  private renderTable(
    rows: readonly { number: number; kind: 'down_payment' | 'installment'; dueOn: string; amountCents: number; status: Plan['installments'][number]['status'] | undefined }[],
    totalCents: number,
    captionId: string,
  ) {
    const { locale } = this.localize;
    const t = payWords[locale];
    const { p } = this;
    const withStatus = rows.some((row) => row.status);
    const offset = rows[0]?.kind === 'down_payment' ? 1 : 0;
    // "1" alone says little on a card: there it reads "Payment 1" (a label screen readers skip, as the column header says it).
    const number = (n: number) => html`<span class="cell-label" aria-hidden="true">${p.planColNumber}</span> ${n}`;
    return dataTable({
      id: captionId,
      caption: p.planScheduleCaption,
      columns: [
        { label: p.planColNumber, kind: 'header' },
        { label: p.planColDate, kind: 'lead' },
        { label: p.planColAmount, kind: 'money' },
        ...(withStatus ? [{ label: p.planColStatus, kind: 'text' } as const] : []),
      ],
      rows: rows.map((row) => [
        row.kind === 'down_payment' ? p.planDownPaymentRow : number(row.number - offset),
        formatDate(row.dueOn, locale),
        money(row.amountCents, locale),
        ...(withStatus ? [row.status ? p.planInstallmentStatus[row.status] : ''] : []),
      ]),
      total: { label: t.total, cells: [money(totalCents, locale), ...(withStatus ? [''] : [])] },
      stackBelow: withStatus ? 'medium' : 'narrow',
      part: 'schedule',
    });
  }

  private renderModes(policy: PlanPolicy, errors: Partial<Record<Slot, Issue>>) {
    const { p } = this;
    const modes = this.modes;
    if (modes.length === 1) {
      return html`<p class="note">${policy.autopay === 'not_offered' ? p.planAutopayNotOffered : p.planModeManualHint}</p>`;
    }
    const labels: Record<PayMode, string> = { bank: p.planModeBank, card: p.planModeCard, manual: p.planModeManual };
    const requiredHint = policy.autopay === 'required_over_months' && policy.autopayRequiredOverMonths ? p.planAutopayRequiredHint(policy.autopayRequiredOverMonths) : '';
    return html`
      <fieldset class="choices ${errors.mode ? 'invalid' : ''}" aria-describedby=${this.describedBy(requiredHint ? 'mode-hint' : undefined, 'mode', errors)}>
        <legend>${p.planModeLegend}</legend>
        ${requiredHint ? html`<span id="mode-hint" class="hint">${requiredHint}</span>` : nothing} ${this.renderError('mode', errors)}
        ${modes.map(
          (mode) => html`
            <div class="choice">
              <input
                type="radio"
                id="mode-${mode}"
                name="mode"
                .value=${mode}
                .checked=${this.values.mode === mode}
                aria-describedby=${mode === 'manual' ? 'manual-hint' : nothing}
                @change=${this.chooseMode}
              />
              <label for="mode-${mode}">
                ${labels[mode]} ${mode === 'manual' ? html`<span id="manual-hint" class="hint">${p.planModeManualHint}</span>` : nothing}
              </label>
            </div>
          `,
        )}
      </fieldset>
    `;
  }

  private renderMethod(errors: Partial<Record<Slot, Issue>>) {
    const t = payWords[this.localize.locale];
    const { p } = this;
    const mode = this.values.mode;
    if (mode !== 'bank' && mode !== 'card') return nothing;
    const field = (options: FieldOptions<CaptureSlot, keyof CaptureValues>) => this.input({ ...options, errors });
    if (mode === 'bank') {
      return html`<fieldset>
        <legend>${p.planMethodBankLegend}</legend>
        ${renderBankFields(t, this.values, field, (type: BankAccountType) => this.set('bankType', type))}
      </fieldset>`;
    }
    const url = hostedCardUrl(this.activePractice, this.localize.locale);
    return html`<fieldset>
      <legend>${p.planMethodCardLegend}</legend>
      ${this.cardCapture === 'direct' ? renderDirectCard(t, this.values, field) : url ? this.hostedCard.render(url, t, this.renderError('card', errors)) : nothing}
    </fieldset>`;
  }

  private renderReview(review: Review, practice: Practice) {
    const { locale } = this.localize;
    const t = payWords[locale];
    const { p } = this;
    const schedule = review.schedule;
    const errors = this.shown(this.evaluate());
    const captured = review.captured;
    return html`
      <section class="review" part="review" aria-labelledby="plan-review-heading">
        ${this.heading('plan-review-heading', p.planReviewTitle)}
        <p class="muted">${p.planReviewIntro}</p>
        ${this.issues.summary(() => this.reviewSummary(errors))}
        <dl class="facts">
          <dt>${p.planReviewBalance}</dt>
          <dd class="amount">${money(schedule.balanceCents, locale)}</dd>
          <dt>${p.planReviewTerms}</dt>
          <dd>${sentence(p.planTerms(this.termsWords(schedule)))}</dd>
          <dt>${p.planReviewHow}</dt>
          <dd>${captured ? p.planReviewAutomatic(describeMethod(captured.method, t, captured.bank?.type)) : p.planReviewManual}</dd>
          <dt>${p.planReviewPayee}</dt>
          <dd>${practice.name}</dd>
        </dl>
        ${this.renderTable(schedule.payments.map((p) => ({ ...p, status: undefined })), schedule.balanceCents, 'review-caption')}
        ${captured ? this.renderAuthorization(review, errors) : html`<p class="note">${p.planManualNote}</p>`}
        <div class="actions">
          <button type="button" part="submit-button" aria-disabled=${this.submitting ? 'true' : 'false'} @click=${this.onSubmit}>
            ${this.submitting ? html`<span class="spinner" aria-hidden="true"></span>${p.planSubmitting}` : p.planSubmit}
          </button>
          <button type="button" class="secondary" part="change-button" ?hidden=${this.submitting} @click=${this.change}>${p.planChange}</button>
        </div>
      </section>
    `;
  }

  private reviewSummary(errors: Partial<Record<Slot, Issue>>): SummaryContent {
    const t = payWords[this.localize.locale];
    const authorization = errors.authorization;
    return {
      title: t.errorSummaryTitle,
      failures: [this.failure && this.failureMessage(this.failure)],
      lines: authorization ? [{ inputId: 'authorization-accept', text: this.issueText(authorization) }] : [],
    };
  }

  private renderAuthorization(review: Review, errors: Partial<Record<Slot, Issue>>) {
    const t = payWords[this.localize.locale];
    const { p } = this;
    return html`
      <section class="authorization" part="authorization" aria-labelledby="authorization-title">
        <p id="authorization-title" class="subheading">${review.mode === 'bank' ? p.planAuthorizationBankTitle : p.planAuthorizationCardTitle}</p>
        <p id="authorization-text">${withPhone(this.authorizationText(review), this.activePractice?.contact.phone ?? '')}</p>
        <div class="field ${errors.authorization ? 'invalid' : ''}">
          ${this.renderError('authorization', errors)}
          <label class="choice">
            <input
              id="authorization-accept"
              type="checkbox"
              .checked=${this.accepted}
              aria-describedby=${this.describedBy('authorization-text', 'authorization', errors)}
              aria-invalid=${errors.authorization ? 'true' : 'false'}
              @change=${(event: Event) => {
                this.accepted = (event.target as HTMLInputElement).checked;
                if (this.accepted) this.sticky = Object.fromEntries(Object.entries(this.sticky).filter(([slot]) => slot !== 'authorization'));
              }}
            />
            <span>${p.planAuthorizationAccept}</span>
          </label>
        </div>
        <button type="button" class="link" @click=${this.printPage}>${t.printAuthorization}</button>
      </section>
    `;
  }

  /** Prints the plan as a document of its own (the practice, the patient's account, the plan and its schedule), not the page. */
  private printPlan = async () => {
    const plan = this.plan;
    const practice = this.activePractice;
    const client = this.activeClient;
    if (!plan || !practice || !client) return;
    // Whose plan: the session's account (without it, the plan prints with the practice alone).
    const [{ printDocument }, account] = await Promise.all([import('../print/print-document.js'), client.getAccount().catch(() => undefined)]);
    await printDocument({
      title: this.p.planDoneTitle,
      locale: this.localize.locale,
      practice,
      account,
      content: this.confirmationBody(plan, practice),
      styles: [formStyles, flowStyles, dataTableStyles, planBuilderStyles],
    });
  };

  private renderDone(plan: Plan, practice: Practice) {
    const { p } = this;
    return html`
      <section class="confirmation" part="confirmation" aria-labelledby="plan-done-heading">
        ${this.heading('plan-done-heading', p.planDoneTitle)} ${this.confirmationBody(plan, practice)}
        <div class="actions">
          <button type="button" class="secondary" part="print-button" @click=${this.printPlan}>${p.planPrint}</button>
          ${plan.mode === 'manual' ? html`<button type="button" class="secondary" part="calendar-button" @click=${this.saveCalendar}>${p.planCalendar}</button>` : nothing}
        </div>
      </section>
    `;
  }

  /** The plan as set up, under its heading: on the page, and as the printed plan. */
  private confirmationBody(plan: Plan, practice: Practice) {
    const { locale } = this.localize;
    const t = payWords[locale];
    const { p } = this;
    const next = plan.nextPayment;
    const installments = plan.installments.filter((i) => i.kind === 'installment');
    const last = installments[installments.length - 1];
    const terms = this.termsWords({
      frequency: plan.frequency,
      installmentCount: installments.length,
      installmentCents: plan.installmentCents,
      lastInstallmentCents: last?.amountCents ?? plan.installmentCents,
      firstDate: plan.firstDate,
      lastDate: plan.lastDate,
      balanceCents: plan.balanceCents,
      downPaymentCents: plan.downPaymentCents,
    });
    const method = this.review?.captured ? describeMethod(this.review.captured.method, t, this.review.captured.bank?.type) : undefined;
    return html`
        ${next ? html`<p class="next">${p.planNextPayment(money(next.amountCents, locale), formatDate(next.dueOn, locale))}</p>` : nothing}
        <p>${plan.mode === 'automatic' && method ? p.planNextAutomatic(method) : p.planNextManual}</p>
        <dl class="facts">
          <dt>${p.planReviewTerms}</dt>
          <dd>${sentence(p.planTerms(terms))}</dd>
          <dt>${p.planReviewHow}</dt>
          <dd>${plan.mode === 'automatic' && method ? p.planReviewAutomatic(method) : p.planReviewManual}</dd>
          <dt>${p.planReviewPayee}</dt>
          <dd>${practice.name}</dd>
        </dl>
        ${this.renderTable(plan.installments, plan.balanceCents, 'done-caption')}
        ${plan.authorization
          ? html`<section class="authorization" part="authorization" aria-labelledby="done-authorization-title">
              <p id="done-authorization-title" class="subheading">${plan.method === 'card' ? p.planAuthorizationCardTitle : p.planAuthorizationBankTitle}</p>
              <p>${withPhone(plan.authorization.text, this.activePractice?.contact.phone ?? '')}</p>
            </section>`
          : nothing}
        <p class="muted">${p.planDoneKeep}</p>
    `;
  }
}

/** "12 payments of …" -> "12 payments of ….": a phrase as a sentence. */
function sentence(phrase: string): string {
  return `${phrase.charAt(0).toUpperCase()}${phrase.slice(1)}.`;
}
