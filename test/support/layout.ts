/**
 * Layout checks on measured boxes, in the page: what axe cannot see and a person would. Run with
 * `page.evaluate(layoutProblems, options)` after the page has settled at the width to judge.
 *
 * - nothing wider than the viewport (the page does not scroll sideways, and no box sticks out, not
 *   even inside a box that scrolls);
 * - no text cut off by `overflow: hidden` or `clip`, sideways or downwards (or clipped by
 *   `text-overflow`);
 * - no box that scrolls inside the page (`overflow: auto` or `scroll` with more than it shows),
 *   unless it says it scrolls on purpose with the `data-scrolls` attribute;
 * - no word broken across lines in a table cell, a label or a heading (one letter per line);
 * - every tap target at least 24 by 24 CSS pixels, with no exception for spacing: a checkbox or
 *   radio button's target is its label when the label is larger (clicking it checks the box), and
 *   a link in the flow of text must be at least 24 px tall on each line it spans (and 24 px wide,
 *   unless it is a word or two inside a sentence).
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
  readonly kind: 'too_wide' | 'cut_off' | 'inner_scroll' | 'broken_word' | 'small_target';
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
  const width = options.width;
  const pageWidth = document.documentElement.scrollWidth;
  if (pageWidth > width + 1) problems.push({ kind: 'too_wide', where: 'html', detail: `the page is ${pageWidth}px wide in ${width}px` });

  for (const el of all) {
    if (!visible(el)) continue;
    const rect = el.getBoundingClientRect();
    const style = getComputedStyle(el);

    if ((rect.right > width + 1 || rect.left < -1) && style.position !== 'fixed') {
      problems.push({ kind: 'too_wide', where: describe(el), detail: `spans ${Math.round(rect.left)}..${Math.round(rect.right)}px in ${width}px` });
    }

    const hasText = (el.textContent ?? '').trim() !== '' && !(rect.width <= 1 && rect.height <= 1);
    const clipping = (overflow: string) => overflow === 'hidden' || overflow === 'clip';
    if ((clipping(style.overflowX) || style.textOverflow === 'ellipsis') && el.scrollWidth > el.clientWidth + 1 && hasText) {
      problems.push({ kind: 'cut_off', where: describe(el), detail: `${el.scrollWidth}px of text in ${el.clientWidth}px` });
    }
    if (clipping(style.overflowY) && el.scrollHeight > el.clientHeight + 1 && hasText) {
      problems.push({ kind: 'cut_off', where: describe(el), detail: `${el.scrollHeight}px of text in ${el.clientHeight}px tall` });
    }

    // A box that scrolls inside the page: what it holds is out of sight until found, and a second
    // scroll bar to drive. The page itself (html, body) and the controls that scroll by nature
    // (a text area, a list box) are not such boxes.
    const scrolling = (overflow: string) => overflow === 'auto' || overflow === 'scroll';
    // A modal dialog is a page of its own over the page (which is inert behind it): taller than the
    // screen, it scrolls, as the page would.
    const pageOrControl = el === document.documentElement || el === document.body || el.matches('textarea, select, input, dialog:modal');
    if (!pageOrControl && !el.hasAttribute('data-scrolls')) {
      if (scrolling(style.overflowX) && el.scrollWidth > el.clientWidth + 1) problems.push({ kind: 'inner_scroll', where: describe(el), detail: `scrolls sideways: ${el.scrollWidth}px in ${el.clientWidth}px` });
      if (scrolling(style.overflowY) && el.scrollHeight > el.clientHeight + 1) problems.push({ kind: 'inner_scroll', where: describe(el), detail: `scrolls downwards: ${el.scrollHeight}px in ${el.clientHeight}px` });
    }

    const wordsMatter = ['td', 'th', 'label', 'legend', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'button', 'caption'].includes(el.localName) || ['cell', 'columnheader', 'rowheader', 'heading'].includes(el.getAttribute('role') ?? '');
    if (wordsMatter) {
      for (const node of Array.from(el.childNodes)) {
        if (node.nodeType !== Node.TEXT_NODE) continue;
        const text = node.textContent ?? '';
        // A word may end a line at its own hyphen (Fernández-/Castellanos): each part is a word.
        const pattern = /[^\s-]+-?/g;
        for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
          // An address (https://…, someone@example.com) is broken where it must be: no line holds a long one whole.
          if (match[0].length < 2 || /^[a-z][a-z+.-]*:\/\//i.test(match[0]) || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(match[0])) continue;
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

    if (!options.skipTargets && el.matches(TARGETS)) {
      if (el.localName === 'a' && style.display === 'inline') {
        // A link is a target as tall as each line of it: 24 px at least. One in a sentence may be
        // narrow (a short word); one on its own is 24 px wide too.
        const inSentence = el.parentElement !== null && textOf(el.parentElement) !== '';
        const short = Array.from(el.getClientRects()).filter((line) => line.width > 0 && line.height < 23.5);
        if (short.length > 0 || (!inSentence && rect.width < 23.5)) {
          problems.push({ kind: 'small_target', where: describe(el), detail: `a link${inSentence ? ' in a sentence' : ''} ${Math.round(rect.width)}px wide, ${Math.round((short[0] ?? rect).height)}px tall a line` });
        }
        continue;
      }
      const labels = el.matches('input[type=checkbox], input[type=radio]') ? Array.from((el as HTMLInputElement).labels ?? []) : [];
      const boxes = [rect, ...labels.filter(visible).map((label) => label.getBoundingClientRect())];
      if (!boxes.some((box) => box.width >= 23.5 && box.height >= 23.5)) {
        problems.push({ kind: 'small_target', where: describe(el), detail: `${Math.round(rect.width)}x${Math.round(rect.height)}px${labels.length > 0 ? ', its label too' : ''}` });
      }
    }
  }

  return problems;
}
