import { css } from 'lit';

/**
 * Styles of <prox-priorities>, on top of the kit's tokens. Narrowest layout first (280 px), the
 * wider one through a container query on `.base` (the kit makes it an inline-size container).
 * Status is never told by colour alone: each badge says it in words.
 */
export const styles = css`
  .base {
    --_gap: var(--prox-priorities-gap, 1rem);
    --_card-bg: var(--prox-priorities-card-background, var(--_prox-bg-muted));
    --_marker: var(--prox-priorities-marker-color, var(--_prox-accent));
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_gap);
    padding: calc(var(--_prox-space) * 0.75);
  }
  h2,
  h3,
  h4,
  p,
  ul,
  ol,
  dl,
  dd {
    margin: 0;
  }
  .header {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 0.5rem;
  }
  .title {
    font-size: 1.375em;
    line-height: 1.25;
  }
  .subtitle,
  .count,
  .muted {
    color: var(--_prox-fg-muted);
  }
  .demo {
    padding: 0.5rem 0.75rem;
    border-radius: var(--_prox-radius);
    background: var(--_prox-warning-bg);
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.75rem 1rem;
  }
  .field {
    display: grid;
    gap: 0.25rem;
    flex: 1 1 12rem;
    max-inline-size: 20rem;
  }
  label {
    font-weight: 600;
  }
  select {
    min-block-size: 2.75rem;
    padding: 0.25rem 0.5rem;
    border: 2px solid var(--_prox-border);
    border-radius: var(--_prox-radius);
    background: var(--_prox-bg);
    color: var(--_prox-fg);
    font: inherit;
  }
  .list {
    display: grid;
    gap: var(--_gap);
    padding: 0;
    list-style: none;
  }
  .priority {
    display: grid;
    gap: 0.75rem;
    padding: 0.75rem;
    border-radius: var(--_prox-radius);
    border-inline-start: 4px solid var(--_marker);
    background: var(--_card-bg);
  }
  .priority__head {
    display: grid;
    gap: 0.25rem;
  }
  .priority__issue {
    font-size: 1.125em;
    line-height: 1.3;
  }
  .badge {
    display: inline-block;
    padding: 0 0.5em;
    border: 1px solid currentColor;
    border-radius: 1em;
    font-size: 0.875em;
    font-weight: 600;
    white-space: nowrap;
  }
  .badge--done {
    color: var(--_prox-success);
  }
  .badge--in-progress,
  .badge--raised {
    color: var(--_prox-accent);
  }
  .badge--planned {
    color: var(--_prox-fg-muted);
  }
  .facts {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    color: var(--_prox-fg-muted);
  }
  .facts div {
    display: flex;
    gap: 0.25rem;
  }
  .facts dt {
    font-weight: 600;
  }
  .section-label {
    font-size: 1em;
    font-weight: 700;
  }
  .actions {
    display: grid;
    gap: 0.5rem;
    padding: 0;
    list-style: none;
  }
  .action {
    display: grid;
    gap: 0.125rem;
    padding-inline-start: 0.75rem;
    border-inline-start: 2px solid var(--_prox-border);
  }
  .action__when {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    font-size: 0.9375em;
  }
  .cafes {
    display: grid;
    gap: 0.5rem;
    padding: 0;
    list-style: none;
  }
  .cafe {
    display: grid;
    gap: 0.5rem;
  }
  .disclosure {
    justify-self: start;
    min-block-size: 2.75rem;
    padding: 0.25rem 0;
    border: 0;
    background: none;
    color: var(--_prox-accent);
    font: inherit;
    text-decoration: underline;
    cursor: pointer;
    text-align: start;
  }
  .feed {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
  }
  @container (min-width: 40rem) {
    .base {
      padding: var(--_prox-space);
    }
    .priority {
      padding: 1rem 1.25rem;
    }
  }
  @media (forced-colors: active) {
    .priority {
      border: 1px solid CanvasText;
    }
  }
`;
