import type { CardToken, Practice } from '@billpay/sdk';
import type { PayWords } from '../i18n/pay.js';
import { html, noChange, nothing, type ElementPart, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { Directive, directive, PartType, type PartInfo } from 'lit/directive.js';
import { keyed } from 'lit/directives/keyed.js';
import { ref } from 'lit/directives/ref.js';
import { CardFieldsError, type CardFields, type CardFieldsChange } from './card-fields.js';
import { HostedCardController, HostedCardInvalidError, HostedCardUnavailableError, type HostedCardTheme } from './hosted-card.js';

/**
 * The sandbox processor's card fields (`CardFields`): its hosted card page in an iframe, with the
 * frame's loading and failure states, a retry, a fresh empty frame on demand (after a decline),
 * and the host's colors passed in.
 */
export class HostedCardFrame implements ReactiveController, CardFields {
  readonly kind = 'sandbox';
  readonly controller: HostedCardController;
  /** Changing it replaces the iframe with an empty one. */
  generation = 0;
  /** Loaded but silent: an error page or a blocked script. */
  failed = false;

  readonly #host: ReactiveControllerHost;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #url: string | undefined;
  #loaded: { key: string; url: string } | undefined;
  #lang: string | undefined;
  #frame: HTMLIFrameElement | undefined;
  readonly #listeners = new Set<(change: CardFieldsChange) => void>();

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
    this.controller = new HostedCardController(host, (change) => this.#listeners.forEach((listener) => listener(change)));
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
  }

  hostUpdated(): void {
    if (this.#lang) this.controller.setLang(this.#lang);
  }

  /** A new, empty frame: what was typed in the old one is gone. */
  clear(): void {
    this.generation++;
    this.#host.requestUpdate();
  }

  async tokenize(options: { readonly reusable?: boolean } = {}): Promise<CardToken> {
    try {
      return await this.controller.tokenize(options);
    } catch (error) {
      // The frame shows, announces and focuses its own field messages; a problem with its form is the frame's, too.
      if (error instanceof HostedCardInvalidError) throw new CardFieldsError(error.problems.some((p) => p.field === 'form') ? 'unavailable' : 'invalid', true);
      if (error instanceof HostedCardUnavailableError) throw new CardFieldsError('unavailable', false);
      throw error;
    }
  }

  focus(): void {
    this.#frame?.focus();
  }

  onChange(listener: (change: CardFieldsChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  destroy(): void {
    this.#listeners.clear();
    this.controller.hostDisconnected();
    this.hostDisconnected();
    this.#host.removeController(this.controller);
    this.#host.removeController(this);
  }

  render(practice: Practice | undefined, locale: string, t: PayWords, error: TemplateResult | typeof nothing): TemplateResult | typeof nothing {
    const url = hostedCardUrl(practice, locale);
    return url ? this.#render(url, t, error) : nothing;
  }

  /**
   * The frame for `url` with its note, messages and retry button. `error` is the host's inline
   * message for the `card` slot.
   */
  #render(url: string, t: PayWords, error: TemplateResult | typeof nothing): TemplateResult {
    // A new language is not a new frame: the frame keeps the address it was loaded from and is
    // told the language (a reload would empty the card number the patient typed).
    const lang = new URL(url).searchParams.get('lang') ?? undefined;
    const key = `${String(this.generation)}|${withoutLang(url)}`;
    if (this.#loaded?.key !== key) this.#loaded = { key, url };
    this.#url = this.#loaded.url;
    this.#lang = lang;
    const height = this.controller.height;
    return html`
      <div class="field ${error === nothing ? '' : 'invalid'}">
        <p class="hint secure-note">${t.cardSecureNote}</p>
        ${error}
        ${this.failed
          ? html`<p class="error" role="alert">${t.cardFrameFailed}</p>
              <button type="button" class="secondary" @click=${this.#retry}>${t.tryAgain}</button>`
          : nothing}
        ${this.controller.ready ? nothing : html`<p class="hint" role="status">${this.failed ? '' : t.cardLoading}</p>`}
        ${keyed(
          key,
          html`<iframe
            id="card-frame"
            part="card-frame"
            class="card-frame"
            title=${t.cardFrameTitle}
            src=${this.#url}
            referrerpolicy="no-referrer"
            ${frameHeight(height)} ${ref(this.#onFrameRef)}
            @load=${this.#onFrameLoad}
          ></iframe>`,
        )}
      </div>
    `;
  }

  /** Passes colors, radius and font to the frame so its fields match the host. */
  setTheme(host: HTMLElement, root: ParentNode): void {
    this.controller.setTheme(themeOf(host, root));
  }

  /** Stable, so Lit calls it only when the iframe itself is replaced (a new card, a new processor page). */
  #onFrameRef = (element: Element | undefined) => {
    if (!(element instanceof HTMLIFrameElement)) return;
    this.#frame = element;
    if (this.#url) this.controller.attach(element, this.#url);
  };

  #onFrameLoad = () => {
    clearTimeout(this.#timer);
    // Loaded but silent (an error page, a blocked script): say so rather than wait forever.
    this.#timer = setTimeout(() => {
      if (!this.controller.ready) {
        this.failed = true;
        this.#host.requestUpdate();
      }
    }, 8_000);
  };

  #retry = () => {
    this.failed = false;
    this.clear();
  };
}

/** The processor's hosted card page for this practice, in the element's language. */
export function hostedCardUrl(practice: Practice | undefined, locale: string): string | undefined {
  const payments = practice?.payments;
  if (!payments) return undefined;
  const url = new URL(payments.hostedCardUrl ?? new URL('hosted/card', payments.processorUrl.endsWith('/') ? payments.processorUrl : `${payments.processorUrl}/`).href);
  url.searchParams.set('key', payments.publishableKey);
  url.searchParams.set('origin', location.origin);
  url.searchParams.set('lang', locale);
  return url.href;
}

/** The frame's address without its language, which changes in place. */
function withoutLang(url: string): string {
  const address = new URL(url);
  address.searchParams.delete('lang');
  return address.href;
}

/**
 * Sets an element's height in pixels (0: its stylesheet's) through the CSSOM. Not a `style`
 * attribute (as `styleMap` writes on first render): pages with `style-src 'self'` block those.
 */
class FrameHeight extends Directive {
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('frameHeight() goes on an element');
  }

  render(_height: number): typeof noChange {
    return noChange;
  }

  override update(part: ElementPart, [height]: [number]): typeof noChange {
    (part.element as HTMLElement).style.height = height ? `${String(height)}px` : '';
    return noChange;
  }
}
const frameHeight = directive(FrameHeight);

/** Colors, radius and font of the host's submit button and frame, for the hosted card fields. */
function themeOf(host: HTMLElement, root: ParentNode): HostedCardTheme {
  const button = root.querySelector('button[type="submit"]');
  const frame = root.querySelector('.card-frame');
  if (!button || !frame) return {};
  const style = getComputedStyle(host);
  return {
    accent: toHex(getComputedStyle(button).backgroundColor),
    text: toHex(style.color),
    background: toHex(getComputedStyle(frame).backgroundColor),
    radius: `${String(Math.min(24, Math.round(parseFloat(getComputedStyle(button).borderTopLeftRadius) / 2)))}px`,
    fontFamily: style.fontFamily,
  };
}

/** "rgb(11, 92, 173)" -> "#0b5cad"; anything else (transparent, color()) -> undefined. */
function toHex(color: string): string | undefined {
  const match = /^rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\)$/.exec(color);
  if (!match || match[4] === '0') return undefined;
  return `#${[match[1], match[2], match[3]].map((n) => Number(n).toString(16).padStart(2, '0')).join('')}`;
}
