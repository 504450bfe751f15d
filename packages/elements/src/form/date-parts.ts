import { css, html, nothing, type TemplateResult } from 'lit';

type Three<T> = readonly [T, T, T];
const PARTS = ['month', 'day', 'year'] as const;

/** What a date's three boxes show and do; the legend, hint and error are the fieldset's around them. */
export interface DatePartsOptions {
  /** The boxes' ids (and names): `${prefix}-month`, `${prefix}-day`, `${prefix}-year`. */
  readonly prefix: string;
  /** The boxes' names when not their ids: `${name}-month`, … (`bday` for a birthday). */
  readonly name?: string | undefined;
  /** No more characters than the box is wide (2, 2, 4). */
  readonly limitLength?: boolean | undefined;
  /** "Month", "Day", "Year" in the reader's language. */
  readonly labels: Three<string>;
  readonly values: Three<string>;
  readonly invalid: boolean;
  /** Autofill tokens (`bday-month`, `bday-day`, `bday-year`); none for a date autofill cannot know. */
  readonly autocomplete?: Three<string> | undefined;
  /** A box was typed in: 0 month, 1 day, 2 year. */
  readonly onInput: (part: 0 | 1 | 2, value: string) => void;
  /** A box was left (focus may be going to another box of the same date). */
  readonly onBlur?: ((event: FocusEvent) => void) | undefined;
}

/**
 * A date typed as month, day and year in three labelled boxes (US order): digits from the phone's
 * number pad, autofill for a birthday, and no picker to fight. The boxes wrap onto a second line
 * in a narrow column rather than overflow it. Add `datePartsStyles` to the element's styles.
 */
export function dateParts({ prefix, name = prefix, limitLength, labels, values, invalid, autocomplete, onInput, onBlur }: DatePartsOptions): TemplateResult {
  return html`<div class="date">
    ${PARTS.map(
      (part, i) => html`
        <div class="field ${part}">
          <label for="${prefix}-${part}">${labels[i]}</label>
          <input
            id="${prefix}-${part}"
            part="input"
            name="${name}-${part}"
            inputmode="numeric"
            autocomplete=${autocomplete?.[i] ?? 'off'}
            maxlength=${limitLength ? (part === 'year' ? 4 : 2) : nothing}
            size=${part === 'year' ? 4 : 2}
            .value=${values[i]}
            aria-invalid=${invalid ? 'true' : 'false'}
            @input=${(event: InputEvent) => onInput(i as 0 | 1 | 2, (event.target as HTMLInputElement).value)}
            @blur=${onBlur ?? nothing}
          />
        </div>
      `,
    )}
  </div>`;
}

export const datePartsStyles = css`
  .date {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
  }

  .date .field {
    width: 4.5rem;
  }

  .date .field.year {
    width: 6.5rem;
  }
`;
