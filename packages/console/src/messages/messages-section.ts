import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { getAccountMessagePreferences, staffRevocationText, stopAccountMessages, type AccountMessagePreferences, type DeskChannel } from '@billpay/sdk/admin-desk';
import { formatMoment } from '@billpay/elements/parts.js';
import { ConsolePage } from '../app/console-page.js';
import { dialogStyles } from '../app/dialog-styles.js';
import { ModalDialog } from '../app/modal.js';
import { problemWords } from '../app/problems.js';
import { messagesWords, type MessagesWords } from '../i18n/messages.js';

type Channel = 'email' | 'sms';
const CHANNELS: readonly Channel[] = ['email', 'sms'];

/**
 * An account's "Messages" section: what the patient receives (paperless, email and texts, their
 * addresses masked) and where each channel's consent stands, when and how it last changed. Staff
 * whose role may change money stop email or texts at the patient's request, after confirming in a
 * modal dialog that shows the words the consent record keeps; staff never turn a channel on. The
 * result is announced and focus lands on it (the button pressed is gone with the channel).
 *
 * @event console-messages-stopped - A channel was stopped; the audit trail should be read again.
 */
@customElement('console-messages')
export class ConsoleMessages extends ConsolePage {
  static override styles = [
    dialogStyles,
    css`
      .facts {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 16rem), 1fr));
        gap: 0.75rem 1.5rem;
        margin: 0 0 var(--_space);
      }
      .facts dt {
        font-weight: 600;
        color: var(--_muted);
      }
      .facts dd {
        margin: 0;
      }
      .note {
        display: block;
        color: var(--_muted);
        font-size: 0.9375rem;
      }
      .facts button {
        margin-top: 0.5rem;
      }
      blockquote {
        margin: 0 0 var(--_space);
        padding: 0.5rem 0.75rem;
        border-inline-start: 4px solid var(--_border);
        background: var(--_surface-2);
      }
      #messages-done:empty {
        display: none;
      }
    `,
  ];

  @property({ attribute: 'account-id' }) accountId = '';
  /** Whether staff may stop messages (the roles that change money: `admin`, `billing`). */
  @property({ type: Boolean, attribute: 'may-change' }) mayChange = false;
  @state() private prefs: AccountMessagePreferences | undefined;
  @state() private failure: unknown;
  /** The channel the confirmation is about. */
  @state() private channel: Channel = 'email';
  @state() private busy = false;
  @state() private problem: unknown;
  /** What the last stop did, as facts, so it is said in the language shown now. */
  @state() private done: { readonly channel: Channel; readonly changed: boolean } | undefined;
  readonly #modal = new ModalDialog(this);
  #loaded = '';
  #stopped = false;

  override get t(): MessagesWords {
    return messagesWords(this.locale);
  }

  override willUpdate(): void {
    if (this.desk && this.accountId && this.#loaded !== this.accountId) {
      this.#loaded = this.accountId;
      this.prefs = undefined;
      this.done = undefined;
      void this.load();
    }
  }

  private async load() {
    const id = this.accountId;
    this.failure = undefined;
    try {
      const prefs = await this.desk.run((c) => getAccountMessagePreferences(c, id));
      if (id === this.accountId) this.prefs = prefs;
    } catch (error) {
      if (id === this.accountId) this.failure = error;
    }
  }

  override render() {
    const t = this.t;
    const prefs = this.prefs;
    if (!prefs) {
      return this.failure === undefined ? html`<p role="status">${t.loadingMessages}</p>` : html`<p class="problem" role="alert">${problemWords(this.failure, t)}</p>`;
    }
    return html`<dl class="facts">
        <div><dt>${t.paperless}</dt><dd>${prefs.paperless ? t.paperlessOn : t.paperlessOff}</dd></div>
        ${CHANNELS.map((channel) => this.channelFact(channel, prefs[channel]))}
      </dl>
      <p id="only-off" class="muted">${t.onlyOff}</p>
      <p id="messages-done" class="notice" tabindex="-1">${this.done ? (this.done.changed ? t.stopped[this.done.channel] : t.alreadyOff) : ''}</p>
      ${this.confirmation(prefs)}`;
  }

