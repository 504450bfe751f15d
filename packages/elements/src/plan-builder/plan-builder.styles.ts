import { css } from 'lit';

/** On top of `<pay-form>`'s styles (headings, choices, facts, the authorization): the schedule. */
export const planBuilderStyles = css`
  .intro {
    margin: 0;
  }

  .date {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
  }

  .date .field {
    width: 4.5rem;
  }

  .date .field.year {
    width: 6.5rem;
  }

  .size {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
    gap: var(--_space);
    margin-top: 0.5rem;
  }

  .money-input input {
    max-width: 12rem;
  }

  .count-input {
    max-width: 8rem;
  }

  .plan-summary {
    margin: 0;
    padding: 0.75rem var(--_space);
    background: var(--_surface-2);
    border-radius: var(--_radius);
    font-weight: 600;
  }

  .note {
    margin: 0;
  }

  .next {
    font-size: 1.125rem;
    font-weight: 700;
    margin: 0;
  }
`;
