import { css } from 'lit';

/** The request forms' own styles; their headings and text are `estimateTextStyles`, shared with the document. */
export const goodFaithEstimateStyles = css`
  fieldset {
    display: grid;
    gap: 0.75rem;
  }

  fieldset.nested {
    margin-top: 0.25rem;
  }

  select {
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 2px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    padding: 0.5rem 0.75rem;
    min-height: 44px;
    width: 100%;
  }

  /* The category list is as wide as its column, never as wide as its longest name. */
  .search {
    display: grid;
    gap: 0.75rem;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr));
  }

  .search > * {
    min-width: 0;
  }

  .service-list,
  .chosen ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }

  .service-list {
    max-height: 28rem;
    overflow-y: auto;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5rem;
  }

  .service-list li {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    gap: 0 0.75rem;
    align-items: start;
    padding: 0.25rem 0;
    border-bottom: 1px solid var(--_border);
  }

  .service-list li:last-child {
    border-bottom: 0;
  }

  .service-list label {
    font-weight: 600;
  }

  .service-list .meta {
    grid-column: 2;
    display: grid;
    font-size: 0.9375rem;
  }

  input[type='checkbox'],
  input[type='radio'] {
    width: 1.5rem;
    height: 1.5rem;
    min-height: 0;
    margin: 0.125rem 0 0;
    accent-color: var(--_accent);
  }

  .choice {
    display: flex;
    gap: 0.75rem;
    align-items: flex-start;
  }

  /* A long label must not squeeze its box. */
  .choice > input {
    flex: none;
  }

  .choice label {
    font-weight: 400;
  }

  .chosen {
    background: var(--_surface-2);
    border-radius: var(--_radius);
    padding: var(--_space);
  }

  .chosen .subheading {
    margin-top: 0;
  }

  .chosen > ul > li {
    display: grid;
    gap: 0.25rem;
    padding-bottom: 0.5rem;
    border-bottom: 1px solid var(--_border);
  }

  .chosen-name {
    margin: 0;
    font-weight: 600;
  }

  .chosen-name .meta {
    font-weight: 400;
  }

  ul.included {
    gap: 0.25rem;
    padding-inline-start: 0.5rem;
  }

  .running-total {
    font-weight: 700;
    margin: 0.75rem 0 0;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
    margin-top: var(--_space);
  }

  .saved,
  .copy-sent {
    margin: 0.5rem 0 0;
  }

  /* On paper: no buttons (the document's own styles lay out the rest). */
  @media print {
    .actions,
    .saved,
    .copy-sent,
    button {
      display: none !important;
    }
  }
`;
