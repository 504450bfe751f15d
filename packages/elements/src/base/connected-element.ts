import { consume } from '@lit/context';
import type { BillPayClient, Practice } from '@billpay/sdk';
import { property, state } from 'lit/decorators.js';
import { clientFromAttributes } from '../client-from-attributes.js';
import { clientContext, practiceContext } from '../context.js';
import { BillPayElement } from './billpay-element.js';

/**
 * The base of the elements that talk to the billing API: inside `<bill-pay>` they use the client
 * and practice it provides; on their own, `practice` and `api` make one (shared by every element
 * of the page with the same two, so a bill found by `<bill-lookup>` is the session `<pay-form>`
 * pays with); `client` overrides both.
 */
export class ConnectedElement extends BillPayElement {
  /** The practice's id, when the element is used without `<bill-pay>` around it. */
  @property() practice = '';

  /** The billing API, when the element is used without `<bill-pay>` around it (default: where billpay.js came from). */
  @property() api = '';

  /** Level of the element's first heading (1-6); sections under it use the next levels. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  /** An SDK client; by default the one `<bill-pay>` provides, or the one `api` and `practice` make. */
  @property({ attribute: false }) client: BillPayClient | undefined;

  @consume({ context: clientContext, subscribe: true }) @state() protected contextClient: BillPayClient | undefined;
  @consume({ context: practiceContext, subscribe: true }) @state() protected contextPractice: Practice | undefined;

  /** The client to call the API with, if there is one yet. */
  protected get activeClient(): BillPayClient | undefined {
    return this.client ?? this.contextClient ?? clientFromAttributes(this.api, this.practice);
  }

  /** `heading-level` as a level from 1 to `deepest` (an element with subheadings leaves room for them). */
  protected headingLevelUpTo(deepest: number): number {
    return Math.min(deepest, Math.max(1, Math.trunc(this.headingLevel) || 2));
  }
}
