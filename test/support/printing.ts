import { emulateMedia, sendKeys } from '@web/test-runner-commands';
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
 * In a test browser `window.print` only counts, for as long as the page lives. Headless Chromium
 * would wait on the print dialog forever, and every later test of the file with it: a print that
 * comes late (its module loaded on demand on a busy machine), after a test gave up on it, must
 * not open it.
 */
let printCalls = 0;
window.print = () => {
  printCalls++;
};

/** How many times the page has asked to print. */
export function printCount(): number {
  return printCalls;
}

/**
 * Presses Print (by `press`), waits until the element asks to print (`window.print` only counts,
 * see above), and answers what would print then, looked at in print media.
 */
export async function printWith(press: () => unknown): Promise<Printed> {
  const before = printCalls;
  await press();
  await waitUntil(() => printCalls > before, 'Print did not print');
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

/** Presses Print with the keyboard, as a person would (focus on it, then Enter), and answers what would print. */
export function printByKeyboard(button: HTMLElement): Promise<Printed> {
  return printWith(async () => {
    button.focus();
    await sendKeys({ press: 'Enter' });
  });
}
