import { BillLookup } from './bill-lookup.js';

if (!customElements.get('bill-lookup')) customElements.define('bill-lookup', BillLookup);

declare global {
  interface HTMLElementTagNameMap {
    'bill-lookup': BillLookup;
  }
}

export { BillLookup };
