import { html, nothing, css } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { enrolmentPasskeyOptions, enrolWithPasskey, enrolWithPassword, startEnrolment, type Enrolment, type StaffSession } from '@billpay/sdk/admin';
import { isApiError } from '@billpay/sdk/errors';
import { textField } from '@billpay/elements/parts.js';
import { ConsolePage, pageStyles } from '../app/console-page.js';
import { createPasskey, passkeysSupported } from '../app/passkeys.js';
import { problemWords } from '../app/problems.js';
import { rememberPractice } from '../app/remembered-practice.js';
import { qrCode } from './qr-code.js';

const PASSWORD_MIN = 12;
type Field = 'password' | 'code';

/** The one-time link's token, from the address's fragment (never sent to a server by the browser). */
function tokenOfFragment(hash: string): string | undefined {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? undefined;
}

/**
 * Enrolment from the emailed link (`/console/enrol#token=…`): the token is read from the
 * fragment and taken out of the address at once (so it is in no history entry or screenshot);
 * then a passkey, or a password with an authenticator app (its key as a QR code and as text).
 */
@customElement('console-enrol')
export class ConsoleEnrol extends ConsolePage {
  static override styles = [
    pageStyles,
    css`
      .qr svg {
        display: block;
        width: 200px;
        height: 200px;
        border: 1px solid var(--_border);
      }
      .key {
        font-size: 1.1rem;
        letter-spacing: 0.05em;
      }
    `,
  ];

  @state() private token: string | undefined;
  @state() private enrolment: Enrolment | undefined;
  @state() private invalid = '';
  @state() private values: Record<Field, string> = { password: '', code: '' };
  @state() private errors: Partial<Record<Field, string>> = {};
  @state() private problem = '';
  @state() private busy = false;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.token === undefined) {
      this.token = tokenOfFragment(location.hash);
      if (location.hash) history.replaceState(history.state, '', location.pathname);
      void this.start();
    }
  }

  private async start() {
    if (!this.token) {
      this.invalid = this.t.enrolNoToken;
      return;
    }
    try {
      this.enrolment = await this.desk.run((c) => startEnrolment(c, this.token!));
    } catch (error) {
      this.invalid = problemWords(error, this.t);
    }
  }

  override render() {
    const t = this.t;
    if (this.invalid) return html`<h1 tabindex="-1">${t.enrolInvalidTitle}</h1><p class="problem" role="alert">${this.invalid}</p>`;
    const enrolment = this.enrolment;
    if (!enrolment) return html`<h1 tabindex="-1">${t.enrolTitle}</h1><p role="status">${t.loading}</p>`;
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
      <h1 tabindex="-1">${t.enrolTitle}</h1>
      <p>${t.enrolIntro(enrolment.email, t.role[enrolment.role] ?? enrolment.role, enrolment.practiceId)}</p>
      <p class="problem" role="alert">${this.problem}</p>
      <section class="panel" aria-labelledby="passkey-title">
        <h2 id="passkey-title">${t.passkeyEnrolTitle}</h2>
        <p>${t.passkeyEnrolHint}</p>
        <button type="button" ?disabled=${this.busy} @click=${this.enrolWithPasskey}>${t.createPasskey}</button>
      </section>
      <section class="panel" aria-labelledby="password-title">
        <h2 id="password-title">${t.passwordEnrolTitle}</h2>
        <form novalidate @submit=${this.enrolWithPassword}>
          <div>
            <p>${t.qrStep}</p>
            <div class="qr">${qrCode(enrolment.totp.uri, t.qrAlt)}</div>
            <p>${t.manualKey} <span class="mono key" data-testid="totp-key">${enrolment.totp.secret.replace(/(.{4})/g, '$1 ').trim()}</span></p>
          </div>
          <input type="email" name="username" autocomplete="username" .value=${enrolment.email} hidden />
          ${field('password', t.newPasswordLabel, { hint: t.newPasswordHint, autocomplete: 'new-password', type: 'password', maxlength: 128 })}
          ${field('code', t.firstCodeLabel, { hint: t.codeHint, autocomplete: 'one-time-code', inputmode: 'numeric', maxlength: 6 })}
          <div class="actions"><button type="submit" ?disabled=${this.busy}>${this.busy ? t.working : t.finishEnrolment}</button></div>
        </form>
      </section>
      ${nothing}
    `;
  }

  private async enrolWithPasskey() {
    this.problem = '';
    if (!passkeysSupported()) {
      this.problem = this.t.problems.passkey_unsupported!;
      return;
    }
    this.busy = true;
    try {
      const token = this.token!;
      const challenge = await this.desk.run((c) => enrolmentPasskeyOptions(c, token));
      const response = await createPasskey(challenge);
      this.done(await this.desk.run((c) => enrolWithPasskey(c, { token, challengeId: challenge.challengeId, response })));
    } catch (error) {
      this.refused(error);
    } finally {
      this.busy = false;
    }
  }

  private async enrolWithPassword(event: SubmitEvent) {
    event.preventDefault();
    const t = this.t;
    const code = this.values.code.replace(/\s/g, '');
    const errors: Partial<Record<Field, string>> = {};
    if (this.values.password.length < PASSWORD_MIN) errors.password = this.values.password ? t.passwordShort : t.required(t.newPasswordLabel);
    if (!/^\d{6}$/.test(code)) errors.code = t.codeShape;
    this.errors = errors;
    this.problem = '';
    const first = (['password', 'code'] as const).find((name) => errors[name]);
    if (first) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>(`#${first}`)?.focus();
      return;
    }
    this.busy = true;
    try {
      this.done(await this.desk.run((c) => enrolWithPassword(c, { token: this.token!, password: this.values.password, code })));
    } catch (error) {
      if (isApiError(error) && error.code === 'totp_invalid') {
        this.errors = { code: problemWords(error, t) };
        this.values = { ...this.values, code: '' };
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLInputElement>('#code')?.focus();
      } else {
        this.refused(error);
      }
    } finally {
      this.busy = false;
    }
  }

  private refused(error: unknown) {
    if (isApiError(error) && error.code === 'enrolment_invalid') this.invalid = problemWords(error, this.t);
    else this.problem = problemWords(error, this.t);
  }

  private done(session: StaffSession) {
    rememberPractice(session.staff.practiceId);
    this.emit('console-signed-in', { session });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-enrol': ConsoleEnrol;
  }
}
