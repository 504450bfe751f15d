/**
 * The text of a node as a screen reader reads it: without what is hidden from it (`aria-hidden`,
 * e.g. the labels a table's row shows as a card on a phone, which its column headers already say),
 * words separated by single spaces.
 */
export function spokenTextOf(node: Element | ShadowRoot | null | undefined): string {
  if (!node) return '';
  const copy = node instanceof ShadowRoot ? document.createElement('div') : (node.cloneNode(true) as Element);
  if (node instanceof ShadowRoot) for (const child of node.childNodes) copy.append(child.cloneNode(true));
  for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
  // Cells and lines read one after another, never run together.
  for (const cell of copy.querySelectorAll('th, td, li, p, div, dt, dd')) cell.append(' ');
  return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
}