  private channelFact(channel: Channel, view: DeskChannel) {
    const t = this.t;
    const state = view.address === null ? t.noAddress : view.on ? t.channelOn(view.address) : t.channelOff(view.address);
    const consent = view.consent;
    const consentLine = consent
      ? t.consentLine(t.consentAction[consent.action] ?? consent.action, t.consentSource[consent.source] ?? consent.source, formatMoment(new Date(consent.at), this.locale))
      : view.address === null
        ? ''
        : t.noConsent[channel];
    return html`<div>
      <dt>${t.channelName[channel]}</dt>
      <dd>
        <span>${state}</span>
        ${view.stoppedBy ? html`<span class="note">${t.stoppedBy[view.stoppedBy]}</span>` : nothing}
        ${consentLine ? html`<span class="note">${consentLine}</span>` : nothing}
        ${this.mayChange && view.on
          ? html`<button type="button" class="secondary" aria-describedby="only-off" @click=${(e: Event) => void this.open(channel, e.currentTarget as HTMLElement)}>${t.stopButton[channel]}</button>`
          : nothing}
      </dd>
    </div>`;
  }

  private confirmation(prefs: AccountMessagePreferences) {
    const t = this.t;
    const channel = this.channel;
    return html`<dialog aria-labelledby="stop-title" aria-describedby="stop-intro" @close=${this.closed}>
      <h2 id="stop-title" tabindex="-1">${t.stopTitle[channel]}</h2>
      <p class="problem" role="alert" tabindex="-1">${this.problem === undefined ? '' : problemWords(this.problem, t)}</p>
      <p id="stop-intro">${t.stopIntro}</p>
      <blockquote id="stop-words">${staffRevocationText(channel, this.locale, prefs.practiceName)}</blockquote>
      <div class="actions">
        <button type="button" ?disabled=${this.busy} @click=${this.stop}>${this.busy ? t.working : t.stopButton[channel]}</button>
        <button type="button" class="secondary" ?disabled=${this.busy} @click=${() => this.#modal.close()}>${t.cancel}</button>
      </div>
    </dialog>`;
  }

  private async open(channel: Channel, opener: HTMLElement) {
    this.channel = channel;
    this.#stopped = false;
    this.problem = undefined;
    await this.#modal.show(opener, '#stop-title');
  }

  private stop = async () => {
    const channel = this.channel;
    const accountId = this.accountId;
    const language = this.locale;
    const wasOn = this.prefs?.[channel].on === true;
    this.busy = true;
    this.problem = undefined;
    try {
      const prefs = await this.desk.run((c) => stopAccountMessages(c, accountId, channel === 'email' ? { email: false, language } : { sms: false, language }));
      if (accountId !== this.accountId) return;
      this.prefs = prefs;
      this.done = { channel, changed: wasOn && !prefs[channel].on };
      this.#stopped = true;
      this.announce(this.done.changed ? this.t.stopped[channel]! : this.t.alreadyOff);
      this.dispatchEvent(new CustomEvent('console-messages-stopped', { bubbles: true, composed: true }));
      this.#modal.close();
    } catch (error) {
      this.problem = error;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.problem')?.focus();
    } finally {
      this.busy = false;
    }
  };

  /** Focus goes back to the button pressed, or, once the channel is stopped (its button gone), to what was done. */
  private closed = async () => {
    if (!this.#modal.ended()) return;
    if (!this.#stopped) {
      this.#modal.returnFocus();
      return;
    }
    await this.updateComplete;
    this.#modal.returnFocus(this.renderRoot.querySelector<HTMLElement>('#messages-done'));
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'console-messages': ConsoleMessages;
  }
}
