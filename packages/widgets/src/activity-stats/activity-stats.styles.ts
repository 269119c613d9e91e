import { css } from 'lit';

export const styles = css`
  .base {
    --_bar: var(--prox-activity-stats-bar-color, var(--_prox-accent));
    --_chart-h: var(--prox-activity-stats-chart-height, 12rem);
    --_label-h: 2.25rem;
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_prox-space);
  }
  .state[aria-busy='true'] {
    min-block-size: 24rem;
  }
  h2,
  h3,
  h4 {
    margin: 0;
    line-height: 1.25;
  }
  h3 {
    font-size: 1.125em;
  }
  p,
  ul,
  dl {
    margin: 0;
  }
  .muted {
    color: var(--_prox-fg-muted);
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
  }
  label {
    font-weight: 700;
  }
  select {
    min-block-size: 2.75rem;
    max-inline-size: 100%;
    padding: 0.25rem 0.5rem;
    border: 2px solid var(--_prox-border);
    border-radius: var(--_prox-radius);
    background: var(--_prox-bg);
    color: inherit;
    font: inherit;
  }
  .layout {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_prox-space);
    align-items: start;
  }
  .main {
    display: grid;
    gap: var(--_prox-space);
    align-content: start;
    min-inline-size: 0;
  }
  .figures {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr));
    gap: 0.75rem;
  }
  .figure {
    padding: 0.75rem;
    border: 1px solid var(--_prox-border);
    border-radius: var(--_prox-radius);
    background: var(--_prox-bg-muted);
  }
  .figure dt {
    font-size: 0.875em;
    color: var(--_prox-fg-muted);
  }
  .figure dd {
    margin: 0;
  }
  .figure__value {
    font-size: 1.5em;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  /* Chart: the SVG stretches to its box; labels are HTML so they never stretch. */
  figure {
    margin: 0;
  }
  figcaption {
    font-weight: 700;
    margin-block-end: 0.5rem;
  }
  .chart__body {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.5rem;
  }
  .chart__axis {
    display: flex;
    flex-direction: column;
    justify-content: space-between;
    block-size: calc(var(--_chart-h) + 1rem);
    margin-block-start: -0.5rem;
    font-size: 0.75rem;
    line-height: 1rem;
    text-align: end;
    color: var(--_prox-fg-muted);
    font-variant-numeric: tabular-nums;
  }
  .chart__plot {
    position: relative;
    padding-block-end: var(--_label-h);
    min-inline-size: 0;
  }
  svg {
    display: block;
    inline-size: 100%;
    block-size: var(--_chart-h);
    overflow: visible;
  }
  .grid {
    stroke: var(--_prox-border);
    stroke-width: 1;
    stroke-opacity: 0.5;
  }
  .grid--base {
    stroke-opacity: 1;
  }
  .bar {
    fill: var(--_bar);
  }
  .bar--provisional {
    fill-opacity: 0.55;
    stroke: var(--_bar);
    stroke-width: 2;
    stroke-dasharray: 4 3;
  }
  .points {
    position: absolute;
    inset: 0;
    display: grid;
    grid-auto-flow: column;
    grid-auto-columns: minmax(0, 1fr);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .point {
    position: relative;
    display: flex;
    flex-direction: column;
    justify-content: flex-end;
    align-items: center;
    min-inline-size: 0;
  }
  .point:hover,
  .point--active {
    background: color-mix(in srgb, var(--_prox-accent) 8%, transparent);
  }
  .point__gap {
    font-size: 0.6875rem;
    line-height: 1;
    color: var(--_prox-fg-muted);
    margin-block-end: 0.375rem;
    white-space: nowrap;
  }
  .point__year {
    min-block-size: 1.75rem;
    min-inline-size: 1.5rem;
    margin-block-start: 0.25rem;
    padding: 0 0.125rem;
    border: 0;
    border-radius: 0.25rem;
    background: transparent;
    color: inherit;
    font: inherit;
    font-size: 0.75rem;
    font-variant-numeric: tabular-nums;
    cursor: pointer;
  }
  .year-short {
    display: none;
  }
  /* Left half: the tooltip starts at its column and runs right; right half: it ends at its column. */
  .point__tip {
    position: absolute;
    z-index: 1;
    inset-block-end: calc(var(--_label-h) + 0.5rem);
    inset-inline-start: 0;
    inline-size: max-content;
    max-inline-size: min(14rem, 50cqi);
    padding: 0.375rem 0.5rem;
    border: 1px solid var(--_prox-fg);
    border-radius: 0.25rem;
    background: var(--_prox-bg);
    color: var(--_prox-fg);
    font-size: 0.875rem;
  }
  .point:nth-last-child(-n + 5) .point__tip {
    inset-inline: auto 0;
  }
  .point__tip[hidden] {
    display: none;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .table-wrap {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    inline-size: 100%;
    font-variant-numeric: tabular-nums;
  }
  caption {
    text-align: start;
    font-weight: 700;
    padding-block-end: 0.25rem;
  }
  th,
  td {
    padding: 0.375rem 0.5rem;
    border-block-end: 1px solid var(--_prox-border);
    text-align: end;
    vertical-align: top;
  }
  th:first-child,
  td:first-child {
    text-align: start;
  }
  thead th {
    vertical-align: bottom;
  }
  .about {
    overflow-wrap: anywhere;
    display: grid;
    gap: 0.75rem;
  }
  .about ul {
    padding-inline-start: 1.25rem;
    display: grid;
    gap: 0.375rem;
  }
  .activity {
    display: grid;
    gap: 0.75rem;
    padding: var(--_prox-space);
    border: 2px dashed var(--_prox-border);
    border-radius: var(--_prox-radius);
  }
  .badge {
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
  @container (min-width: 56rem) {
    .layout {
      grid-template-columns: minmax(0, 2fr) minmax(16rem, 1fr);
    }
  }
  @container (max-width: 30rem) {
    .year-long {
      position: absolute;
      inline-size: 1px;
      block-size: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    .year-short {
      display: inline;
    }
  }
  @media (forced-colors: active) {
    .bar {
      fill: CanvasText;
    }
    .grid {
      stroke: GrayText;
    }
    .point--active {
      outline: 2px solid Highlight;
    }
  }
`;
