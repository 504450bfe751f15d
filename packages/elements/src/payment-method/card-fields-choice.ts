/**
 * Which processor's card fields a practice's page shows: the one place that knows the
 * implementations of `CardFields`. Another processor's fields are one more entry here.
 */
import type { Practice } from '@billpay/sdk';
import type { ReactiveControllerHost } from 'lit';
import type { CardFields } from './card-fields.js';
import { HostedCardFrame } from './hosted-card-frame.js';

const CARD_FIELDS = {
  sandbox: (host: ReactiveControllerHost) => new HostedCardFrame(host),
} satisfies Record<string, (host: ReactiveControllerHost) => CardFields>;

export type ProcessorKind = keyof typeof CARD_FIELDS;

/** The practice's configuration names no processor kind yet: without one, its processor is the sandbox's. */
const DEFAULT_PROCESSOR: ProcessorKind = 'sandbox';

/** The processor whose card fields `payments` (the practice's payment configuration) calls for. */
export function processorKindOf(payments: Practice['payments']): ProcessorKind {
  const kind: unknown = payments && 'kind' in payments ? payments.kind : undefined;
  return typeof kind === 'string' && kind in CARD_FIELDS ? (kind as ProcessorKind) : DEFAULT_PROCESSOR;
}

/** A host's card fields: made for its practice's processor when first shown, and made again if that changes. */
export class CardFieldsChoice {
  readonly #host: ReactiveControllerHost;
  #fields: CardFields | undefined;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
  }

  /** The fields shown, if any yet. */
  get current(): CardFields | undefined {
    return this.#fields;
  }

  /** The fields for `practice`'s processor. */
  for(practice: Practice | undefined): CardFields {
    const kind = processorKindOf(practice?.payments);
    if (this.#fields?.kind !== kind) {
      this.#fields?.destroy();
      this.#fields = CARD_FIELDS[kind](this.#host);
    }
    return this.#fields;
  }
}
