/**
 * The one-file embed: `<script type="module" async src="https://billing.example.org/billpay.js">`.
 * The page then writes `<bill-pay practice="..." api="...">` (or any other billpay element).
 *
 * This file is small on purpose: it watches the page for billpay elements and loads each one's
 * code (from `billpay/` beside this file) the first time the page uses it. Script that talks to
 * an element waits for `customElements.whenDefined('bill-pay')`, as with any custom element.
 */

/**
 * The files each part needs, by the module it starts from (`'src/bill-pay/define.ts'`), written
 * in by the build (scripts/bundle.mjs) from its module graph; absent when this file is compiled
 * on its own.
 */
declare const BILLPAY_PARTS: Readonly<Record<string, readonly string[]>> | undefined;

/**
 * The books of words each part fetches in a language besides English, by the module it starts
 * from (`{ 'src/pay-form/define.ts': ['pay'] }`: `src/i18n/pay-es.ts` in Spanish), written in by
 * the build beside BILLPAY_PARTS.
 */
declare const BILLPAY_BOOKS: Readonly<Record<string, readonly string[]>> | undefined;

interface Part {
  /** The element's definition, as the build names its module. */
  readonly module: string;
  readonly load: () => Promise<unknown>;
  /** Modules the element asks for as soon as it is on screen: fetched with all their files at once. */
  readonly soon?: readonly string[];
}

const elements = new Map<string, Part>([
  ['bill-pay', { module: 'src/bill-pay/define.ts', load: () => import('./bill-pay/define.js'), soon: ['src/first-screen-sdk.ts', 'src/bill-summary/define.ts', 'src/bill-pay/account-steps.ts', 'src/i18n/plan-account.ts'] }],
  ['bill-lookup', { module: 'src/bill-lookup/define.ts', load: () => import('./bill-lookup/define.js'), soon: ['src/first-screen-sdk.ts'] }],
  ['bill-summary', { module: 'src/bill-summary/define.ts', load: () => import('./bill-summary/define.js') }],
  ['pay-form', { module: 'src/pay-form/define.ts', load: () => import('./pay-form/define.js') }],
  ['plan-builder', { module: 'src/plan-builder/define.ts', load: () => import('./plan-builder/define.js') }],
  ['good-faith-estimate', { module: 'src/good-faith-estimate/define.ts', load: () => import('./good-faith-estimate/define.js') }],
  ['message-preferences', { module: 'src/message-preferences/define.ts', load: () => import('./message-preferences/define.js') }],
]);

const preloaded = new Set<string>();

/**
 * Asks the browser for a module's part and every file it imports, all at once, so they arrive in
 * one round trip rather than one per level of imports.
 */
function preload(module: string): void {
  const files = typeof BILLPAY_PARTS === 'undefined' ? undefined : BILLPAY_PARTS[module];
  for (const file of files ?? []) {
    if (preloaded.has(file)) continue;
    preloaded.add(file);
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = new URL(`billpay/${file}`, import.meta.url).href;
    document.head.append(link);
  }
}

/**
 * The patient's language, when the page says it and it is not English: the main dictionary comes
 * with the first part, and each part's own books of words with the part. An English page fetches
 * neither.
 */
function preloadWords(module: string): void {
  const lang = document.documentElement.lang.trim().toLowerCase().split(/[-_]/)[0];
  if (!lang || lang === 'en') return;
  preload(`src/i18n/${lang}.ts`);
  const books = typeof BILLPAY_BOOKS === 'undefined' ? undefined : BILLPAY_BOOKS[module];
  for (const book of books ?? []) preload(`src/i18n/${book}-${lang}.ts`);
}

function loadUsed(root: ParentNode): void {
  const used = [...elements].filter(([tag]) => root.querySelector(tag));
  for (const [, part] of used) {
    preloadWords(part.module);
    preload(part.module);
  }
  for (const [tag, part] of used) {
    elements.delete(tag);
    // What the element asks for next is fetched once its own files are in, beside its first
    // paint, so that on a slow line it does not share the bandwidth with them.
    part
      .load()
      .then(() => {
        for (const module of part.soon ?? []) {
          preloadWords(module);
          preload(module);
        }
      })
      .catch((error: unknown) => {
        // Let a later use try again (e.g. after the connection comes back).
        elements.set(tag, part);
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
