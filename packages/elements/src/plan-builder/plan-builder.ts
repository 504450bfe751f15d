import { changePlanMethod, createPlan, isNetworkError, isSessionExpiredError, type BankAccountType, type BillPayConnection, type Plan, type PlanPolicy, type PlanRequest, type Practice } from '@billpay/sdk';
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { SessionElement } from '../base/session-element.js';
import { datePartsStyles } from '../form/date-parts.js';
import { FormIssuesController } from '../form/form-issues.js';
import { StepHistory, type StepEntry } from '../history/step-history.js';
import { PauseAnnouncer } from '../form/pause-announcer.js';
import { payBook } from '../i18n/pay.js';
import { planBook, type PlanTranslation } from '../i18n/plans.js';
import { captureProblem, tokenizeCapture, type CapturedMethod, type CardCapture } from '../payment-method/capture.js';
import { CardFieldsChoice } from '../payment-method/card-fields-choice.js';
import { flowStyles } from '../styles/flow.js';
import { formStyles } from '../styles/form.js';
import { tokens } from '../styles/shared.js';
import { planBuilderStyles } from './plan-builder.styles.js';
import { printPlan, printPlanAuthorization, savePlanCalendar } from './plan-documents.js';
import { PlanEntry } from './plan-entry.js';
import { PlanLoad } from './plan-load.js';
import { planStart, renderError, type PlanFormView } from './plan-form.js';
import { inputOf, offeredModes, startValues, type Failure, type Issues, type PayMode, type Review } from './plan-model.js';
import { planReview } from './plan-review.js';
import { automaticModes, methodStart, remainingSchedule } from './plan-method.js';
import { planDone } from './plan-schedule.js';
import { historyStep, planStep, type PlanStep, type PlanStepEvent } from './plan-steps.js';
import { refusalOf, requestOf, reviewOf } from './plan-submit.js';
import { authorizationText, formSummary, reviewSummary, scheduleSentence } from './plan-words.js';

