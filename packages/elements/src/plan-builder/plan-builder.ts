import {
  isApiError,
  isNetworkError,
  isSessionExpiredError,
  parseMoney,
  type BankAccountType,
  type BillPayClient,
  type Plan,
  type PlanFrequency,
  type PlanOptions,
  type PlanPolicy,
  type PlanRequest,
  type Practice,
} from '@billpay/sdk';
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ConnectedElement } from '../base/connected-element.js';
import { datePartsStyles } from '../form/date-parts.js';
import { FormIssuesController, type SummaryContent } from '../form/form-issues.js';
import { payWords } from '../i18n/pay.js';
import { money } from '../i18n/format.js';
import { planTranslations, type PlanTranslation } from '../i18n/plans.js';
import {
  CAPTURE_INPUT,
  EMPTY_CAPTURE,
  EMPTY_CARD,
  captureProblem,
  captureSlots,
  capturedInput,
  checkAsTyped,
  tokenizeCapture,
  type CaptureSlot,
  type CaptureValues,
  type CapturedMethod,
  type CardCapture,
} from '../payment-method/capture.js';
import { CardFieldsChoice } from '../payment-method/card-fields-choice.js';
import { flowStyles } from '../styles/flow.js';
import { formStyles } from '../styles/form.js';
import { tokens } from '../styles/shared.js';
import { planBuilderStyles } from './plan-builder.styles.js';
import {
  INPUT_OF,
  PLAN_SLOTS,
  dateInWindow,
  evaluate,
  follow,
  plainMoney,
  shownIssues,
  startValues,
  type Driver,
  type Evaluation,
  type Failure,
  type Issues,
  type PayMode,
  type PlanSlot,
  type Review,
  type Slot,
  type TextField,
  type Values,
} from './plan-model.js';
import { renderDate, renderDown, renderError, renderFrequency, renderMethod, renderModes, renderSchedulePreview, renderSize, type PlanFormView } from './plan-form.js';
import { planReview } from './plan-review.js';
import { printPlan, printPlanAuthorization, savePlanCalendar } from './plan-documents.js';
import { planDocument } from './plan-schedule.js';
import { planStep, type PlanStep, type PlanStepEvent } from './plan-steps.js';
import { refusalOf, requestOf, reviewOf } from './plan-submit.js';
import { authorizationText, formSummary, reviewSummary, scheduleSentence } from './plan-words.js';

