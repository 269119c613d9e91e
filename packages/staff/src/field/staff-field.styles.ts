import { css } from 'lit';

/**
 * Café mode is used standing, on a phone or a tablet: one column, large type, and every control
 * at least 48 px high (WCAG 2.2 2.5.8 asks 24 px; gloved or hurried fingers need more).
 */
export const styles = css`
  .base {
    max-inline-size: 40rem;
  }
  .intro {
    margin: 0 0 1rem;
  }
  /* The live region stays in the page (announced when the network goes); it takes room only offline. */
  .network {
    margin: 0;
    font-weight: 600;
  }
  .network--offline {
    margin: 0 0 1rem;
    padding: 0.75rem 1rem;
    border-inline-start: 4px solid var(--_prox-danger);
    background: var(--_prox-bg-muted);
    border-radius: var(--_prox-radius);
  }
  fieldset {
    margin: 0 0 1rem;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  legend {
    padding: 0;
    margin-block-end: 0.5rem;
    font-weight: 600;
  }
  .cafes {
    display: grid;
    gap: 0.5rem;
  }
  .choice {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    min-block-size: 3rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_prox-border);
    border-radius: var(--_prox-radius);
    cursor: pointer;
  }
  .choice:has(input:checked) {
    border: 2px solid var(--_prox-accent);
    background: var(--_prox-bg-muted);
  }
  .choice__when {
    font-weight: 600;
  }
  .choice .hint {
    display: block;
  }
  .choice input[type='radio'] {
    inline-size: 1.5rem;
    block-size: 1.5rem;
    margin: 0;
    accent-color: var(--_prox-accent);
  }
  .check {
    min-block-size: 3rem;
  }
  .check input[type='checkbox'] {
    inline-size: 1.5rem;
    block-size: 1.5rem;
  }
  input,
  select,
  textarea {
    min-block-size: 3rem;
    font-size: 1rem;
  }
  .contact {
    padding: 0.75rem;
    border: 1px solid var(--_prox-border);
    border-radius: var(--_prox-radius);
  }
  .contact legend {
    padding: 0 0.25rem;
  }
  .save {
    inline-size: 100%;
    min-block-size: 3.25rem;
    font-size: 1.0625rem;
  }
  .errors ul {
    margin: 0.25rem 0 0;
    padding-inline-start: 1.25rem;
  }
  .errors a {
    color: inherit;
  }
  h2 {
    margin: 2rem 0 0.5rem;
    font-size: 1.25rem;
  }
  .notes {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }
  .note {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 0.75rem;
    padding: 0.75rem;
    border: 1px solid var(--_prox-border);
    border-radius: var(--_prox-radius);
  }
  .note__text {
    flex: 1 1 12rem;
    min-inline-size: 0;
    overflow-wrap: anywhere;
  }
  .badge {
    display: inline-block;
    padding: 0.125rem 0.5rem;
    border-radius: 999px;
    border: 1px solid currentColor;
    font-size: 0.875rem;
    font-weight: 600;
    white-space: nowrap;
  }
  .badge--sent {
    color: var(--_prox-success);
  }
  .badge--failed {
    color: var(--_prox-danger);
  }
  .send-now {
    margin-block-end: 0.75rem;
    min-block-size: 3rem;
  }
  .note .button {
    min-block-size: 3rem;
  }
  .reason {
    flex-basis: 100%;
    margin: 0;
    color: var(--_prox-danger);
  }
`;
