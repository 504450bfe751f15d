import {
  findEstimate,
  getPractice,
  getPriceList,
  isApiError,
  localToday,
  requestEstimate,
  type BillPayConnection,
  type Estimate,
  type Practice,
  type PriceList,
  type SelfPayStatement,
  type ServiceCategory,
} from '@billpay/sdk';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { SessionElement } from '../base/session-element.js';
import { FormIssuesController, type SummaryContent } from '../form/form-issues.js';
import { estimateBook, estimateWords } from '../i18n/estimate.js';
import { datePartsStyles } from '../form/date-parts.js';
import { recheckErrors } from '../form/live-errors.js';
import { StepHistory, type StepEntry } from '../history/step-history.js';
import type { PrintableDocument } from '../print/printable-document.js';
import { formStyles } from '../styles/form.js';
import { tokens } from '../styles/shared.js';
import { goodFaithEstimateStyles } from './good-faith-estimate.styles.js';
import { estimateTextStyles } from './estimate-document.styles.js';
import { estimatePrintable, printEstimate, saveEstimate } from './estimate-output.js';
import { accessFailure, checkAccess, checkRequest, failureText, requestFailure, type Failure } from './estimate-request.js';
import { estimateView, type EstimateStep } from './estimate-steps.js';
import { problemText, type EstimateFormView } from './estimate-form.js';
import { accessForm, messageScreen, requestForm, type EstimateScreen } from './estimate-screens.js';
import { EMPTY, FIRST_INPUT, SLOT_ORDER, withItem, withService, type Chosen, type Field, type Problem, type Slot, type View } from './estimate-model.js';

/**
 * A Good Faith Estimate for patients who are uninsured or will not use their insurance (No
 * Surprises Act): find services by name, code or category (each with the items other providers
 * add to it), tell who the patient is and how to reach them, and get the estimate at once as a
 * document to print or save. An estimate issued earlier is shown again to whoever gives its number
 * and the patient's date of birth (`estimate-id` fills in the number).
 *
 * @summary Request and show a Good Faith Estimate of self-pay charges.
 * @tag good-faith-estimate
 *
 * @fires estimate-issued - The patient asked for an estimate and it was issued. `detail.estimate` is the estimate.
 *
 * @csspart form - The request form.
 * @csspart heading - The form's or the estimate's heading.
 * @csspart error-summary - The list of problems shown after a submit.
 * @csspart input - Every text input.
 * @csspart service-list - The services that match the search.
 * @csspart chosen - The chosen services and what they bring.
 * @csspart submit-button - "Get my estimate".
 * @csspart document - The estimate.
 * @csspart provider - One provider's part of the estimate.
 * @csspart charges - A provider's items and their expected charges: a table, its rows shown as cards where its columns do not fit.
 * @csspart total - The estimate's total.
 * @csspart disclaimers - The disclaimers.
 * @csspart print-button - "Print".
 * @csspart save-button - "Save as a file".
 * @csspart copy-sent - Where the copy asked for by email is going, once the estimate shows.
 *
 * @cssprop --billpay-color-accent - Buttons, links and the total.
 * @cssprop --billpay-color-danger - Errors.
 * @cssprop --billpay-color-surface-raised - Background of the chosen services and the total.
 */
export class GoodFaithEstimate extends SessionElement {
  static override styles = [tokens, formStyles, datePartsStyles, estimateTextStyles, goodFaithEstimateStyles];

  constructor() {
    super();
    // Drawn in these books' words too: each update waits for the element's language of them.
    this.localize.uses(estimateBook);
  }

  /** Start by asking for this estimate (issued earlier) again: its number, filled in; the date of birth, asked. */
  @property({ attribute: 'estimate-id' }) estimateId = '';

