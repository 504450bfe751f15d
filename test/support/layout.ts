/**
 * Layout checks on measured boxes, in the page: what axe cannot see and a person would. Run with
 * `page.evaluate(layoutProblems, options)` after the page has settled at the width to judge.
 *
 * - nothing wider than the viewport (the page does not scroll sideways, and no box sticks out);
 * - no text cut off by `overflow: hidden` (or clipped by `text-overflow`);
 * - no word broken across lines in a table cell, a label or a heading (one letter per line);
 * - every tap target at least 24 by 24 CSS pixels, or spaced so that a 24 px circle on its centre
 *   touches no other target nor another small one's circle (WCAG 2.5.8, with its exceptions for
 *   links inside a sentence and a checkbox or radio button whose label is the larger target).
 *
 * It walks open shadow roots, since every element of ours renders in one. The function is written
 * to be serialized into the page: it may use nothing from this module's scope.
 */
export interface LayoutOptions {
  /** The width to judge against (the viewport's, or a printed page's content width). */
  readonly width: number;
  /** Skip tap-target sizes (on paper there is nothing to tap). */
  readonly skipTargets?: boolean;
}

export interface LayoutProblem {
  readonly kind: 'too_wide' | 'cut_off' | 'broken_word' | 'small_target';
  /** Where: a short path of tags, ids, classes and parts, through shadow roots. */
  readonly where: string;
  readonly detail: string;
}

export function layoutProblems(options: LayoutOptions): LayoutProblem[] {
  const problems: LayoutProblem[] = [];
  const describe = (el: Element): string => {
    const parts: string[] = [];
    let node: Element | null = el;
    while (node && parts.length < 6) {
      const id = node.id ? `#${node.id}` : '';
      const part = node.getAttribute('part') ? `[part=${node.getAttribute('part')}]` : '';
      const cls = !id && !part && typeof node.className === 'string' && node.className ? `.${node.className.trim().split(/\s+/)[0]}` : '';
      parts.unshift(`${node.localName}${id}${part}${cls}`);
      const parent: Node | null = node.parentNode;
      node = parent instanceof ShadowRoot ? parent.host : parent instanceof Element ? parent : null;
    }
    return parts.join(' > ');
  };
  const visible = (el: Element): boolean => {
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') return false;
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) return false;
    // Visually hidden text for screen readers (1 px, clipped) is not for the eye, nor is what is
    // put off the screen to the left until it has focus (a skip link).
    return !(rect.width <= 1 && rect.height <= 1) && rect.right > 0;
  };
  const textOf = (el: Element) => Array.from(el.childNodes).filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? '').join('').trim();

  const all: Element[] = [];
  const walk = (root: Document | ShadowRoot) => {
    for (const el of Array.from(root.querySelectorAll('*'))) {
      all.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);

  const TARGETS = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=link], [role=radio], [role=checkbox], [role=tab]';
  /** Targets smaller than 24 by 24, judged by their spacing once all are known. */
  const small: Element[] = [];
  const width = options.width;
  const pageWidth = document.documentElement.scrollWidth;
  if (pageWidth > width + 1) problems.push({ kind: 'too_wide', where: 'html', detail: `the page is ${pageWidth}px wide in ${width}px` });

  /** Inside a box that scrolls sideways on purpose, sticking out of the viewport is its business. */
  const inScroller = (el: Element): boolean => {
    let node: Element | null = el.parentElement ?? ((el.parentNode as ShadowRoot | null)?.host ?? null);
    while (node) {
      const overflowX = getComputedStyle(node).overflowX;
      if (overflowX === 'auto' || overflowX === 'scroll') return true;
      node = node.parentElement ?? ((node.parentNode as ShadowRoot | null)?.host ?? null);
    }
    return false;
  };

  for (const el of all) {
    if (!visible(el)) continue;
    const rect = el.getBoundingClientRect();
    const style = getComputedStyle(el);

    if ((rect.right > width + 1 || rect.left < -1) && !inScroller(el) && style.position !== 'fixed') {
      problems.push({ kind: 'too_wide', where: describe(el), detail: `spans ${Math.round(rect.left)}..${Math.round(rect.right)}px in ${width}px` });
    }

    const clips = style.overflowX === 'hidden' || style.overflowX === 'clip' || style.textOverflow === 'ellipsis';
    if (clips && el.scrollWidth > el.clientWidth + 1 && (el.textContent ?? '').trim() !== '' && !(rect.width <= 1 && rect.height <= 1)) {
      problems.push({ kind: 'cut_off', where: describe(el), detail: `${el.scrollWidth}px of text in ${el.clientWidth}px` });
    }

    const wordsMatter = ['td', 'th', 'label', 'legend', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'button', 'caption'].includes(el.localName) || ['cell', 'columnheader', 'rowheader', 'heading'].includes(el.getAttribute('role') ?? '');
    if (wordsMatter) {
      for (const node of Array.from(el.childNodes)) {
        if (node.nodeType !== Node.TEXT_NODE) continue;
        const text = node.textContent ?? '';
        // A word may end a line at its own hyphen (Fernández-/Castellanos): each part is a word.
        const pattern = /[^\s-]+-?/g;
        for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
          if (match[0].length < 2) continue;
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const lines = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          // A word on two lines: broken mid-word, as "Dat/e" or one letter per line.
          if (lines.size > 1) {
            problems.push({ kind: 'broken_word', where: describe(el), detail: `"${match[0]}" is broken across ${lines.size} lines` });
            break;
          }
        }
      }
    }

    if (!options.skipTargets && el.matches(TARGETS) && (rect.width < 24 || rect.height < 24)) {
      const inSentence = el.localName === 'a' && el.parentElement !== null && textOf(el.parentElement) !== '';
      const labels = Array.from((el as HTMLInputElement).labels ?? []);
      const choice = el.matches('input[type=checkbox], input[type=radio]') && labels.some((label) => label.getBoundingClientRect().height >= 24 || label.getBoundingClientRect().width >= 24);
      if (!inSentence && !choice) small.push(el);
    }
  }

  if (!options.skipTargets) {
    const targets = all.filter((el) => el.matches(TARGETS) && visible(el)).map((el) => ({ el, rect: el.getBoundingClientRect() }));
    const centre = (r: DOMRect) => ({ x: r.left + r.width / 2, y: r.top + r.height / 2 });
    const distanceToRect = (p: { x: number; y: number }, r: DOMRect) => Math.hypot(Math.max(r.left - p.x, 0, p.x - r.right), Math.max(r.top - p.y, 0, p.y - r.bottom));
    for (const el of small) {
      const rect = el.getBoundingClientRect();
      const c = centre(rect);
      const crowded = targets.some((other) => {
        if (other.el === el) return false;
        if (small.includes(other.el)) return Math.hypot(centre(other.rect).x - c.x, centre(other.rect).y - c.y) < 24;
        return distanceToRect(c, other.rect) < 12;
      });
      if (crowded) problems.push({ kind: 'small_target', where: describe(el), detail: `${Math.round(rect.width)}x${Math.round(rect.height)}px, too close to another target` });
    }
  }
  return problems;
}
