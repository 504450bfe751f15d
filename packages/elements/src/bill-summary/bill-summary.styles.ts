import { css } from 'lit';

export const billSummaryStyles = css`
  .heading {
    font-size: 1.25rem;
    font-weight: 700;
    margin: 0;
  }

  .heading:focus {
    outline: none;
  }

  .heading:focus-visible {
    outline: 3px solid var(--_focus);
  }

  .subheading {
    font-size: 1.125rem;
    font-weight: 700;
    margin: 1.5rem 0 0.5rem;
  }

  .muted {
    color: var(--_muted);
    margin: 0;
  }

  .balance {
    display: grid;
    gap: 0.125rem;
    margin: var(--_space) 0;
    padding: var(--_space);
    background: var(--_surface-2);
    border-radius: var(--_radius);
  }

  .balance .label {
    font-weight: 600;
  }

  .balance .amount {
    font-size: 2rem;
    font-weight: 700;
    line-height: 1.2;
    font-variant-numeric: tabular-nums;
  }

  .notice {
    border-inline-start: 6px solid var(--_accent);
    background: var(--_surface-2);
    padding: 0.75rem var(--_space);
    border-radius: calc(var(--_radius) / 2);
    margin: 0 0 var(--_space);
  }

  .notice.warning {
    border-inline-start-color: var(--_danger);
  }

  .plan p {
    margin: 0.5rem 0 0;
  }

  .dispute p {
    margin: 0.5rem 0 0;
  }

  .dispute-heading {
    font-size: 1.0625rem;
    font-weight: 700;
  }

  /* A label may wrap between its words so the value beside it keeps whole words (an amount, a date). */
  dl {
    display: grid;
    grid-template-columns: minmax(min-content, max-content) minmax(min-content, 1fr);
    gap: 0.25rem 1rem;
    margin: 0.5rem 0;
  }

  dt {
    color: var(--_muted);
  }

  dt,
  dd {
    overflow-wrap: break-word;
  }

  dd {
    margin: 0;
    font-variant-numeric: tabular-nums;
  }

  .statement {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    margin-block-end: var(--_space);
  }

  /* On a phone the charges inside get the room the statement's padding would take. */
  @media (max-width: 26rem) {
    .statement {
      padding: 0.75rem;
    }
  }

  .statement-heading {
    font-size: 1.0625rem;
    font-weight: 700;
    margin: 0;
  }

  .notes {
    margin: 0.5rem 0 0;
    padding-inline-start: 1.25rem;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    margin-top: var(--_space);
  }

  @media print {
    button,
    .actions {
      display: none !important;
    }
    .statement {
      break-inside: avoid;
    }
  }
`;
