import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { BillPayEventMap } from '../events.js';
import { LocaleController } from '../i18n/locale-controller.js';

type DetailOf<K extends keyof BillPayEventMap> = BillPayEventMap[K] extends CustomEvent<infer D> ? D : never;

/**
 * The base of every billpay element: a typed `emit`, the language controller, and a shadow root
 * that delegates focus.
 */
export class BillPayElement extends LitElement {
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** The element's language ("en" or "es"); by default it follows `lang` on it or its ancestors. */
  @property({ reflect: true }) locale: string | undefined;

  protected readonly localize = new LocaleController(this);

  /**
   * Each update waits for the element's language to arrive (only the patient's is fetched), so
   * an element is never drawn, nor redrawn after a switch, in the wrong language.
   */
  protected override scheduleUpdate() {
    const words = this.localize.loading();
    return words ? words.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  /** Fires a composed, bubbling event whose name and detail are checked against the event map. */
  protected emit<K extends keyof BillPayEventMap>(
    name: K,
    detail: DetailOf<K>,
    options: Omit<CustomEventInit, 'detail'> = {},
  ): boolean {
    return this.dispatchEvent(billPayEvent(name, detail, options));
  }
}

/** Kept outside the class so the manifest analyzer does not list a generic event per element. */
function billPayEvent(name: string, detail: unknown, options: Omit<CustomEventInit, 'detail'>): CustomEvent {
  return new CustomEvent(name, { bubbles: true, composed: true, cancelable: false, ...options, detail });
}
