import { DISPUTE_HELP, type Estimate, type EstimateItem, type EstimateProviderGroup } from '@billpay/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { BillPayElement } from '../base/billpay-element.js';
import { dataTable } from '../data-table/data-table.js';
import { dataTableStyles } from '../data-table/data-table.styles.js';
import { estimateWords } from '../i18n/estimate.js';
import { formatDate, money, withPhone } from '../i18n/format.js';
import type { Locale } from '../i18n/locales.js';
import { tokens } from '../styles/shared.js';
import { estimateDocumentStyles, estimateTextStyles, textSizeOfHost } from './estimate-document.styles.js';

/** A service's or an item's words in the reader's language (the price list may have them in Spanish). */
export function describeIn(locale: Locale, item: { description: string; descriptionEs?: string | undefined }): string {
  return locale === 'es' && item.descriptionEs ? item.descriptionEs : item.description;
}

/**
 * A Good Faith Estimate as a document: the patient, the services, each provider's charges, the
 * totals and the disclaimers the No Surprises Act asks for. Internal to `<good-faith-estimate>`,
 * which shows it, passes its parts on (`exportparts`) and puts its buttons in the `actions` slot;
 * printing and saving take a copy of the document without them (`printableContent`).
 *
 * @summary A Good Faith Estimate as a document (internal to `<good-faith-estimate>`).
 * @tag billpay-estimate-document
 *
 * @slot actions - What goes under the document on screen: the print and save buttons, and what they say.
 *
 * @csspart document - The estimate.
 * @csspart heading - The estimate's heading.
 * @csspart provider - One provider's part of the estimate.
 * @csspart charges - A provider's items and their expected charges: a table, its rows shown as cards where its columns do not fit.
 * @csspart total - The estimate's total.
 * @csspart disclaimers - The disclaimers.
 */
export class EstimateDocument extends BillPayElement {
  /** What lays the document out, on screen and on paper: a printed or saved copy carries them too. */
  static override styles = [tokens, textSizeOfHost, dataTableStyles, estimateTextStyles, estimateDocumentStyles];

  /** The estimate to show. */
  @property({ attribute: false }) estimate: Estimate | undefined;

  /** Level of the document's heading (1-5); its sections use the next levels. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  /** Moves focus to the document's heading, e.g. when it has just been issued or found. */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('#gfe-heading')?.focus();
  }

  /** A detached copy of the document for printing or saving: without the slot's buttons, nothing that runs. */
  printableContent(): HTMLElement | undefined {
    const shown = this.renderRoot.querySelector('[part="document"]');
    if (!shown) return undefined;
    const content = shown.cloneNode(true) as HTMLElement;
    for (const slot of content.querySelectorAll('slot')) slot.remove();
    return content;
  }

  protected override render() {
    return this.estimate ? estimateDocument(this.estimate, this.localize.locale, this.headingLevel) : nothing;
  }
}

