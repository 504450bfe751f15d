import {
  checkEstimateContact,
  EstimateIdSchema,
  findEstimate,
  getPractice,
  getPriceList,
  isApiError,
  isLockedOutError,
  isNetworkError,
  localToday,
  parseDateOfBirth,
  parseDiagnosisCodes,
  parseScheduledDate,
  requestEstimate,
  type BillPayConnection,
  type Estimate,
  type EstimateRequestInput,
  type Practice,
  type PriceList,
  type PriceListService,
  type SelfPayStatement,
  type ServiceCategory,
} from '@billpay/sdk';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { SessionElement } from '../base/session-element.js';
import { FormIssuesController, type SummaryContent } from '../form/form-issues.js';
import { downloadFile } from '../download/download-file.js';
import { dataTableStyles } from '../data-table/data-table.styles.js';
import { estimateWords } from '../i18n/estimate.js';
import { datePartsStyles } from '../form/date-parts.js';
import { recheckErrors } from '../form/live-errors.js';
import { telHref, whenOf, withPhone } from '../i18n/format.js';
import { standaloneHtml, type PrintableDocument } from '../print/printable-document.js';
import { formStyles } from '../styles/form.js';
import { tokens } from '../styles/shared.js';
import { estimateFileStyles, goodFaithEstimateStyles } from './good-faith-estimate.styles.js';
import { describeIn, estimateDocument } from './estimate-document.js';
import { estimateView } from './estimate-steps.js';
import { dateFields, describedBy, renderChosen, renderContactFields, renderCoverage, renderDiagnosis, renderError, renderPatient, renderSchedule, renderServices, textField, problemText, type EstimateFormView } from './estimate-form.js';
import { EMPTY, FIRST_INPUT, SLOT_ORDER, serverProblems, type Chosen, type Field, type Problem, type Slot, type View } from './estimate-model.js';

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
 *
 * @cssprop --billpay-color-accent - Buttons, links and the total.
 * @cssprop --billpay-color-danger - Errors.
 * @cssprop --billpay-color-surface-raised - Background of the chosen services and the total.
 */
export class GoodFaithEstimate extends SessionElement {
  static override styles = [tokens, formStyles, datePartsStyles, dataTableStyles, goodFaithEstimateStyles];

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
  @state() private failure: 'network' | 'other' | 'not_found' | { readonly waitMinutes: number } | { readonly lockedUntil: Date } | undefined;
  @state() private busy = false;
  @state() private savedNote = false;
  private readonly issues = new FormIssuesController(this);

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
    this.estimate = undefined;
    const connection = this.activeConnection;
    if (this.priceList) this.view = estimateView(this.view, { type: 'new', priceListLoaded: true });
    else if (connection) {
      this.#loadedFor = connection;
      this.view = estimateView(this.view, { type: 'new', priceListLoaded: false });
      await this.load(connection);
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#gfe-heading')?.focus();
  };

  /** From the request form to "see your estimate again", and back. */
  private showAccess = async () => {
    this.errors = {};
    this.failure = undefined;
    this.issues.hide();
    this.view = estimateView(this.view, { type: 'access' });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#gfe-heading')?.focus();
  };

  /** Every problem with the estimate number and date of birth, and the lookup when there is none. */
  private validateAccess() {
    const v = this.values;
    const errors: Partial<Record<Slot, Problem>> = {};
    const estimateId = v.accessNumber.trim();
    if (!estimateId) errors.accessNumber = { code: 'estimate_id.empty' };
    else if (!EstimateIdSchema.safeParse(estimateId).success) errors.accessNumber = { code: 'estimate_id.invalid' };
    const dob = parseDateOfBirth({ month: v.accessMonth, day: v.accessDay, year: v.accessYear }, localToday());
    if (!dob.ok) errors.accessDob = { code: dob.issue };
    return { errors, estimateId, dob };
  }

