/**
 * `<bill-pay>` in plain HTML: the page's script sets the `client` property and listens for
 * `payment-succeeded` (typed by the elements' own `HTMLElementTagNameMap` and event map), then
 * writes the confirmation into the page.
 */
import '../shared/frameworks.css';
import { demoClient, language, paidMessage, preparePage, t } from '../shared/demo.js';

preparePage('HTML');
const billPay = document.querySelector('bill-pay')!;
billPay.client = demoClient();
billPay.locale = language;
billPay.addEventListener('payment-succeeded', (event) => {
  document.querySelector('.paid')!.textContent = paidMessage(event.detail.payment);
});
document.querySelector('h1')!.textContent = t.title('HTML');
document.querySelector('.framework-note')!.textContent = t.intro('HTML');
document.querySelector('main a')!.textContent = t.back;
