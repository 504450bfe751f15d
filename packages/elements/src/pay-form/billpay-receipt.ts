import type { Account, Payment, Practice } from '@billpay/sdk';
import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { BillPayElement } from '../base/billpay-element.js';
import { payBook, payWords } from '../i18n/pay.js';
import { flowStyles } from '../styles/flow.js';
import { tokens } from '../styles/shared.js';
import { printReceipt, saveReceipt } from './pay-documents.js';
import { receiptBody, receiptTitle } from './receipt.js';

/**
 * A payment's receipt: its heading, the facts to keep, and Print and Save. Internal: `<pay-form>`
 * shows it after a payment and sets its properties.
 *
 * @summary A payment's receipt with Print and Save, inside `<pay-form>`.
 * @tag billpay-receipt
 *
 * @csspart receipt - The receipt.
 * @csspart heading - Its heading.
 * @csspart print-button - "Print receipt".
 * @csspart save-button - "Save receipt", as a file.
 */
export class BillPayReceipt extends BillPayElement {
  static override styles = [tokens, flowStyles];

  constructor() {
    super();
    // Drawn in these books' words too: each update waits for the element's language of them.
    this.localize.uses(payBook);
  }

  @property({ attribute: false }) payment: Payment | undefined;
  @property({ attribute: false }) practice: Practice | undefined;
  /** Whose account the payment was for, when known: its number is on the receipt. */
  @property({ attribute: false }) account: Account | undefined;
  /** The heading's level (`aria-level`), the same as the form's. */
  @property({ attribute: 'heading-level' }) headingLevel = '2';

  /** Moves focus to the receipt's heading. */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('#receipt-heading')?.focus();
  }

  #print = async () => {
    const { payment, practice } = this;
    if (payment && practice) await printReceipt(payment, practice, this.account, this.localize.locale);
  };

  #save = () => {
    const { payment, practice } = this;
    if (payment && practice) saveReceipt(this.renderRoot, payment, practice, this.account, this.localize.locale);
  };

  protected override render() {
    const { payment, practice } = this;
    if (!payment || !practice) return nothing;
    const { locale } = this.localize;
    const t = payWords(locale);
    return html`
      <section class="receipt" part="receipt" aria-labelledby="receipt-heading">
        <div id="receipt-heading" class="heading" part="heading" role="heading" aria-level=${this.headingLevel} tabindex="-1">${receiptTitle(payment, locale)}</div>
        ${receiptBody(payment, practice, this.account, locale)}
        <div class="actions">
          <button type="button" class="secondary" part="print-button" @click=${this.#print}>${t.printReceipt}</button>
          <button type="button" class="secondary" part="save-button" @click=${this.#save}>${t.saveReceipt}</button>
        </div>
      </section>
    `;
  }
}
