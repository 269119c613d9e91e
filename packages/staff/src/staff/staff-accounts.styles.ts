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
  .checks {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1.5rem;
  }
  .checks label {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    min-block-size: 2.75rem;
  }
  .row-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.5rem;
  }
  .row-actions .button {
    padding-inline: 0.625rem;
    font-size: 0.9375rem;
  }
  .link {
    display: block;
    margin-block-start: 0.5rem;
    font-family: ui-monospace, monospace;
    overflow-wrap: anywhere;
    user-select: all;
  }
  tr.is-disabled th,
  tr.is-disabled td {
    color: var(--_prox-fg-muted);
  }
  .def,
  .flag {
    display: block;
  }
  .def {
    font-weight: 400;
    font-size: 0.875rem;
  }
  .invite-bar {
    margin: 0 0 1rem;
  }
  .role-hint {
    margin: 0.25rem 0 0;
  }
`;
