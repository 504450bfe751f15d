import { cardBrand, cvcLengthFor, type BankAccountType } from '@billpay/sdk';
import { html, type TemplateResult } from 'lit';
import { textField, type TextFieldSpec } from '../form/text-field.js';
import type { PayWords } from '../i18n/pay.js';
import type { CaptureSlot, CaptureValues } from './capture.js';

/** One text input with its label, hint and inline error, as every captured field is drawn. */
export interface FieldOptions<Slot extends string, Field extends string> {
  id: string;
  slot: Slot;
  field: Field;
  label: string;
  hint?: string | undefined;
  autocomplete: string;
  inputmode?: string;
  maxlength?: number;
}

/** What a field shows and does, from the host's state. */
export type FieldState = Pick<TextFieldSpec, 'value' | 'error' | 'errorPrefix' | 'onInput' | 'onBlur'>;

/** A field that is not prose (numbers, names): no spellcheck, typed as text unless told, 100 characters at most unless told. */
export function plainField(options: FieldOptions<string, string> & Pick<TextFieldSpec, 'className' | 'money'>, state: FieldState): TemplateResult {
  return textField({ ...options, inputmode: options.inputmode ?? 'text', maxlength: options.maxlength ?? 100, noSpellcheck: true, ...state });
}

/** How a host draws one text field (its own values, errors and handlers). */
export type DrawField = (options: FieldOptions<CaptureSlot, keyof CaptureValues>) => TemplateResult;

/** Card fields in the element (`card-capture="direct"`). */
export function renderDirectCard(t: PayWords, v: CaptureValues, field: DrawField): TemplateResult {
  const brand = cardBrand(v.cardNumber);
  return html`
    <div class="card-fields">
      <p class="hint secure-note">${t.cardSecureNote}</p>
      ${field({ id: 'card-number', slot: 'cardNumber', field: 'cardNumber', label: t.cardNumberLabel, autocomplete: 'cc-number', inputmode: 'numeric', maxlength: 23 })}
      <div class="row">
        ${field({ id: 'card-expiry', slot: 'cardExpiry', field: 'cardExpiry', label: t.cardExpiryLabel, hint: t.cardExpiryHint, autocomplete: 'cc-exp', inputmode: 'numeric', maxlength: 7 })}
        ${field({ id: 'card-cvc', slot: 'cardCvc', field: 'cardCvc', label: t.cardCvcLabel, hint: t.cardCvcHint(cvcLengthFor(brand)), autocomplete: 'cc-csc', inputmode: 'numeric', maxlength: 4 })}
      </div>
      ${field({ id: 'card-name', slot: 'cardName', field: 'cardName', label: t.cardNameLabel, autocomplete: 'cc-name' })}
      ${field({ id: 'card-zip', slot: 'cardZip', field: 'cardZip', label: t.cardZipLabel, autocomplete: 'postal-code', inputmode: 'numeric', maxlength: 10 })}
    </div>
  `;
}

/** Bank account fields: name, routing number, the account number twice, checking or savings. */
export function renderBankFields(t: PayWords, v: CaptureValues, field: DrawField, setType: (type: BankAccountType) => void): TemplateResult {
  const type = (value: BankAccountType) => html`
    <label class="choice">
      <input type="radio" name="bank-type" .value=${value} .checked=${v.bankType === value} @change=${() => setType(value)} />
      <span>${t.accountType[value]}</span>
    </label>
  `;
  return html`
    <div class="bank-fields">
      ${field({ id: 'bank-holder', slot: 'bankHolder', field: 'bankHolder', label: t.bankHolderLabel, autocomplete: 'name' })}
      ${field({ id: 'bank-routing', slot: 'bankRouting', field: 'bankRouting', label: t.bankRoutingLabel, hint: t.bankRoutingHint, autocomplete: 'off', inputmode: 'numeric', maxlength: 11 })}
      ${field({ id: 'bank-account', slot: 'bankAccount', field: 'bankAccount', label: t.bankAccountLabel, autocomplete: 'off', inputmode: 'numeric', maxlength: 20 })}
      ${field({ id: 'bank-account-confirm', slot: 'bankAccountConfirm', field: 'bankAccountConfirm', label: t.bankAccountConfirmLabel, hint: t.bankAccountConfirmHint, autocomplete: 'off', inputmode: 'numeric', maxlength: 20 })}
      <fieldset class="choices inline">
        <legend>${t.bankTypeLegend}</legend>
        ${type('checking')} ${type('savings')}
      </fieldset>
    </div>
  `;
}
