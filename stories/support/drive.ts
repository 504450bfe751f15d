import type { ReactiveElement } from 'lit';

// Drivers for play functions and element tests: fill an element's form as a person would (a value,
// then an input event) and wait for what it renders. Every element with a form uses these.

/** Lets the element render what the last step changed, and what that render scheduled. */
export async function settle(el: ReactiveElement): Promise<void> {
  await el.updateComplete;
  await new Promise((resolve) => setTimeout(resolve, 0));
  await el.updateComplete;
}

/** Waits until `check` holds, re-rendering between tries. */
export async function until(el: ReactiveElement, check: () => unknown, timeoutMs = 8000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`Timed out waiting for <${el.localName}>`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await el.updateComplete;
  }
}

/** The first match of `selector` in `root`, else in the shadow root of an element in it (a part drawn by an inner element). */
function query<T extends Element>(root: ShadowRoot | null, selector: string): T | null {
  if (!root) return null;
  const found = root.querySelector<T>(selector);
  if (found) return found;
  for (const inner of root.querySelectorAll('*')) {
    const deeper = query<T>(inner.shadowRoot, selector);
    if (deeper) return deeper;
  }
  return null;
}

/** The first match of `selector` in the element's shadow DOM, or in an inner element's. */
export const find = <T extends Element>(el: ReactiveElement, selector: string): T | null => query<T>(el.shadowRoot, selector);

/**
 * What `selector` finds in the element, once the element shows it: a story's play starts as soon as
 * the element is on the page, before what it shows has loaded.
 */
async function shown<T extends Element>(el: ReactiveElement, selector: string): Promise<T> {
  let found: T | null | undefined;
  await until(el, () => (found = query<T>(el.shadowRoot, selector))).catch(() => {
    throw new Error(`No ${selector} in <${el.localName}>`);
  });
  return found!;
}

/** Types `value` into the field with id `id`, then leaves it. */
export async function typeInto(el: ReactiveElement, id: string, value: string): Promise<void> {
  const input = await shown<HTMLInputElement>(el, `#${id}`);
  input.focus();
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  input.blur();
  await settle(el);
}

/** Picks the radio button `value` of the group `name`. */
export async function choose(el: ReactiveElement, name: string, value: string): Promise<void> {
  const radio = await shown<HTMLInputElement>(el, `input[name="${name}"][value="${value}"]`);
  radio.click();
  await settle(el);
}

/** Clicks the button with part `part`. */
export async function click(el: ReactiveElement, part: string): Promise<void> {
  const button = await shown<HTMLButtonElement>(el, `[part~="${part}"]`);
  button.click();
  await settle(el);
}
