import { css } from 'lit';

export const styles = css`
  .bar.period {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: end;
  }
  .period .field {
    margin: 0;
  }
  .period input {
    inline-size: 10rem;
  }
  /* The button beside its field, whatever the length of the hint above them. */
  .period .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
  }
  td input[type='text'] {
    inline-size: 100%;
    box-sizing: border-box;
  }
  td.value input {
    max-inline-size: 9rem;
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .def {
    display: block;
    margin-block-start: 0.125rem;
    font-weight: 400;
    font-size: 0.875rem;
    color: var(--_prox-fg-muted);
    max-inline-size: 30rem;
  }
  .errors ul {
    margin: 0.25rem 0 0;
  }
  .errors a {
    color: inherit;
  }
  /* The preview as the public widget draws it (its counters' layout, dashed frame). */
  .activity {
    display: grid;
    gap: 0.75rem;
    padding: var(--_prox-space);
    border: 2px dashed var(--_prox-border);
    border-radius: var(--_prox-radius);
  }
  .activity h3,
  .activity h4,
  .activity p {
    margin: 0;
  }
  .demo {
    justify-self: start;
    padding: 0.125rem 0.5rem;
    border: 2px solid var(--_prox-fg);
    border-radius: 999px;
    font-weight: 700;
    font-size: 0.875em;
    background: var(--_prox-warning-bg);
  }
  .counters {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
    gap: 0.5rem;
    margin: 0;
  }
  .counters div {
    padding: 0.5rem 0.75rem;
    border-inline-start: 4px solid var(--_prox-border);
    background: var(--_prox-bg-muted);
  }
  .counters dd {
    margin: 0;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .counters .unit {
    font-weight: 400;
    color: var(--_prox-fg-muted);
  }
`;
