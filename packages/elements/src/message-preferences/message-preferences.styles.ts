import { css } from 'lit';

export const messagePreferencesStyles = css`
  :host {
    margin-block-start: calc(var(--_space) * 1.5);
  }

  section.channel > button {
    justify-self: start;
  }

  .heading {
    font-size: 1.25rem;
    font-weight: 700;
    margin: 0 0 0.5rem;
  }

  .subheading,
  .step-heading {
    font-size: 1.0625rem;
    font-weight: 700;
  }

  .heading:focus,
  .subheading:focus,
  .step-heading:focus {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }

  section.channel,
  .setting {
    display: grid;
    gap: 0.5rem;
    padding-block: var(--_space);
    border-top: 1px solid var(--_border);
  }

  .setting {
    grid-template-columns: auto 1fr;
    align-items: start;
  }

  .setting .hint {
    grid-column: 2;
    margin: 0;
  }

  .channel p {
    margin: 0;
  }

  input[type='checkbox'],
  input[type='radio'] {
    width: 1.5rem;
    height: 1.5rem;
    min-height: 0;
    margin: 0.25rem 0 0;
    accent-color: var(--_accent);
  }

  .choice {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.5rem;
    align-items: start;
    min-height: 44px;
  }

  .choice label {
    font-weight: 400;
  }

  .setup {
    background: var(--_surface-2);
    border-radius: var(--_radius);
    padding: var(--_space);
  }

  .consent {
    font-size: 0.9375rem;
  }

  input.code {
    max-width: 14ch;
    letter-spacing: 0.2em;
    font-variant-numeric: tabular-nums;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    align-items: center;
  }

  .problem {
    color: var(--_danger);
    font-weight: 600;
  }

  @media print {
    button,
    .setup {
      display: none;
    }
  }
`;
