import { GoodFaithEstimate } from './good-faith-estimate.js';

if (!customElements.get('good-faith-estimate')) customElements.define('good-faith-estimate', GoodFaithEstimate);

declare global {
  interface HTMLElementTagNameMap {
    'good-faith-estimate': GoodFaithEstimate;
  }
}

export { GoodFaithEstimate };
