import { html, nothing, type TemplateResult } from 'lit';

/** One problem in the summary: its words, and the id of the input that takes focus for it. */
export interface SummaryLine {
  readonly inputId: string;
  readonly text: string;
}

/**
 * The problems after a submit, above the form (styled by `formStyles`): a failure that is no one
 * answer's (the connection, a refusal) and a line per answer, each a link that moves focus to its
 * input. The form focuses it after a submit (`.error-summary`); it is announced as an alert. With
 * nothing left to say (every answer fixed since) it is not there at all.
 */
export function errorSummary(title: string, failure: string | undefined, lines: readonly SummaryLine[]): TemplateResult | typeof nothing {
  if (!failure && !lines.length) return nothing;
  return html`
    <div class="error-summary" part="error-summary" tabindex="-1" role="alert" aria-labelledby="summary-title">
      <p id="summary-title" class="error-summary-title">${title}</p>
      ${failure ? html`<p>${failure}</p>` : nothing}
      ${lines.length
        ? html`<ul>
            ${lines.map(({ inputId, text }) => html`<li><a href="#${inputId}" @click=${focusInput}>${text}</a></li>`)}
          </ul>`
        : nothing}
    </div>
  `;
}

/** In a shadow root, `#id` links go nowhere: move focus to the input the link names. */
function focusInput(event: Event) {
  event.preventDefault();
  const link = event.currentTarget as HTMLAnchorElement;
  (link.getRootNode() as ParentNode).querySelector<HTMLElement>(link.getAttribute('href') ?? '')?.focus();
}
