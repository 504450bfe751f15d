/** The Settings form's fieldsets as templates: each field labelled, its hint and its error beside it. */
import { describedBy, fieldError, textField } from '@billpay/elements/parts.js';
import { html, nothing, type TemplateResult } from 'lit';
import { brandColorContrast, formatContrast } from '@billpay/sdk/admin-desk';
import { AUTOPAY, FREQUENCIES, WEEKDAYS, type SettingsDraft } from './settings-draft.js';
import type { SettingsWords } from './words.js';

export interface FormContext {
  readonly draft: SettingsDraft;
  readonly errors: ReadonlyMap<string, string>;
  readonly t: SettingsWords;
  /** A field's value changed (what the admin typed, kept as typed). */
  readonly set: (key: string, value: string) => void;
  /** The draft changed otherwise (hours, frequencies, plans offered). */
  readonly changed: () => void;
}

/** A field's id in the page: its path with dashes (`contact-phone`). */
export const idOf = (key: string) => key.replaceAll('.', '-');

interface FieldOptions {
  readonly hint?: string | undefined;
  readonly autocomplete?: string;
  readonly type?: string;
  readonly inputmode?: string;
  readonly money?: boolean;
  readonly maxlength?: number;
}

function field(ctx: FormContext, key: string, label: string, options: FieldOptions = {}): TemplateResult {
  const id = idOf(key);
  return textField({
    id,
    slot: id,
    label,
    hint: options.hint,
    value: ctx.draft.values[key] ?? '',
    error: ctx.errors.get(key),
    errorPrefix: ctx.t.errorPrefix,
    autocomplete: options.autocomplete ?? 'off',
    type: options.type,
    inputmode: options.inputmode,
    money: options.money,
    maxlength: options.maxlength,
    noSpellcheck: options.type !== undefined || options.inputmode !== undefined,
    onInput: (event) => ctx.set(key, (event.target as HTMLInputElement).value),
  });
}

/** A group of checkboxes with its legend and error. */
function checkboxes(ctx: FormContext, key: string, legend: string, options: readonly string[], words: Record<string, string>, chosen: string[], hint?: string) {
  const id = idOf(key);
  const error = ctx.errors.get(key);
  const toggle = (value: string, on: boolean) => {
    const at = chosen.indexOf(value);
    if (on && at < 0) chosen.push(value);
    if (!on && at >= 0) chosen.splice(at, 1);
    ctx.changed();
  };
  return html`<fieldset class="choices ${error ? 'invalid' : ''}" aria-describedby=${describedBy(hint ? `${id}-hint` : undefined, id, error !== undefined) || nothing}>
    <legend>${legend}</legend>
    ${hint ? html`<span id="${id}-hint" class="hint">${hint}</span>` : nothing} ${fieldError(id, ctx.t.errorPrefix, error)}
    <div class="options">
      ${options.map(
        (value) => html`<label class="option"><input type="checkbox" name=${id} value=${value} .checked=${chosen.includes(value)}
          @change=${(e: Event) => toggle(value, (e.target as HTMLInputElement).checked)} />${words[value] ?? value}</label>`,
      )}
    </div>
  </fieldset>`;
}

function hoursRow(ctx: FormContext, index: number): TemplateResult {
  const t = ctx.t;
  const row = ctx.draft.hours[index]!;
  const key = `contact.hours.${index}`;
  const time = (part: 'opens' | 'closes', label: string) => {
    const id = idOf(`${key}.${part}`);
    const error = ctx.errors.get(`${key}.${part}`);
    return html`<div class="field ${error ? 'invalid' : ''}">
      <label for=${id}>${label}</label>${fieldError(id, t.errorPrefix, error)}
      <input id=${id} type="time" .value=${row[part]} aria-invalid=${error ? 'true' : 'false'} aria-describedby=${describedBy(undefined, id, error !== undefined) || nothing}
        @input=${(e: Event) => {
          row[part] = (e.target as HTMLInputElement).value;
          ctx.changed();
        }} />
    </div>`;
  };
  return html`<fieldset class="hours">
    <legend>${t.hoursLegend(index + 1)}</legend>
    ${checkboxes(ctx, `${key}.days`, t.daysLabel, WEEKDAYS, t.weekdays, row.days)}
    <div class="pair">${time('opens', t.opensLabel)} ${time('closes', t.closesLabel)}</div>
    <button type="button" class="secondary small" @click=${() => {
      ctx.draft.hours.splice(index, 1);
      ctx.changed();
    }}>${t.removeHours(index + 1)}</button>
  </fieldset>`;
}

export function contactFieldset(ctx: FormContext): TemplateResult {
  const t = ctx.t;
  return html`<fieldset class="group">
    <legend><h2>${t.contactLegend}</h2></legend>
    ${field(ctx, 'name', t.nameLabel, { autocomplete: 'organization', maxlength: 120 })}
    ${field(ctx, 'contact.phone', t.phoneLabel, { hint: t.phoneHint, type: 'tel', autocomplete: 'tel' })}
    ${field(ctx, 'contact.email', t.emailLabel, { type: 'email', autocomplete: 'email' })}
    ${ctx.draft.hours.map((_, i) => hoursRow(ctx, i))}
    <p><button type="button" class="secondary" @click=${() => {
      ctx.draft.hours.push({ days: [], opens: '08:00', closes: '17:00' });
      ctx.changed();
    }}>${t.addHours}</button></p>
  </fieldset>`;
}

