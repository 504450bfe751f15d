import { consume } from '@lit/context';
import type { BillPayClient } from '@billpay/sdk/client';
import type { BillPayConnection } from '@billpay/sdk/connection';
import type { Practice } from '@billpay/sdk';
import { property, state } from 'lit/decorators.js';
import { connectionFromAttributes } from '../connection-from-attributes.js';
import { connectionContext, practiceContext } from '../context.js';
import { BillPayElement } from './billpay-element.js';

/**
 * The base of the elements that talk to the billing API: inside `<bill-pay>` they use the
 * connection and practice it provides; on their own, `practice` and `api` make a connection (shared
 * by every element of the page with the same two, so a bill found by `<bill-lookup>` is the session
 * `<pay-form>` pays with); a `client` overrides both with its connection. Each element calls the
 * operations it needs as functions over `activeConnection`, so its bundle leaves out the rest of
 * the SDK.
 */
export class SessionElement extends BillPayElement {
  /** The practice's id, when the element is used without `<bill-pay>` around it. */
  @property() practice = '';

  /** The billing API, when the element is used without `<bill-pay>` around it (default: where billpay.js came from). */
  @property() api = '';

  /** Level of the element's first heading (1-6); sections under it use the next levels. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  /** An SDK client whose connection (and session) to use; by default `<bill-pay>`'s, or the one `api` and `practice` make. */
  @property({ attribute: false }) client: BillPayClient | undefined;

  @consume({ context: connectionContext, subscribe: true }) @state() protected contextConnection: BillPayConnection | undefined;
  @consume({ context: practiceContext, subscribe: true }) @state() protected contextPractice: Practice | undefined;

  /** The connection to call the API over, if there is one yet: the client's, `<bill-pay>`'s, or the page's for `api` and `practice`. */
  protected get activeConnection(): BillPayConnection | undefined {
    return this.client?.connection ?? this.contextConnection ?? connectionFromAttributes(this.api, this.practice);
  }

  /** `heading-level` as a level from 1 to `deepest` (an element with subheadings leaves room for them). */
  protected headingLevelUpTo(deepest: number): number {
    return Math.min(deepest, Math.max(1, Math.trunc(this.headingLevel) || 2));
  }
}
