import {
  checkEstimateContact,
  DISPUTE_HELP,
  EstimateIdSchema,
  isApiError,
  isLockedOutError,
  isNetworkError,
  localToday,
  parseDateOfBirth,
  parseDiagnosisCodes,
  parseScheduledDate,
  searchServices,
  serviceCategories,
  sumCents,
  type BillPayClient,
  type Estimate,
  type EstimateItem,
  type EstimateProviderGroup,
  type EstimateRequestInput,
  type Practice,
  type PriceList,
  type PriceListService,
  type SelfPayStatement,
  type ServiceCategory,
} from '@billpay/sdk';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ConnectedElement } from '../base/connected-element.js';
import { FormIssuesController, type SummaryContent } from '../form/form-issues.js';
import { downloadFile } from '../download/download-file.js';
import { dataTable } from '../data-table/data-table.js';
import { dataTableStyles } from '../data-table/data-table.styles.js';
import { estimateWords } from '../i18n/estimate.js';
import { dateParts, datePartsStyles } from '../form/date-parts.js';
import { recheckErrors, type FieldProblem } from '../form/live-errors.js';
import { formatDate, money, telHref, whenOf, withPhone } from '../i18n/format.js';
import { standaloneHtml, type PrintableDocument } from '../print/printable-document.js';
import { formStyles } from '../styles/form.js';
import { tokens } from '../styles/shared.js';
import { estimateFileStyles, goodFaithEstimateStyles } from './good-faith-estimate.styles.js';

type View = 'loading' | 'form' | 'access' | 'estimate' | 'unavailable' | 'load-error';

/** Where a problem is reported, each with the input that receives focus for it. */
type Slot = 'services' | 'scheduled' | 'firstName' | 'lastName' | 'dob' | 'email' | 'phone' | 'coverage' | 'diagnosis' | 'accessNumber' | 'accessDob';
const FIRST_INPUT: Record<Slot, string> = {
  services: 'service-search',
  scheduled: 'scheduled-month',
  firstName: 'first-name',
  lastName: 'last-name',
  dob: 'dob-month',
  email: 'email',
  phone: 'phone',
  coverage: 'coverage-uninsured',
  diagnosis: 'diagnosis',
  accessNumber: 'access-number',
  accessDob: 'access-dob-month',
};
const SLOT_ORDER: readonly Slot[] = ['services', 'scheduled', 'firstName', 'lastName', 'dob', 'email', 'phone', 'coverage', 'diagnosis', 'accessNumber', 'accessDob'];

type Field =
  | 'search'
  | 'scheduledMonth'
  | 'scheduledDay'
  | 'scheduledYear'
  | 'firstName'
  | 'lastName'
  | 'month'
  | 'day'
  | 'year'
  | 'email'
  | 'phone'
  | 'diagnosis'
  | 'accessNumber'
  | 'accessMonth'
  | 'accessDay'
  | 'accessYear';
const EMPTY: Record<Field, string> = {
  search: '',
  scheduledMonth: '',
  scheduledDay: '',
  scheduledYear: '',
  firstName: '',
  lastName: '',
  month: '',
  day: '',
  year: '',
  email: '',
  phone: '',
  diagnosis: '',
  accessNumber: '',
  accessMonth: '',
  accessDay: '',
  accessYear: '',
};

interface Chosen {
  readonly serviceId: string;
  /** Optional included items the patient left out. */
  readonly declined: ReadonlySet<string>;
}

/** A problem: a code the dictionary words, and for a diagnosis code, the code itself. */
type Problem = FieldProblem;

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
 * @event estimate-issued - The patient asked for an estimate and it was issued. `detail.estimate` is the estimate.
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
 * @csspart total - The estimate's total.
 * @csspart disclaimers - The disclaimers.
 * @csspart print-button - "Print".
 * @csspart save-button - "Save as a file".
 *
 * @cssprop --billpay-color-accent - Buttons, links and the total.
 * @cssprop --billpay-color-danger - Errors.
 * @cssprop --billpay-color-surface-raised - Background of the chosen services and the total.
 */
