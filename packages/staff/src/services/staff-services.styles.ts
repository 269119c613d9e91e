import { css } from 'lit';

export const styles = css`
  .editor {
    margin: 0 0 1.5rem;
    padding: 1rem;
    border: 2px solid var(--_prox-accent);
    border-radius: var(--_prox-radius);
  }
  .editor h2 {
    margin-block-start: 0;
  }
  .editor h2:focus {
    outline: none;
  }
  .radios,
  .checks {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1.5rem;
  }
  .radios label,
  .checks label {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    min-block-size: 2.75rem;
  }
  input[type='radio'] {
    inline-size: 1.25rem;
    block-size: 1.25rem;
    margin: 0;
    accent-color: var(--_prox-accent);
  }
  .flag {
    display: block;
  }
  .flag + .hint {
    margin: 0 0 0.5rem 1.75rem;
  }
  .secret {
    display: block;
    margin-block-start: 0.5rem;
    font-family: ui-monospace, monospace;
    overflow-wrap: anywhere;
    user-select: all;
  }
  td select {
    inline-size: 100%;
  }
  .defaults {
    columns: 2 18rem;
    margin: 0;
    padding-inline-start: 1.25rem;
  }
`;
