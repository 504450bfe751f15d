import { css } from 'lit';

/** Steps, choices, facts and actions of the payment flows (`<pay-form>`, `<plan-builder>`), and what they print. */
export const flowStyles = css`
  .heading {
    font-size: 1.25rem;
    font-weight: 700;
    margin: 0 0 0.5rem;
  }

  .heading:focus {
    outline: none;
  }

  .heading:focus-visible {
    outline: 3px solid var(--_focus);
  }

  .subheading {
    font-weight: 700;
    margin: 0 0 0.5rem;
  }

  .muted {
    color: var(--_muted);
  }

  .choices {
    display: grid;
    gap: 0.25rem;
  }

  .choices.inline {
    grid-auto-flow: column;
    justify-content: start;
    gap: 1.5rem;
  }

  .choice {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    min-height: 44px;
    font-weight: 400;
    cursor: pointer;
  }

  .choice input {
    width: 1.375rem;
    height: 1.375rem;
    min-height: 0;
    margin: 0;
    flex: none;
    accent-color: var(--_accent);
  }

  .nested {
    margin-inline-start: 2.125rem;
  }

  .money-input {
    display: flex;
    align-items: center;
    gap: 0.375rem;
    max-width: 14rem;
    font-weight: 600;
  }

  .row {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
    gap: var(--_space);
  }

  .card-fields,
  .bank-fields {
    display: grid;
    gap: var(--_space);
  }

  .secure-note {
    margin: 0;
  }

  .card-frame {
    display: block;
    width: 100%;
    min-height: 18rem;
    border: 0;
    background: var(--_surface);
    color-scheme: normal;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem 1rem;
    align-items: center;
    margin-top: var(--_space);
  }

  .facts {
    display: grid;
    grid-template-columns: minmax(7rem, max-content) 1fr;
    gap: 0.375rem 1rem;
    margin: var(--_space) 0;
    padding: var(--_space);
    background: var(--_surface-2);
    border-radius: var(--_radius);
  }

  .facts dt {
    color: var(--_muted);
  }

  .facts dd {
    margin: 0;
    font-variant-numeric: tabular-nums;
  }

  .applied-to {
    margin: 0;
    padding-inline-start: 1.25rem;
  }

  .facts .amount,
  .facts .confirmation {
    font-size: 1.25rem;
    font-weight: 700;
    letter-spacing: 0.02em;
  }

  .authorization {
    border: 2px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    display: grid;
    gap: 0.5rem;
  }

  .authorization p {
    margin: 0;
  }

  .problem {
    color: var(--_danger);
    font-weight: 600;
  }


  @media (max-width: 30rem) {
    .facts {
      grid-template-columns: 1fr;
    }
    .facts dd {
      margin-bottom: 0.5rem;
    }
  }

  @media print {
    .actions,
    button,
    .error-summary {
      display: none !important;
    }
    .facts {
      background: none;
      border: 1px solid #000;
    }
  }
`;
