import { html, type TemplateResult } from 'lit';
import { telHref } from '../i18n/format.js';

/** A phone number as a link a phone can call, never wrapped in the middle (style `.phone` in the tokens). */
export function phoneLink(phone: string): TemplateResult {
  return html`<a class="phone" href=${telHref(phone)}>${phone}</a>`;
}

/** A private-use character no sentence contains: where the number goes. */
const SLOT = '\uE000';

/**
 * A dictionary sentence that names a phone number, with the number as a link: the sentence is
 * asked for with a placeholder, so each language keeps its own word order.
 */
export function withPhoneLink(sentence: (phone: string) => string, phone: string): TemplateResult {
  return withNumber(sentence, phone, phoneLink(phone));
}

/** The same, with the number kept whole but not a link of its own (the sentence is the link). */
export function withPhone(sentence: (phone: string) => string, phone: string): TemplateResult {
  return withNumber(sentence, phone, html`<span class="phone">${phone}</span>`);
}

function withNumber(sentence: (phone: string) => string, phone: string, number: TemplateResult): TemplateResult {
  const [before = '', ...after] = sentence(SLOT).split(SLOT);
  return after.length ? html`${before}${number}${after.join(phone)}` : html`${sentence(phone)}`;
}
