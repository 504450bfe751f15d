/** A labelled text field, the same markup in every form (styled by `formStyles`): each form only says what its field holds. */
import { html, nothing, type TemplateResult } from 'lit';
import { describedBy, fieldError } from './field.js';

/** A text field: its label, hint, inline error and input. */
export interface TextFieldSpec {
  readonly id: string;
  readonly slot: string;
  readonly label: string;
  /** Words, or markup where they need it (e.g. where an example address may break). */
  readonly hint?: string | TemplateResult | undefined;
  readonly value: string;
  /** The error's words (with the dictionary's "Error:" prefix), or none. */
  readonly error: string | undefined;
  readonly errorPrefix: string;
  readonly autocomplete: string;
  readonly inputmode?: string | undefined;
  readonly type?: string | undefined;
  readonly maxlength?: number | undefined;
  /** Off for what is not prose (numbers, names): `spellcheck="false"`. */
  readonly noSpellcheck?: boolean | undefined;
  /** The input's class, where the form sizes it. */
  readonly className?: string | undefined;
  /** A dollar sign before the input. */
  readonly money?: boolean | undefined;
  /** Marks the field as its answer's part, for `recheckErrors`. */
  readonly dataSlot?: boolean | undefined;
  readonly onInput: (event: InputEvent) => void;
  readonly onBlur?: ((event: FocusEvent) => void) | undefined;
}

export function textField(spec: TextFieldSpec): TemplateResult {
  const { id, slot, hint, error } = spec;
  const invalid = error !== undefined;
  const control = html`<input
    id=${id}
    part="input"
    class=${spec.className ?? nothing}
    name=${id}
    type=${spec.type ?? nothing}
    autocomplete=${spec.autocomplete}
    inputmode=${spec.inputmode ?? nothing}
    spellcheck=${spec.noSpellcheck ? 'false' : nothing}
    maxlength=${spec.maxlength ?? nothing}
    .value=${spec.value}
    aria-describedby=${describedBy(hint ? `${id}-hint` : undefined, slot, invalid)}
    aria-invalid=${invalid ? 'true' : 'false'}
    @input=${spec.onInput}
    @blur=${spec.onBlur ?? nothing}
  />`;
  return html`
    <div class="field ${invalid ? 'invalid' : ''}" data-slot=${spec.dataSlot ? slot : nothing}>
      <label for=${id}>${spec.label}</label>
      ${hint ? html`<span id="${id}-hint" class="hint">${hint}</span>` : nothing} ${fieldError(slot, spec.errorPrefix, error)}
      ${spec.money ? html`<div class="money-input"><span aria-hidden="true">$</span>${control}</div>` : control}
    </div>
  `;
}
