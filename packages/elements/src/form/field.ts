/**
 * One answer's inline error and what its input is described by: the same markup in every form
 * (styled by `formStyles`). The text field built on them is in text-field.ts, apart, so a page
 * whose first form has fields of its own (the lookup) does not load it first.
 */
import { html, nothing, type TemplateResult } from 'lit';

/** An answer's error under its label: `${slot}-error`, read as "Error: …" by a screen reader. */
export function fieldError(slot: string, prefix: string, text: string | undefined): TemplateResult | typeof nothing {
  if (text === undefined) return nothing;
  return html`<p id="${slot}-error" class="error"><span class="visually-hidden">${prefix}</span> ${text}</p>`;
}

/** The ids an input is described by: its hint, then its error while it has one. */
export function describedBy(hint: string | undefined, slot: string, invalid: boolean): string {
  return [hint, invalid ? `${slot}-error` : undefined].filter(Boolean).join(' ');
}
