/**
 * `<good-faith-estimate>`'s request fields, as template parts drawn in its shadow root with its
 * styles: the services (searched, chosen, with what each brings), the date, the patient, how to
 * reach them, their coverage and diagnosis codes, each with its label, hint and error.
 */
import { searchServices, serviceCategories, sumCents, type PriceList, type PriceListService, type SelfPayStatement, type ServiceCategory } from '@billpay/sdk';
import { html, nothing } from 'lit';
import { dateParts } from '../form/date-parts.js';
import { describedBy as fieldDescribedBy, fieldError } from '../form/field.js';
import { textField as formTextField } from '../form/text-field.js';
import { estimateWords } from '../i18n/estimate.js';
import { money } from '../i18n/format.js';
import type { Locale } from '../i18n/locales.js';
import { describeIn } from './estimate-document.js';
import { codeOf, type Chosen, type Field, type Problem, type Slot } from './estimate-model.js';

/** The answers and choices the fields show. */
export interface EstimateFormState {
  readonly values: Readonly<Record<Field, string>>;
  readonly errors: Partial<Record<Slot, Problem>>;
  readonly category: ServiceCategory | '';
  readonly chosen: readonly Chosen[];
  readonly primaryId: string | undefined;
  readonly scheduled: boolean;
  readonly coverage: SelfPayStatement | undefined;
  readonly priceList: PriceList | undefined;
}

/** What the fields show and where what the patient does goes: the element's state and handlers. */
export interface EstimateFormView {
  readonly locale: Locale;
  readonly level: number;
  readonly state: EstimateFormState;
  readonly patch: (patch: Partial<Pick<EstimateFormState, 'category' | 'primaryId' | 'scheduled' | 'coverage'>>) => void;
  readonly set: (field: Field, value: string) => void;
  readonly onText: (field: Field) => (event: InputEvent) => void;
  readonly toggleService: (id: string) => (event: Event) => void;
  readonly onRemove: (id: string) => (event: Event) => void;
  readonly toggleIncluded: (serviceId: string, itemId: string) => (event: Event) => void;
}

/** A problem's words: the estimate's own, the lookup's, or "check this answer". */
export function problemText(locale: Locale, problem: Problem): string {
  const t = estimateWords(locale);
  if (problem.code === 'diagnosis.invalid') return t.gfeDiagnosisInvalid(problem.value ?? '');
  const own = (t.gfeIssues as Record<string, string | undefined>)[problem.code];
  const lookup = (t.issues as Record<string, string | undefined>)[problem.code];
  return own ?? lookup ?? t.gfeCheckAnswer;
}

function serviceOf(view: EstimateFormView, id: string): PriceListService | undefined {
  return view.state.priceList?.services.find((service) => service.id === id);
}

function providerName(view: EstimateFormView, id: string): string {
  return view.state.priceList?.providers.find((provider) => provider.id === id)?.name ?? '';
}

export function renderError(view: EstimateFormView, slot: Slot) {
  const problem = view.state.errors[slot];
  return fieldError(slot, estimateWords(view.locale).errorPrefix, problem && problemText(view.locale, problem));
}

export function describedBy(view: EstimateFormView, hint: string | undefined, slot: Slot): string {
  return fieldDescribedBy(hint, slot, Boolean(view.state.errors[slot]));
}

export function textField(view: EstimateFormView, slot: Slot, field: Field, id: string, label: string, options: { autocomplete: string; type?: string; hint?: string; inputmode?: string }) {
  const problem = view.state.errors[slot];
  return formTextField({
    ...options,
    id,
    slot,
    label,
    type: options.type ?? 'text',
    dataSlot: true,
    value: view.state.values[field],
    error: problem && problemText(view.locale, problem),
    errorPrefix: estimateWords(view.locale).errorPrefix,
    onInput: view.onText(field),
  });
}

export function dateFields(view: EstimateFormView, slot: Slot, prefix: string, fields: readonly [Field, Field, Field], autocomplete: readonly [string, string, string] | undefined) {
  const t = estimateWords(view.locale);
  return dateParts({
    prefix,
    labels: [t.month, t.day, t.year],
    values: [view.state.values[fields[0]], view.state.values[fields[1]], view.state.values[fields[2]]],
    invalid: Boolean(view.state.errors[slot]),
    autocomplete,
    onInput: (part, value) => view.set(fields[part], value),
  });
}

