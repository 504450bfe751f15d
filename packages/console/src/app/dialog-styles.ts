import { css } from 'lit';
import { pageStyles } from './console-page.js';

/**
 * A page's styles and those of its modal dialog (the money and plan changes' dialogs): apart from
 * console-page.ts, so the first screen does not carry them.
 */
export const dialogStyles = [
  pageStyles,
  css`
    dialog {
      border: 2px solid var(--_border);
      border-radius: var(--_radius);
      padding: var(--_space);
      width: min(36rem, calc(100vw - 2rem));
      color: var(--_text);
      background: var(--_surface);
    }
    dialog::backdrop {
      background: rgb(0 0 0 / 0.5);
    }
    h2 {
      margin-top: 0;
    }
    .money-input {
      display: flex;
      align-items: center;
      gap: 0.25rem;
    }
  `,
];
