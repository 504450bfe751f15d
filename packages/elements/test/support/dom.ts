/**
 * Reading an element's shadow DOM the way its tests do: its text, its root, its parts. An element
 * may draw parts of itself as elements of its own (`<pay-form>` its `<billpay-receipt>`,
 * `<plan-builder>` its `<billpay-plan-schedule>`): these helpers read into their shadow roots too.
 */

/** What a node shows as text, inside the shadow roots of the elements in it too. */
function deepTextOf(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (node.nodeType !== Node.ELEMENT_NODE && node.nodeType !== Node.DOCUMENT_FRAGMENT_NODE) return '';
  const children = node instanceof Element && node.shadowRoot ? node.shadowRoot.childNodes : node.childNodes;
  return [...children].map(deepTextOf).join('');
}

/** The text of a node, with runs of white space as one space (inner elements' shadow roots included). */
export const text = (node: Element | ShadowRoot | null | undefined) => (node ? deepTextOf(node) : '').replace(/\s+/g, ' ').trim();

export const root = (el: Element) => el.shadowRoot!;

/** Every match of `selector` in `scope` and in the shadow roots of the elements in it, outer ones first. */
export function findAll<T extends Element = Element>(scope: Element | ShadowRoot | Document, selector: string): T[] {
  const start = scope instanceof Element && scope.shadowRoot ? [scope.shadowRoot] : [scope];
  const found: T[] = [];
  for (const where of start) {
    found.push(...where.querySelectorAll<T>(selector));
    for (const inner of where.querySelectorAll('*')) if (inner.shadowRoot) found.push(...findAll<T>(inner.shadowRoot, selector));
  }
  return found;
}

/** The first match of `selector` in the element's shadow DOM, or in an inner element's. */
export const find = <T extends Element = Element>(scope: Element | ShadowRoot, selector: string): T | null => findAll<T>(scope, selector)[0] ?? null;

/** The first node of the element's shadow DOM (or an inner element's) with `name` among its parts. */
export const part = <T extends Element = Element>(el: Element, name: string) => find<T>(el, `[part~="${name}"]`);

/** What has focus inside the element, inside its inner elements too. */
export function focused(el: Element): Element | null {
  let active = root(el).activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** A date as the elements write it in full ("March 9, 2026"), in `locale`. */
export const longDate = (iso: string, locale = 'en-US') =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

/** Every Luhn-valid run of 13 to 19 digits: card numbers, wherever they hide. */
export const cardNumbers = (texts: readonly string[]) =>
  texts.flatMap((t) => t.match(/\d{13,19}/g) ?? []).filter((digits) => {
    let sum = 0;
    for (let i = 0; i < digits.length; i++) {
      let d = Number(digits[digits.length - 1 - i]);
      if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
    return sum % 10 === 0;
  });
