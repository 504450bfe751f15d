import { html, nothing, css } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { getPracticeSettings, savePracticeSettings, type PracticeSettingsView } from '@billpay/sdk/admin-desk';
import { isApiError } from '@billpay/sdk/errors';
import { formatMoment } from '@billpay/elements/parts.js';
import { ConsolePage, pageStyles } from '../app/console-page.js';
import { problemWords } from '../app/problems.js';
import { checkDraft, draftOf, fieldErrors, fieldOf, type FieldIssue, type SettingsDraft } from './settings-draft.js';
import { addressFieldset, brandingFieldset, contactFieldset, idOf, planFieldset, policiesFieldset, type FormContext } from './settings-form.js';
import { drawPreview, previewPractice } from './settings-preview.js';
import { settingsWords, type SettingsWords } from './words.js';

/** How long typing pauses before the preview is drawn again. */
const PREVIEW_PAUSE_MS = 200;

/**
 * Settings (admins only): the practice's contact details, check address, billing and plan
 * policies and brand colour, in fieldsets, with the patient widget drawn beside them as the
 * settings stand unsaved. Checked as typed with the server's own schema; a refusal's issues are
 * put beside their fields in words; nothing typed is lost, whatever the answer. A save names the
 * version it was made from: if another admin saved meanwhile, it is refused and said so.
 */
@customElement('console-settings')
export class ConsoleSettings extends ConsolePage {
  static override styles = [
    pageStyles,
    css`
      .layout {
        display: grid;
        gap: calc(var(--_space) * 1.5);
        grid-template-columns: minmax(0, 1fr);
        align-items: start;
      }
      @media (min-width: 64rem) {
        .layout {
          grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
        }
        .preview {
          position: sticky;
          top: var(--_space);
        }
      }
      fieldset.group {
        display: grid;
        gap: var(--_space);
        border-top: 1px solid var(--_border);
        padding-top: var(--_space);
      }
      fieldset.group > legend {
        float: left;
        width: 100%;
        padding: 0;
      }
      fieldset.group > legend h2 {
        margin: 0;
      }
      fieldset.group > legend + * {
        clear: both;
      }
      fieldset.hours {
        display: grid;
        gap: 0.75rem;
        padding: 0.75rem;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
      }
      .options {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
      }
      .option {
        display: inline-flex;
        align-items: center;
        gap: 0.5rem;
        min-height: 44px;
        font-weight: 400;
      }
      .option input {
        width: 1.25rem;
        height: 1.25rem;
        min-height: 0;
        margin: 0;
      }
      .pair {
        display: grid;
        gap: var(--_space);
        grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
        /* Side by side, a field with a hint is taller: the boxes line up, none stretched to match. */
        align-items: end;
      }
      .color-row {
        display: flex;
        gap: 0.75rem;
        align-items: flex-end;
      }
      .color-row > .field {
        flex: 1;
      }
      .money-input {
        display: flex;
        align-items: center;
        gap: 0.375rem;
        max-width: 14rem;
        font-weight: 600;
      }
      .swatch {
        inline-size: 44px;
        block-size: 44px;
        flex: none;
        border: 2px solid var(--_border);
        border-radius: calc(var(--_radius) / 2);
        background: var(--_swatch, transparent);
      }
      .preview-frame {
        border: 2px dashed var(--_border);
        border-radius: var(--_radius);
        padding: 0.5rem;
        background: #ffffff;
        color-scheme: light;
      }
      dl.fixed {
        display: grid;
        grid-template-columns: max-content minmax(0, 1fr);
        gap: 0.25rem 1rem;
        margin: 0;
      }
      dl.fixed dt {
        font-weight: 600;
      }
      dl.fixed dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      @media (max-width: 30rem) {
        dl.fixed {
          grid-template-columns: minmax(0, 1fr);
        }
        dl.fixed dd {
          margin-block-end: 0.5rem;
        }
      }
      .saved {
        border-inline-start: 4px solid var(--_accent);
        padding: 0.5rem 0.75rem;
        background: var(--_surface-2);
        margin: 0;
      }
      .saved:empty {
        display: none;
      }
      @media print {
        .preview,
        .actions {
          display: none;
        }
      }
    `,
  ];

