import '../../../test/support/fail-on-console.js';
import { elementUpdated, expect, fixture, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { MessagePreferences } from '@billpay/elements';
import { waitUntil } from '../../../test/support/wait-until.js';
import { FAKE_VERIFICATION_CODE } from '../../../stories/support/fake-preferences.js';
import { driveTo, preferencesSession, renderMessagePreferences, type MessagePreferencesArgs, type PreferencesStep } from '../../../stories/support/message-preferences.js';

const root = (el: MessagePreferences) => el.shadowRoot!;
const text = (node: Element | ShadowRoot | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const focused = (el: MessagePreferences) => root(el).activeElement;
const said = (el: MessagePreferences) => text(root(el).querySelector('p[role="status"].visually-hidden'));

async function render(args: Partial<MessagePreferencesArgs> = {}, step: PreferencesStep = 'choices') {
  const session = await preferencesSession({ start: args.start ?? 'imported', delayMs: 0 });
  const el = await fixture<MessagePreferences>(renderMessagePreferences({ lang: args.lang ?? 'en' }, session));
  await waitUntil(() => root(el).querySelector('#paperless'), 'the choices did not load');
  await driveTo(el, step, session.api);
  await elementUpdated(el);
  return el;
}

/** Presses Tab until focus is on `selector` (at most 10 times), as a keyboard user would get there. */
async function tabTo(el: MessagePreferences, selector: string) {
  for (let i = 0; i < 10 && focused(el) !== root(el).querySelector(selector); i++) await sendKeys({ press: 'Tab' });
  expect(focused(el), `focus reached ${selector}`).to.equal(root(el).querySelector(selector));
}

describe('<message-preferences>', () => {
  it('shows what the patient receives, as imported: statement emails on, texts off (a number on file, but no consent yet)', async () => {
    const el = await render();
    await expect(el).to.be.accessible();
    expect(text(root(el).querySelector('[part="heading"]'))).to.equal('Statements and alerts');
    expect(text(root(el).querySelector('#email-status'))).to.equal('On: statement alerts go to d***@example.com.');
    expect(text(root(el).querySelector('#sms-status'))).to.equal('Off.');
    expect(root(el).querySelector<HTMLInputElement>('#paperless')!.checked).to.equal(false);
  });

  it('turns texts on with the keyboard: the number on file, the consent’s words, the code typed, focus and announcements at each step', async () => {
    const el = await render();
    root(el).querySelector<HTMLButtonElement>('#sms-toggle')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focused(el)?.id === 'setup-title', 'focus on the step’s heading');
    expect(text(focused(el))).to.equal('Turn on text messages');
    expect(root(el).querySelector<HTMLInputElement>('#use-on-file')!.checked).to.equal(true);
    expect(text(root(el).querySelector('[part="consent"]'))).to.match(/^I agree to receive text messages from Harbor Point Medical Group .* Reply STOP to stop, HELP for help\./);
    await expect(el).to.be.accessible();
    await tabTo(el, '[part="send-code-button"]');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focused(el)?.id === 'code-title', 'focus on the code step’s heading');
    expect(said(el)).to.equal('Code sent to ***-***-0142.');
    const code = root(el).querySelector<HTMLInputElement>('#code')!;
    expect([code.getAttribute('inputmode'), code.getAttribute('autocomplete')]).to.deep.equal(['numeric', 'one-time-code']);
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal(code);
    await sendKeys({ type: FAKE_VERIFICATION_CODE });
    const changed = oneEvent(el, 'message-preferences-changed');
    await sendKeys({ press: 'Enter' });
    const { detail } = (await changed) as GlobalEventHandlersEventMap['message-preferences-changed'];
    expect(detail.preferences.sms.on).to.equal(true);
    await waitUntil(() => focused(el)?.id === 'sms-title', 'focus back on the channel’s heading');
    expect(said(el)).to.equal('Text messages are on.');
    // The masked number's hyphens are non-breaking (U+2011): it never wraps after ***-.
    expect(text(root(el).querySelector('#sms-status'))).to.equal('On: statement alerts go to ***\u2011***\u20110142.');
    await expect(el).to.be.accessible();
  });

  it('a wrong code is refused in words, beside the field and in the summary, which takes focus; typing again clears it', async () => {
    const el = await render({}, 'wrong-code');
    const summary = root(el).querySelector('[part="error-summary"]')!;
    expect(focused(el)).to.equal(summary);
    expect(text(summary)).to.equal('There is a problem That code is not right. Check it and try again.');
    const code = root(el).querySelector<HTMLInputElement>('#code')!;
    expect(code.getAttribute('aria-invalid')).to.equal('true');
    expect(text(root(el).querySelector('#code-error'))).to.equal('Error: That code is not right. Check it and try again.');
    await expect(el).to.be.accessible();
    code.focus();
    code.select();
    await sendKeys({ type: FAKE_VERIFICATION_CODE });
    await elementUpdated(el);
    expect(root(el).querySelector('[part="error-summary"]')).to.equal(null);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => said(el) === 'Text messages are on.', 'the right code turns texts on');
  });

  it('says so in Spanish: a wrong code, an expired code, too many attempts', async () => {
    const wrong = await render({ lang: 'es' }, 'wrong-code');
    expect(text(root(wrong).querySelector('[part="error-summary"]'))).to.equal('Hay un problema Ese código no es correcto. Revíselo e inténtelo de nuevo.');
    await expect(wrong).to.be.accessible();
    const expired = await render({ lang: 'es' }, 'expired');
    expect(text(root(expired).querySelector('[part="error-summary"]'))).to.equal('Hay un problema Este código venció. Envíe un código nuevo.');
    expect(focused(expired)).to.equal(root(expired).querySelector('[part="error-summary"]'));
    const spent = await render({ lang: 'es' }, 'too-many-attempts');
    expect(text(root(spent).querySelector('[part="error-summary"]'))).to.equal('Hay un problema Demasiados códigos incorrectos. Envíe un código nuevo.');
    await expect(spent).to.be.accessible();
  });

  it('says an expired code and too many attempts in English, and sends a new code from there', async () => {
    const expired = await render({}, 'expired');
    expect(text(root(expired).querySelector('[part="error-summary"]'))).to.equal('There is a problem This code has expired. Send a new code.');
    const spent = await render({}, 'too-many-attempts');
    expect(text(root(spent).querySelector('[part="error-summary"]'))).to.equal('There is a problem Too many wrong codes. Send a new code.');
    root(spent).querySelector<HTMLButtonElement>('[part="new-code-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => said(spent) === 'Code sent to ***-***-0142.', 'a new code is sent');
    expect(root(spent).querySelector('[part="error-summary"]')).to.equal(null);
  });

  it('checks a typed number before sending a code, in words, in both languages', async () => {
    for (const [lang, words] of [['en', 'Enter a US mobile number such as (203) 555-0123'], ['es', 'Ingrese un número de celular de EE. UU. como (203) 555-0123']] as const) {
      const el = await render({ lang }, 'address');
      root(el).querySelector<HTMLInputElement>('#use-other')!.focus();
      await sendKeys({ press: 'Space' });
      await elementUpdated(el);
      root(el).querySelector<HTMLInputElement>('#address')!.focus();
      await sendKeys({ type: '555-12' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => root(el).querySelector('[part="error-summary"]'), 'no summary');
      expect(text(root(el).querySelector('#address-error'))).to.equal(`Error: ${words}`);
      expect(root(el).querySelector<HTMLInputElement>('#address')!.value, 'nothing typed is lost').to.equal('555-12');
      await expect(el).to.be.accessible();
    }
  });

  it('turns email off at once, announces it and leaves focus on the button that turns it back on', async () => {
    const el = await render();
    root(el).querySelector<HTMLButtonElement>('#email-toggle')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => said(el) === 'Email is off.', 'announced');
    expect(text(root(el).querySelector('#email-status'))).to.equal('Off.');
    expect(focused(el)).to.equal(root(el).querySelector('#email-toggle[part="turn-on-button"]'));
  });

  it('refuses paperless with no channel on, in words', async () => {
    const el = await render({ lang: 'es' }, 'paperless-refused');
    expect(text(root(el).querySelector('[part="problem"]'))).to.equal('Primero active el correo electrónico o los mensajes de texto, para que sepa cuándo hay un estado de cuenta.');
    expect(root(el).querySelector<HTMLInputElement>('#paperless')!.checked).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('shows a STOP reply as the reason texts are off', async () => {
    const el = await render({ start: 'stopped' });
    expect(text(root(el).querySelector('#sms-status'))).to.equal('Off: you replied STOP to a text.');
  });
});