/**
 * Builds a payment plan within the practice's rules: how often, how many payments or how much
 * each (either one; the other follows), the first payment's date and, where the practice asks for
 * one, a down payment. The schedule is shown as it changes and announced politely. Each payment is
 * charged automatically to a bank account or a card (saved at the processor for that) after the
 * patient accepts a recurring-payment authorization, or paid by the patient with calendar
 * reminders. A review shows exactly the plan that is set up; the confirmation shows the whole
 * schedule and the next payment.
 *
 * With `mode="change-method"` and `plan-id`, it changes the bank account or card an automatic plan's
 * payments left are charged to: the same method fields, review and authorization, accepted by the
 * patient; nothing is charged then.
 *
 * @summary Set up a payment plan: frequency, number or amount of payments, first date, how to pay.
 * @tag plan-builder
 *
 * @fires plan-created - The plan was set up. `detail.plan` is the plan with its schedule.
 * @fires plan-method-changed - The plan's payment method was changed (`mode="change-method"`). `detail.plan` is the plan as it now is.
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
export class PlanBuilder extends SessionElement {
  static override styles = [tokens, formStyles, flowStyles, datePartsStyles, planBuilderStyles];

  constructor() {
    super();
    // Drawn in these books' words too: each update waits for the element's language of them.
    this.localize.uses(payBook, planBook);
  }

  /** Where card numbers are typed: `hosted` (default, the processor's iframe) or `direct`. */
  @property({ attribute: 'card-capture' }) cardCapture: CardCapture = 'hosted';

  /**
   * How automatic payments may be made, space-separated: `bank`, `card` (default both). A card is
   * saved at the processor for later charges (`reusable`), with the patient's authorization.
   */
  @property({ attribute: 'autopay-methods' }) autopayMethods = 'bank card';

  /** `create` (default): set up a plan. `change-method`: change the payment method of the automatic plan `plan-id`. */
  @property() mode: 'create' | 'change-method' = 'create';

  /** With `mode="change-method"`: the account's automatic plan whose payment method changes. */
  @property({ attribute: 'plan-id' }) planId = '';

  @state() private step: PlanStep = 'form';
  @state() private failure: Failure | undefined;
  @state() private preparing = false;
  @state() private submitting = false;
  @state() private review: Review | undefined;
  @state() private accepted = false;
  @state() private plan: Plan | undefined;
  /** The server refused automatic payments by card: only a bank account or paying by hand remain. */
  @state() private cardRefused = false;

  private readonly load = new PlanLoad(this, {
    onFirstOptions: (options) => (this.entry.values = startValues(this.entry.values, options)),
    onSessionExpired: () => this.emit('billpay-session-expired', {}),
  });
  private readonly cardFields = new CardFieldsChoice(this);
  private readonly issues = new FormIssuesController(this);
  private readonly entry = new PlanEntry(this, () => this.load.options, () => this.cardCapture, () => {
    if (this.failure?.kind === 'rules') this.failure = undefined;
  });
  /** The schedule in one sentence, announced politely once typing pauses. */
  private readonly announcer = new PauseAnnouncer(this);
  /** The request sent for the current review, kept so a retry repeats it exactly (same key, same body). */
  private sent: PlanRequest | undefined;
  /** Back and Forward move between the plan's steps instead of leaving the page (or going back to the bill). */
  private readonly steps = new StepHistory<PlanStep>(this, { key: 'billpay-plan', onStep: (entry, direction) => void this.onHistoryStep(entry, direction) });
  /** Which review the review step shows: each Review plan makes another. */
  private reviews = 0;

  protected override firstUpdated(): void {
    this.steps.start('form');
  }

  /** Back or Forward reached a step: show it, pass over one that is gone, or stay while the plan is being set up. */
  private async onHistoryStep({ step, flow }: StepEntry<PlanStep>, direction: -1 | 1) {
    const then = historyStep(step, { submitting: this.submitting, created: Boolean(this.plan), review: this.review ? this.reviews : undefined }, flow);
    if (then === 'stay') return this.steps.stay(direction);
    if (then === 'skip') return this.steps.skip(direction);
    this.step = planStep(this.step, { type: 'shown', step });
    await this.updateComplete;
    this.focusHeading();
  }

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

  /** The words of plans, in the element's language. */
  private get p(): PlanTranslation {
    return this.localize.words(planBook);
  }

  private get activePractice(): Practice | undefined {
    return this.contextPractice ?? this.load.practice;
  }

  private get policy(): PlanPolicy | undefined {
    return this.load.options?.policy;
  }

  /** The ways to pay each installment offered here: paying by hand always is. */
  private get modes(): PayMode[] {
    const modes = offeredModes(this.policy, Boolean(this.activePractice?.payments), this.autopayMethods, this.cardRefused);
    return this.changing ? automaticModes(modes) : modes;
  }

  private get changing(): boolean {
    return this.mode === 'change-method';
  }

  protected override willUpdate(): void {
    this.load.start(this.activeConnection, this.contextPractice);
    if (this.changing) this.load.startPlan(this.activeConnection, this.planId);
    if (this.load.options && this.activePractice) {
      if (this.changing) this.entry.keepMethodOffered(this.modes);
      else this.entry.keepModeOffered(this.modes);
    }
  }

  private retryLoad = () => this.load.retry(this.activeConnection, this.contextPractice);

  private chooseMode = (event: Event) => {
    this.entry.chooseMode((event.target as HTMLInputElement).value as PayMode);
    if (this.failure?.kind === 'card') this.failure = undefined;
  };

  // ---------------------------------------------------------------------------------------
  // Review

  private onReview = async (event: SubmitEvent) => {
    event.preventDefault();
    if (this.preparing) return;
    const client = this.activeConnection;
    const options = this.load.options;
    if (!client || !options) return;
    if (this.changing) return this.reviewMethod(client, options.today);
    this.failure = undefined;
    const mode = this.entry.values.mode;
    const { evaluation, shown } = this.entry.checkAll();
    if (evaluation.blocking) this.failure = { kind: 'ineligible', violation: evaluation.blocking };
    if (Object.keys(shown).length || !evaluation.schedule || evaluation.blocking || mode === '') {
      await this.issues.show();
      return;
    }
    this.issues.hide();
    const schedule = evaluation.schedule;
    this.preparing = true;
    try {
      const captured = mode === 'manual' ? undefined : await this.capture(client, mode);
      if (mode !== 'manual' && !captured) return;
      await this.showReview(reviewOf(schedule, this.entry.values.driver, mode, captured, options.today));
    } finally {
      this.preparing = false;
    }
  };

  /** Review new payment method: the bank account or card as a token, reviewed with the payments the plan has left. */
  private async reviewMethod(client: BillPayConnection, today: string) {
    const left = this.load.plan && remainingSchedule(this.load.plan);
    if (!left) return;
    this.failure = undefined;
    const shown = this.entry.checkMethod();
    const mode = this.entry.values.mode;
    if (Object.keys(shown).length || (mode !== 'bank' && mode !== 'card')) {
      await this.issues.show();
      return;
    }
    this.issues.hide();
    this.preparing = true;
    try {
      const captured = await this.capture(client, mode);
      if (captured) await this.showReview(reviewOf(left, 'count', mode, captured, today));
    } finally {
      this.preparing = false;
    }
  }

  private async showReview(review: Review) {
    this.review = review;
    this.reviews++;
    this.sent = undefined;
    this.accepted = false;
    await this.goTo({ type: 'reviewed' });
  }

  /** The bank account or card for automatic payments as a processor token, or why it could not be. */
  private async capture(client: BillPayConnection, mode: 'bank' | 'card'): Promise<CapturedMethod | undefined> {
    try {
      // A card for automatic payments is saved for later charges: each installment charges it again.
      return await tokenizeCapture(client, this.entry.values, mode, this.cardCapture, this.cardFields.current, { reusable: mode === 'card' });
    } catch (error) {
      await this.showCaptureProblem(error, mode);
      return undefined;
    }
  }

  private async showCaptureProblem(error: unknown, mode: 'bank' | 'card') {
    const problem = captureProblem(error, mode);
    if (problem) {
      this.entry.sticky = { ...this.entry.sticky, [problem.slot]: { code: problem.code } };
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
    const client = this.activeConnection;
    if (!review || !client || this.submitting) return;
    if (review.mode !== 'manual' && !this.accepted) {
      this.entry.sticky = { ...this.entry.sticky, authorization: { code: 'authorization.unchecked' } };
      this.failure = undefined;
      await this.issues.show();
      return;
    }
    this.entry.sticky = {};
    this.issues.hide();
    this.failure = undefined;
    this.submitting = true;
    // A retry sends exactly what the first attempt sent: the same key with another body is refused.
    const request: PlanRequest = (this.sent ??= requestOf(review, this.authorizationText(review)));
    try {
      const plan = this.changing ? await this.submitMethod(client, review, request) : await createPlan(client, { ...request, idempotencyKey: review.idempotencyKey });
      this.plan = plan;
      this.submitting = false;
      await this.goTo({ type: 'created' });
      this.emit(this.changing ? 'plan-method-changed' : 'plan-created', { plan });
    } catch (error) {
      this.submitting = false;
      await this.onSubmitFailed(error);
    }
  };

  /** The plan's new payment method and its authorization, under the review's key (so a retry changes it once). */
  private async submitMethod(client: BillPayConnection, review: Review, request: PlanRequest): Promise<Plan> {
    if (request.payment.mode !== 'automatic') throw new Error('A new payment method is for automatic payments.');
    const plan = await changePlanMethod(client, this.planId, { payment: request.payment, idempotencyKey: review.idempotencyKey });
    this.load.plan = plan;
    return plan;
  }

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
      this.failure = refusal.then === 'accept' ? { kind: 'accept' } : this.changing && refusal.failure.kind === 'other' ? { kind: 'methodOther' } : refusal.failure;
      await this.issues.show();
      return;
    }
    if (refusal.then === 'rules') {
      this.entry.sticky = refusal.issues;
      const client = this.activeConnection;
      if (client) void this.load.loadOptions(client);
    } else if (refusal.then === 'cardRefused') {
      this.cardRefused = true;
      this.entry.set('mode', '');
      this.entry.touch('mode');
    } else {
      this.entry.clearCard();
      this.cardFields.current?.clear();
    }
    // Back to the form, with why.
    this.failure = refusal.then === 'rules' ? refusal.failure : { kind: refusal.then === 'cardRefused' ? 'card' : 'expired' };
    this.review = undefined;
    this.sent = undefined;
    this.step = planStep(this.step, { type: 'refused' });
    this.steps.push('form');
    await this.issues.show();
  }

  private authorizationText(review: Review): string {
    return authorizationText(review, this.activePractice, this.localize.locale);
  }

  private async goTo(event: PlanStepEvent) {
    const step = (this.step = planStep(this.step, event));
    this.steps.push(step, step === 'review' ? this.reviews : 0);
    await this.updateComplete;
    this.focusHeading();
  }

  private printAuthorization = (event: Event) => {
    const { review, activePractice: practice, activeConnection: client } = this;
    if (review && practice && client) void printPlanAuthorization(review, practice, client, this.localize.locale, event.currentTarget);
  };

  private saveCalendar = () => {
    const { plan, activePractice: practice } = this;
    if (plan && practice) savePlanCalendar(this.renderRoot, plan, practice, this.localize.locale);
  };

  private printPlan = async () => {
    const { plan, activePractice: practice, activeConnection: client } = this;
    if (plan && practice && client) await printPlan(plan, practice, client, this.review?.captured, this.localize.locale);
  };

  // ---------------------------------------------------------------------------------------
  // Rendering

  protected override updated(): void {
    if (this.step === 'form' && this.entry.values.mode === 'card' && this.cardCapture === 'hosted') this.cardFields.current?.setTheme(this, this.renderRoot);
    this.announcer.follow(this.step === 'form' && !this.changing ? scheduleSentence(this.entry.evaluate(), this.localize.locale, this.entry.values.frequency) : '');
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
      <div ?hidden=${this.step !== 'form'}>
        ${this.heading('plan-heading', this.changing ? p.planMethodTitle : p.planTitle)} ${this.changing ? this.renderMethodStart() : this.renderStart()}
      </div>
      ${this.step === 'review' && this.review && practice ? this.renderReview(this.review, practice) : nothing}
      <p class="visually-hidden" role="status">${this.submitting ? (this.changing ? p.planMethodSubmitting : p.planSubmitting) : this.preparing ? p.planPreparing : ''}</p>
    `;
  }

  /** Under the heading: loading, why there is no plan to make, or the form. */
  private renderStart() {
    const evaluation = this.entry.evaluate();
    return planStart(this.formView, {
      options: this.load.options,
      loadState: this.load.state,
      reviewed: Boolean(this.review),
      evaluation,
      errors: this.entry.shown(evaluation),
      summary: this.formIssues,
      preparing: this.preparing,
      announced: this.announcer.announced,
      onReview: this.onReview,
      onRetry: this.retryLoad,
    });
  }

  /** The form's error summary (what to fix, or why the plan or the method was refused). */
  private formIssues = (errors: Issues) =>
    this.issues.summary(() => formSummary(errors, this.failure, this.localize.locale, this.entry.values.frequency, (slot) => inputOf(slot, this.entry.values, this.modes)));

  /** Under the heading, changing the payment method: loading, nothing to change, or the method's form. */
  private renderMethodStart() {
    return methodStart(this.formView, {
      plan: this.load.plan,
      loadFailed: this.load.planFailed || this.load.state === 'failed',
      notOffered: this.load.state === 'not_offered',
      errors: this.entry.shown(this.entry.evaluate()),
      summary: this.formIssues,
      preparing: this.preparing,
      onReview: this.onReview,
      onRetry: this.retryLoad,
    });
  }

  /** The form's state and handlers, for the fields drawn by plan-form.ts. */
  private get formView(): PlanFormView {
    return {
      locale: this.localize.locale,
      values: this.entry.values,
      policy: this.policy,
      modes: this.modes,
      practice: this.activePractice,
      cardCapture: this.cardCapture,
      cardFields: this.cardFields.for(this.activePractice),
      onInput: this.entry.onInput,
      onBlur: this.entry.onBlur,
      onDateInput: this.entry.onDateInput,
      chooseFrequency: this.entry.chooseFrequency,
      chooseMode: this.chooseMode,
      setBankType: (type: BankAccountType) => this.entry.set('bankType', type),
    };
  }

  private renderReview(review: Review, practice: Practice) {
    const errors = this.entry.shown(this.entry.evaluate());
    return planReview({
      review,
      practice,
      errors,
      locale: this.localize.locale,
      heading: this.heading('plan-review-heading', this.changing ? this.p.planMethodReviewTitle : this.p.planReviewTitle),
      changingMethod: this.changing,
      summary: this.issues.summary(() => reviewSummary(errors, this.failure, this.localize.locale, this.entry.values.frequency)),
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
    if (this.accepted) this.entry.forget('authorization');
  };

  private renderDone(plan: Plan, practice: Practice) {
    const heading = this.heading('plan-done-heading', this.changing ? this.p.planMethodDoneTitle : this.p.planDoneTitle);
    return planDone(plan, practice, this.review?.captured, this.localize.locale, { heading, onPrint: this.printPlan, onCalendar: this.saveCalendar });
  }
}