export function addressFieldset(ctx: FormContext): TemplateResult {
  const t = ctx.t;
  return html`<fieldset class="group" aria-describedby="address-hint">
    <legend><h2>${t.addressLegend}</h2></legend>
    <p id="address-hint" class="hint">${t.addressHint}</p>
    ${field(ctx, 'remitAddress.line1', t.line1Label, { autocomplete: 'address-line1' })}
    ${field(ctx, 'remitAddress.line2', t.line2Label, { autocomplete: 'address-line2' })}
    ${field(ctx, 'remitAddress.city', t.cityLabel, { autocomplete: 'address-level2' })}
    <div class="pair">
      ${field(ctx, 'remitAddress.state', t.stateLabel, { hint: t.stateHint, autocomplete: 'address-level1', maxlength: 2 })}
      ${field(ctx, 'remitAddress.postalCode', t.postalCodeLabel, { autocomplete: 'postal-code', inputmode: 'numeric' })}
    </div>
    ${field(ctx, 'financialAssistanceUrl', t.assistanceLabel, { hint: t.assistanceHint, type: 'url', autocomplete: 'url' })}
  </fieldset>`;
}

export function policiesFieldset(ctx: FormContext): TemplateResult {
  const t = ctx.t;
  const days = { inputmode: 'numeric' };
  return html`<fieldset class="group">
    <legend><h2>${t.policiesLegend}</h2></legend>
    ${field(ctx, 'policies.daysUntilDue', t.daysUntilDueLabel, days)}
    ${field(ctx, 'policies.invoicingFeeCents', t.invoicingFeeLabel, { money: true, inputmode: 'decimal' })}
    ${field(ctx, 'policies.returnedPaymentFeeCents', t.returnedFeeLabel, { money: true, inputmode: 'decimal' })}
    ${field(ctx, 'policies.letterAfterDays', t.letterAfterLabel, days)}
    ${field(ctx, 'policies.collectionsAfterLetterDays', t.collectionsAfterLabel, days)}
  </fieldset>`;
}

export function planFieldset(ctx: FormContext): TemplateResult {
  const t = ctx.t;
  const { draft } = ctx;
  const autopayId = idOf('planPolicy.autopay');
  return html`<fieldset class="group">
    <legend><h2>${t.planLegend}</h2></legend>
    <label class="option"><input type="checkbox" .checked=${draft.plansOffered} @change=${(e: Event) => {
      draft.plansOffered = (e.target as HTMLInputElement).checked;
      ctx.changed();
    }} />${t.plansOffered}</label>
    ${draft.plansOffered
      ? html`
          ${field(ctx, 'planPolicy.minBalanceCents', t.minBalanceLabel, { money: true, inputmode: 'decimal' })}
          ${field(ctx, 'planPolicy.minInstallmentCents', t.minInstallmentLabel, { money: true, inputmode: 'decimal' })}
          ${field(ctx, 'planPolicy.maxMonths', t.maxMonthsLabel, { inputmode: 'numeric' })}
          ${checkboxes(ctx, 'planPolicy.frequencies', t.frequenciesLabel, FREQUENCIES, t.frequencies, draft.frequencies)}
          ${field(ctx, 'planPolicy.firstPaymentWithinDays', t.firstWithinLabel, { inputmode: 'numeric' })}
          ${field(ctx, 'planPolicy.downPaymentCents', t.downPaymentLabel, { money: true, inputmode: 'decimal' })}
          <div class="field">
            <label for=${autopayId}>${t.autopayLabel}</label>
            <select id=${autopayId} @change=${(e: Event) => ctx.set('planPolicy.autopay', (e.target as HTMLSelectElement).value)}>
              ${AUTOPAY.map((value) => html`<option value=${value} ?selected=${draft.values['planPolicy.autopay'] === value}>${t.autopay[value]}</option>`)}
            </select>
          </div>
          ${draft.values['planPolicy.autopay'] === 'required_over_months' ? field(ctx, 'planPolicy.autopayRequiredOverMonths', t.autopayOverLabel, { inputmode: 'numeric' }) : nothing}
        `
      : nothing}
  </fieldset>`;
}

export function brandingFieldset(ctx: FormContext): TemplateResult {
  const t = ctx.t;
  const color = (ctx.draft.values['branding.accentColor'] ?? '').trim();
  const valid = /^#[0-9a-fA-F]{6}$/.test(color);
  const hint = valid ? `${t.accentHint} ${t.contrastIs(formatContrast(brandColorContrast(color).ratio))}` : t.accentHint;
  return html`<fieldset class="group">
    <legend><h2>${t.brandingLegend}</h2></legend>
    <div class="color-row">
      ${field(ctx, 'branding.accentColor', t.accentLabel, { hint, maxlength: 7 })}
      <span class="swatch" aria-hidden="true"></span>
    </div>
  </fieldset>`;
}