  @state() private view: View = 'loading';
  @state() private priceList: PriceList | undefined;
  @state() private loadedPractice: Practice | undefined;
  @state() private estimate: Estimate | undefined;
  @state() private values: Record<Field, string> = { ...EMPTY };
  @state() private category: ServiceCategory | '' = '';
  @state() private chosen: readonly Chosen[] = [];
  @state() private primaryId: string | undefined;
  @state() private scheduled = false;
  @state() private coverage: SelfPayStatement | undefined;
  @state() private errors: Partial<Record<Slot, Problem>> = {};
  @state() private failure: Failure | undefined;
  @state() private busy = false;
  @state() private savedNote = false;
  /** Where the copy of the estimate just issued is going, announced once the estimate shows. */
  @state() private copySentTo: string | undefined;
  private readonly issues = new FormIssuesController(this);
  /** Back and Forward move between the request form, "see your estimate again" and the estimate instead of leaving the page. */
  private readonly steps = new StepHistory<EstimateStep>(this, { key: 'billpay-estimate', onStep: (entry, direction) => void this.onHistoryStep(entry, direction) });
  /** Which estimate the estimate step shows: each one issued or found again is another. */
  private estimates = 0;

  /** The connection the price list was (or is being) loaded over. */
  #loadedFor: BillPayConnection | undefined;

  private get level() {
    return this.headingLevelUpTo(5);
  }

  private get activePractice(): Practice | undefined {
    return this.contextPractice ?? this.loadedPractice;
  }

