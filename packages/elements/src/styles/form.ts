import { css } from 'lit';

/** Fields, hints, inline errors and the error summary, shared by every form element. */
export const formStyles = css`
  form {
    display: grid;
    gap: var(--_space);
  }

  .field {
    display: grid;
    gap: 0.25rem;
  }

  label,
  legend {
    font-weight: 600;
  }

  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }

  .hint {
    color: var(--_muted);
    font-size: 0.9375rem;
  }

  input {
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 2px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    padding: 0.5rem 0.75rem;
    min-height: 44px;
    width: 100%;
    max-width: 100%;
  }

  input[aria-invalid='true'] {
    border-color: var(--_danger);
    border-width: 3px;
  }

  .field.invalid,
  fieldset.invalid {
    border-inline-start: 4px solid var(--_danger);
    padding-inline-start: 0.75rem;
  }

  .error {
    color: var(--_danger);
    font-weight: 600;
    margin: 0;
  }

  .error-summary {
    border: 3px solid var(--_danger);
    border-radius: var(--_radius);
    padding: var(--_space);
    background: var(--_surface);
  }

  .error-summary:focus {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }

  .error-summary-title {
    font-weight: 700;
    font-size: 1.125rem;
    margin: 0 0 0.5rem;
  }

  .error-summary ul {
    margin: 0;
    padding-inline-start: 1.25rem;
  }

  .error-summary a {
    color: var(--_danger);
    font-weight: 600;
  }

  .error-summary p {
    margin: 0;
  }

  button[aria-disabled='true'] {
    opacity: 0.75;
    cursor: progress;
  }

  details summary {
    cursor: pointer;
    color: var(--_accent);
    text-decoration: underline;
    text-underline-offset: 0.15em;
    min-height: 44px;
    display: flex;
    align-items: center;
  }

  details p {
    margin: 0.25rem 0 0;
    padding-inline-start: 1rem;
    border-inline-start: 4px solid var(--_border);
  }

  @media (forced-colors: active) {
    input[aria-invalid='true'],
    .error-summary {
      border-color: Mark;
    }
    .error,
    .error-summary a {
      color: LinkText;
    }
  }

  /* The busy mark inside a button that is working (submitting, paying). */
  .spinner {
    display: inline-block;
    width: 1em;
    height: 1em;
    margin-inline-end: 0.5em;
    vertical-align: -0.125em;
    border: 2px solid currentColor;
    border-right-color: transparent;
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }

  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
`;
