import type { CardToken } from '@billpay/sdk';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** A problem the hosted card page reported, by field ("number", "expiry", …, or "form"). */
export interface HostedCardProblem {
  readonly field: string;
  readonly code: string;
}

/** Thrown by `tokenize()` when the card fields have problems (shown inside the frame). */
export class HostedCardInvalidError extends Error {
  constructor(readonly problems: readonly HostedCardProblem[]) {
    super('The card details need attention.');
    this.name = 'HostedCardInvalidError';
  }
}

/** Thrown by `tokenize()` when the frame is not loaded or does not answer. */
export class HostedCardUnavailableError extends Error {
  constructor() {
    super('The hosted card fields are not available.');
    this.name = 'HostedCardUnavailableError';
  }
}

/** Theme values the hosted page accepts (it checks each one itself, too). */
export interface HostedCardTheme {
  accent?: string;
  text?: string;
  background?: string;
  radius?: string;
  fontFamily?: string;
}

interface Pending {
  resolve(token: CardToken): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

/** How long a tokenize request may take before the frame is treated as gone. */
const TOKENIZE_TIMEOUT_MS = 30_000;

/**
 * Talks to the processor's hosted card page in an iframe, by postMessage only: it accepts
 * messages only from that frame's window and the processor's origin, and posts only to that
 * origin. Card numbers never pass through here; the frame hands back a token.
 *
 * Protocol (see packages/server/hosted/card.js): the frame posts `billpay:ready`,
 * `billpay:resize {height}`, `billpay:change {complete, brand}`, `billpay:token {token}` and
 * `billpay:error {errors}`; the parent posts `billpay:tokenize {reusable?}`, `billpay:theme {values}`
 * and `billpay:lang {lang}` (relabel in place: a reload would lose what was typed).
 */
export class HostedCardController implements ReactiveController {
  ready = false;
  complete = false;
  brand: string | undefined;
  height = 0;

  readonly #host: ReactiveControllerHost;
  readonly #onChange: ((change: { complete: boolean; brand: string | undefined }) => void) | undefined;
  #frame: HTMLIFrameElement | undefined;
  #origin = '';
  #pending: Pending | undefined;
  #theme: HostedCardTheme | undefined;
  /** The language the page should show, and the one it shows (loaded with, or last told). */
  #lang: string | undefined;
  #frameLang: string | undefined;

  /** `onChange`: told what the frame reports as the patient types (complete or not, the brand). */
  constructor(host: ReactiveControllerHost, onChange?: (change: { complete: boolean; brand: string | undefined }) => void) {
    this.#host = host;
    this.#onChange = onChange;
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('message', this.#onMessage);
  }

  hostDisconnected(): void {
    window.removeEventListener('message', this.#onMessage);
    this.#fail(new HostedCardUnavailableError());
  }

  /** Points the controller at a (new) frame showing `url`; state starts over. */
  attach(frame: HTMLIFrameElement | undefined, url: string): void {
    if (frame === this.#frame) return;
    this.#frame = frame;
    this.#origin = new URL(url).origin;
    this.#frameLang = new URL(url).searchParams.get('lang') ?? undefined;
    this.ready = false;
    this.complete = false;
    this.brand = undefined;
    this.#fail(new HostedCardUnavailableError());
  }

  /** Sends theme values now, or as soon as the frame is ready. */
  setTheme(theme: HostedCardTheme): void {
    const sent = this.ready && JSON.stringify(theme) === JSON.stringify(this.#theme);
    this.#theme = theme;
    if (this.ready && !sent) this.#post({ type: 'billpay:theme', values: theme });
  }

  /** Shows the fields in `lang`, in place, now or as soon as the frame is ready. */
  setLang(lang: string): void {
    this.#lang = lang;
    this.#sendLang();
  }

  #sendLang(): void {
    if (!this.ready || !this.#lang || this.#lang === this.#frameLang) return;
    this.#frameLang = this.#lang;
    this.#post({ type: 'billpay:lang', lang: this.#lang });
  }

  /**
   * Asks the frame to send the card to the processor; resolves with the processor's token.
   * `reusable`: save the card for later charges (only with the patient's consent, e.g. autopay).
   */
  tokenize(options: { reusable?: boolean } = {}): Promise<CardToken> {
    if (!this.ready || !this.#frame?.contentWindow) return Promise.reject(new HostedCardUnavailableError());
    this.#fail(new HostedCardUnavailableError());
    return new Promise<CardToken>((resolve, reject) => {
      const timer = setTimeout(() => this.#fail(new HostedCardUnavailableError()), TOKENIZE_TIMEOUT_MS);
      this.#pending = { resolve, reject, timer };
      this.#post({ type: 'billpay:tokenize', ...(options.reusable ? { reusable: true } : {}) });
    });
  }

  #post(message: unknown): void {
    this.#frame?.contentWindow?.postMessage(message, this.#origin);
  }

  #fail(error: Error): void {
    const pending = this.#pending;
    this.#pending = undefined;
    if (pending) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
  }

  #onMessage = (event: MessageEvent): void => {
    const frame = this.#frame;
    if (!frame || event.source !== frame.contentWindow || event.origin !== this.#origin) return;
    const data: unknown = event.data;
    if (!data || typeof data !== 'object' || !('type' in data)) return;
    const message = data as { type: unknown } & Record<string, unknown>;
    switch (message.type) {
      case 'billpay:ready':
        this.ready = true;
        if (this.#theme) this.#post({ type: 'billpay:theme', values: this.#theme });
        this.#sendLang();
        break;
      case 'billpay:resize':
        if (typeof message.height === 'number' && message.height > 0 && message.height < 5000) this.height = Math.ceil(message.height);
        break;
      case 'billpay:change':
        this.complete = message.complete === true;
        this.brand = typeof message.brand === 'string' ? message.brand : undefined;
        this.#onChange?.({ complete: this.complete, brand: this.brand });
        break;
      case 'billpay:token': {
        const token = message.token as CardToken | undefined;
        const pending = this.#pending;
        this.#pending = undefined;
        if (pending && token && typeof token.id === 'string') {
          clearTimeout(pending.timer);
          pending.resolve(token);
        }
        break;
      }
      case 'billpay:error': {
        const errors = Array.isArray(message.errors) ? (message.errors as HostedCardProblem[]) : [];
        this.#fail(new HostedCardInvalidError(errors));
        break;
      }
      default:
        return;
    }
    this.#host.requestUpdate();
  };
}
