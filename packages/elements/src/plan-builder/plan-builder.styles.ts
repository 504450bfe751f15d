import { css } from 'lit';

/** On top of the flow's styles (headings, choices, facts, the authorization): the schedule. */
export const planBuilderStyles = css`
  .intro {
    margin: 0;
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
