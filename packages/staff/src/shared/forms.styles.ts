import { css } from 'lit';

/** Form fields, error summaries and small layout rules every section shares. */
export const formStyles = css`
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    margin: 0 0 1rem;
    min-inline-size: 0;
  }
  .field label,
  .field legend,
  .label {
    font-weight: 600;
  }
  .hint {
    margin: 0;
    color: var(--_prox-fg-muted);
    font-size: 0.9375rem;
  }
  input[type='text'],
  input[type='email'],
  input[type='password'],
  input[type='search'],
  input[type='date'],
  input:not([type]),
  select,
  textarea {
    min-block-size: 2.75rem;
    max-inline-size: 100%;
    padding: 0.5rem 0.625rem;
    border: 1px solid var(--_prox-border);
    border-radius: calc(var(--_prox-radius) / 2);
    background: var(--_prox-bg);
    color: var(--_prox-fg);
    font: inherit;
  }
  textarea {
    min-block-size: 6rem;
    resize: vertical;
  }
  input[aria-invalid='true'],
  select[aria-invalid='true'],
  textarea[aria-invalid='true'] {
    border: 2px solid var(--_prox-danger);
  }
  input[type='checkbox'] {
    inline-size: 1.25rem;
    block-size: 1.25rem;
    margin: 0;
    accent-color: var(--_prox-accent);
  }
  .check {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    min-block-size: 2.75rem;
  }
  .error {
    margin: 0;
    color: var(--_prox-danger);
    font-weight: 600;
  }
  .notice {
    margin: 0 0 1rem;
    padding: 0.75rem 1rem;
    border-inline-start: 4px solid var(--_prox-accent);
    background: var(--_prox-bg-muted);
    border-radius: var(--_prox-radius);
  }
  .notice--error {
    border-inline-start-color: var(--_prox-danger);
  }
  .notice--success {
    border-inline-start-color: var(--_prox-success);
  }
  .notice:focus {
    outline: 3px solid var(--_prox-focus);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
  }
  .button--link {
    min-block-size: 2.75rem;
    padding: 0.25rem 0.5rem;
    border: none;
    background: none;
    color: var(--_prox-accent);
    font: inherit;
    text-decoration: underline;
    cursor: pointer;
  }
  .icon {
    display: inline-block;
    inline-size: 1em;
    block-size: 1em;
    vertical-align: -0.125em;
    flex: none;
  }
`;
