/** Template parts drawn in `<message-preferences>`' shadow root: a channel, and the steps that turn one on. */
import type { ChannelPreference, MessageChannel } from '@billpay/sdk/preferences';
import { html, nothing, type TemplateResult } from 'lit';
import { textField } from '../form/text-field.js';
import type { PreferencesTranslation } from '../i18n/preferences.js';
import { problemText, type Refusal, type Setup } from './preferences-model.js';

/** A masked number (***-***-0142) kept on one line: its hyphens do not break. */
const unbroken = (masked: string): string => masked.replace(/-/g, '\u2011');

/** What a channel's section needs from the element. */
export interface ChannelView {
  readonly channel: MessageChannel;
  readonly preference: ChannelPreference;
  readonly level: number;
  readonly busy: boolean;
  /** The steps that turn this channel on, while they are open. */
  readonly setup: TemplateResult | undefined;
  readonly onTurnOn: () => unknown;
  readonly onTurnOff: () => unknown;
}

function statusText(t: PreferencesTranslation, p: ChannelPreference): string {
  if (p.on && p.address) return t.channelOn(unbroken(p.address));
  if (p.stoppedBy === 'text_reply') return t.stoppedByReply;
  if (p.stoppedBy === 'unsubscribe_link') return t.stoppedByLink;
  if (p.stoppedBy === 'staff') return t.stoppedByStaff;
  return t.channelOff;
}

/** One channel: whether it is on and to where, and the button that turns it on or off. */
export function channelSection(t: PreferencesTranslation, v: ChannelView): TemplateResult {
  const sms = v.channel === 'sms';
  const id = `${v.channel}-title`;
  return html`
    <section class="channel" part="channel" aria-labelledby=${id}>
      <div id=${id} class="subheading" role="heading" aria-level=${v.level} tabindex="-1">${sms ? t.smsTitle : t.emailTitle}</div>
      <p id="${v.channel}-status" part="status">${statusText(t, v.preference)}</p>
      ${v.setup ??
      (v.preference.on
        ? html`<button type="button" class="secondary" part="turn-off-button" id="${v.channel}-toggle" aria-disabled=${v.busy ? 'true' : 'false'} @click=${v.onTurnOff}>
            ${sms ? t.turnOffSms : t.turnOffEmail}
          </button>`
        : html`<button type="button" part="turn-on-button" id="${v.channel}-toggle" @click=${v.onTurnOn}>${sms ? t.turnOnSms : t.turnOnEmail}</button>`)}
    </section>
  `;
}

/** What the steps that turn a channel on need from the element. */
export interface SetupView {
  readonly setup: Setup;
  /** The address on file, masked, if there is one. */
  readonly onFile: string | null;
  /** The consent's words, in the language shown (the server records these). */
  readonly consent: string;
  readonly level: number;
  readonly busy: boolean;
  /** The error summary (or nothing). */
  readonly summary: TemplateResult | typeof nothing;
  /** The refusal shown beside its answer. */
  readonly refusal: Refusal | undefined;
  readonly onChoose: (useOnFile: boolean) => void;
  readonly onInput: (event: InputEvent) => void;
  readonly onSend: (event: SubmitEvent) => unknown;
  readonly onConfirm: (event: SubmitEvent) => unknown;
  readonly onNewCode: () => unknown;
  readonly onCancel: () => unknown;
}

const fieldErrorOf = (t: PreferencesTranslation, v: SetupView, slot: 'address' | 'code') =>
  v.refusal?.slot === slot ? problemText(t, v.refusal.problem, v.setup.channel) : undefined;

/** Where the code goes (the address on file or another), with the consent's words above the button. */
export function addressStep(t: PreferencesTranslation, v: SetupView): TemplateResult {
  const { setup } = v;
  const sms = setup.channel === 'sms';
  return html`
    <form class="setup" part="setup" novalidate aria-labelledby="setup-title" @submit=${v.onSend}>
      <div id="setup-title" class="step-heading" role="heading" aria-level=${v.level} tabindex="-1">${sms ? t.setupSmsTitle : t.setupEmailTitle}</div>
      ${v.summary}
      ${v.onFile
        ? html`<fieldset>
            <legend>${t.whichAddress}</legend>
            <div class="choice">
              <input type="radio" id="use-on-file" name="which" .checked=${setup.useOnFile} @change=${() => v.onChoose(true)} />
              <label for="use-on-file">${t.useOnFile(unbroken(v.onFile))}</label>
            </div>
            <div class="choice">
              <input type="radio" id="use-other" name="which" .checked=${!setup.useOnFile} @change=${() => v.onChoose(false)} />
              <label for="use-other">${t.useOther}</label>
            </div>
          </fieldset>`
        : nothing}
      ${setup.useOnFile && v.onFile
        ? nothing
        : textField({
            id: 'address',
            slot: 'address',
            label: sms ? t.smsLabel : t.emailLabel,
            hint: sms ? t.smsHint : undefined,
            value: setup.address,
            error: fieldErrorOf(t, v, 'address'),
            errorPrefix: t.errorPrefix,
            autocomplete: sms ? 'tel' : 'email',
            inputmode: sms ? 'tel' : 'email',
            type: sms ? 'tel' : 'email',
            maxlength: 254,
            noSpellcheck: true,
            onInput: v.onInput,
          })}
      <p id="consent-words" class="consent" part="consent">${v.consent}</p>
      <div class="actions">
        <button type="submit" part="send-code-button" aria-describedby="consent-words" aria-disabled=${v.busy ? 'true' : 'false'}>${v.busy ? t.sendingCode : t.sendCode}</button>
        <button type="button" class="secondary" part="cancel-button" @click=${v.onCancel}>${t.cancel}</button>
      </div>
    </form>
  `;
}

/** The code typed back: one field, digits, filled in by the phone's keyboard from the text where it can. */
export function codeStep(t: PreferencesTranslation, v: SetupView): TemplateResult {
  return html`
    <form class="setup" part="code-form" novalidate aria-labelledby="code-title" @submit=${v.onConfirm}>
      <div id="code-title" class="step-heading" role="heading" aria-level=${v.level} tabindex="-1">${t.codeTitle}</div>
      <p>${t.codeSent(unbroken(v.setup.verification?.to ?? ''))}</p>
      ${v.summary}
      ${textField({
        id: 'code',
        slot: 'code',
        label: t.codeLabel,
        hint: t.codeHint,
        value: v.setup.code,
        error: fieldErrorOf(t, v, 'code'),
        errorPrefix: t.errorPrefix,
        autocomplete: 'one-time-code',
        inputmode: 'numeric',
        maxlength: 7,
        noSpellcheck: true,
        className: 'code',
        onInput: v.onInput,
      })}
      <div class="actions">
        <button type="submit" part="confirm-button" aria-disabled=${v.busy ? 'true' : 'false'}>${v.busy ? t.confirming : t.confirm}</button>
        <button type="button" class="secondary" part="new-code-button" @click=${v.onNewCode}>${t.newCode}</button>
        <button type="button" class="link" part="cancel-button" @click=${v.onCancel}>${t.cancel}</button>
      </div>
    </form>
  `;
}
