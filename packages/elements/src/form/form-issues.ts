import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';

/** One problem in the summary: its words, and the id of the input that takes focus for it. */
export interface SummaryLine {
  readonly inputId: string;
  readonly text: string;
}

/** What the summary says: its title, failures that are no one answer's (the connection, a refusal), a line per answer. */
export interface SummaryContent {
  readonly title: string;
  readonly failures?: readonly (string | undefined)[];
  readonly lines: readonly SummaryLine[];
  /**
   * With nothing left to say (every answer fixed since): `hide` removes the summary, `keep` (the
   * default) leaves its title until the next submit.
   */
  readonly whenEmpty?: 'hide' | 'keep';
}

/**
 * The problems of a form after a submit, the same in every form: shown above the form (styled by
 * `formStyles`), announced as an alert, focused once rendered, each answer's line a link that moves
 * focus to its input. The form says when to show it (`show`, after a submit that found problems)
 * and when to take it away (`hide`), and what it says (`summary`).
 */
export class FormIssuesController implements ReactiveController {
  readonly #host: ReactiveControllerHost & { readonly renderRoot: ParentNode };
  #shown = false;

  constructor(host: ReactiveControllerHost & { readonly renderRoot: ParentNode }) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {}

  /** Whether the summary is on screen. */
  get shown(): boolean {
    return this.#shown;
  }

  /** Shows the summary and moves focus to it once it is rendered. */
  async show(): Promise<void> {
    this.#shown = true;
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    this.#host.renderRoot.querySelector<HTMLElement>('.error-summary')?.focus();
  }

  hide(): void {
    if (!this.#shown) return;
    this.#shown = false;
    this.#host.requestUpdate();
  }

  /** The summary while it is shown (`content` is only worked out then). */
  summary(content: () => SummaryContent): TemplateResult | typeof nothing {
    return this.#shown ? errorSummary(content()) : nothing;
  }
}

function errorSummary({ title, failures = [], lines, whenEmpty = 'keep' }: SummaryContent): TemplateResult | typeof nothing {
  const said = failures.filter((failure): failure is string => Boolean(failure));
  if (whenEmpty === 'hide' && !said.length && !lines.length) return nothing;
  return html`
    <div class="error-summary" part="error-summary" tabindex="-1" role="alert" aria-labelledby="summary-title">
      <p id="summary-title" class="error-summary-title">${title}</p>
      ${said.map((failure) => html`<p>${failure}</p>`)}
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
