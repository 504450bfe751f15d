import { html, type TemplateResult } from 'lit';
import type { IntegrationWords } from '../i18n/integration.js';

export interface SecretShown {
  /** Unique in the render root: the panel's heading is `${id}-title`. */
  readonly id: string;
  readonly label: string;
  readonly secret: string;
  /** What copying said (copied, or copy it by hand), if it was tried. */
  readonly copyNote: string;
  readonly onCopy: () => void;
  readonly onDone: () => void;
}

/**
 * A new secret (an API key, a webhook signing secret), shown this once: a warning that says so,
 * the secret as text to select, a Copy button, and a button to put it away.
 */
export function secretOnce(t: IntegrationWords, shown: SecretShown): TemplateResult {
  return html`<section class="secret" aria-labelledby="${shown.id}-title">
    <h3 id="${shown.id}-title" tabindex="-1">${t.secretTitle}</h3>
    <p><strong>${shown.label}</strong></p>
    <output id="${shown.id}-value" class="mono" aria-label=${shown.label}>${shown.secret}</output>
    <p class="notice">${t.secretWarning}</p>
    <div class="actions">
      <button type="button" @click=${shown.onCopy}>${t.copy}</button>
      <button type="button" class="secondary" @click=${shown.onDone}>${t.secretDone}</button>
      <span role="status">${shown.copyNote}</span>
    </div>
  </section>`;
}

/** Copies `text` with the browser's clipboard; false when the page may not (then staff copy it by hand). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
