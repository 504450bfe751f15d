import { consume } from '@lit/context';
import type { BillPayClient } from '@billpay/sdk/client';
import type { BillPayConnection } from '@billpay/sdk/connection';
import type { Practice } from '@billpay/sdk';
import { property, state } from 'lit/decorators.js';
import { connectionContext, practiceContext } from '../context.js';
import { BillPayElement } from './billpay-element.js';

/**
 * What the elements that talk to the billing API share, without the SDK's transport: their
 * `practice`, `api`, `client` and `heading-level`, and the connection and practice `<bill-pay>`
 * provides. `SessionElement` adds the connection `api` and `practice` make; `<bill-lookup>`, which
 * is drawn before the SDK has arrived, makes it when the patient submits.
 */
export class SessionBase extends BillPayElement {
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

  /** `heading-level` as a level from 1 to `deepest` (an element with subheadings leaves room for them). */
  protected headingLevelUpTo(deepest: number): number {
    return Math.min(deepest, Math.max(1, Math.trunc(this.headingLevel) || 2));
  }
}