export function renderServices(view: EstimateFormView) {
  const { locale } = view;
  const t = estimateWords(locale);
  const priceList = view.state.priceList;
  if (!priceList) return nothing;
  const matches = searchServices(priceList, view.state.values.search, view.state.category || undefined);
  const categories = serviceCategories(priceList);
  const invalid = Boolean(view.state.errors.services);
  return html`
    <fieldset class="services ${invalid ? 'invalid' : ''}" data-slot="services" aria-describedby=${describedBy(view, undefined, 'services')}>
      <legend>${t.gfeServicesLegend}</legend>
      ${renderError(view, 'services')}
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
            .value=${view.state.values.search}
            aria-describedby="service-search-hint service-count"
            aria-controls="service-list"
            @input=${view.onText('search')}
          />
        </div>
        <div class="field">
          <label for="service-category">${t.gfeCategoryLabel}</label>
          <select id="service-category" aria-controls="service-list" @change=${(e: Event) => view.patch({ category: (e.target as HTMLSelectElement).value as ServiceCategory | '' })}>
            <option value="" ?selected=${view.state.category === ''}>${t.gfeAllCategories}</option>
            ${categories.map((category) => html`<option value=${category} ?selected=${view.state.category === category}>${t.gfeCategory[category]}</option>`)}
          </select>
        </div>
      </div>
      <p id="service-count" class="hint" role="status">${t.gfeMatches(matches.length)}</p>
      <!-- A practice's price list runs to dozens of services (thousands of pixels on a phone): the
           matches scroll in a box under the search, and the rest of the form stays near. -->
      <ul id="service-list" class="service-list" part="service-list" data-scrolls>
        ${matches.map((service) => {
          const checked = view.state.chosen.some((c) => c.serviceId === service.id);
          const id = `service-${service.id}`;
          const includes = (service.includes ?? []).flatMap((included) => {
            const item = serviceOf(view, included.serviceId);
            return item ? [{ item, optional: included.optional === true }] : [];
          });
          return html`<li>
            <input type="checkbox" id=${id} .checked=${checked} aria-describedby="${id}-meta" @change=${view.toggleService(service.id)} />
            <label for=${id}>${describeIn(view.locale, service)}</label>
            <span id="${id}-meta" class="meta">
              <span>${t.colCode} ${codeOf(service)} · ${money(service.cashPriceCents, locale)} · ${providerName(view, service.providerId)}</span>
              ${includes.length
                ? html`<span>${t.gfeComesWith}
                    ${includes.map(
                      ({ item, optional }, i) =>
                        html`${i ? '; ' : ''}${describeIn(view.locale, item)}, ${providerName(view, item.providerId)}, ${money(item.cashPriceCents, locale)}${optional ? ` (${t.gfeOptional})` : ''}`,
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

export function renderChosen(view: EstimateFormView) {
  const { locale } = view;
  const t = estimateWords(locale);
  const chosen = view.state.chosen.flatMap((c) => {
    const service = serviceOf(view, c.serviceId);
    return service ? [{ chosen: c, service }] : [];
  });
  const primary = view.state.primaryId ?? chosen[0]?.service.id;
  const total = sumCents(
    chosen.flatMap(({ chosen: c, service }) => [
      service.cashPriceCents,
      ...(service.includes ?? []).filter((i) => !c.declined.has(i.serviceId)).map((i) => (serviceOf(view, i.serviceId)?.cashPriceCents ?? 0) * (i.quantity ?? 1)),
    ]),
  );
  return html`
    <section class="chosen" part="chosen" data-slot="services" aria-labelledby="chosen-title">
      <div id="chosen-title" class="subheading" role="heading" aria-level=${view.level + 1}>${t.gfeChosenTitle}</div>
      ${chosen.length
        ? html`<ul>
              ${chosen.map(
                ({ chosen: c, service }) => html`<li>
                  <p class="chosen-name">${describeIn(view.locale, service)} <span class="meta">${codeOf(service)} · ${money(service.cashPriceCents, locale)}</span></p>
                  ${chosen.length > 1
                    ? html`<div class="choice">
                        <input type="radio" name="primary" id="primary-${service.id}" .checked=${primary === service.id} @change=${() => view.patch({ primaryId: service.id })} />
                        <label for="primary-${service.id}">${t.gfeMainService}</label>
                      </div>`
                    : nothing}
                  ${renderIncluded(view, c, service)}
                  <button type="button" class="link" @click=${view.onRemove(service.id)}>${t.gfeRemove(describeIn(view.locale, service))}</button>
                </li>`,
              )}
            </ul>
            <p class="running-total">${t.gfeRunningTotal(money(total, locale))}</p>`
        : html`<p class="muted">${t.gfeNothingChosen}</p>`}
    </section>
  `;
}

export function renderIncluded(view: EstimateFormView, chosen: Chosen, service: PriceListService) {
  const { locale } = view;
  const t = estimateWords(locale);
  const includes = service.includes ?? [];
  if (!includes.length) return nothing;
  return html`<ul class="included">
    ${includes.map((included) => {
      const item = serviceOf(view, included.serviceId);
      if (!item) return nothing;
      const text = `${describeIn(view.locale, item)}, ${providerName(view, item.providerId)}, ${money(item.cashPriceCents * (included.quantity ?? 1), locale)}`;
      if (!included.optional) return html`<li>${t.gfeComesWith} ${text}</li>`;
      const id = `include-${service.id}-${item.id}`;
      return html`<li class="choice">
        <input type="checkbox" id=${id} .checked=${!chosen.declined.has(item.id)} @change=${view.toggleIncluded(service.id, item.id)} />
        <label for=${id}>${t.gfeInclude(text)}</label>
      </li>`;
    })}
  </ul>`;
}

export function renderSchedule(view: EstimateFormView) {
  const t = estimateWords(view.locale);
  const invalid = Boolean(view.state.errors.scheduled);
  return html`
    <fieldset class=${invalid ? 'invalid' : ''} data-slot="scheduled">
      <legend>${t.gfeScheduleLegend}</legend>
      <div class="choice">
        <input type="radio" name="scheduled" id="not-scheduled" .checked=${!view.state.scheduled} @change=${() => view.patch({ scheduled: false })} />
        <label for="not-scheduled">${t.gfeNotScheduled}</label>
      </div>
      <div class="choice">
        <input type="radio" name="scheduled" id="is-scheduled" .checked=${view.state.scheduled} @change=${() => view.patch({ scheduled: true })} />
        <label for="is-scheduled">${t.gfeScheduled}</label>
      </div>
      ${view.state.scheduled
        ? html`<fieldset class="nested" aria-describedby=${describedBy(view, 'scheduled-hint', 'scheduled')}>
            <legend>${t.gfeScheduledDateLegend}</legend>
            <span id="scheduled-hint" class="hint">${t.gfeScheduledDateHint}</span>
            ${renderError(view, 'scheduled')} ${dateFields(view, 'scheduled', 'scheduled', ['scheduledMonth', 'scheduledDay', 'scheduledYear'], undefined)}
          </fieldset>`
        : nothing}
    </fieldset>
  `;
}

export function renderPatient(view: EstimateFormView) {
  const t = estimateWords(view.locale);
  const dobInvalid = Boolean(view.state.errors.dob);
  return html`
    <fieldset>
      <legend>${t.gfePatientLegend}</legend>
      ${textField(view, 'firstName', 'firstName', 'first-name', t.gfeFirstName, { autocomplete: 'given-name' })}
      ${textField(view, 'lastName', 'lastName', 'last-name', t.gfeLastName, { autocomplete: 'family-name' })}
      <fieldset class="nested ${dobInvalid ? 'invalid' : ''}" data-slot="dob" aria-describedby=${describedBy(view, 'dob-hint', 'dob')}>
        <legend>${t.dobLegend}</legend>
        <span id="dob-hint" class="hint">${t.dobHint}</span>
        ${renderError(view, 'dob')} ${dateFields(view, 'dob', 'dob', ['month', 'day', 'year'], ['bday-month', 'bday-day', 'bday-year'])}
      </fieldset>
    </fieldset>
  `;
}

export function renderContactFields(view: EstimateFormView) {
  const t = estimateWords(view.locale);
  return html`
    <fieldset aria-describedby="contact-hint">
      <legend>${t.gfeContactLegend}</legend>
      <span id="contact-hint" class="hint">${t.gfeContactHint}</span>
      ${textField(view, 'email', 'email', 'email', t.gfeEmail, { autocomplete: 'email', type: 'email' })}
      ${textField(view, 'phone', 'phone', 'phone', t.gfePhone, { autocomplete: 'tel', type: 'tel', inputmode: 'tel' })}
    </fieldset>
  `;
}

export function renderCoverage(view: EstimateFormView) {
  const t = estimateWords(view.locale);
  const invalid = Boolean(view.state.errors.coverage);
  const option = (value: SelfPayStatement, label: string) => html`<div class="choice">
    <input
      type="radio"
      name="coverage"
      id="coverage-${value === 'uninsured' ? 'uninsured' : 'not-using'}"
      .checked=${view.state.coverage === value}
      aria-invalid=${invalid ? 'true' : 'false'}
      @change=${() => {
        view.patch({ coverage: value });
      }}
    />
    <label for="coverage-${value === 'uninsured' ? 'uninsured' : 'not-using'}">${label}</label>
  </div>`;
  return html`
    <fieldset class=${invalid ? 'invalid' : ''} data-slot="coverage" aria-describedby=${describedBy(view, 'coverage-hint', 'coverage')}>
      <legend>${t.gfeCoverageLegend}</legend>
      <span id="coverage-hint" class="hint">${t.gfeCoverageHint}</span>
      ${renderError(view, 'coverage')} ${option('uninsured', t.gfeUninsured)} ${option('not_using_insurance', t.gfeNotUsingInsurance)}
    </fieldset>
  `;
}

/** "Email me a copy": optional, an address the estimate is sent to as issued. */
export function renderCopyField(view: EstimateFormView) {
  const t = estimateWords(view.locale);
  return textField(view, 'copyEmail', 'copyEmail', 'copy-email', t.gfeCopyLabel, { autocomplete: 'email', type: 'email', hint: t.gfeCopyHint });
}

export function renderDiagnosis(view: EstimateFormView) {
  const t = estimateWords(view.locale);
  return textField(view, 'diagnosis', 'diagnosis', 'diagnosis', t.gfeDiagnosisLabel, { autocomplete: 'off', hint: t.gfeDiagnosisHint });
}