  private onAccessSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (this.busy) return;
    const { errors, estimateId, dob } = this.validateAccess();
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
      this.estimate = await findEstimate(connection, { estimateId, dateOfBirth: dob.date });
      this.busy = false;
      this.view = estimateView(this.view, { type: 'shown' });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#gfe-heading')?.focus();
    } catch (error) {
      this.busy = false;
      if (isLockedOutError(error)) this.failure = { lockedUntil: error.retryAt };
      else if (isApiError(error) && error.code === 'estimate_lookup_failed') this.failure = 'not_found';
      else this.failure = isNetworkError(error) ? 'network' : 'other';
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

  private service(id: string): PriceListService | undefined {
    return this.priceList?.services.find((service) => service.id === id);
  }

  private providerName(id: string): string {
    return this.priceList?.providers.find((provider) => provider.id === id)?.name ?? '';
  }

  private describe(item: { description: string; descriptionEs?: string | undefined }): string {
    return describeIn(this.localize.locale, item);
  }

  private renderEstimate(estimate: Estimate) {
    const t = estimateWords[this.localize.locale];
    return estimateDocument(
      estimate,
      this.localize.locale,
      this.level,
      html`<div class="actions">
          <button type="button" part="print-button" @click=${this.print}>${t.gfePrint}</button>
          <button type="button" class="secondary" part="save-button" @click=${this.save}>${t.gfeSave}</button>
          <button type="button" class="link" @click=${this.newEstimate}>${t.gfeNewEstimate}</button>
        </div>
        <p role="status" class="saved">${this.savedNote ? t.gfeSaved : ''}</p>`,
    );
  }

  private toggleService(id: string) {
    return (event: Event) => {
      const checked = (event.target as HTMLInputElement).checked;
      if (checked && !this.chosen.some((c) => c.serviceId === id)) this.chosen = [...this.chosen, { serviceId: id, declined: new Set() }];
      if (!checked) this.removeService(id);
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
    return (event: Event) => {
      const include = (event.target as HTMLInputElement).checked;
      this.chosen = this.chosen.map((c) => {
        if (c.serviceId !== serviceId) return c;
        const declined = new Set(c.declined);
        if (include) declined.delete(itemId);
        else declined.add(itemId);
        return { ...c, declined };
      });
    };
  }

  /** Every problem with what was entered, and the request when there is none. */
  private validate(): { request?: EstimateRequestInput; errors: Partial<Record<Slot, Problem>> } {
    const v = this.values;
    const errors: Partial<Record<Slot, Problem>> = {};
    const today = localToday();
    if (!this.chosen.length) errors.services = { code: 'services.none' };
    let scheduledDate: string | undefined;
    if (this.scheduled) {
      const parsed = parseScheduledDate({ month: v.scheduledMonth, day: v.scheduledDay, year: v.scheduledYear }, today);
      if (parsed.ok) scheduledDate = parsed.date;
      else errors.scheduled = { code: parsed.issue };
    }
    if (!v.firstName.trim()) errors.firstName = { code: 'first_name.empty' };
    if (!v.lastName.trim()) errors.lastName = { code: 'last_name.empty' };
    const dob = parseDateOfBirth({ month: v.month, day: v.day, year: v.year }, today);
    if (!dob.ok) errors.dob = { code: dob.issue };
    const contact = checkEstimateContact(v.email, v.phone);
    if (!contact.ok) for (const { field, issue } of contact.issues) errors[field] = { code: issue };
    if (!this.coverage) errors.coverage = { code: 'coverage.none' };
    const diagnosis = parseDiagnosisCodes(v.diagnosis);
    if (!diagnosis.ok) errors.diagnosis = { code: diagnosis.issue, ...(diagnosis.code ? { value: diagnosis.code } : {}) };
    if (Object.keys(errors).length || !dob.ok || !contact.ok || !diagnosis.ok || !this.coverage) return { errors };
    const primaryServiceId = this.primaryId ?? this.chosen[0]?.serviceId ?? '';
    return {
      errors,
      request: {
        patient: { firstName: v.firstName.trim(), lastName: v.lastName.trim(), dateOfBirth: dob.date },
        contact: contact.contact,
        coverage: this.coverage,
        primaryServiceId,
        services: this.chosen.map((c) => ({ serviceId: c.serviceId, ...(c.declined.size ? { declined: [...c.declined] } : {}) })),
        ...(scheduledDate ? { scheduledDate } : {}),
        ...(diagnosis.codes.length ? { diagnosisCodes: diagnosis.codes } : {}),
      },
    };
  }

  private onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (this.busy) return;
    const { request, errors } = this.validate();
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
      this.estimate = estimate;
      this.view = estimateView(this.view, { type: 'shown' });
      this.emit('estimate-issued', { estimate });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#gfe-heading')?.focus();
    } catch (error) {
      this.busy = false;
      if (isApiError(error) && error.status === 400 && error.issues.length) this.errors = serverProblems(error.issues);
      else if (isApiError(error) && error.code === 'too_many_estimates') this.failure = { waitMinutes: Math.max(1, Math.ceil((error.retryAfterSeconds ?? 3_600) / 60)) };
      else this.failure = isNetworkError(error) ? 'network' : 'other';
      if (!Object.keys(this.errors).length && !this.failure) this.failure = 'other';
      await this.issues.show();
    }
  };

  /** Errors shown after a submit follow the answers as the person fixes them (see live-errors.ts). */
  private recheck = (event: Event) => {
    if (!this.issues.shown) return;
    const now = this.view === 'access' ? this.validateAccess().errors : this.validate().errors;
    this.errors = recheckErrors(event, this.errors, now);
  };

  private message(problem: Problem): string {
    return problemText(this.localize.locale, problem);
  }


  // ---------------------------------------------------------------------------------------
  // Saving and printing

  /**
   * The estimate on screen as a document of its own, for printing or saving apart from the page
   * (see `PrintableDocument`); undefined until an estimate is shown.
   */
  printableDocument(): PrintableDocument | undefined {
    const estimate = this.estimate;
    const shown = this.view === 'estimate' ? this.renderRoot.querySelector('[part="document"]') : null;
    if (!estimate || !shown) return undefined;
    const content = shown.cloneNode(true) as HTMLElement;
    for (const node of content.querySelectorAll('.actions, [role="status"]')) node.remove();
    const title = estimateWords[this.localize.locale].gfeFileTitle(`${estimate.patient.firstName} ${estimate.patient.lastName}`);
    return { title, lang: this.localize.locale, content, styles: GoodFaithEstimate.styles };
  }

  /** Prints the estimate as a document of its own (the practice, then the estimate), not the page. */
  private print = async () => {
    const printable = this.printableDocument();
    const practice = this.activePractice;
    if (!printable || !practice) return;
    const { printDocument } = await import('../print/print-document.js');
    await printDocument({ title: printable.title, locale: this.localize.locale, practice, content: printable.content, ownHeading: true, styles: printable.styles });
  };

  /** Saves the estimate as a web page of its own: readable offline on a phone or a desktop, printable, nothing to run. */
  private save = () => {
    const estimate = this.estimate;
    const printable = this.printableDocument();
    if (!estimate || !printable) return;
    downloadFile(this.renderRoot, standaloneHtml(printable, estimateFileStyles), 'text/html;charset=utf-8', `good-faith-estimate-${estimate.issuedOn}-${estimate.id}.html`);
    this.savedNote = true;
  };

  // ---------------------------------------------------------------------------------------
  // Rendering

  protected override render() {
    const t = estimateWords[this.localize.locale];
    switch (this.view) {
      case 'loading':
        return html`<p class="status" role="status">${t.gfeLoading}</p>`;
      case 'unavailable':
        return this.renderMessage(t.gfeUnavailable, false);
      case 'access':
        return this.renderAccess();
      case 'load-error':
        return this.renderMessage(t.gfeLoadFailed, true);
      case 'estimate':
        return this.estimate ? this.renderEstimate(this.estimate) : nothing;
      case 'form':
        return this.renderForm();
    }
  }

  private renderMessage(message: string, canRetry: boolean) {
    const t = estimateWords[this.localize.locale];
    return html`
      <section aria-labelledby="gfe-heading">
        <div id="gfe-heading" class="heading" part="heading" role="heading" aria-level=${this.level} tabindex="-1">${t.gfeTitle}</div>
        <p role="alert">${message}</p>
        ${canRetry ? html`<button type="button" @click=${this.retry}>${t.tryAgain}</button>` : nothing} ${this.renderContact()}
      </section>
    `;
  }

  private renderContact() {
    const practice = this.activePractice;
    if (!practice) return nothing;
    const t = estimateWords[this.localize.locale];
    const { phone } = practice.contact;
    return html`<p class="contact"><a href=${telHref(phone)}>${withPhone(t.callBilling(phone), phone, html`<span class="phone">${phone}</span>`)}</a></p>`;
  }

  private renderForm() {
    const t = estimateWords[this.localize.locale];
    return html`
      <form part="form" method="post" novalidate @submit=${this.onSubmit} @input=${this.recheck} @change=${this.recheck} @focusout=${this.recheck} aria-labelledby="gfe-heading">
        <div id="gfe-heading" class="heading" part="heading" role="heading" aria-level=${this.level} tabindex="-1">${t.gfeTitle}</div>
        <p class="intro">${t.gfeIntro}</p>
        <p><button type="button" class="link" @click=${this.showAccess}>${t.gfeSeeAgain}</button></p>
        ${this.issues.summary(this.summaryContent)} ${renderServices(this.formView)} ${renderChosen(this.formView)} ${renderSchedule(this.formView)}
        ${renderPatient(this.formView)} ${renderContactFields(this.formView)} ${renderCoverage(this.formView)} ${renderDiagnosis(this.formView)}
        <div class="actions">
          <button type="submit" part="submit-button" aria-disabled=${this.busy ? 'true' : 'false'}>
            ${this.busy ? html`<span class="spinner" aria-hidden="true"></span>${t.gfeSubmitting}` : t.gfeSubmit}
          </button>
        </div>
        <p class="visually-hidden" role="status">${this.busy ? t.gfeSubmitting : ''}</p>
      </form>
    `;
  }

  /** Asks for an estimate issued earlier: its number and the patient's date of birth. */
  private renderAccess() {
    const t = estimateWords[this.localize.locale];
    const dobInvalid = Boolean(this.errors.accessDob);
    return html`
      <form part="form" method="post" novalidate @submit=${this.onAccessSubmit} @input=${this.recheck} @change=${this.recheck} @focusout=${this.recheck} aria-labelledby="gfe-heading">
        <div id="gfe-heading" class="heading" part="heading" role="heading" aria-level=${this.level} tabindex="-1">${t.gfeAccessTitle}</div>
        <p class="intro">${t.gfeAccessIntro}</p>
        ${this.issues.summary(this.summaryContent)}
        ${textField(this.formView, 'accessNumber', 'accessNumber', 'access-number', t.gfeEstimateNumber, { autocomplete: 'off', hint: t.gfeAccessNumberHint })}
        <fieldset class=${dobInvalid ? 'invalid' : ''} data-slot="accessDob" aria-describedby=${describedBy(this.formView, 'access-dob-hint', 'accessDob')}>
          <legend>${t.dobLegend}</legend>
          <span id="access-dob-hint" class="hint">${t.dobHint}</span>
          ${renderError(this.formView, 'accessDob')}
          ${dateFields(this.formView, 'accessDob', 'access-dob', ['accessMonth', 'accessDay', 'accessYear'], ['bday-month', 'bday-day', 'bday-year'])}
        </fieldset>
        <div class="actions">
          <button type="submit" part="submit-button" aria-disabled=${this.busy ? 'true' : 'false'}>
            ${this.busy ? html`<span class="spinner" aria-hidden="true"></span>${t.gfeAccessing}` : t.gfeAccessSubmit}
          </button>
        </div>
        <p><button type="button" class="link" @click=${this.newEstimate}>${t.gfeAskInstead}</button></p>
        <p class="visually-hidden" role="status">${this.busy ? t.gfeAccessing : ''}</p>
      </form>
    `;
  }

  private failureMessage(): string | undefined {
    const { locale } = this.localize;
    const t = estimateWords[locale];
    const failure = this.failure;
    if (failure === 'network') return t.gfeRequestFailed;
    if (failure === 'other') return this.view === 'access' ? t.gfeAccessOther : t.gfeRequestRefused;
    if (failure === 'not_found') return t.gfeAccessFailed;
    if (failure && 'lockedUntil' in failure) return t.gfeAccessLocked(whenOf(failure.lockedUntil, locale));
    return failure ? t.gfeTooMany(failure.waitMinutes) : undefined;
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
    const t = estimateWords[this.localize.locale];
    const lines = SLOT_ORDER.flatMap((slot) => {
      const problem = this.errors[slot];
      return problem ? [{ inputId: FIRST_INPUT[slot], text: this.message(problem) }] : [];
    });
    return { title: t.errorSummaryTitle, failures: [this.failureMessage()], lines, whenEmpty: 'hide' };
  };

}
