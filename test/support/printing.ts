import { emulateMedia } from '@web/test-runner-commands';
import { waitUntil } from './wait-until.js';

/** What Print put on paper: the document's container, its content, and the page as it prints. */
export interface Printed {
  /** The container at the top of the page's body. */
  readonly container: HTMLElement;
  /** The document, in the container's shadow root. */
  readonly document: ShadowRoot;
  /** Each body child of the page and whether it prints (its display in print media). */
  readonly printedChildren: readonly { readonly element: Element; readonly shown: boolean }[];
  /** Whether the container shows on screen (it must not). */
  readonly shownOnScreen: boolean;
}

/**
 * Presses Print (by `press`), with `window.print` replaced so no dialog opens, waits until the
 * element asks to print, and answers what would print then, looked at in print media.
 */
export async function printWith(press: () => unknown): Promise<Printed> {
  const original = window.print;
  let calls = 0;
  window.print = () => {
    calls++;
  };
  try {
    await press();
    await waitUntil(() => calls > 0, 'Print did not print');
  } finally {
    window.print = original;
  }
  const container = document.body.firstElementChild as HTMLElement;
  const shownOnScreen = getComputedStyle(container).display !== 'none';
  await emulateMedia({ media: 'print' });
  try {
    const printedChildren = [...document.body.children].map((element) => ({ element, shown: getComputedStyle(element).display !== 'none' }));
    return { container, document: container.shadowRoot!, printedChildren, shownOnScreen };
  } finally {
    await emulateMedia({ media: 'screen' });
  }
}

/** The browser's print dialog closed: `afterprint`. */
export function finishPrinting(): void {
  window.dispatchEvent(new Event('afterprint'));
}
