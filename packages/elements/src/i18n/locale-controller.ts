import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveElement } from 'lit';
import { localeContext } from '../context.js';
import type { Translation } from './en.js';
import { intlLocales, loadBooks, mainBook, matchLocale, translationOf, wordsOf, type Locale, type WordBook } from './locales.js';

export interface LocaleHost extends ReactiveElement {
  /** An explicit language for this element, e.g. "es"; wins over every other source. */
  locale?: string | undefined;
}

/**
 * Works out which language an element speaks and re-renders it when that changes, without a
 * remount: its `locale` property, else its own `lang` attribute, else the language the enclosing
 * `<bill-pay>` provides, else the nearest `lang` up the tree (through shadow roots), else English.
 */
export class LocaleController implements ReactiveController {
  readonly #host: LocaleHost;
  readonly #context: ContextConsumer<typeof localeContext, LocaleHost>;
  #observer: MutationObserver | undefined;
  #books: readonly WordBook<unknown>[] = [mainBook];

  constructor(host: LocaleHost) {
    this.#host = host;
    host.addController(this);
    this.#context = new ContextConsumer(host, { context: localeContext, subscribe: true });
  }

  hostConnected(): void {
    this.#observer = new MutationObserver(() => this.#host.requestUpdate());
    this.#observer.observe(this.#host, { attributes: true, attributeFilter: ['lang'] });
    this.#observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
  }

  get locale(): Locale {
    return (
      matchLocale(this.#host.locale) ??
      matchLocale(this.#host.getAttribute('lang')) ??
      this.#context.value ??
      matchLocale(closestLang(this.#host)) ??
      'en'
    );
  }

  /** The `Intl` locale for money and dates, e.g. "es-US". */
  get intlLocale(): string {
    return intlLocales[this.locale];
  }

  /** The element's words; English until its language's dictionary has arrived (see `loading`). */
  get t(): Translation {
    return translationOf(this.locale);
  }

  /** The element's words in `book` (one it `uses`); English until they have arrived. */
  words<T>(book: WordBook<T>): T {
    return wordsOf(book, this.locale);
  }

  /**
   * Adds the books of words the element draws with beside the main dictionary (e.g. the payment
   * form's): `loading` then waits for their words of the element's language too.
   */
  uses(...books: readonly WordBook<unknown>[]): void {
    this.#books = [...new Set([...this.#books, ...books])];
  }

  /**
   * While the element's language is still on its way (the main dictionary's words and its books'):
   * settles when they are here (or could not come, leaving English).
   */
  loading(): Promise<void> | undefined {
    return loadBooks(this.#books, this.locale);
  }
}

function closestLang(element: Element): string | null {
  let node: Node | null = element.parentNode;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang');
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
  return null;
}