  /**
   * An `estimate-id` opens the "see your estimate again" view with its number; the price list is
   * loaded (once per connection) for the request form, which is shown unless the patient is there.
   */
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('estimateId') && this.estimateId) {
      this.values = { ...this.values, accessNumber: this.estimateId };
      this.view = estimateView(this.view, { type: 'access' });
    }
    const connection = this.activeConnection;
    if (!connection || this.#loadedFor === connection) return;
    this.#loadedFor = connection;
    this.view = estimateView(this.view, { type: 'loading' });
    void this.load(connection);
  }

  private async load(connection: BillPayConnection): Promise<void> {
    const current = () => this.#loadedFor === connection;
    if (!this.contextPractice) {
      getPractice(connection).then(
        (practice) => (this.loadedPractice = practice),
        () => undefined,
      );
    }
    try {
      const priceList = await getPriceList(connection);
      if (!current()) return;
      this.priceList = priceList;
      this.view = estimateView(this.view, { type: 'loaded' });
    } catch (error) {
      if (!current()) return;
      this.view = estimateView(this.view, { type: 'load-failed', unavailable: isApiError(error) && error.code === 'estimates_unavailable' });
    }
  }

  protected override firstUpdated(): void {
    this.steps.start(this.view === 'access' ? 'access' : 'form');
  }

  /** Back or Forward reached a view: show it as it was left (what was typed is kept), or pass over an estimate no longer held. */
  private async onHistoryStep({ step, flow }: StepEntry<EstimateStep>, direction: -1 | 1) {
    if (this.busy) return this.steps.stay(direction);
    if (step === 'form') return this.showForm();
    if (step === 'estimate' && (!this.estimate || flow !== this.estimates)) return this.steps.skip(direction);
    this.view = estimateView(this.view, { type: step === 'access' ? 'access' : 'shown' });
    await this.focusHeading();
  }

  /** Shows an estimate issued or found again, a step of its own in history. */
  private showEstimate(estimate: Estimate) {
    this.estimate = estimate;
    this.copySentTo = undefined;
    this.view = estimateView(this.view, { type: 'shown' });
    this.steps.push('estimate', ++this.estimates);
  }

  private retry = () => {
    this.#loadedFor = undefined;
    this.requestUpdate();
  };

  /** Back to an empty form for another estimate (the price list is kept). */
  private newEstimate = async () => {
    this.values = { ...EMPTY };
    this.category = '';
    this.chosen = [];
    this.primaryId = undefined;
    this.scheduled = false;
    this.coverage = undefined;
    this.errors = {};
    this.failure = undefined;
    this.issues.hide();
    this.savedNote = false;
    this.copySentTo = undefined;
    this.estimate = undefined;
    this.steps.push('form');
    await this.showForm();
  };

  /** The request form, the price list loaded first if it is not yet. */
  private async showForm() {
    const connection = this.activeConnection;
    if (this.priceList || connection) this.view = estimateView(this.view, { type: 'new', priceListLoaded: Boolean(this.priceList) });
    if (!this.priceList && connection) {
      this.#loadedFor = connection;
      await this.load(connection);
    }
    await this.focusHeading();
  }

  /** Moves focus to the heading of what is shown now: a form's, or the estimate's. */
  private async focusHeading() {
    await this.updateComplete;
    const shown = this.renderRoot.querySelector('billpay-estimate-document');
    if (!shown) return this.renderRoot.querySelector<HTMLElement>('#gfe-heading')?.focus();
    await shown.updateComplete;
    shown.focusHeading();
  }

  /** From the request form to "see your estimate again", and back. */
  private showAccess = async () => {
    this.errors = {};
    this.failure = undefined;
    this.issues.hide();
    this.view = estimateView(this.view, { type: 'access' });
    this.steps.push('access');
    await this.focusHeading();
  };

  private onAccessSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (this.busy) return;
    const { errors, estimateId, dob } = checkAccess(this.values, localToday());
    this.errors = errors;
    this.failure = undefined;
    const connection = this.activeConnection;
    if (!dob.ok || Object.keys(errors).length || !connection) {
      await this.issues.show();
      return;
    }
    this.busy = true;
    this.issues.hide();
    try {
      const estimate = await findEstimate(connection, { estimateId, dateOfBirth: dob.date });
      this.busy = false;
      this.showEstimate(estimate);
      await this.focusHeading();
    } catch (error) {
      this.busy = false;
      this.failure = accessFailure(error);
      await this.issues.show();
    }
  };

  // ---------------------------------------------------------------------------------------
  // The form

  private set(field: Field, value: string) {
    this.values = { ...this.values, [field]: value };
  }

  private onText(field: Field) {
    return (event: InputEvent) => this.set(field, (event.target as HTMLInputElement).value);
  }

  private renderEstimate(estimate: Estimate) {
    const t = estimateWords(this.localize.locale);
    return html`<billpay-estimate-document
      .estimate=${estimate}
      locale=${this.localize.locale}
      heading-level=${this.level}
      exportparts="document, heading, provider, charges, total, disclaimers"
    >
      <div slot="actions" class="actions">
        <button type="button" part="print-button" @click=${this.print}>${t.gfePrint}</button>
        <button type="button" class="secondary" part="save-button" @click=${this.save}>${t.gfeSave}</button>
        <button type="button" class="link" @click=${this.newEstimate}>${t.gfeNewEstimate}</button>
      </div>
      <p slot="actions" role="status" class="saved">${this.savedNote ? t.gfeSaved : ''}</p>
      <p slot="actions" role="status" class="copy-sent" part="copy-sent">${this.copySentTo ? t.gfeCopySent(this.copySentTo) : ''}</p>
    </billpay-estimate-document>`;
  }

  private toggleService(id: string) {
    return (event: Event) => {
      if ((event.target as HTMLInputElement).checked) this.chosen = withService(this.chosen, id);
      else this.removeService(id);
    };
  }

  private onRemove(id: string) {
    return (event: Event) => {
      this.removeService(id);
      this.recheck(event);
    };
  }

  private removeService(id: string) {
    this.chosen = this.chosen.filter((c) => c.serviceId !== id);
    if (this.primaryId === id) this.primaryId = undefined;
  }

  private toggleIncluded(serviceId: string, itemId: string) {
    return (event: Event) => (this.chosen = withItem(this.chosen, serviceId, itemId, (event.target as HTMLInputElement).checked));
  }

  private onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (this.busy) return;
    const { request, errors } = this.checkRequest();
    this.errors = errors;
    this.failure = undefined;
    const connection = this.activeConnection;
    if (!request || !connection) {
      await this.issues.show();
      return;
    }
    this.busy = true;
    this.issues.hide();
    try {
      const estimate = await requestEstimate(connection, request);
      this.busy = false;
      this.showEstimate(estimate);
      this.emit('estimate-issued', { estimate });
      await this.focusHeading();
      // Told after the estimate shows, into a live region already there, so it is announced.
      this.copySentTo = request.copy?.email;
    } catch (error) {
      this.busy = false;
      const refused = requestFailure(error);
      this.errors = refused.errors;
      this.failure = refused.failure;
      await this.issues.show();
    }
  };

  /** Errors shown after a submit follow the answers as the person fixes them (see live-errors.ts). */
  private recheck = (event: Event) => {
    if (!this.issues.shown) return;
    const now = this.view === 'access' ? checkAccess(this.values, localToday()).errors : this.checkRequest().errors;
    this.errors = recheckErrors(event, this.errors, now);
  };

  private checkRequest() {
    return checkRequest({ values: this.values, chosen: this.chosen, primaryId: this.primaryId, scheduled: this.scheduled, coverage: this.coverage }, localToday(), this.localize.locale);
  }

  // ---------------------------------------------------------------------------------------
  // Saving and printing

  /**
   * The estimate on screen as a document of its own, for printing or saving apart from the page
   * (see `PrintableDocument`); undefined until an estimate is shown.
   */
  printableDocument(): PrintableDocument | undefined {
    const shown = this.view === 'estimate' ? this.renderRoot.querySelector('billpay-estimate-document') : null;
    return estimatePrintable(this.estimate, shown, this.localize.locale);
  }

  private print = () => printEstimate(this.printableDocument(), this.activePractice, this.localize.locale);

  private save = () => {
    if (saveEstimate(this.renderRoot, this.estimate, this.printableDocument())) this.savedNote = true;
  };

  // ---------------------------------------------------------------------------------------
  // Rendering

  protected override render() {
    const t = estimateWords(this.localize.locale);
    switch (this.view) {
      case 'loading':
        return html`<p class="status" role="status">${t.gfeLoading}</p>`;
      case 'unavailable':
        return messageScreen(this.screen, t.gfeUnavailable, false);
      case 'access':
        return accessForm(this.screen);
      case 'load-error':
        return messageScreen(this.screen, t.gfeLoadFailed, true);
      case 'estimate':
        return this.estimate ? this.renderEstimate(this.estimate) : nothing;
      case 'form':
        return requestForm(this.screen);
    }
  }

  /** What the screens drawn by estimate-screens.ts show, and their handlers. */
  private get screen(): EstimateScreen {
    return {
      form: this.formView,
      practice: this.activePractice,
      busy: this.busy,
      summary: this.issues.summary(this.summaryContent),
      onRequest: this.onSubmit,
      onAccess: this.onAccessSubmit,
      recheck: this.recheck,
      showAccess: this.showAccess,
      newEstimate: this.newEstimate,
      retry: this.retry,
    };
  }

  /** The form's state and handlers, for the fields drawn by estimate-form.ts. */
  private get formView(): EstimateFormView {
    return {
      locale: this.localize.locale,
      level: this.level,
      state: {
        values: this.values,
        errors: this.errors,
        category: this.category,
        chosen: this.chosen,
        primaryId: this.primaryId,
        scheduled: this.scheduled,
        coverage: this.coverage,
        priceList: this.priceList,
      },
      // Each is a reactive property: assigning it renders again.
      patch: (patch) => Object.assign(this, patch),
      set: (field, value) => this.set(field, value),
      onText: (field) => this.onText(field),
      toggleService: (id) => this.toggleService(id),
      onRemove: (id) => this.onRemove(id),
      toggleIncluded: (serviceId, itemId) => this.toggleIncluded(serviceId, itemId),
    };
  }

  private summaryContent = (): SummaryContent => {
    const t = estimateWords(this.localize.locale);
    const lines = SLOT_ORDER.flatMap((slot) => {
      const problem = this.errors[slot];
      return problem ? [{ inputId: FIRST_INPUT[slot], text: problemText(this.localize.locale, problem) }] : [];
    });
    return { title: t.errorSummaryTitle, failures: [failureText(this.failure, this.view, this.localize.locale)], lines, whenEmpty: 'hide' };
  };

}