/** The document's template: `level` is its heading's level; the `actions` slot closes it on screen. */
function estimateDocument(estimate: Estimate, locale: Locale, level: number): TemplateResult {
  const t = estimateWords(locale);
  const date = (iso: string) => formatDate(iso, locale);
  const name = `${estimate.patient.firstName} ${estimate.patient.lastName}`;
  const primary = estimate.primaryService;
  return html`
    <article class="document" part="document" aria-labelledby="gfe-heading" lang=${locale}>
      <div id="gfe-heading" class="heading" part="heading" role="heading" aria-level=${level} tabindex="-1">${t.gfeDocTitle(name)}</div>
      <p class="intro">${t.gfeDocIntro}</p>
      <dl class="facts">
        <div><dt>${t.gfePatientName}</dt> <dd>${name}</dd></div>
        <div><dt>${t.gfeDateOfBirth}</dt> <dd>${date(estimate.patient.dateOfBirth)}</dd></div>
        <div><dt>${t.gfeCoverage}</dt> <dd>${t.gfeCoverageStatement[estimate.coverage]}</dd></div>
        <div><dt>${t.gfePrimaryService}</dt> <dd>${describeIn(locale, primary)} (${primary.codeSystem} ${primary.code})</dd></div>
        <div><dt>${t.gfeScheduledFor}</dt> <dd>${primary.scheduledDate ? date(primary.scheduledDate) : t.gfeNotScheduledYet}</dd></div>
        <div><dt>${t.gfeDiagnosisCodes}</dt> <dd>${estimate.diagnosisCodes.length ? estimate.diagnosisCodes.join(', ') : t.gfeNoDiagnosisCodes}</dd></div>
        <div><dt>${t.gfeIssuedOn}</dt> <dd>${date(estimate.issuedOn)}</dd></div>
        <div><dt>${t.gfeEstimateNumber}</dt> <dd class="code estimate-number">${estimate.id}</dd></div>
      </dl>
      <p class="total" part="total"><span>${t.gfeTotalExpected}</span> <strong>${money(estimate.totalCents, locale)}</strong></p>
      <div class="subheading" role="heading" aria-level=${level + 1}>${t.gfeProvidersTitle}</div>
      ${estimate.providers.map((group, index) => renderProvider(group, index, estimate, locale, level))}
      <div class="subheading" role="heading" aria-level=${level + 1}>${t.gfeSeparatelyTitle}</div>
      ${estimate.scheduledSeparately.length
        ? html`<ul>
            ${estimate.scheduledSeparately.map((s) => html`<li>${describeIn(locale, s)} (${s.codeSystem} ${s.code}), ${s.providerName}</li>`)}
          </ul>`
        : html`<p>${t.gfeSeparatelyNone}</p>`}
      <section class="disclaimers" part="disclaimers" aria-labelledby="disclaimers-title">
        <div id="disclaimers-title" class="subheading" role="heading" aria-level=${level + 1}>${t.gfeDisclaimersTitle}</div>
        ${estimate.disclaimers.map((code) => html`<p>${t.gfeDisclaimer[code]}</p>`)}
        ${estimate.disclaimers.includes('dispute_rights')
          ? html`<p>
              ${t.gfeDisputeHowTo}
              <a href=${DISPUTE_HELP.url} rel="noopener" target="_blank">www.cms.gov/nosurprises<span class="visually-hidden"> ${t.opensInNewTab}</span></a>,
              ${withPhone(t.gfeDisputePhone(DISPUTE_HELP.phone), DISPUTE_HELP.phone)}
            </p>`
          : nothing}
        <p>${t.gfeKeepCopy}</p>
      </section>
      <slot name="actions"></slot>
    </article>
  `;
}

function renderProvider(group: EstimateProviderGroup, index: number, estimate: Estimate, locale: Locale, level: number): TemplateResult {
  const t = estimateWords(locale);
  const { provider } = group;
  const headingId = `provider-${index}`;
  const withService = (item: EstimateItem) => {
    if (!item.includedWith) return nothing;
    const parent = estimate.providers.flatMap((g) => g.items).find((i) => i.serviceId === item.includedWith && !i.includedWith);
    return parent ? html`<span class="item-meta">${t.gfeWithService(describeIn(locale, parent))}</span>` : nothing;
  };
  return html`
    <section class="provider" part="provider" aria-labelledby=${headingId}>
      <div id=${headingId} class="provider-heading" role="heading" aria-level=${level + 2}>${provider.name}</div>
      <p class="muted">${t.gfeRole[group.role]}</p>
      <dl class="facts">
        <div><dt>${t.gfeNpi}</dt> <dd class="code">${provider.npi}</dd></div>
        <div><dt>${t.gfeTin}</dt> <dd class="code">${provider.tin}</dd></div>
        <div><dt>${t.gfeLocation}</dt> <dd>${provider.location.address}, ${provider.location.city}, ${provider.location.state} ${provider.location.zip}</dd></div>
      </dl>
      ${dataTable({
        id: `${headingId}-items`,
        caption: t.gfeItemsCaption(provider.name),
        columns: [
          { label: t.gfeColService, kind: 'header' },
          { label: t.gfeColCode, kind: 'code' },
          { label: t.gfeColQuantity, kind: 'number' },
          { label: t.gfeColExpected, kind: 'money', emphasis: true },
        ],
        rows: group.items.map((item) => [
          html`${describeIn(locale, item)} ${withService(item)}`,
          `${item.codeSystem}\u00a0${item.code}${item.modifier ? `-${item.modifier}` : ''}`,
          String(item.quantity),
          money(item.expectedCents, locale),
        ]),
        total: { label: t.gfeProviderTotal(provider.name), span: 3, cells: [money(group.totalCents, locale)] },
        stackBelow: 'medium',
        part: 'charges',
      })}
    </section>
  `;
}
