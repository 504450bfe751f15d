/**
 * The one-file embed: `<script type="module" src="https://billing.example.org/billpay.js">`.
 * The page then writes `<bill-pay practice="..." api="...">` (or any other billpay element).
 *
 * This file is small on purpose: it watches the page for billpay elements and loads each one's
 * code (from `billpay/` beside this file) the first time the page uses it. Script that talks to
 * an element waits for `customElements.whenDefined('bill-pay')`, as with any custom element.
 */
const elements = new Map<string, () => Promise<unknown>>([
  ['bill-pay', () => import('./bill-pay/define.js')],
  ['bill-lookup', () => import('./bill-lookup/define.js')],
  ['bill-summary', () => import('./bill-summary/define.js')],
  ['pay-form', () => import('./pay-form/define.js')],
  ['plan-builder', () => import('./plan-builder/define.js')],
  ['good-faith-estimate', () => import('./good-faith-estimate/define.js')],
]);

function loadUsed(root: ParentNode): void {
  for (const [tag, load] of elements) {
    if (!root.querySelector(tag)) continue;
    elements.delete(tag);
    load().catch((error: unknown) => {
      // Let a later use try again (e.g. after the connection comes back).
      elements.set(tag, load);
      console.error(`billpay: could not load <${tag}>`, error);
    });
  }
}

loadUsed(document);
if (elements.size > 0) {
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node instanceof Element) {
          if (elements.has(node.localName)) loadUsed(node.parentNode ?? document);
          else if (node.firstElementChild) loadUsed(node);
        }
      }
    }
    if (elements.size === 0) observer.disconnect();
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
}
