/**
 * The browser side of a processor, as the elements see it: card fields the processor owns (so the
 * number never enters the page), drawn in the host's template, that hand back a `CardToken`.
 * `<pay-form>`, `<plan-builder>` and `capture.ts` use only this; each processor's fields are one
 * implementation (the sandbox's hosted fields: `hosted-card-frame.ts`), chosen in
 * `card-fields-choice.ts` from the practice's configuration.
 */
import type { CardToken, Practice } from '@billpay/sdk';
import type { nothing, TemplateResult } from 'lit';
import type { PayWords } from '../i18n/pay.js';

/** What the patient has typed so far, as the fields report it (never the number itself). */
export interface CardFieldsChange {
  readonly complete: boolean;
  readonly brand: string | undefined;
}

export interface CardFields {
  /** The processor whose fields these are. */
  readonly kind: string;
  /**
   * Mounts the fields: the template that shows them (with their loading and failure states) for
   * `practice`, in `locale`; `nothing` when the practice takes no payments. `error` is the host's
   * inline message for the card.
   */
  render(practice: Practice | undefined, locale: string, t: PayWords, error: TemplateResult | typeof nothing): TemplateResult | typeof nothing;
  /**
   * Checks the fields and sends the card to the processor: its token, or a `CardFieldsError`.
   * `reusable`: save the card for later charges (only with the patient's consent).
   */
  tokenize(options?: { readonly reusable?: boolean }): Promise<CardToken>;
  /** Moves focus into the fields. */
  focus(): void;
  /** Empty fields in place of these: card data is never kept after a decline. */
  clear(): void;
  /** Passes the host's colors, radius and font to the fields (its submit button and card box). */
  setTheme(host: HTMLElement, root: ParentNode): void;
  /** Calls `listener` as what is typed changes; returns what stops it. */
  onChange(listener: (change: CardFieldsChange) => void): () => void;
  /** Unmounts: no more messages, pending tokenization refused. */
  destroy(): void;
}

/**
 * Why the fields gave no token. `invalid`: a field needs attention; `unavailable`: the fields are
 * not loaded or do not answer. `shownInFields`: the fields already show, announce and focus their
 * own message, so the host adds no summary.
 */
export class CardFieldsError extends Error {
  constructor(
    readonly reason: 'invalid' | 'unavailable',
    readonly shownInFields: boolean,
  ) {
    super(reason === 'invalid' ? 'The card details need attention.' : 'The card fields are not available.');
    this.name = 'CardFieldsError';
  }
}

/** Also true for an error from another realm (the name is compared, not the class). */
export function isCardFieldsError(error: unknown): error is CardFieldsError {
  return error instanceof Error && error.name === 'CardFieldsError' && 'reason' in error;
}
