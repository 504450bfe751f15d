import { html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import {
  createWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  replayWebhookDelivery,
  setWebhookEndpointEnabled,
  WEBHOOK_EVENT_TYPES,
  type WebhookDelivery,
  type WebhookEndpoint,
  type WebhookEventType,
} from '@billpay/sdk/admin-integration';
import { describedBy, fieldError, formatMoment, textField } from '@billpay/elements/parts.js';
import { tableSection } from '../app/table-section.js';
import { IntegrationSection } from './integration-part.js';
import { copyText, secretOnce } from './secret-once.js';

const DELIVERIES_PAGE = 50;
type Field = 'url' | 'events';

/**
 * Words with a web address that may break after each of its slashes (a `<wbr>`), so that on a
 * phone the example ".../billpay/webhooks" wraps between its parts, not in the middle of one.
 */
function breakAfterSlashes(words: string): TemplateResult {
  const parts = words.split(/(?<=[^/:]\/)/);
  return html`${parts.map((part, i) => (i === 0 ? part : html`<wbr />${part}`))}`;
}

/**
 * The practice's webhook endpoints, for admins: listed with their state; added (the signing secret
 * shown once); disabled after a confirming second step, or enabled again; each one's delivery log,
 * newest first, where a delivery may be sent again (what that did is announced).
 */
@customElement('console-webhooks')
export class ConsoleWebhooks extends IntegrationSection {
  @state() private endpoints: WebhookEndpoint[] = [];
  @state() private selected: WebhookEndpoint | undefined;
  @state() private deliveries: WebhookDelivery[] = [];
  @state() private hasMoreDeliveries = false;
  @state() private disabling: WebhookEndpoint | undefined;
  @state() private url = '';
  @state() private description = '';
  @state() private events = new Set<WebhookEventType>();
  @state() private errors: Partial<Record<Field, string>> = {};
  @state() private secret: { url: string; secret: string; note: string } | undefined;
  protected readonly problemId = 'webhooks-problem';



  protected async load() {
    this.endpoints = await this.desk.run((c) => listWebhookEndpoints(c));
    if (this.selected) this.selected = this.endpoints.find((e) => e.id === this.selected!.id);
  }

  private async loadDeliveries(endpoint: WebhookEndpoint, before?: string) {
    const page = await this.desk.run((c) => listWebhookDeliveries(c, endpoint.id, { limit: DELIVERIES_PAGE, before }));
    this.deliveries = before ? [...this.deliveries, ...page.data] : page.data;
    this.hasMoreDeliveries = page.hasMore;
    this.selected = endpoint;
  }

  private async add(event: SubmitEvent) {
    event.preventDefault();
    const t = this.t;
    const url = this.url.trim();
    const errors: Partial<Record<Field, string>> = {};
    if (!url) errors.url = t.urlMissing;
    else if (!/^https?:\/\/\S+$/i.test(url)) errors.url = t.urlShape;
    if (this.events.size === 0) errors.events = t.eventsMissing;
    this.errors = errors;
    if (errors.url || errors.events) {
      await this.focusOn(errors.url ? 'endpoint-url' : `event-${WEBHOOK_EVENT_TYPES[0]}`);
      return;
    }
    await this.guard(async () => {
      const made = await this.desk.run((c) => createWebhookEndpoint(c, { url, eventTypes: [...this.events], description: this.description.trim() || undefined }));
      this.secret = { url: made.url, secret: made.secret, note: '' };
      this.url = '';
      this.description = '';
      this.events = new Set();
      this.announce(t.endpointAdded(made.url));
      await this.load();
      await this.focusOn('endpoint-secret-title');
    });
  }

  private async setEnabled(endpoint: WebhookEndpoint, enabled: boolean) {
    await this.guard(async () => {
      await this.desk.run((c) => setWebhookEndpointEnabled(c, endpoint.id, enabled));
      this.disabling = undefined;
      this.announce(enabled ? this.t.endpointEnabled(endpoint.url) : this.t.endpointDisabled(endpoint.url));
      await this.load();
      await this.focusOn(`${enabled ? 'disable' : 'enable'}-${endpoint.id}`);
    });
  }

  private async replay(endpoint: WebhookEndpoint, delivery: WebhookDelivery) {
    await this.guard(async () => {
      await this.desk.run((c) => replayWebhookDelivery(c, endpoint.id, delivery.id));
      this.announce(this.t.replayed(delivery.eventType));
      await this.loadDeliveries(endpoint);
      await this.focusOn('deliveries-title');
    });
  }

  override render() {
    const t = this.t;
    return html`
      <p>${t.webhooksIntro}</p>
      <p id="webhooks-problem" class="problem" role="alert" tabindex="-1">${this.problem}</p>
      ${this.secret
        ? secretOnce(t, {
            id: 'endpoint-secret',
            label: `${t.endpointSecretLabel}: ${this.secret.url}`,
            secret: this.secret.secret,
            copyNote: this.secret.note,
            onCopy: () => void this.copy(),
            onDone: () => {
              this.secret = undefined;
              void this.focusOn('endpoint-url');
            },
          })
        : nothing}
      ${this.endpointList()} ${this.disabling ? this.confirmation('disable-confirm', t.confirmDisable(this.disabling.url), t.disableButton, t.keepEnabled, this.busy, () => void this.setEnabled(this.disabling!, false), () => {
        const id = this.disabling!.id;
        this.disabling = undefined;
        void this.focusOn(`disable-${id}`);
      }) : nothing}
      ${this.selected ? this.deliveryLog(this.selected) : nothing} ${this.addForm()}
    `;
  }

  private async copy() {
    const secret = this.secret;
    if (!secret) return;
    const done = await copyText(secret.secret);
    this.secret = { ...secret, note: done ? this.t.copied : this.t.copyFailed };
  }

  private endpointList(): TemplateResult {
    const t = this.t;
    return tableSection({
      id: 'endpoints',
      none: t.noEndpoints,
      caption: t.endpointsCaption,
      stackBelow: 'wide',
      columns: [
        { label: t.colUrl, kind: 'header' },
        { label: t.colPurpose, kind: 'text' },
        { label: t.colEvents, kind: 'text' },
        { label: t.colStatus, kind: 'text' },
        { label: t.colActions, kind: 'text' },
      ],
      rows: this.endpoints.map((endpoint) => [
        html`<span class="url">${endpoint.url}</span>`,
        endpoint.description ?? '',
        html`<span class="mono">${endpoint.eventTypes.join(', ')}</span>`,
        t.endpointStatus(endpoint.status, endpoint.disabledReason),
        html`<span class="actions">
          <button type="button" class="secondary small" id="deliveries-${endpoint.id}" aria-label=${t.deliveriesOf(endpoint.url)}
            @click=${() => void this.guard(async () => {
              await this.loadDeliveries(endpoint);
              await this.focusOn('deliveries-title');
            })}>${t.deliveries}</button>
          ${endpoint.status === 'enabled'
            ? html`<button type="button" class="secondary small" id="disable-${endpoint.id}" aria-label=${t.disableOf(endpoint.url)}
                @click=${() => {
                  this.disabling = endpoint;
                  void this.focusOn('disable-confirm-text');
                }}>${t.disable}</button>`
            : html`<button type="button" class="secondary small" id="enable-${endpoint.id}" aria-label=${t.enableOf(endpoint.url)} ?disabled=${this.busy}
                @click=${() => void this.setEnabled(endpoint, true)}>${t.enable}</button>`}
        </span>`,
      ]),
    });
  }

  private deliveryLog(endpoint: WebhookEndpoint): TemplateResult {
    const t = this.t;
    return html`<section class="panel" aria-labelledby="deliveries-title">
      <h3 id="deliveries-title" tabindex="-1">${t.deliveriesTitle(endpoint.url)}</h3>
      <p><button type="button" class="secondary" ?disabled=${this.busy} @click=${() => void this.guard(() => this.loadDeliveries(endpoint))}>${t.refresh}</button></p>
      ${tableSection({
        id: 'deliveries',
        none: t.noDeliveries,
        caption: t.deliveriesCaption,
        stackBelow: 'wide',
        columns: [
          { label: t.colWhen, kind: 'lead' },
          { label: t.colEvent, kind: 'header' },
          { label: t.colStatus, kind: 'text' },
          { label: t.colAttempts, kind: 'number' },
          { label: t.colAnswer, kind: 'text' },
          { label: t.colActions, kind: 'text' },
        ],
        rows: this.deliveries.map((delivery) => {
          const when = formatMoment(new Date(delivery.createdAt), this.locale);
          return [
            when,
            html`<span class="mono">${delivery.eventType}</span>${delivery.replayOf ? html`<span class="muted"> (${t.replayOf})</span>` : nothing}`,
            t.deliveryStatus[delivery.status] ?? delivery.status,
            String(delivery.attempts),
            t.answer(delivery.responseStatus, delivery.lastError),
            endpoint.status === 'enabled'
              ? html`<button type="button" class="secondary small" aria-label=${t.replayLabel(delivery.eventType, when)} ?disabled=${this.busy}
                  @click=${() => void this.replay(endpoint, delivery)}>${t.replay}</button>`
              : '',
          ];
        }),
      })}
      ${this.hasMoreDeliveries
        ? html`<p><button type="button" class="secondary" ?disabled=${this.busy} @click=${() => void this.guard(() => this.loadDeliveries(endpoint, this.deliveries.at(-1)?.id))}>${t.moreDeliveries}</button></p>`
        : nothing}
    </section>`;
  }

  private addForm(): TemplateResult {
    const t = this.t;
    const eventsInvalid = this.errors.events !== undefined;
    return html`<form class="panel" novalidate aria-labelledby="add-endpoint-title" @submit=${this.add}>
      <h3 id="add-endpoint-title">${t.addEndpointTitle}</h3>
      ${textField({
        id: 'endpoint-url',
        slot: 'endpoint-url',
        label: t.urlLabel,
        hint: breakAfterSlashes(t.urlHint),
        value: this.url,
        error: this.errors.url,
        errorPrefix: t.errorPrefix,
        autocomplete: 'url',
        type: 'url',
        maxlength: 2048,
        noSpellcheck: true,
        onInput: (e) => (this.url = (e.target as HTMLInputElement).value),
      })}
      ${textField({
        id: 'endpoint-description',
        slot: 'endpoint-description',
        label: t.descriptionLabel,
        value: this.description,
        error: undefined,
        errorPrefix: t.errorPrefix,
        autocomplete: 'off',
        maxlength: 200,
        onInput: (e) => (this.description = (e.target as HTMLInputElement).value),
      })}
      <fieldset aria-describedby=${describedBy(undefined, 'events', eventsInvalid) || nothing} aria-invalid=${eventsInvalid ? 'true' : 'false'}>
        <legend>${t.eventsLegend}</legend>
        ${fieldError('events', t.errorPrefix, this.errors.events)}
        <div class="checks">
          ${WEBHOOK_EVENT_TYPES.map(
            (type) => html`<label class="check"><input type="checkbox" id="event-${type}" .checked=${this.events.has(type)}
              @change=${(e: Event) => {
                const events = new Set(this.events);
                if ((e.target as HTMLInputElement).checked) events.add(type);
                else events.delete(type);
                this.events = events;
              }} /><span class="mono">${type}</span></label>`,
          )}
        </div>
      </fieldset>
      <div class="actions"><button type="submit" ?disabled=${this.busy}>${this.busy ? t.working : t.addEndpoint}</button></div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-webhooks': ConsoleWebhooks;
  }
}
