import { css } from 'lit';

/**
 * Design tokens shared by every element. Public custom properties (`--billpay-*`) map to private
 * ones (`--_*`) so a page can theme the widget without reaching into it. Light or dark follows
 * the page's `color-scheme` (inherited, so `light-dark()` picks the page's choice), and
 * forced-colors mode gets system colors.
 *
 * Every element whose styles include these honours the properties below; the manifest
 * (custom-elements-manifest.config.mjs) lists them on each of them, with the defaults written here.
 *
 * @cssprop --billpay-font-family - Font of the widget. Default: the system UI font.
 * @cssprop --billpay-font-size - Base font size.
 * @cssprop --billpay-color-text - Text color.
 * @cssprop --billpay-color-muted - Secondary text color.
 * @cssprop --billpay-color-surface - Background of the card.
 * @cssprop --billpay-color-surface-raised - Background of raised areas.
 * @cssprop --billpay-color-border - Borders and dividers.
 * @cssprop --billpay-color-accent - Buttons and links. Unset, the practice's brand colour (`branding.accentColor`) in light mode, else the widget's blue.
 * @cssprop --billpay-color-on-accent - Text on accent-colored buttons.
 * @cssprop --billpay-color-danger - Error borders and text.
 * @cssprop --billpay-color-danger-surface - Background of error messages.
 * @cssprop --billpay-color-focus - The focus ring.
 * @cssprop --billpay-radius - Corner radius.
 * @cssprop --billpay-space - Base spacing.
 *
 * A link is a target 24 px tall on each of its lines (WCAG 2.5.8): padding above and below, which
 * moves nothing on the line, only makes it easier to tap (and its focus ring taller).
 */
// The accent: the page's own, else in light mode the practice's brand colour (set by <bill-pay>), else the widget's blue.
export const tokens = css`
  :host {
    --_font: var(--billpay-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_text: var(--billpay-color-text, light-dark(#1b2430, #e8edf3));
    --_muted: var(--billpay-color-muted, light-dark(#4a5565, #b4bfcc));
    --_surface: var(--billpay-color-surface, light-dark(#ffffff, #121a24));
    --_surface-2: var(--billpay-color-surface-raised, light-dark(#f4f6f9, #1c2633));
    --_border: var(--billpay-color-border, light-dark(#8a96a6, #5d6b7c));
    --_accent: var(--billpay-color-accent, light-dark(var(--_practice-accent, #0b5cad), #79b8ff));
    --_on-accent: var(--billpay-color-on-accent, light-dark(#ffffff, #0b1520));
    --_danger: var(--billpay-color-danger, light-dark(#b3261e, #ffb4ab));
    --_danger-surface: var(--billpay-color-danger-surface, light-dark(#fdecea, #3b1512));
    --_focus: var(--billpay-color-focus, light-dark(#0b5cad, #9ecbff));
    --_radius: var(--billpay-radius, 8px);
    --_space: var(--billpay-space, 1rem);

    display: block;
    font-family: var(--_font);
    font-size: var(--billpay-font-size, 1rem);
    line-height: 1.5;
    color: var(--_text);
    overflow-wrap: anywhere;
  }

  :host([hidden]) {
    display: none;
  }

  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }

  a {
    color: var(--_accent);
    text-underline-offset: 0.15em;
    padding-block: max(0.25em, calc(12.5px - 0.6em));
  }

  button {
    font: inherit;
    min-height: 44px;
    min-width: 44px;
    padding: 0.5rem 1.25rem;
    border-radius: var(--_radius);
    border: 2px solid var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
    cursor: pointer;
    font-weight: 600;
  }

  button.secondary {
    background: transparent;
    color: var(--_accent);
  }

  button.link {
    background: none;
    border: 0;
    color: var(--_accent);
    text-decoration: underline;
    text-underline-offset: 0.15em;
    padding: 0.5rem 0;
    font-weight: 400;
    justify-self: start;
    text-align: start;
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }

  /* A phone number is never split across two lines ("1-800-985-" then "3059"). */
  .phone {
    white-space: nowrap;
  }

  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation-duration: 0.01ms !important;
      transition-duration: 0.01ms !important;
    }
  }

  @media (forced-colors: active) {
    button {
      border-color: ButtonText;
      background: ButtonFace;
      color: ButtonText;
    }
    :focus-visible {
      outline-color: Highlight;
    }
  }
`;
