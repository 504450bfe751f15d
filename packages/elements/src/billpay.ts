/**
 * The one-file embed: `<script type="module" src="https://billing.example.org/billpay.js">`
 * registers every element; the page then writes `<bill-pay practice="..." api="...">`.
 */
import './define.js';

export * from './index.js';
