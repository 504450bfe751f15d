/**
 * `<message-preferences>` for stories and element tests: a demo patient signed in through the
 * in-memory API, and the element driven to each state as a person would get there.
 */
import '@billpay/elements/message-preferences/define.js';
import type { MessagePreferences } from '@billpay/elements';
import type { BillPayClient } from '@billpay/sdk';
import { html } from 'lit';
import { demoSession, type FakeApi } from './fake-api.js';
import { FAKE_VERIFICATION_CODE, type FakePreferencesStart } from './fake-preferences.js';
import { click, settle, typeInto, until } from './drive.js';

/** Where a story leaves the patient: their choices, turning texts on (the address, the code), or a refusal. */
export type PreferencesStep = 'choices' | 'address' | 'code' | 'wrong-code' | 'expired' | 'too-many-attempts' | 'paperless-refused';

export interface MessagePreferencesArgs {
  lang: 'en' | 'es';
  start: FakePreferencesStart;
  step: PreferencesStep;
  /** Milliseconds the fake API takes; Infinity keeps it loading. */
  delayMs: number;
}

export interface PreferencesSession {
  readonly api: FakeApi;
  readonly client: BillPayClient;
}

/** Daniela Rivera, signed in; her preferences start as `start` says. */
export async function preferencesSession({ start, delayMs }: Pick<MessagePreferencesArgs, 'start' | 'delayMs'>): Promise<PreferencesSession> {
  const { api, client } = await demoSession('Rivera', { preferences: start });
  if (delayMs === 0) return { api, client };
  // The lookup answered at once; what the element asks for waits.
  const slow = client.extend({
    fetch: async (input, init) => {
      if (delayMs === Infinity) return new Promise<Response>(() => {});
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return api.fetch(input, init);
    },
  });
  return { api, client: slow };
}

export function renderMessagePreferences({ lang }: Pick<MessagePreferencesArgs, 'lang'>, { client }: PreferencesSession) {
  return html`<message-preferences lang=${lang} .client=${client}></message-preferences>`;
}

const shows = (el: MessagePreferences, selector: string) => until(el, () => el.shadowRoot?.querySelector(selector));

/** Drives a rendered element to `step`: texts turned on for the number on file, a code sent, a wrong or expired one typed. */
export async function driveTo(el: MessagePreferences, step: PreferencesStep, api: FakeApi): Promise<void> {
  if (step === 'choices') return;
  await shows(el, '[part~="paperless"]');
  if (step === 'paperless-refused') {
    await click(el, 'turn-off-button');
    await shows(el, '#email-toggle[part="turn-on-button"]');
    el.shadowRoot!.querySelector<HTMLInputElement>('#paperless')!.click();
    await until(el, () => el.shadowRoot!.querySelector('[part="problem"]'));
    return;
  }
  await click(el, 'turn-on-button');
  if (step === 'address') return;
  await click(el, 'send-code-button');
  await shows(el, '#code');
  if (step === 'code') return;
  if (step === 'expired') {
    api.expireCodes();
    await typeInto(el, 'code', FAKE_VERIFICATION_CODE);
  } else {
    await typeInto(el, 'code', '000000');
  }
  const tries = step === 'too-many-attempts' ? 5 : 1;
  for (let i = 0; i < tries; i++) {
    await click(el, 'confirm-button');
    await until(el, () => el.shadowRoot!.querySelector('[part="error-summary"]'));
    await settle(el);
  }
}
