import { css } from 'lit';

export const billPayStyles = css`
  .base {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    max-width: var(--billpay-max-width, 40rem);
  }

  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
    margin-block-end: var(--_space);
  }

  .logo {
    width: 3rem;
    height: 3rem;
    object-fit: contain;
  }

  .heading {
    font-size: 1.5rem;
    font-weight: 700;
    line-height: 1.25;
    margin: 0;
  }

  .practice-name {
    margin: 0;
    /* Kept while the practice is on its way, so the form does not move down when its name arrives. */
    min-height: 1.5em;
    color: var(--_muted);
  }

  .heading:focus {
    outline: none;
  }

  .heading:focus-visible {
    outline: 3px solid var(--_focus);
  }

  .problem {
    border: 2px solid var(--_danger);
    background: var(--_danger-surface);
    border-radius: var(--_radius);
    padding: var(--_space);
    margin-block-end: var(--_space);
  }

  .problem p {
    margin: 0 0 0.75rem;
  }

  .problem-title {
    font-weight: 700;
  }

  .step-actions {
    margin-top: var(--_space);
  }

  .pay-actions {
    margin: 0 0 var(--_space);
  }

  .pay-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem 1rem;
  }

  .pay-actions button {
    width: 100%;
    max-width: 20rem;
  }

  .pay-actions button.secondary {
    max-width: 26rem;
  }

  .contact {
    border-top: 1px solid var(--_border);
    padding-top: var(--_space);
    margin-top: var(--_space);
  }

  .contact-title {
    font-weight: 700;
    margin: 0 0 0.5rem;
  }

  .contact ul {
    list-style: none;
    padding: 0;
    margin: 0;
    display: grid;
    gap: 0.5rem;
  }

  .contact a {
    display: inline-block;
    padding-block: 0.35rem;
  }

  .hint {
    display: block;
    color: var(--_muted);
    font-size: 0.9375rem;
  }
`;
