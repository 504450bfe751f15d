import { EstimateDocument } from './estimate-document.js';
import { GoodFaithEstimate } from './good-faith-estimate.js';

if (!customElements.get('billpay-estimate-document')) customElements.define('billpay-estimate-document', EstimateDocument);
if (!customElements.get('good-faith-estimate')) customElements.define('good-faith-estimate', GoodFaithEstimate);

declare global {
  interface HTMLElementTagNameMap {
    'billpay-estimate-document': EstimateDocument;
    'good-faith-estimate': GoodFaithEstimate;
  }
}

export { EstimateDocument, GoodFaithEstimate };
