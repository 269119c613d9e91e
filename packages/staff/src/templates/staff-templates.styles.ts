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
  textarea {
    inline-size: 100%;
    box-sizing: border-box;
  }
  td.text {
    max-inline-size: 36rem;
    overflow-wrap: anywhere;
  }
  td.text span {
    display: block;
  }
  .row-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.5rem;
  }
  .add-bar {
    margin: 0 0 1rem;
  }
  .preview {
    margin: 1rem 0 0;
  }
  .preview-row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: end;
  }
  .preview-row .field {
    margin: 0;
  }
  pre.email {
    margin: 0.5rem 0 0;
    padding: 0.75rem;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    background: var(--_prox-bg-muted);
    border-radius: var(--_prox-radius);
    font: inherit;
  }
`;