  @state() private view: PracticeSettingsView | undefined;
  @state() private draft: SettingsDraft | undefined;
  /** Errors shown beside fields: after a save was tried (or the server refused), then kept current as the admin types. */
  @state() private errors: ReadonlyMap<string, string> = new Map();
  @state() private showErrors = false;
  /** The server's issues of the last refused save, until the field is typed in again. */
  private serverIssues: FieldIssue[] = [];
  @state() private problem = '';
  @state() private stale = false;
  @state() private savedNote = '';
  @state() private busy = false;
  #started = false;
  #previewTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #swatch = new CSSStyleSheet();

  override get t(): SettingsWords {
    return settingsWords(this.locale);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The swatch's colour is a custom property in a constructed sheet: the CSP allows no style attribute.
    const root = this.renderRoot as ShadowRoot | undefined;
    if (root && !root.adoptedStyleSheets.includes(this.#swatch)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.#swatch];
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#previewTimer);
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (this.desk && !this.#started) {
      this.#started = true;
      void this.load();
    }
    if (changed.has('locale') && this.draft && this.showErrors) this.recheck();
  }

  private async load() {
    this.busy = true;
    try {
      const view = await this.desk.run((c) => getPracticeSettings(c));
      this.view = view;
      this.draft = draftOf(view.settings);
      this.errors = new Map();
      this.showErrors = false;
      this.serverIssues = [];
      this.stale = false;
      this.problem = '';
      this.refreshPreview(true);
    } catch (error) {
      this.problem = problemWords(error, this.t);
    } finally {
      this.busy = false;
    }
  }

  /** The draft changed: errors already shown follow what is typed, and the preview is drawn again after a pause. */
  private changed(key?: string) {
    if (key) this.serverIssues = this.serverIssues.filter((issue) => fieldOf(issue) !== key);
    this.savedNote = '';
    if (this.showErrors) this.recheck();
    this.requestUpdate();
    this.refreshPreview(false);
  }

  private recheck() {
    if (!this.draft) return;
    const checked = checkDraft(this.draft);
    this.errors = fieldErrors([...(checked.ok ? [] : checked.issues), ...this.serverIssues], this.draft, this.t);
  }

  private refreshPreview(now: boolean) {
    clearTimeout(this.#previewTimer);
    const draw = async () => {
      await this.updateComplete;
      if (!this.draft || !this.view) return;
      const color = this.draft.values['branding.accentColor']?.trim() ?? '';
      this.#swatch.replaceSync(/^#[0-9a-fA-F]{6}$/.test(color) ? `:host{--_swatch:${color}}` : '');
      const checked = checkDraft(this.draft);
      // The preview keeps the last settings that could be saved; the form says what is wrong with the others.
      const container = this.renderRoot.querySelector<HTMLElement>('.preview-frame');
      if (checked.ok && container) void drawPreview(container, previewPractice(this.view, checked.settings)).catch((error: unknown) => console.warn('billpay console: the preview could not be drawn', error));
    };
    if (now) void draw();
    else this.#previewTimer = setTimeout(() => void draw(), PREVIEW_PAUSE_MS);
  }

  private async save(event: SubmitEvent) {
    event.preventDefault();
    if (!this.draft || !this.view || this.busy) return;
    this.problem = '';
    this.savedNote = '';
    this.serverIssues = [];
    const checked = checkDraft(this.draft);
    if (!checked.ok) {
      this.showErrors = true;
      this.recheck();
      await this.focusSummary();
      return;
    }
    this.busy = true;
    try {
      const view = await this.desk.run((c) => savePracticeSettings(c, { version: this.view!.version, settings: checked.settings }));
      this.view = view;
      this.draft = draftOf(view.settings);
      this.showErrors = false;
      this.errors = new Map();
      this.savedNote = this.t.saved;
      this.announce(this.t.saved);
      this.refreshPreview(true);
    } catch (error) {
      if (isApiError(error) && error.code === 'invalid_request' && error.issues.length) {
        this.serverIssues = [...error.issues];
        this.showErrors = true;
        this.recheck();
        await this.focusSummary();
        return;
      }
      this.stale = isApiError(error) && error.code === 'settings_changed';
      this.problem = problemWords(error, this.t);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.problem')?.focus();
    } finally {
      this.busy = false;
    }
  }

  private async focusSummary() {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.error-summary')?.focus();
  }

  private focusField(event: Event, key: string) {
    event.preventDefault();
    const target = this.renderRoot.querySelector<HTMLElement>(`#${idOf(key)}`) ?? this.renderRoot.querySelector<HTMLElement>(`[name="${idOf(key)}"]`);
    target?.focus();
  }

  private summary() {
    const t = this.t;
    if (!this.showErrors || this.errors.size === 0) return nothing;
    return html`<div class="error-summary" tabindex="-1" role="alert">
      <p class="error-summary-title">${t.invalidSummary(this.errors.size)}</p>
      <ul>
        ${[...this.errors].map(([key, words]) => html`<li><a href="#${idOf(key)}" @click=${(e: Event) => this.focusField(e, key)}>${words}</a></li>`)}
      </ul>
    </div>`;
  }

  override render() {
    const t = this.t;
    const { view, draft } = this;
    if (!view || !draft) {
      return html`<h1 tabindex="-1">${t.settingsTitle}</h1>
        <p class="problem" role="alert" tabindex="-1">${this.problem}</p>
        ${this.problem ? nothing : html`<p role="status">${t.loading}</p>`}`;
    }
    const ctx: FormContext = { draft, errors: this.showErrors ? this.errors : new Map(), t, set: (key, value) => {
      draft.values[key] = value;
      this.changed(key);
    }, changed: () => this.changed() };
    return html`
      <h1 tabindex="-1">${t.settingsTitle}</h1>
      <p>${t.settingsIntro}</p>
      <p class="muted">${view.updatedAt ? t.lastSaved(formatMoment(new Date(view.updatedAt), this.locale)) : t.fromFile}</p>
      <p class="problem" role="alert" tabindex="-1">${this.problem}</p>
      ${this.stale ? html`<p><button type="button" class="secondary" @click=${() => void this.load()}>${t.reload}</button></p>` : nothing}
      <p class="saved" role="status">${this.savedNote}</p>
      <div class="layout">
        <form novalidate @submit=${this.save}>
          ${this.summary()} ${contactFieldset(ctx)} ${addressFieldset(ctx)} ${policiesFieldset(ctx)} ${planFieldset(ctx)} ${brandingFieldset(ctx)}
          <section aria-labelledby="fixed-title">
            <h2 id="fixed-title">${t.fixedTitle}</h2>
            <dl class="fixed">
              <dt>${t.practiceId}</dt><dd class="mono">${view.fixed.id}</dd>
              <dt>${t.timeZone}</dt><dd>${view.fixed.timeZone}</dd>
              <dt>${t.allowedOrigins}</dt><dd>${view.fixed.allowedOrigins.join(', ')}</dd>
            </dl>
          </section>
          <div class="actions"><button type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>${this.busy ? t.saving : t.save}</button></div>
        </form>
        <section class="preview" aria-labelledby="preview-title">
          <h2 id="preview-title">${t.previewTitle}</h2>
          <p class="hint">${t.previewHint}</p>
          <div class="preview-frame" lang=${this.locale} inert></div>
        </section>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-settings': ConsoleSettings;
  }
}
