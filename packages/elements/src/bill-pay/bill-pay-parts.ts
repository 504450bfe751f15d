/** Template parts drawn in `<bill-pay>`'s shadow root: why the practice did not load, and the billing office. */
import type { Practice } from '@billpay/sdk';
import { isApiError, isNetworkError } from '@billpay/sdk/checks';
import { html, nothing, type TemplateResult } from 'lit';
import type { Translation } from '../i18n/en.js';
import { formatHours, telHref, withPhone } from '../i18n/format.js';
import type { Locale } from '../i18n/locales.js';

/** Why the practice could not be loaded, with a button that tries again. */
export function loadProblem(error: unknown, t: Translation, retry: () => unknown): TemplateResult {
  const detail = isNetworkError(error)
    ? t.loadFailedNetwork
    : isApiError(error) && error.status === 404
      ? t.loadFailedNotFound
      : isApiError(error) && error.code === 'origin_not_allowed'
        ? t.loadFailedNotAllowed
        : t.loadFailedOther;
  return html`
    <div class="problem" part="problem" role="alert">
      <p class="problem-title">${t.loadFailedTitle}</p>
      <p>${detail}</p>
      <button type="button" part="retry-button" @click=${retry}>${t.tryAgain}</button>
    </div>
  `;
}

/** The billing office under the flow: its phone, email, hours and financial-assistance link. */
export function practiceContact(practice: Practice, t: Translation, locale: Locale): TemplateResult {
  const { contact } = practice;
  return html`
    <aside class="contact" part="contact" aria-labelledby="contact-title">
      <p id="contact-title" class="contact-title">${t.billingQuestions}</p>
      <ul>
        <li><a href=${telHref(contact.phone)}>${withPhone(t.callBilling(contact.phone), contact.phone, html`<span class="phone">${contact.phone}</span>`)}</a></li>
        <li><a href="mailto:${contact.email}">${t.emailBilling}</a> <span class="hint">${contact.email}</span></li>
        ${contact.hours.map((hours) => html`<li><span class="hint">${t.hours}: ${formatHours(hours, contact, locale)}</span></li>`)}
        ${practice.financialAssistanceUrl
          ? html`<li>
              <a href=${practice.financialAssistanceUrl} target="_blank" rel="noopener">
                ${t.financialAssistance} <span class="visually-hidden">${t.opensInNewTab}</span>
              </a>
              <span class="hint">${t.financialAssistanceHint}</span>
            </li>`
          : nothing}
      </ul>
    </aside>
  `;
}
