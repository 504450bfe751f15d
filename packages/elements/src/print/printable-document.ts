import type { CSSResultOrNative } from 'lit';

/**
 * A document an element shows (an estimate, a receipt, an itemized bill) as it should be printed
 * or saved apart from the page around it: what a print mechanism puts in its print-only
 * container, and what a saved file is made of.
 *
 * `content` is laid out by `styles`, which are written for a shadow root (`:host` is its
 * container): attach a shadow root to the container, adopt `styles` into it (Lit's
 * `adoptStyles`; constructed stylesheets pass a strict Content-Security-Policy, where a `<style>`
 * element or a `style` attribute would not) and append `content`. Their `@media print` rules lay
 * the document out on paper; page margins (`@page`) are the container's, since a shadow root's
 * stylesheet cannot set them.
 */
export interface PrintableDocument {
  /** What the document is called, e.g. "Good Faith Estimate for Chidi Okafor": a printout's or a file's title. */
  readonly title: string;
  /** The language it is written in, for the container's `lang`. */
  readonly lang: string;
  /** A detached copy of the document: no buttons, no live regions, nothing that runs. */
  readonly content: HTMLElement;
  /** Everything that lays `content` out, on screen and on paper. */
  readonly styles: readonly CSSResultOrNative[];
}

/**
 * A printable document as a web page of its own (a saved file): readable on a phone and a
 * desktop, printable, nothing to run. The document's styles come along, with `:host` made the
 * page's root; `pageStyles` adds what only a page needs (its margins, `@page`).
 */
export function standaloneHtml(document: PrintableDocument, pageStyles: string): string {
  const css = document.styles.map(cssTextOf).join('\n').replace(/:host\(([^)]*)\)/g, ':root:is($1)').replace(/:host\b/g, ':root');
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(document.lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(document.title)}</title>`,
    `<style>${css}\n${pageStyles}</style>`,
    '</head>',
    '<body>',
    document.content.outerHTML.replace(/<!--[\s\S]*?-->/g, ''),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function cssTextOf(style: CSSResultOrNative): string {
  if (style instanceof CSSStyleSheet) return [...style.cssRules].map((rule) => rule.cssText).join('\n');
  return style.cssText;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
