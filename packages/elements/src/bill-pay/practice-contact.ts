import type { Practice } from '@billpay/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import type { Translation } from '../i18n/en.js';
import { formatHours, telHref, withPhone } from '../i18n/format.js';
import type { Locale } from '../i18n/locales.js';

/** The billing office under the flow: its phone, email, hours and financial-assistance link (a template part in `<bill-pay>`'s shadow root). */
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
