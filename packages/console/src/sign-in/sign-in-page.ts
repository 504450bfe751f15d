import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { passkeySignInOptions, signInWithPasskey, signInWithPassword, ssoSignInPath, type StaffSession } from '@billpay/sdk/admin';
import { isApiError } from '@billpay/sdk/errors';
import { formatMoment, textField, type Locale } from '@billpay/elements/parts.js';
import { ConsolePage, pageStyles } from '../app/console-page.js';
import { passkeysSupported, usePasskey } from '../app/passkeys.js';
import { problemWords } from '../app/problems.js';
import { rememberedPractice, rememberPractice } from '../app/remembered-practice.js';

type Field = 'practice' | 'email' | 'password' | 'code';

/**
 * Sign-in: a passkey first, or email, password and the authenticator's code, or the practice's
 * single sign-on (its OpenID Connect provider; a failure comes back in the address). Refusals are in the
 * reader's words; a lockout says until when. `notice` is why the page is shown (a session that
 * ended), kept above the form.
 */
@customElement('console-sign-in')
export class ConsoleSignIn extends ConsolePage {
  static override styles = pageStyles;

  @property() notice: string | undefined;
  @state() private values: Record<Field, string> = { practice: rememberedPractice(), email: '', password: '', code: '' };
  @state() private errors: Partial<Record<Field, string>> = {};
  @state() private problem = '';
  @state() private busy = false;
  /** The code of a single sign-on that came back refused; in words in the language on screen. */
  @state() private ssoError: string | undefined;
  /** Those words, loaded only when a sign-on came back refused. */
  @state() private ssoRefusals: Readonly<Record<Locale, Readonly<Record<string, string>>>> | undefined;

  override render() {
    const t = this.t;
    const field = (name: Field, label: string, extra: { hint?: string; autocomplete: string; type?: string; inputmode?: string; maxlength?: number }) =>
      textField({
        id: name,
        slot: name,
        label,
        hint: extra.hint,
        value: this.values[name],
        error: this.errors[name],
        errorPrefix: t.errorPrefix,
        autocomplete: extra.autocomplete,
        type: extra.type,
        inputmode: extra.inputmode,
        maxlength: extra.maxlength,
        noSpellcheck: true,
        onInput: (event) => {
          this.values = { ...this.values, [name]: (event.target as HTMLInputElement).value };
        },
      });
    return html`
      <h1 tabindex="-1">${t.signInTitle}</h1>
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
      <p class="problem" role="alert">${this.problem || this.ssoWords()}</p>
      <section class="panel" aria-labelledby="passkey-title">
        <h2 id="passkey-title" class="visually-hidden">${t.passkeySignIn}</h2>
        <p>${t.passkeyHint}</p>
        <button type="button" ?disabled=${this.busy} @click=${this.signInWithPasskey}>${t.passkeySignIn}</button>
      </section>
      <section class="panel" aria-labelledby="password-title">
        <h2 id="password-title">${t.passwordSignInTitle}</h2>
        <form novalidate @submit=${this.signInWithPassword}>
          ${field('practice', t.practiceLabel, { hint: t.practiceHint, autocomplete: 'organization', maxlength: 64 })}
          ${field('email', t.emailLabel, { autocomplete: 'username', type: 'email', maxlength: 254 })}
          ${field('password', t.passwordLabel, { autocomplete: 'current-password', type: 'password', maxlength: 128 })}
          ${field('code', t.codeLabel, { hint: t.codeHint, autocomplete: 'one-time-code', inputmode: 'numeric', maxlength: 6 })}
          <div class="actions"><button type="submit" ?disabled=${this.busy}>${this.busy ? t.signingIn : t.signIn}</button></div>
        </form>
      </section>
      <section class="panel" aria-labelledby="sso-title">
        <h2 id="sso-title">${t.ssoTitle}</h2>
        <p>${t.ssoHint}</p>
        <button type="button" ?disabled=${this.busy} @click=${this.signInWithOrganization}>${t.ssoSignIn}</button>
      </section>
    `;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A single sign-on that failed comes back as ?error=sso_<code>: said in words once, then gone from the address.
    const url = new URL(location.href);
    const code = url.searchParams.get('error');
    if (code === null) return;
    this.ssoError = code;
    void import('../i18n/sso-refusals.js').then(({ ssoRefusals }) => (this.ssoRefusals = ssoRefusals));
    url.searchParams.delete('error');
    history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
  }

  private ssoWords(): string {
    const words = this.ssoRefusals?.[this.locale];
    if (this.ssoError === undefined || !words) return '';
    return (this.ssoError.startsWith('sso_') ? words[this.ssoError] : undefined) ?? words.sso_failed!;
  }

  /** Single sign-on: off to the practice's identity provider, which sends the browser back to the console. */
  private async signInWithOrganization() {
    const practice = this.values.practice.trim();
    this.problem = '';
    this.ssoError = undefined;
    this.errors = practice ? {} : { practice: this.t.required(this.t.practiceLabel) };
    if (!practice) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#practice')?.focus();
      return;
    }
    rememberPractice(practice);
    location.assign(ssoSignInPath(practice));
  }

  private async signInWithPasskey() {
    this.problem = '';
    this.ssoError = undefined;
    if (!passkeysSupported()) {
      this.problem = this.t.problems.passkey_unsupported!;
      return;
    }
    this.busy = true;
    try {
      const challenge = await this.desk.run((c) => passkeySignInOptions(c));
      const response = await usePasskey(challenge);
      this.signedIn(await this.desk.run((c) => signInWithPasskey(c, { challengeId: challenge.challengeId, response })));
    } catch (error) {
      this.problem = isApiError(error) && error.code === 'sign_in_failed' ? this.t.problems.passkey_failed! : this.refusal(error);
    } finally {
      this.busy = false;
    }
  }

  private async signInWithPassword(event: SubmitEvent) {
    event.preventDefault();
    const t = this.t;
    const v = { ...this.values, practice: this.values.practice.trim(), email: this.values.email.trim(), code: this.values.code.replace(/\s/g, '') };
    const errors: Partial<Record<Field, string>> = {};
    if (!v.practice) errors.practice = t.required(t.practiceLabel);
    if (!v.email) errors.email = t.required(t.emailLabel);
    if (!v.password) errors.password = t.required(t.passwordLabel);
    if (!/^\d{6}$/.test(v.code)) errors.code = t.codeShape;
    this.errors = errors;
    this.problem = '';
    this.ssoError = undefined;
    const first = (['practice', 'email', 'password', 'code'] as const).find((name) => errors[name]);
    if (first) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>(`#${first}`)?.focus();
      return;
    }
    this.busy = true;
    try {
      const session = await this.desk.run((c) => signInWithPassword(c, v));
      rememberPractice(v.practice);
      this.signedIn(session);
    } catch (error) {
      this.problem = this.refusal(error);
      this.values = { ...this.values, code: '' };
    } finally {
      this.busy = false;
    }
  }

  private refusal(error: unknown): string {
    if (isApiError(error) && error.code === 'sign_in_locked') {
      const until = new Date(Date.now() + (error.retryAfterSeconds ?? 900) * 1000);
      return this.t.lockedUntil(formatMoment(until, this.locale));
    }
    return problemWords(error, this.t);
  }

  private signedIn(session: StaffSession) {
    this.values = { practice: this.values.practice, email: '', password: '', code: '' };
    this.emit('console-signed-in', { session });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-sign-in': ConsoleSignIn;
  }
}

