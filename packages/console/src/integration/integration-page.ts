import { html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { IntegrationPart } from './integration-part.js';
import './imports-section.js';
import './keys-section.js';
import './webhooks-section.js';

/**
 * Integration: how the practice's systems and billpay exchange bills and events. The imports
 * (admin and billing staff), and for admins the webhook endpoints with their delivery logs and
 * the practice's API keys; each a part of its own.
 */
@customElement('console-integration')
export class ConsoleIntegration extends IntegrationPart {
  override render() {
    const t = this.t;
    // Admins also see webhooks and keys (the server refuses anyone else anyway).
    const admin = this.desk.connection.session?.staff.role === 'admin';
    const section = (id: string, title: string, body: unknown) => html`<section class="part" aria-labelledby="${id}-title"><h2 id="${id}-title" tabindex="-1">${title}</h2>${body}</section>`;
    return html`
      <h1 tabindex="-1">${t.integrationTitle}</h1>
      <p>${t.integrationIntro}</p>
      ${section('imports', t.importsTitle, html`<console-imports .desk=${this.desk} locale=${this.locale}></console-imports>`)}
      ${admin
        ? html`${section('webhooks', t.webhooksTitle, html`<console-webhooks .desk=${this.desk} locale=${this.locale}></console-webhooks>`)}
          ${section('keys', t.keysTitle, html`<console-api-keys .desk=${this.desk} locale=${this.locale}></console-api-keys>`)}`
        : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-integration': ConsoleIntegration;
  }
}
