import { getPractice, type BillPayConnection } from '@billpay/sdk/connection';
import { isSessionExpiredError } from '@billpay/sdk/checks';
import {
  changeMessagePreferences,
  confirmVerification,
  consentText,
  getMessagePreferences,
  startVerification,
  type MessageChannel,
  type MessagePreferences as Preferences,
} from '@billpay/sdk/preferences';
import { html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { SessionElement } from '../base/session-element.js';
import { FormIssuesController } from '../form/form-issues.js';
import { preferencesBook, type PreferencesTranslation } from '../i18n/preferences.js';
import { formStyles } from '../styles/form.js';
import { tokens } from '../styles/shared.js';
import { messagePreferencesStyles } from './message-preferences.styles.js';
import { addressOf, codeOf, newSetup, problemText, refusalOf, type Refusal, type Setup } from './preferences-model.js';
import { addressStep, channelSection, codeStep, type SetupView } from './preferences-parts.js';

/**
 * What the patient receives, and how: paperless statements, and statement alerts by email, text
 * or both. Turning a channel on sends a 6-digit code to the address (the one on file, or one the
 * patient types) and takes effect once the code is typed back; the consent's words shown are what
 * the server records. Turning one off takes effect at once. A STOP reply or an email's unsubscribe
 * link shows here too. Inside `<bill-pay>` it uses the flow's session; on its own, that of
 * `practice` and `api` (or `client`) once a bill has been found.
 *
 * @summary The patient's message preferences: paperless statements, email and text alerts.
 * @tag message-preferences
 *
 * @fires message-preferences-changed - The patient changed a preference. `detail.preferences` is how they now are.
 * @fires billpay-session-expired - The session ended; the bill must be found again.
 *
 * @csspart base - The preferences.
 * @csspart heading - "Statements and alerts".
 * @csspart paperless - The paperless statements choice.
 * @csspart channel - Each channel: email, then text messages.
 * @csspart status - Whether a channel is on, and to where (masked).
 * @csspart turn-on-button - "Turn on email" / "Turn on text messages".
 * @csspart turn-off-button - "Turn off email" / "Turn off text messages".
 * @csspart setup - Where the code goes, and the consent's words.
 * @csspart consent - The consent's words.
 * @csspart send-code-button - "Send code".
 * @csspart code-form - The code typed back.
 * @csspart input - Every text input.
 * @csspart confirm-button - "Turn on", with the code.
 * @csspart new-code-button - "Send a new code".
 * @csspart cancel-button - "Cancel".
 * @csspart error-summary - The problems after a submit.
 * @csspart problem - A refusal outside the steps (paperless without a channel).
 *
 * @cssprop --billpay-color-surface-raised - Background of the steps that turn a channel on.
 */
export class MessagePreferences extends SessionElement {
  static override styles = [tokens, formStyles, messagePreferencesStyles];

  constructor() {
    super();
    // Drawn in these books' words too: each update waits for the element's language of them.
    this.localize.uses(preferencesBook);
  }

  @state() private preferences: Preferences | undefined;
  @state() private loadState: 'loading' | 'loaded' | 'failed' = 'loading';
  @state() private practiceName = '';
  @state() private setup: Setup | undefined;
  @state() private refusal: Refusal | undefined;
  @state() private busy = false;
  /** What the polite live region says (a code sent, a channel on or off). */
  @state() private announcement = '';
  private readonly issues = new FormIssuesController(this);
  #loadedFor: BillPayConnection | undefined;

  private get t(): PreferencesTranslation {
    return this.localize.words(preferencesBook);
  }

  private get level() {
    return this.headingLevelUpTo(4);
  }

  /** Moves focus to the heading, e.g. when a page shows the element as a step. */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('#prefs-heading')?.focus();
  }

  /** On its own on a page, the bill may be found after this element is drawn: it loads then. */
  private onBillFound = () => {
    this.#loadedFor = undefined;
    this.requestUpdate();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('bill-lookup-success', this.onBillFound);
  }

  override disconnectedCallback(): void {
    document.removeEventListener('bill-lookup-success', this.onBillFound);
    super.disconnectedCallback();
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    const connection = this.activeConnection;
    if (!connection || this.#loadedFor === connection || !connection.hasSession) return;
    this.#loadedFor = connection;
    void this.load(connection);
  }

  private async load(connection: BillPayConnection): Promise<void> {
    this.loadState = 'loading';
    try {
      const [preferences, practice] = await Promise.all([getMessagePreferences(connection), this.contextPractice ?? getPractice(connection)]);
      this.preferences = preferences;
      this.practiceName = practice.name;
      this.loadState = 'loaded';
    } catch (error) {
      this.loadState = 'failed';
      if (isSessionExpiredError(error)) this.emit('billpay-session-expired', {});
    }
  }

  private retry = () => {
    const connection = this.activeConnection;
    if (connection) void this.load(connection);
  };

  private async focusOn(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /** Shows a refusal: beside its answer and in the summary (focused), or under the heading when it is of no step. */
  private async refuse(refusal: Refusal): Promise<void> {
    this.refusal = refusal;
    if (refusal.problem === 'session_expired') this.emit('billpay-session-expired', {});
    // The summary is an alert of its own; outside the steps, the polite region says it.
    this.announcement = this.setup ? '' : problemText(this.t, refusal.problem, undefined);
    if (this.setup) await this.issues.show();
  }

  private changed(preferences: Preferences, announcement: string): void {
    this.preferences = preferences;
    this.announcement = announcement;
    this.emit('message-preferences-changed', { preferences });
  }

  private async call<T>(run: (connection: BillPayConnection) => Promise<T>): Promise<T | undefined> {
    const connection = this.activeConnection;
    if (!connection || this.busy) return undefined;
    this.busy = true;
    try {
      return await run(connection);
    } catch (error) {
      await this.refuse(isSessionExpiredError(error) ? { problem: 'session_expired' } : refusalOf(error));
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  private turnOn(channel: MessageChannel) {
    return async () => {
      this.setup = newSetup(channel, Boolean(this.preferences?.[channel].onFile));
      this.refusal = undefined;
      this.issues.hide();
      await this.focusOn('#setup-title');
    };
  }

  private turnOff(channel: MessageChannel) {
    return async () => {
      this.refusal = undefined;
      const preferences = await this.call((c) => changeMessagePreferences(c, { [channel]: false, language: this.localize.locale }));
      if (!preferences) return;
      this.changed(preferences, this.t.announceOff(channel));
      await this.focusOn(`#${channel}-toggle`);
    };
  }

  private onPaperless = async (event: Event) => {
    const input = event.target as HTMLInputElement;
    const paperless = input.checked;
    this.refusal = undefined;
    const preferences = await this.call((c) => changeMessagePreferences(c, { paperless, language: this.localize.locale }));
    input.checked = (preferences ?? this.preferences)?.paperless ?? false;
    if (preferences) this.changed(preferences, this.t.announcePaperless(preferences.paperless));
  };

  private onChoose = (useOnFile: boolean) => {
    if (this.setup) this.setup = { ...this.setup, useOnFile };
  };

  private onInput = (event: InputEvent) => {
    const input = event.target as HTMLInputElement;
    if (!this.setup) return;
    this.setup = input.id === 'code' ? { ...this.setup, code: input.value } : { ...this.setup, address: input.value };
    // An answer's error goes once it is changed; the summary goes with the last of them.
    if (this.refusal?.slot === input.id) {
      this.refusal = undefined;
      this.issues.hide();
    }
  };

  private onSend = async (event?: SubmitEvent) => {
    event?.preventDefault();
    const setup = this.setup;
    if (!setup || this.busy) return;
    const address = addressOf(setup);
    if (!address.ok) return this.refuse(address.refusal);
    this.refusal = undefined;
    this.issues.hide();
    const verification = await this.call((c) => startVerification(c, { channel: setup.channel, address: address.address, language: this.localize.locale }));
    if (!verification || this.setup !== setup) return;
    this.setup = { ...setup, step: 'code', code: '', verification };
    this.announcement = this.t.announceCodeSent(verification.to);
    await this.focusOn('#code-title');
  };

  private onNewCode = () => {
    if (this.setup) this.setup = { ...this.setup, step: 'address' };
    return this.onSend();
  };

  private onConfirm = async (event: SubmitEvent) => {
    event.preventDefault();
    const setup = this.setup;
    const id = setup?.verification?.id;
    if (!setup || !id || this.busy) return;
    const code = codeOf(setup);
    if (!code.ok) return this.refuse(code.refusal);
    this.refusal = undefined;
    this.issues.hide();
    const preferences = await this.call((c) => confirmVerification(c, id, code.code));
    if (!preferences) return;
    this.setup = undefined;
    this.changed(preferences, this.t.announceOn(setup.channel));
    await this.focusOn(`#${setup.channel}-title`);
  };

  private onCancel = async () => {
    const channel = this.setup?.channel;
    this.setup = undefined;
    this.refusal = undefined;
    this.issues.hide();
    if (channel) await this.focusOn(`#${channel}-toggle`);
  };

  protected override render() {
    const t = this.t;
    return html`
      <section part="base" aria-labelledby="prefs-heading">
        <div id="prefs-heading" class="heading" part="heading" role="heading" aria-level=${this.level} tabindex="-1">${t.title}</div>
        <p class="visually-hidden" role="status">${this.announcement}</p>
        ${this.renderBody(t)}
      </section>
    `;
  }

  private renderBody(t: PreferencesTranslation) {
    if (this.loadState === 'failed') {
      return html`<p class="problem" role="alert">${t.loadFailed}</p>
        <button type="button" class="secondary" @click=${this.retry}>${t.tryAgain}</button>`;
    }
    const preferences = this.preferences;
    if (this.loadState === 'loading' || !preferences) return html`<p role="status">${t.loading}</p>`;
    const general = this.refusal && !this.setup && !this.refusal.slot ? problemText(t, this.refusal.problem, undefined) : undefined;
    return html`
      ${general ? html`<p class="problem" part="problem">${general}</p>` : nothing}
      <div class="setting" part="paperless">
        <input type="checkbox" id="paperless" .checked=${preferences.paperless} aria-describedby="paperless-hint" aria-disabled=${this.busy ? 'true' : 'false'} @change=${this.onPaperless} />
        <label for="paperless">${t.paperless}</label>
        <p id="paperless-hint" class="hint">${t.paperlessHint}</p>
      </div>
      ${(['email', 'sms'] as const).map((channel) =>
        channelSection(t, {
          channel,
          preference: preferences[channel],
          level: this.level + 1,
          busy: this.busy,
          setup: this.setup?.channel === channel ? this.renderSetup(t, this.setup, preferences[channel].onFile) : undefined,
          onTurnOn: this.turnOn(channel),
          onTurnOff: this.turnOff(channel),
        }),
      )}
    `;
  }

  private renderSetup(t: PreferencesTranslation, setup: Setup, onFile: string | null) {
    const refusal = this.refusal;
    const view: SetupView = {
      setup,
      onFile,
      consent: consentText(setup.channel, this.localize.locale, this.practiceName),
      level: this.level + 2,
      busy: this.busy,
      refusal,
      summary: this.issues.summary(() => ({
        title: t.errorSummaryTitle,
        failures: refusal && !refusal.slot ? [problemText(t, refusal.problem, setup.channel)] : [],
        lines: refusal?.slot ? [{ inputId: refusal.slot, text: problemText(t, refusal.problem, setup.channel) }] : [],
        whenEmpty: 'hide',
      })),
      onChoose: this.onChoose,
      onInput: this.onInput,
      onSend: this.onSend,
      onConfirm: this.onConfirm,
      onNewCode: this.onNewCode,
      onCancel: this.onCancel,
    };
    return setup.step === 'code' ? codeStep(t, view) : addressStep(t, view);
  }
}
