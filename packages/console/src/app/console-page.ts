import { LitElement, css } from 'lit';
import { property } from 'lit/decorators.js';
import type { AccountSearch, StaffSession } from '@billpay/sdk/admin';
import { dataTableStyles, formStyles, tokens, type Locale } from '@billpay/elements/parts.js';
import { consoleTranslations } from '../i18n/locale.js';
import type { ConsoleTranslation } from '../i18n/en.js';
import type { ConsoleDesk } from './desk.js';

/** What a page tells the app shell. */
export interface ConsoleEventMap {
  /** Go to another page of the console (a path under /console/). */
  'console-navigate': CustomEvent<{ path: string }>;
  /** A session was opened (sign-in, enrolment). */
  'console-signed-in': CustomEvent<{ session: StaffSession }>;
  /** Say this in the shell's polite live region (what a change did). */
  'console-announce': CustomEvent<{ text: string }>;
  /** A search and what it found, for the shell to keep while staff look at an account. */
  'console-search-changed': CustomEvent<SearchState>;
}

export interface SearchState {
  readonly q: string;
  readonly result: AccountSearch | undefined;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalEventHandlersEventMap extends ConsoleEventMap {}
}

/** Styles every page shares: the widget's tokens, forms and tables, and the console's layout. */
export const pageStyles = [
  tokens,
  formStyles,
  dataTableStyles,
  css`
    :host {
      display: block;
    }
    h1 {
      font-size: 1.75rem;
      line-height: 1.25;
      margin: 0 0 var(--_space);
    }
    h1:focus {
      outline: none;
    }
    h1:focus-visible {
      outline: 3px solid var(--_focus);
    }
    h2 {
      font-size: 1.3rem;
      margin: calc(var(--_space) * 2) 0 calc(var(--_space) / 2);
    }
    h3 {
      font-size: 1.1rem;
      margin: var(--_space) 0 calc(var(--_space) / 2);
    }
    .panel {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: var(--_space);
      background: var(--_surface);
      margin-block: var(--_space);
    }
    .panel > h2:first-child,
    .panel > h2:first-child + * {
      margin-top: 0;
    }
    .notice {
      border-inline-start: 4px solid var(--_accent);
      padding: 0.5rem 0.75rem;
      background: var(--_surface-2);
      margin: 0 0 var(--_space);
    }
    .problem {
      border: 3px solid var(--_danger);
      border-radius: var(--_radius);
      padding: 0.75rem;
      color: var(--_text);
      background: var(--_danger-surface);
      margin: 0 0 var(--_space);
      font-weight: 600;
    }
    .problem:empty {
      display: none;
    }
    select,
    textarea {
      font: inherit;
      color: var(--_text);
      background: var(--_surface);
      border: 2px solid var(--_border);
      border-radius: calc(var(--_radius) / 2);
      padding: 0.5rem 0.75rem;
      min-height: 44px;
      width: 100%;
    }
    select[aria-invalid='true'] {
      border-color: var(--_danger);
      border-width: 3px;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      align-items: center;
    }
    .muted {
      color: var(--_muted);
    }
    .mono {
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      overflow-wrap: anywhere;
    }
    button.small {
      min-height: 44px;
      padding: 0.25rem 0.75rem;
    }
    input,
    select,
    textarea {
      max-width: 32rem;
    }
  `,
];

/**
 * A page of the console: the shell gives it the desk (the server) and the language; it tells the
 * shell where to go and what to announce by events, and has its heading focused when shown.
 */
export class ConsolePage extends LitElement {
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: false };

  @property({ attribute: false }) desk!: ConsoleDesk;
  @property() locale: Locale = 'en';

  get t(): ConsoleTranslation {
    return consoleTranslations[this.locale];
  }

  /** Moves focus to the page's heading, so a screen reader starts reading the new page there. */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  protected emit<K extends keyof ConsoleEventMap>(name: K, detail: ConsoleEventMap[K]['detail']): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  protected navigate(path: string): void {
    this.emit('console-navigate', { path });
  }

  protected announce(text: string): void {
    this.emit('console-announce', { text });
  }
}