const DATE_FIELDS = ['month', 'day', 'year'] as const;

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
 * @fires plan-created - The plan was set up. `detail.plan` is the plan with its schedule.
 * @fires billpay-session-expired - The session ended; the bill must be found again.
 *
 * @csspart form - The plan form.
 * @csspart heading - Each step's heading.
 * @csspart error-summary - Problems after Review plan, or the practice's rules the plan breaks.
 * @csspart input - Every text input.
 * @csspart summary - The plan in one sentence, above the schedule.
 * @csspart schedule - The schedule (`<billpay-plan-schedule>`'s, forwarded): a table, its rows shown as cards where its columns do not fit.
 * @csspart card-frame - The processor's hosted card fields (an iframe).
 * @csspart review-button - "Review plan", under the form.
 * @csspart review - The review of the plan.
 * @csspart authorization - The recurring-payment authorization.
 * @csspart submit-button - "Set up plan" on the review.
 * @csspart change-button - "Change plan" on the review, back to the form.
 * @csspart confirmation - The plan once set up.
 * @csspart print-button - "Print schedule".
 * @csspart calendar-button - "Add reminders to my calendar" (plans paid by the patient).
 *
 * @cssprop --billpay-color-accent - Buttons, links and the card fields' accent.
 */
export class PlanBuilder extends ConnectedElement {
  static override styles = [tokens, formStyles, flowStyles, datePartsStyles, planBuilderStyles];

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
  @state() private step: PlanStep = 'form';
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
  @state() private sticky: Issues = {};
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

  private readonly cardFields = new CardFieldsChoice(this);
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

  /** Done once the schedules shown, elements of their own, have drawn too. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const result = await super.getUpdateComplete();
    await Promise.all([...this.renderRoot.querySelectorAll('billpay-plan-schedule')].map((schedule) => schedule.updateComplete));
    return result;
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
      if (first) this.values = startValues(this.values, options);
    } catch (error) {
      if (isSessionExpiredError(error)) {
        this.loadState = 'failed';
        this.emit('billpay-session-expired', {});
      } else {
        this.loadState = isApiError(error) && error.code === 'plans_not_offered' ? 'not_offered' : 'failed';
      }
    }
  }

  private retryLoad = () => {
    const client = this.activeClient;
    this.loadState = 'idle';
    if (!this.activePractice) this.loadingPractice = false;
    if (client && !this.options) void this.loadOptions(client);
    this.requestUpdate();
  };

  private evaluate(): Evaluation {
    return evaluate(this.values, this.options, this.cardCapture);
  }

  private shown(evaluation: Evaluation): Issues {
    return shownIssues(evaluation, this.sticky, this.touched);
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

  private follow(driver: Driver) {
    this.values = follow(this.values, this.options, this.cardCapture, driver);
  }

  // ---------------------------------------------------------------------------------------
  // Events

  private onInput = (field: TextField, slot: Slot) => {
    return (event: InputEvent) => {
      const input = event.target as HTMLInputElement;
      this.typed(field, slot, field in EMPTY_CAPTURE ? capturedInput(field as keyof CaptureValues, input) : input.value);
    };
  };

  private onDateInput = (part: 0 | 1 | 2, value: string) => {
    this.typed(DATE_FIELDS[part], 'firstDate', value);
  };

  /** What follows a change typed into a field: the linked fields, the date, the messages. */
  private typed(field: TextField, slot: Slot, value: string) {
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
  }

  private onBlur = (slot: Slot) => {
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
  };

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
    if (!this.dateTouched) this.values = dateInWindow(this.values, this.options);
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
          captured = await tokenizeCapture(client, this.values, mode, this.cardCapture, this.cardFields.current, { reusable: mode === 'card' });
        } catch (error) {
          await this.showCaptureProblem(error, mode);
          return;
        }
        if (!captured) return;
      }
      this.review = reviewOf(schedule, this.values.driver, mode, captured, options.today);
      this.sent = undefined;
      this.accepted = false;
      await this.goTo({ type: 'reviewed' });
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
    await this.goTo({ type: 'changed' });
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
    const request: PlanRequest = (this.sent ??= requestOf(review, this.authorizationText(review)));
    try {
      const plan = await client.createPlan({ ...request, idempotencyKey: review.idempotencyKey });
      this.plan = plan;
      this.submitting = false;
      await this.goTo({ type: 'created' });
      this.emit('plan-created', { plan });
    } catch (error) {
      this.submitting = false;
      await this.onSubmitFailed(error);
    }
  };

  private async onSubmitFailed(error: unknown) {
    const refusal = refusalOf(error);
    if (refusal.then === 'expired') {
      this.emit('billpay-session-expired', {});
      return;
    }
    if (refusal.then === 'accept' || refusal.then === 'stay') {
      if (refusal.then === 'accept') {
        this.accepted = false;
        this.sent = undefined;
      }
      this.failure = refusal.then === 'accept' ? { kind: 'accept' } : refusal.failure;
      await this.issues.show();
      return;
    }
    if (refusal.then === 'rules') {
      this.sticky = refusal.issues;
      const client = this.activeClient;
      if (client) void this.loadOptions(client);
    } else if (refusal.then === 'cardRefused') {
      this.cardRefused = true;
      this.values = { ...this.values, mode: '' };
      this.touch('mode');
    } else {
      this.values = { ...this.values, ...EMPTY_CARD };
      this.cardFields.current?.clear();
    }
    // Back to the form, with why.
    this.failure = refusal.then === 'rules' ? refusal.failure : { kind: refusal.then === 'cardRefused' ? 'card' : 'expired' };
    this.review = undefined;
    this.sent = undefined;
    this.step = planStep(this.step, { type: 'refused' });
    await this.issues.show();
  }

  private authorizationText(review: Review): string {
    return authorizationText(review, this.activePractice, this.localize.locale);
  }

  private async goTo(event: PlanStepEvent) {
    this.step = planStep(this.step, event);
    await this.updateComplete;
    this.focusHeading();
  }

  /** The input a slot's message leads to (for a group of choices: the chosen one, or the first). */
  private targetOf(slot: Slot): string {
    if (slot === 'frequency') return `frequency-${this.values.frequency}`;
    if (slot === 'mode') return `mode-${this.values.mode || (this.modes[0] ?? 'manual')}`;
    return INPUT_OF[slot];
  }

  private printAuthorization = (event: Event) => {
    const { review, activePractice: practice, activeClient: client } = this;
    if (review && practice && client) void printPlanAuthorization(review, practice, client, this.localize.locale, event.currentTarget);
  };

  private saveCalendar = () => {
    const { plan, activePractice: practice } = this;
    if (plan && practice) savePlanCalendar(this.renderRoot, plan, practice, this.localize.locale);
  };

  private printPlan = async () => {
    const { plan, activePractice: practice, activeClient: client } = this;
    if (plan && practice && client) await printPlan(plan, practice, client, this.review?.captured, this.localize.locale);
  };

  // ---------------------------------------------------------------------------------------
  // Rendering

  protected override updated(): void {
    if (this.step === 'form' && this.values.mode === 'card' && this.cardCapture === 'hosted') this.cardFields.current?.setTheme(this, this.renderRoot);
    // The schedule sentence is announced once typing pauses, and only when it changed.
    const summary = this.step === 'form' ? scheduleSentence(this.evaluate(), this.localize.locale, this.values.frequency) : '';
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
    const view = this.formView;
    return html`
      <form part="form" method="post" novalidate @submit=${this.onReview} aria-labelledby="plan-heading">
        <p class="intro">${p.planIntro(money(options.balanceCents, locale))}</p>
        ${this.issues.summary(() => this.formSummary(errors))} ${renderDown(view, options, errors)}
        ${renderFrequency(view, options.policy, errors)} ${renderSize(view, evaluation, errors)} ${renderDate(view, evaluation, errors)}
        ${renderSchedulePreview(view, evaluation)} ${renderModes(view, options.policy, errors)} ${renderMethod(view, errors)}
        <div class="actions">
          <button type="submit" part="review-button" aria-disabled=${this.preparing ? 'true' : 'false'}>
            ${this.preparing ? html`<span class="spinner" aria-hidden="true"></span>${p.planPreparing}` : p.planReviewButton}
          </button>
        </div>
      </form>
      <p class="visually-hidden" role="status" aria-live="polite">${this.announced}</p>
    `;
  }

  /** The form's state and handlers, for the fields drawn by plan-form.ts. */
  private get formView(): PlanFormView {
    return {
      locale: this.localize.locale,
      values: this.values,
      policy: this.policy,
      modes: this.modes,
      practice: this.activePractice,
      cardCapture: this.cardCapture,
      cardFields: this.cardFields.for(this.activePractice),
      onInput: this.onInput,
      onBlur: this.onBlur,
      onDateInput: this.onDateInput,
      chooseFrequency: this.chooseFrequency,
      chooseMode: this.chooseMode,
      setBankType: (type: BankAccountType) => this.set('bankType', type),
    };
  }

  private formSummary(errors: Issues): SummaryContent {
    return formSummary(errors, this.failure, this.localize.locale, this.values.frequency, (slot) => this.targetOf(slot));
  }

  private renderReview(review: Review, practice: Practice) {
    const errors = this.shown(this.evaluate());
    return planReview({
      review,
      practice,
      errors,
      locale: this.localize.locale,
      heading: this.heading('plan-review-heading', this.p.planReviewTitle),
      summary: this.issues.summary(() => this.reviewSummary(errors)),
      authorizationText: this.authorizationText(review),
      authorizationError: renderError(this.formView, 'authorization', errors),
      submitting: this.submitting,
      accepted: this.accepted,
      onSubmit: this.onSubmit,
      onChange: this.change,
      onAccept: this.onAccept,
      onPrint: this.printAuthorization,
    });
  }

  private onAccept = (event: Event) => {
    this.accepted = (event.target as HTMLInputElement).checked;
    if (this.accepted) this.sticky = Object.fromEntries(Object.entries(this.sticky).filter(([slot]) => slot !== 'authorization'));
  };

  private reviewSummary(errors: Issues): SummaryContent {
    return reviewSummary(errors, this.failure, this.localize.locale, this.values.frequency);
  }

  private renderDone(plan: Plan, practice: Practice) {
    const { p } = this;
    return html`
      <section class="confirmation" part="confirmation" aria-labelledby="plan-done-heading">
        ${this.heading('plan-done-heading', p.planDoneTitle)} ${planDocument(plan, practice, this.review?.captured, this.localize.locale)}
        <div class="actions">
          <button type="button" class="secondary" part="print-button" @click=${this.printPlan}>${p.planPrint}</button>
          ${plan.mode === 'manual' ? html`<button type="button" class="secondary" part="calendar-button" @click=${this.saveCalendar}>${p.planCalendar}</button>` : nothing}
        </div>
      </section>
    `;
  }

}
