import { html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { API_KEY_SCOPES, createApiKey, listApiKeys, revokeApiKey, type ApiKey, type ApiKeyScope } from '@billpay/sdk/admin-integration';
import { describedBy, fieldError, formatMoment, textField } from '@billpay/elements/parts.js';
import { tableSection } from '../app/table-section.js';
import { IntegrationSection } from './integration-part.js';
import { copyText, secretOnce } from './secret-once.js';

type Field = 'name' | 'scopes';

/**
 * The practice's API keys, for admins: listed (never a secret), made (the key shown once, with a
 * Copy button and a warning that it is not shown again), and revoked after a confirming second step.
 */
@customElement('console-api-keys')
export class ConsoleApiKeys extends IntegrationSection {
  @state() private keys: ApiKey[] = [];
  @state() private revoking: ApiKey | undefined;
  @state() private name = '';
  @state() private scopes = new Set<ApiKeyScope>();
  @state() private errors: Partial<Record<Field, string>> = {};
  @state() private secret: { name: string; secret: string; note: string } | undefined;
  protected readonly problemId = 'keys-problem';



  protected async load() {
    this.keys = await this.desk.run((c) => listApiKeys(c));
  }

  private nameOf(key: ApiKey): string {
    return key.name ?? key.prefix;
  }

  private async add(event: SubmitEvent) {
    event.preventDefault();
    const t = this.t;
    const name = this.name.trim();
    const errors: Partial<Record<Field, string>> = {};
    if (!name) errors.name = t.keyNameMissing;
    if (this.scopes.size === 0) errors.scopes = t.scopesMissing;
    this.errors = errors;
    if (errors.name || errors.scopes) {
      await this.focusOn(errors.name ? 'key-name' : `scope-${API_KEY_SCOPES[0]}`);
      return;
    }
    await this.guard(async () => {
      const made = await this.desk.run((c) => createApiKey(c, { name, scopes: API_KEY_SCOPES.filter((s) => this.scopes.has(s)) }));
      this.secret = { name, secret: made.secret, note: '' };
      this.name = '';
      this.scopes = new Set();
      this.announce(t.keyAdded(name));
      await this.load();
      await this.focusOn('key-secret-title');
    });
  }

  private async revoke(key: ApiKey) {
    await this.guard(async () => {
      await this.desk.run((c) => revokeApiKey(c, key.id));
      this.revoking = undefined;
      this.announce(this.t.keyRevokedDone(this.nameOf(key)));
      await this.load();
      await this.focusOn('keys-intro');
    });
  }

  private async copy() {
    const secret = this.secret;
    if (!secret) return;
    const done = await copyText(secret.secret);
    this.secret = { ...secret, note: done ? this.t.copied : this.t.copyFailed };
  }

  override render() {
    const t = this.t;
    return html`
      <p id="keys-intro" tabindex="-1">${t.keysIntro}</p>
      <p id="keys-problem" class="problem" role="alert" tabindex="-1">${this.problem}</p>
      ${this.secret
        ? secretOnce(t, {
            id: 'key-secret',
            label: `${t.keySecretLabel}: ${this.secret.name}`,
            secret: this.secret.secret,
            copyNote: this.secret.note,
            onCopy: () => void this.copy(),
            onDone: () => {
              this.secret = undefined;
              void this.focusOn('key-name');
            },
          })
        : nothing}
      ${this.keyList()}
      ${this.revoking
        ? this.confirmation('revoke-confirm', t.confirmRevoke(this.nameOf(this.revoking)), t.revokeButton, t.keepKey, this.busy, () => void this.revoke(this.revoking!), () => {
            const id = this.revoking!.id;
            this.revoking = undefined;
            void this.focusOn(`revoke-${id}`);
          })
        : nothing}
      ${this.addForm()}
    `;
  }

  private keyList(): TemplateResult {
    const t = this.t;
    const moment = (iso: string) => formatMoment(new Date(iso), this.locale);
    return tableSection({
      id: 'keys',
      none: t.noKeys,
      caption: t.keysCaption,
      stackBelow: 'wide',
      columns: [
        { label: t.colName, kind: 'header' },
        { label: t.colKey, kind: 'code' },
        { label: t.colScopes, kind: 'text' },
        { label: t.colCreatedAt, kind: 'text' },
        { label: t.colLastUsed, kind: 'text' },
        { label: t.colStatus, kind: 'text' },
        { label: t.colActions, kind: 'text' },
      ],
      rows: this.keys.map((key) => [
        this.nameOf(key),
        html`<span class="mono">${key.prefix}…</span>`,
        key.scopes.map((scope) => t.scope[scope] ?? scope).join('; '),
        moment(key.createdAt),
        key.lastUsedAt ? moment(key.lastUsedAt) : t.never,
        key.revokedAt ? t.keyRevoked(moment(key.revokedAt)) : t.keyActive,
        key.revokedAt
          ? ''
          : html`<button type="button" class="secondary small" id="revoke-${key.id}" aria-label=${t.revokeOf(this.nameOf(key))}
              @click=${() => {
                this.revoking = key;
                void this.focusOn('revoke-confirm-text');
              }}>${t.revoke}</button>`,
      ]),
    });
  }

  private addForm(): TemplateResult {
    const t = this.t;
    const scopesInvalid = this.errors.scopes !== undefined;
    return html`<form class="panel" novalidate aria-labelledby="add-key-title" @submit=${this.add}>
      <h3 id="add-key-title">${t.addKeyTitle}</h3>
      ${textField({
        id: 'key-name',
        slot: 'key-name',
        label: t.keyNameLabel,
        hint: t.keyNameHint,
        value: this.name,
        error: this.errors.name,
        errorPrefix: t.errorPrefix,
        autocomplete: 'off',
        maxlength: 100,
        onInput: (e) => (this.name = (e.target as HTMLInputElement).value),
      })}
      <fieldset aria-describedby=${describedBy(undefined, 'scopes', scopesInvalid) || nothing} aria-invalid=${scopesInvalid ? 'true' : 'false'}>
        <legend>${t.scopesLegend}</legend>
        ${fieldError('scopes', t.errorPrefix, this.errors.scopes)}
        <div class="checks">
          ${API_KEY_SCOPES.map(
            (scope) => html`<label class="check"><input type="checkbox" id="scope-${scope}" .checked=${this.scopes.has(scope)}
              @change=${(e: Event) => {
                const scopes = new Set(this.scopes);
                if ((e.target as HTMLInputElement).checked) scopes.add(scope);
                else scopes.delete(scope);
                this.scopes = scopes;
              }} />${t.scope[scope]}</label>`,
          )}
        </div>
      </fieldset>
      <div class="actions"><button type="submit" ?disabled=${this.busy}>${this.busy ? t.working : t.addKey}</button></div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-api-keys': ConsoleApiKeys;
  }
}