export class GoodFaithEstimate extends ConnectedElement {
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

  /** The client the price list was (or is being) loaded with. */
  #loadedFor: BillPayClient | undefined;

  private get level() {
    return this.headingLevelUpTo(5);
  }

  private get activePractice(): Practice | undefined {
    return this.contextPractice ?? this.loadedPractice;
  }

  /**
   * An `estimate-id` opens the "see your estimate again" view with its number; the price list is
   * loaded (once per client) for the request form, which is shown unless the patient is there.
   */
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('estimateId') && this.estimateId) {
      this.values = { ...this.values, accessNumber: this.estimateId };
      this.view = 'access';
    }
    const client = this.activeClient;
    if (!client || this.#loadedFor === client) return;
    this.#loadedFor = client;
    if (this.view !== 'access') this.view = 'loading';
    void this.load(client);
  }

  private async load(client: BillPayClient): Promise<void> {
    const current = () => this.#loadedFor === client;
    if (!this.contextPractice) {
      client.getPractice().then(
        (practice) => (this.loadedPractice = practice),
        () => undefined,
      );
    }
    try {
      const priceList = await client.getPriceList();
      if (!current()) return;
      this.priceList = priceList;
      if (this.view === 'loading') this.view = 'form';
    } catch (error) {
      if (!current() || this.view !== 'loading') return;
      if (isApiError(error) && error.code === 'estimates_unavailable') this.view = 'unavailable';
      else this.view = 'load-error';
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
    const client = this.activeClient;
    if (this.priceList) this.view = 'form';
    else if (client) {
      this.#loadedFor = client;
      this.view = 'loading';
      await this.load(client);
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#gfe-heading')?.focus();
  };

  /** From the request form to "see your estimate again", and back. */
  private showAccess = async () => {
    this.errors = {};
    this.failure = undefined;
    this.issues.hide();
    this.view = 'access';
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
    const client = this.activeClient;
    if (!dob.ok || Object.keys(errors).length || !client) {
      await this.issues.show();
      return;
    }
    this.busy = true;
    this.issues.hide();
    try {
      this.estimate = await client.findEstimate({ estimateId, dateOfBirth: dob.date });
      this.busy = false;
      this.view = 'estimate';
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
    return this.localize.locale === 'es' && item.descriptionEs ? item.descriptionEs : item.description;
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
    const client = this.activeClient;
    if (!request || !client) {
      await this.issues.show();
      return;
    }
    this.busy = true;
    this.issues.hide();
    try {
      const estimate = await client.requestEstimate(request);
      this.busy = false;
      this.estimate = estimate;
      this.view = 'estimate';
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
    const t = estimateWords[this.localize.locale];
    if (problem.code === 'diagnosis.invalid') return t.gfeDiagnosisInvalid(problem.value ?? '');
    const own = (t.gfeIssues as Record<string, string | undefined>)[problem.code];
    const lookup = (t.issues as Record<string, string | undefined>)[problem.code];
    return own ?? lookup ?? t.gfeCheckAnswer;
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
        ${this.issues.summary(this.summaryContent)} ${this.renderServices()} ${this.renderChosen()} ${this.renderSchedule()}
        ${this.renderPatient()} ${this.renderContactFields()} ${this.renderCoverage()} ${this.renderDiagnosis()}
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
        ${this.textField('accessNumber', 'accessNumber', 'access-number', t.gfeEstimateNumber, { autocomplete: 'off', hint: t.gfeAccessNumberHint })}
        <fieldset class=${dobInvalid ? 'invalid' : ''} data-slot="accessDob" aria-describedby=${this.describedBy('access-dob-hint', 'accessDob')}>
          <legend>${t.dobLegend}</legend>
          <span id="access-dob-hint" class="hint">${t.dobHint}</span>
          ${this.renderError('accessDob')}
          ${this.dateFields('accessDob', 'access-dob', ['accessMonth', 'accessDay', 'accessYear'], ['bday-month', 'bday-day', 'bday-year'])}
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

  private summaryContent = (): SummaryContent => {
    const t = estimateWords[this.localize.locale];
    const lines = SLOT_ORDER.flatMap((slot) => {
      const problem = this.errors[slot];
      return problem ? [{ inputId: FIRST_INPUT[slot], text: this.message(problem) }] : [];
    });
    return { title: t.errorSummaryTitle, failures: [this.failureMessage()], lines, whenEmpty: 'hide' };
  };

  private renderError(slot: Slot) {
    const problem = this.errors[slot];
    if (!problem) return nothing;
    return html`<p id="${slot}-error" class="error"><span class="visually-hidden">${estimateWords[this.localize.locale].errorPrefix}</span> ${this.message(problem)}</p>`;
  }

  private describedBy(hint: string | undefined, slot: Slot): string {
    return [hint, this.errors[slot] ? `${slot}-error` : undefined].filter(Boolean).join(' ');
  }

  private textField(slot: Slot, field: Field, id: string, label: string, options: { autocomplete: string; type?: string; hint?: string; inputmode?: string }) {
    const invalid = Boolean(this.errors[slot]);
    return html`
      <div class="field ${invalid ? 'invalid' : ''}" data-slot=${slot}>
        <label for=${id}>${label}</label>
        ${options.hint ? html`<span id="${id}-hint" class="hint">${options.hint}</span>` : nothing} ${this.renderError(slot)}
        <input
          id=${id}
          part="input"
          name=${id}
          type=${options.type ?? 'text'}
          autocomplete=${options.autocomplete}
          inputmode=${options.inputmode ?? nothing}
          .value=${this.values[field]}
          aria-describedby=${this.describedBy(options.hint ? `${id}-hint` : undefined, slot)}
          aria-invalid=${invalid ? 'true' : 'false'}
          @input=${this.onText(field)}
        />
      </div>
    `;
  }

  private dateFields(slot: Slot, prefix: string, fields: readonly [Field, Field, Field], autocomplete: readonly [string, string, string] | undefined) {
    const t = estimateWords[this.localize.locale];
    return dateParts({
      prefix,
      labels: [t.month, t.day, t.year],
      values: [this.values[fields[0]], this.values[fields[1]], this.values[fields[2]]],
      invalid: Boolean(this.errors[slot]),
      autocomplete,
      onInput: (part, value) => this.set(fields[part], value),
    });
  }

  private renderServices() {
    const { locale } = this.localize;
    const t = estimateWords[locale];
    const priceList = this.priceList;
    if (!priceList) return nothing;
    const matches = searchServices(priceList, this.values.search, this.category || undefined);
    const categories = serviceCategories(priceList);
    const invalid = Boolean(this.errors.services);
    return html`
      <fieldset class="services ${invalid ? 'invalid' : ''}" data-slot="services" aria-describedby=${this.describedBy(undefined, 'services')}>
        <legend>${t.gfeServicesLegend}</legend>
        ${this.renderError('services')}
        <div class="search">
          <div class="field">
            <label for="service-search">${t.gfeSearchLabel}</label>
            <span id="service-search-hint" class="hint">${t.gfeSearchHint}</span>
            <input
              id="service-search"
              part="input"
              type="search"
              autocomplete="off"
              spellcheck="false"
              .value=${this.values.search}
              aria-describedby="service-search-hint service-count"
              aria-controls="service-list"
              @input=${this.onText('search')}
            />
          </div>
          <div class="field">
            <label for="service-category">${t.gfeCategoryLabel}</label>
            <select id="service-category" aria-controls="service-list" @change=${(e: Event) => (this.category = (e.target as HTMLSelectElement).value as ServiceCategory | '')}>
              <option value="" ?selected=${this.category === ''}>${t.gfeAllCategories}</option>
              ${categories.map((category) => html`<option value=${category} ?selected=${this.category === category}>${t.gfeCategory[category]}</option>`)}
            </select>
          </div>
        </div>
        <p id="service-count" class="hint" role="status">${t.gfeMatches(matches.length)}</p>
        <ul id="service-list" class="service-list" part="service-list">
          ${matches.map((service) => {
            const checked = this.chosen.some((c) => c.serviceId === service.id);
            const id = `service-${service.id}`;
            const includes = (service.includes ?? []).flatMap((included) => {
              const item = this.service(included.serviceId);
              return item ? [{ item, optional: included.optional === true }] : [];
            });
            return html`<li>
              <input type="checkbox" id=${id} .checked=${checked} aria-describedby="${id}-meta" @change=${this.toggleService(service.id)} />
              <label for=${id}>${this.describe(service)}</label>
              <span id="${id}-meta" class="meta">
                <span>${t.colCode} ${codeOf(service)} · ${money(service.cashPriceCents, locale)} · ${this.providerName(service.providerId)}</span>
                ${includes.length
                  ? html`<span>${t.gfeComesWith}
                      ${includes.map(
                        ({ item, optional }, i) =>
                          html`${i ? '; ' : ''}${this.describe(item)}, ${this.providerName(item.providerId)}, ${money(item.cashPriceCents, locale)}${optional ? ` (${t.gfeOptional})` : ''}`,
                      )}</span
                    >`
                  : nothing}
              </span>
            </li>`;
          })}
        </ul>
      </fieldset>
    `;
  }

  private renderChosen() {
    const { locale } = this.localize;
    const t = estimateWords[locale];
    const chosen = this.chosen.flatMap((c) => {
      const service = this.service(c.serviceId);
      return service ? [{ chosen: c, service }] : [];
    });
    const primary = this.primaryId ?? chosen[0]?.service.id;
    const total = sumCents(
      chosen.flatMap(({ chosen: c, service }) => [
        service.cashPriceCents,
        ...(service.includes ?? []).filter((i) => !c.declined.has(i.serviceId)).map((i) => (this.service(i.serviceId)?.cashPriceCents ?? 0) * (i.quantity ?? 1)),
      ]),
    );
    return html`
      <section class="chosen" part="chosen" data-slot="services" aria-labelledby="chosen-title">
        <div id="chosen-title" class="subheading" role="heading" aria-level=${this.level + 1}>${t.gfeChosenTitle}</div>
        ${chosen.length
          ? html`<ul>
                ${chosen.map(
                  ({ chosen: c, service }) => html`<li>
                    <p class="chosen-name">${this.describe(service)} <span class="meta">${codeOf(service)} · ${money(service.cashPriceCents, locale)}</span></p>
                    ${chosen.length > 1
                      ? html`<div class="choice">
                          <input type="radio" name="primary" id="primary-${service.id}" .checked=${primary === service.id} @change=${() => (this.primaryId = service.id)} />
                          <label for="primary-${service.id}">${t.gfeMainService}</label>
                        </div>`
                      : nothing}
                    ${this.renderIncluded(c, service)}
                    <button type="button" class="link" @click=${this.onRemove(service.id)}>${t.gfeRemove(this.describe(service))}</button>
                  </li>`,
                )}
              </ul>
              <p class="running-total">${t.gfeRunningTotal(money(total, locale))}</p>`
          : html`<p class="muted">${t.gfeNothingChosen}</p>`}
      </section>
    `;
  }

  private renderIncluded(chosen: Chosen, service: PriceListService) {
    const { locale } = this.localize;
    const t = estimateWords[locale];
    const includes = service.includes ?? [];
    if (!includes.length) return nothing;
    return html`<ul class="included">
      ${includes.map((included) => {
        const item = this.service(included.serviceId);
        if (!item) return nothing;
        const text = `${this.describe(item)}, ${this.providerName(item.providerId)}, ${money(item.cashPriceCents * (included.quantity ?? 1), locale)}`;
        if (!included.optional) return html`<li>${t.gfeComesWith} ${text}</li>`;
        const id = `include-${service.id}-${item.id}`;
        return html`<li class="choice">
          <input type="checkbox" id=${id} .checked=${!chosen.declined.has(item.id)} @change=${this.toggleIncluded(service.id, item.id)} />
          <label for=${id}>${t.gfeInclude(text)}</label>
        </li>`;
      })}
    </ul>`;
  }

  private renderSchedule() {
    const t = estimateWords[this.localize.locale];
    const invalid = Boolean(this.errors.scheduled);
    return html`
      <fieldset class=${invalid ? 'invalid' : ''} data-slot="scheduled">
        <legend>${t.gfeScheduleLegend}</legend>
        <div class="choice">
          <input type="radio" name="scheduled" id="not-scheduled" .checked=${!this.scheduled} @change=${() => (this.scheduled = false)} />
          <label for="not-scheduled">${t.gfeNotScheduled}</label>
        </div>
        <div class="choice">
          <input type="radio" name="scheduled" id="is-scheduled" .checked=${this.scheduled} @change=${() => (this.scheduled = true)} />
          <label for="is-scheduled">${t.gfeScheduled}</label>
        </div>
        ${this.scheduled
          ? html`<fieldset class="nested" aria-describedby=${this.describedBy('scheduled-hint', 'scheduled')}>
              <legend>${t.gfeScheduledDateLegend}</legend>
              <span id="scheduled-hint" class="hint">${t.gfeScheduledDateHint}</span>
              ${this.renderError('scheduled')} ${this.dateFields('scheduled', 'scheduled', ['scheduledMonth', 'scheduledDay', 'scheduledYear'], undefined)}
            </fieldset>`
          : nothing}
      </fieldset>
    `;
  }

  private renderPatient() {
    const t = estimateWords[this.localize.locale];
    const dobInvalid = Boolean(this.errors.dob);
    return html`
      <fieldset>
        <legend>${t.gfePatientLegend}</legend>
        ${this.textField('firstName', 'firstName', 'first-name', t.gfeFirstName, { autocomplete: 'given-name' })}
        ${this.textField('lastName', 'lastName', 'last-name', t.gfeLastName, { autocomplete: 'family-name' })}
        <fieldset class="nested ${dobInvalid ? 'invalid' : ''}" data-slot="dob" aria-describedby=${this.describedBy('dob-hint', 'dob')}>
          <legend>${t.dobLegend}</legend>
          <span id="dob-hint" class="hint">${t.dobHint}</span>
          ${this.renderError('dob')} ${this.dateFields('dob', 'dob', ['month', 'day', 'year'], ['bday-month', 'bday-day', 'bday-year'])}
        </fieldset>
      </fieldset>
    `;
  }

  private renderContactFields() {
    const t = estimateWords[this.localize.locale];
    return html`
      <fieldset aria-describedby="contact-hint">
        <legend>${t.gfeContactLegend}</legend>
        <span id="contact-hint" class="hint">${t.gfeContactHint}</span>
        ${this.textField('email', 'email', 'email', t.gfeEmail, { autocomplete: 'email', type: 'email' })}
        ${this.textField('phone', 'phone', 'phone', t.gfePhone, { autocomplete: 'tel', type: 'tel', inputmode: 'tel' })}
      </fieldset>
    `;
  }

  private renderCoverage() {
    const t = estimateWords[this.localize.locale];
    const invalid = Boolean(this.errors.coverage);
    const option = (value: SelfPayStatement, label: string) => html`<div class="choice">
      <input
        type="radio"
        name="coverage"
        id="coverage-${value === 'uninsured' ? 'uninsured' : 'not-using'}"
        .checked=${this.coverage === value}
        aria-invalid=${invalid ? 'true' : 'false'}
        @change=${() => {
          this.coverage = value;
        }}
      />
      <label for="coverage-${value === 'uninsured' ? 'uninsured' : 'not-using'}">${label}</label>
    </div>`;
    return html`
      <fieldset class=${invalid ? 'invalid' : ''} data-slot="coverage" aria-describedby=${this.describedBy('coverage-hint', 'coverage')}>
        <legend>${t.gfeCoverageLegend}</legend>
        <span id="coverage-hint" class="hint">${t.gfeCoverageHint}</span>
        ${this.renderError('coverage')} ${option('uninsured', t.gfeUninsured)} ${option('not_using_insurance', t.gfeNotUsingInsurance)}
      </fieldset>
    `;
  }

  private renderDiagnosis() {
    const t = estimateWords[this.localize.locale];
    return this.textField('diagnosis', 'diagnosis', 'diagnosis', t.gfeDiagnosisLabel, { autocomplete: 'off', hint: t.gfeDiagnosisHint });
  }

  // ---------------------------------------------------------------------------------------
  // The estimate

  private renderEstimate(estimate: Estimate) {
    const { locale } = this.localize;
    const t = estimateWords[locale];
    const date = (iso: string) => formatDate(iso, locale);
    const name = `${estimate.patient.firstName} ${estimate.patient.lastName}`;
    const primary = estimate.primaryService;
    return html`
      <article class="document" part="document" aria-labelledby="gfe-heading" lang=${locale}>
        <div id="gfe-heading" class="heading" part="heading" role="heading" aria-level=${this.level} tabindex="-1">${t.gfeDocTitle(name)}</div>
        <p class="intro">${t.gfeDocIntro}</p>
        <dl class="facts">
          <div><dt>${t.gfePatientName}</dt> <dd>${name}</dd></div>
          <div><dt>${t.gfeDateOfBirth}</dt> <dd>${date(estimate.patient.dateOfBirth)}</dd></div>
          <div><dt>${t.gfeCoverage}</dt> <dd>${t.gfeCoverageStatement[estimate.coverage]}</dd></div>
          <div><dt>${t.gfePrimaryService}</dt> <dd>${this.describe(primary)} (${primary.codeSystem} ${primary.code})</dd></div>
          <div><dt>${t.gfeScheduledFor}</dt> <dd>${primary.scheduledDate ? date(primary.scheduledDate) : t.gfeNotScheduledYet}</dd></div>
          <div><dt>${t.gfeDiagnosisCodes}</dt> <dd>${estimate.diagnosisCodes.length ? estimate.diagnosisCodes.join(', ') : t.gfeNoDiagnosisCodes}</dd></div>
          <div><dt>${t.gfeIssuedOn}</dt> <dd>${date(estimate.issuedOn)}</dd></div>
          <div><dt>${t.gfeEstimateNumber}</dt> <dd class="code estimate-number">${estimate.id}</dd></div>
        </dl>
        <p class="total" part="total"><span>${t.gfeTotalExpected}</span> <strong>${money(estimate.totalCents, locale)}</strong></p>
        <div class="subheading" role="heading" aria-level=${this.level + 1}>${t.gfeProvidersTitle}</div>
        ${estimate.providers.map((group, index) => this.renderProvider(group, index, estimate))}
        <div class="subheading" role="heading" aria-level=${this.level + 1}>${t.gfeSeparatelyTitle}</div>
        ${estimate.scheduledSeparately.length
          ? html`<ul>
              ${estimate.scheduledSeparately.map((s) => html`<li>${this.describe(s)} (${s.codeSystem} ${s.code}), ${s.providerName}</li>`)}
            </ul>`
          : html`<p>${t.gfeSeparatelyNone}</p>`}
        <section class="disclaimers" part="disclaimers" aria-labelledby="disclaimers-title">
          <div id="disclaimers-title" class="subheading" role="heading" aria-level=${this.level + 1}>${t.gfeDisclaimersTitle}</div>
          ${estimate.disclaimers.map((code) => html`<p>${t.gfeDisclaimer[code]}</p>`)}
          ${estimate.disclaimers.includes('dispute_rights')
            ? html`<p>
                ${t.gfeDisputeHowTo}
                <a href=${DISPUTE_HELP.url} rel="noopener" target="_blank">www.cms.gov/nosurprises<span class="visually-hidden"> ${t.opensInNewTab}</span></a>,
                ${withPhone(t.gfeDisputePhone(DISPUTE_HELP.phone), DISPUTE_HELP.phone)}
              </p>`
            : nothing}
          <p>${t.gfeKeepCopy}</p>
        </section>
        <div class="actions">
          <button type="button" part="print-button" @click=${this.print}>${t.gfePrint}</button>
          <button type="button" class="secondary" part="save-button" @click=${this.save}>${t.gfeSave}</button>
          <button type="button" class="link" @click=${this.newEstimate}>${t.gfeNewEstimate}</button>
        </div>
        <p role="status" class="saved">${this.savedNote ? t.gfeSaved : ''}</p>
      </article>
    `;
  }

  private renderProvider(group: EstimateProviderGroup, index: number, estimate: Estimate) {
    const { locale } = this.localize;
    const t = estimateWords[locale];
    const { provider } = group;
    const headingId = `provider-${index}`;
    const withService = (item: EstimateItem) => {
      if (!item.includedWith) return nothing;
      const parent = estimate.providers.flatMap((g) => g.items).find((i) => i.serviceId === item.includedWith && !i.includedWith);
      return parent ? html`<span class="item-meta">${t.gfeWithService(this.describe(parent))}</span>` : nothing;
    };
    return html`
      <section class="provider" part="provider" aria-labelledby=${headingId}>
        <div id=${headingId} class="provider-heading" role="heading" aria-level=${this.level + 2}>${provider.name}</div>
        <p class="muted">${t.gfeRole[group.role]}</p>
        <dl class="facts">
          <div><dt>${t.gfeNpi}</dt> <dd class="code">${provider.npi}</dd></div>
          <div><dt>${t.gfeTin}</dt> <dd class="code">${provider.tin}</dd></div>
          <div><dt>${t.gfeLocation}</dt> <dd>${provider.location.address}, ${provider.location.city}, ${provider.location.state} ${provider.location.zip}</dd></div>
        </dl>
        ${dataTable({
          id: `${headingId}-items`,
          caption: t.gfeItemsCaption(provider.name),
          columns: [
            { label: t.gfeColService, kind: 'header' },
            { label: t.gfeColCode, kind: 'code' },
            { label: t.gfeColQuantity, kind: 'number' },
            { label: t.gfeColExpected, kind: 'money', emphasis: true },
          ],
          rows: group.items.map((item) => [
            html`${this.describe(item)} ${withService(item)}`,
            `${item.codeSystem}\u00a0${item.code}${item.modifier ? `-${item.modifier}` : ''}`,
            String(item.quantity),
            money(item.expectedCents, locale),
          ]),
          total: { label: t.gfeProviderTotal(provider.name), span: 3, cells: [money(group.totalCents, locale)] },
          stackBelow: 'medium',
          part: 'charges',
        })}
      </section>
    `;
  }
}

/** "72148-26" for a code with a modifier. */
function codeOf(service: PriceListService): string {
  return service.modifier ? `${service.code}-${service.modifier}` : service.code;
}

/** The field a server issue is about, by its path; issues about nothing known go in the summary. */
function serverProblems(issues: readonly { path: readonly (string | number)[]; code: string }[]): Partial<Record<Slot, Problem>> {
  const problems: Partial<Record<Slot, Problem>> = {};
  for (const issue of issues) {
    const [first, second] = issue.path;
    let slot: Slot | undefined;
    if (first === 'services' || first === 'primaryServiceId') slot = 'services';
    else if (first === 'scheduledDate') slot = 'scheduled';
    else if (first === 'patient') slot = second === 'firstName' ? 'firstName' : second === 'lastName' ? 'lastName' : 'dob';
    else if (first === 'contact') slot = second === 'phone' ? 'phone' : 'email';
    else if (first === 'coverage') slot = 'coverage';
    else if (first === 'diagnosisCodes') slot = 'diagnosis';
    if (slot && !problems[slot]) problems[slot] = { code: issue.code, fromServer: true };
  }
  return problems;
}
