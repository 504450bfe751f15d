import { css, html, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { problemWords } from '../app/problems.js';
import { ConsolePage, pageStyles } from '../app/console-page.js';
import { integrationWords, type IntegrationWords } from '../i18n/integration.js';

/** The integration page's styles: the pages' own, and its confirmations, secrets and check boxes. */
export const integrationStyles = [
  pageStyles,
  css`
    button.danger {
      background: var(--_danger);
      border-color: var(--_danger);
      color: var(--_surface);
    }
    .confirm {
      border: 3px solid var(--_danger);
      border-radius: var(--_radius);
      padding: var(--_space);
      background: var(--_surface);
      margin-block: var(--_space);
    }
    .confirm p:first-child {
      margin-top: 0;
      font-weight: 600;
    }
    .secret {
      border: 3px solid var(--_accent);
      border-radius: var(--_radius);
      padding: var(--_space);
      background: var(--_surface);
      margin-block: var(--_space);
    }
    .secret h3 {
      margin-top: 0;
    }
    .secret output {
      display: block;
      padding: 0.5rem 0.75rem;
      background: var(--_surface-2);
      border: 1px solid var(--_border);
      border-radius: calc(var(--_radius) / 2);
      margin-block: 0.5rem;
    }
    fieldset {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0.5rem var(--_space) var(--_space);
      margin: 0 0 var(--_space);
      min-width: 0;
    }
    fieldset[aria-invalid='true'] {
      border: 3px solid var(--_danger);
    }
    legend {
      font-weight: 600;
      padding-inline: 0.25rem;
    }
    .checks {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
      gap: 0.25rem 1rem;
    }
    .check {
      display: flex;
      gap: 0.5rem;
      align-items: center;
      min-height: 44px;
    }
    .check input {
      width: 1.25rem;
      height: 1.25rem;
      min-height: 0;
      margin: 0;
      flex: none;
    }
    .issues {
      margin: 0;
      padding-inline-start: 1.25rem;
    }
    .url {
      overflow-wrap: anywhere;
    }
    form + form,
    .panel + .panel {
      margin-top: var(--_space);
    }
  `,
];

/** A part of the integration page: the console's page base, with the integration's words. */
export class IntegrationPart extends ConsolePage {
  static override styles = integrationStyles;

  override get t(): IntegrationWords {
    return integrationWords(this.locale);
  }

  /** Focus on the element with `id` once drawn (a confirmation, a new secret, the opener again). */
  protected async focusOn(id: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(id)}`)?.focus();
  }

  /** The confirming second step of an action that cannot be taken back: what it does, then do it or not. */
  protected confirmation(id: string, words: string, action: string, keep: string, busy: boolean, onConfirm: () => void, onKeep: () => void): TemplateResult {
    return html`<div class="confirm" role="group" aria-labelledby="${id}-text">
      <p id="${id}-text" tabindex="-1">${words}</p>
      <div class="actions">
        <button type="button" class="danger" ?disabled=${busy} @click=${onConfirm}>${busy ? this.t.working : action}</button>
        <button type="button" class="secondary" ?disabled=${busy} @click=${onKeep}>${keep}</button>
      </div>
    </div>`;
  }
}

/**
 * A section of the integration page (imports, webhooks, keys): what it lists is read once the desk
 * is given (`load`), and each call it makes runs through `guard`.
 */
export abstract class IntegrationSection extends IntegrationPart {
  /** The last call's failure, in words, shown above the part (its element's id is `problemId`). */
  @state() protected problem = '';
  @state() protected busy = false;
  #started = false;

  /** The id of the part's problem paragraph, focused when a call fails. */
  protected abstract readonly problemId: string;

  /** Reads what the part lists. */
  protected abstract load(): Promise<void>;

  override willUpdate(): void {
    if (this.desk && !this.#started) {
      this.#started = true;
      void this.guard(() => this.load());
    }
  }

  /** Runs a call, busy meanwhile; its failure is said in words above the part, and focused. */
  protected async guard(work: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.problem = '';
    try {
      await work();
    } catch (error) {
      this.problem = problemWords(error, this.t);
      await this.focusOn(this.problemId);
    } finally {
      this.busy = false;
    }
  }
}
