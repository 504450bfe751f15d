import { css } from 'lit';

export const billLookupStyles = css`
  .heading {
    font-size: 1.25rem;
    font-weight: 700;
    margin: 0;
  }

  .intro {
    margin: 0;
  }

  .date {
    margin-top: 0.25rem;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
  }

`;
