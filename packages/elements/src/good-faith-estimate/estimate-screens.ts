/**
 * `<good-faith-estimate>`'s screens other than the estimate, as template parts drawn in its shadow
 * root with its styles: the request form, the form that finds an estimate again, and the message
 * shown when estimates cannot be asked for. The fields are estimate-form.ts's.
 */
import type { Practice } from '@billpay/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { estimateWords } from '../i18n/estimate.js';
import { telHref, withPhone } from '../i18n/format.js';
import {
  dateFields,
  describedBy,
  renderChosen,
  renderContactFields,
  renderCopyField,
  renderCoverage,
  renderDiagnosis,
  renderError,
  renderPatient,
  renderSchedule,
  renderServices,
  textField,
  type EstimateFormView,
} from './estimate-form.js';

/** What the screens show besides the fields, and where what the patient does goes. */
export interface EstimateScreen {
  readonly form: EstimateFormView;
  readonly practice: Practice | undefined;
  /** A request or a search is on its way. */
  readonly busy: boolean;
  /** The error summary, drawn at the top of a form. */
  readonly summary: TemplateResult | typeof nothing;
  readonly onRequest: (event: SubmitEvent) => unknown;
  readonly onAccess: (event: SubmitEvent) => unknown;
  /** Checks the answers again as they change, once problems are shown. */
  readonly recheck: (event: Event) => void;
  readonly showAccess: () => unknown;
  readonly newEstimate: () => unknown;
  readonly retry: () => unknown;
}

const heading = (screen: EstimateScreen, title: string) =>
  html`<div id="gfe-heading" class="heading" part="heading" role="heading" aria-level=${screen.form.level} tabindex="-1">${title}</div>`;

const submitButton = (busy: boolean, label: string, sending: string) => html`
  <div class="actions">
    <button type="submit" part="submit-button" aria-disabled=${busy ? 'true' : 'false'}>
      ${busy ? html`<span class="spinner" aria-hidden="true"></span>${sending}` : label}
    </button>
  </div>
`;

/** Asks for an estimate: the services, when, who, how to reach them, their coverage and diagnosis. */
export function requestForm(screen: EstimateScreen): TemplateResult {
  const { form: view, busy, recheck } = screen;
  const t = estimateWords(view.locale);
  return html`
    <form part="form" method="post" novalidate @submit=${screen.onRequest} @input=${recheck} @change=${recheck} @focusout=${recheck} aria-labelledby="gfe-heading">
      ${heading(screen, t.gfeTitle)}
      <p class="intro">${t.gfeIntro}</p>
      <p><button type="button" class="link" @click=${screen.showAccess}>${t.gfeSeeAgain}</button></p>
      ${screen.summary} ${renderServices(view)} ${renderChosen(view)} ${renderSchedule(view)} ${renderPatient(view)} ${renderContactFields(view)}
      ${renderCoverage(view)} ${renderDiagnosis(view)} ${renderCopyField(view)} ${submitButton(busy, t.gfeSubmit, t.gfeSubmitting)}
      <p class="visually-hidden" role="status">${busy ? t.gfeSubmitting : ''}</p>
    </form>
  `;
}

/** Asks for an estimate issued earlier: its number and the patient's date of birth. */
export function accessForm(screen: EstimateScreen): TemplateResult {
  const { form: view, busy, recheck } = screen;
  const t = estimateWords(view.locale);
  const dobInvalid = Boolean(view.state.errors.accessDob);
  return html`
    <form part="form" method="post" novalidate @submit=${screen.onAccess} @input=${recheck} @change=${recheck} @focusout=${recheck} aria-labelledby="gfe-heading">
      ${heading(screen, t.gfeAccessTitle)}
      <p class="intro">${t.gfeAccessIntro}</p>
      ${screen.summary}
      ${textField(view, 'accessNumber', 'accessNumber', 'access-number', t.gfeEstimateNumber, { autocomplete: 'off', hint: t.gfeAccessNumberHint })}
      <fieldset class=${dobInvalid ? 'invalid' : ''} data-slot="accessDob" aria-describedby=${describedBy(view, 'access-dob-hint', 'accessDob')}>
        <legend>${t.dobLegend}</legend>
        <span id="access-dob-hint" class="hint">${t.dobHint}</span>
        ${renderError(view, 'accessDob')}
        ${dateFields(view, 'accessDob', 'access-dob', ['accessMonth', 'accessDay', 'accessYear'], ['bday-month', 'bday-day', 'bday-year'])}
      </fieldset>
      ${submitButton(busy, t.gfeAccessSubmit, t.gfeAccessing)}
      <p><button type="button" class="link" @click=${screen.newEstimate}>${t.gfeAskInstead}</button></p>
      <p class="visually-hidden" role="status">${busy ? t.gfeAccessing : ''}</p>
    </form>
  `;
}

/** Why no estimate can be asked for now (with a retry when trying again may help), and whom to call. */
export function messageScreen(screen: EstimateScreen, message: string, canRetry: boolean): TemplateResult {
  const t = estimateWords(screen.form.locale);
  const phone = screen.practice?.contact.phone;
  return html`
    <section aria-labelledby="gfe-heading">
      ${heading(screen, t.gfeTitle)}
      <p role="alert">${message}</p>
      ${canRetry ? html`<button type="button" @click=${screen.retry}>${t.tryAgain}</button>` : nothing}
      ${phone ? html`<p class="contact"><a href=${telHref(phone)}>${withPhone(t.callBilling(phone), phone, html`<span class="phone">${phone}</span>`)}</a></p>` : nothing}
    </section>
  `;
}
