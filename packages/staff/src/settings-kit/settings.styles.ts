import { css } from 'lit';

/**
 * What the settings and log sections share (deliveries, audit, figures, services, staff,
 * templates, content): the heading, filter bars, tables that scroll sideways in a focusable
 * region, badges and paging. A chunk of its own, loaded with the first of these sections.
 */
export const settingsStyles = css`
  h1 {
    margin: 0 0 1rem;
    font-size: 1.75rem;
    line-height: 1.2;
  }
  h1:focus {
    outline: none;
  }
  h2 {
    margin: 1.5rem 0 0.75rem;
    font-size: 1.25rem;
  }
  .intro {
    margin: 0 0 1rem;
    max-inline-size: 60rem;
    color: var(--_prox-fg-muted);
  }
  .bar {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 14rem), 1fr));
    gap: 0 1rem;
    align-items: end;
    margin: 0 0 1rem;
    padding: 1rem;
    border-radius: var(--_prox-radius);
    background: var(--_prox-bg-muted);
  }
  .bar .actions {
    grid-column: 1 / -1;
  }
  .bar select,
  .bar input {
    inline-size: 100%;
  }
  .summary {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1.5rem;
    align-items: center;
    justify-content: space-between;
    margin: 0 0 0.5rem;
  }
  .summary p {
    margin: 0;
  }
  .table-wrap {
    overflow-x: auto;
    max-inline-size: 100%;
  }
  .table-wrap:focus-visible {
    outline: 3px solid var(--_prox-focus);
  }
  table {
    inline-size: 100%;
    min-inline-size: 48rem;
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }
  caption {
    text-align: start;
    font-weight: 700;
    padding: 0 0 0.5rem;
  }
  th,
  td {
    padding: 0.5rem;
    border-block-end: 1px solid var(--_prox-border);
    text-align: start;
    vertical-align: top;
  }
  thead th {
    white-space: nowrap;
    background: var(--_prox-bg-muted);
  }
  td.num,
  th.num {
    text-align: end;
  }
  .mono {
    font-family: ui-monospace, monospace;
    font-size: 0.875rem;
    overflow-wrap: anywhere;
  }
  .muted {
    color: var(--_prox-fg-muted);
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    padding: 0 0.375rem;
    border: 1px solid currentColor;
    border-radius: 0.25rem;
    font-size: 0.875rem;
    white-space: nowrap;
  }
  .badge--danger {
    color: var(--_prox-danger);
    font-weight: 700;
  }
  .badge--success {
    color: var(--_prox-success);
  }
  tr.is-failed th,
  tr.is-failed td {
    background: var(--_prox-warning-bg);
  }
  .paging ul {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    margin: 1rem 0 0;
    padding: 0;
    list-style: none;
  }
  .paging a {
    display: inline-flex;
    align-items: center;
    min-block-size: 2.75rem;
  }
  .cell-actions {
    white-space: nowrap;
  }
  .card {
    margin: 0 0 1rem;
    padding: 1rem;
    border: 1px solid var(--_prox-border);
    border-radius: var(--_prox-radius);
  }
  fieldset {
    margin: 0 0 1rem;
    padding: 0.75rem 1rem;
    border: 1px solid var(--_prox-border);
    border-radius: var(--_prox-radius);
  }
  legend {
    font-weight: 700;
    padding: 0 0.25rem;
  }
  .grid2 {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 18rem), 1fr));
    gap: 0 1rem;
  }
  .grid2 input,
  .grid2 select,
  .grid2 textarea {
    inline-size: 100%;
    box-sizing: border-box;
  }
  @media (forced-colors: active) {
    .badge--danger {
      color: CanvasText;
    }
  }
`;
