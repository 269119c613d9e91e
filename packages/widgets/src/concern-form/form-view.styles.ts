import { css } from 'lit';

/** The styles of the form's steps, error summary, stopper and panels, adopted with its view's chunk. */
export const viewStyles = css`
  .progress {
    color: var(--_prox-fg-muted);
    font-weight: 600;
    margin-block-end: 0.25rem;
  }
  .bar {
    display: flex;
    gap: 0.25rem;
    margin: 0 0 var(--_prox-cf-gap);
    padding: 0;
  }
  .bar span {
    flex: 1;
    block-size: 0.375rem;
    border-radius: 0.25rem;
    background: var(--_prox-bg-muted);
    border: 1px solid var(--_prox-border);
  }
  .bar span.done {
    background: var(--_prox-accent);
    border-color: var(--_prox-accent);
  }
  .draft {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 1rem;
    padding: 0.5rem 0.75rem;
    margin-block-end: var(--_prox-cf-gap);
    border-radius: var(--_prox-radius);
    background: var(--_prox-bg-muted);
    color: var(--_prox-fg-muted);
    font-size: 0.9375em;
  }
  .draft p {
    margin: 0;
  }
  fieldset {
    margin: 0 0 var(--_prox-cf-gap);
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  legend {
    padding: 0;
    font-weight: 700;
    margin-block-end: 0.5rem;
  }
  legend.step-legend {
    font-size: 1.25em;
    line-height: 1.25;
  }
  .group legend {
    font-size: 1em;
    color: var(--_prox-fg-muted);
    text-transform: none;
    margin-block: 0.5rem 0.25rem;
  }
  .field {
    margin-block-end: var(--_prox-cf-gap);
  }
  label.label,
  .field > .label {
    display: block;
    font-weight: 600;
    margin-block-end: 0.25rem;
  }
  .tag {
    font-weight: 400;
    color: var(--_prox-fg-muted);
  }
  .hint {
    display: block;
    color: var(--_prox-fg-muted);
    font-size: 0.9375em;
    margin: 0 0 0.375rem;
  }
  input[type='text'],
  input[type='email'],
  input[type='tel'],
  input[type='date'],
  select,
  textarea {
    display: block;
    inline-size: 100%;
    min-block-size: 2.75rem;
    padding: 0.5rem 0.625rem;
    border: 2px solid var(--_prox-border);
    border-radius: calc(var(--_prox-radius) / 2);
    background: var(--_prox-bg);
    color: var(--_prox-fg);
    font: inherit;
  }
  textarea {
    resize: vertical;
    min-block-size: 8rem;
  }
  [aria-invalid='true'] {
    border-color: var(--_prox-danger);
    border-width: 3px;
  }
  .choice {
    display: flex;
    align-items: flex-start;
    gap: 0.75rem;
    min-block-size: 2.75rem;
    padding: 0.5rem 0.75rem;
    margin-block-end: 0.375rem;
    border: 1px solid var(--_prox-border);
    border-radius: var(--_prox-radius);
    cursor: pointer;
  }
  .choice:has(input:checked) {
    border-color: var(--_prox-accent);
    box-shadow: inset 0 0 0 1px var(--_prox-accent);
  }
  .choice input {
    flex: none;
    inline-size: 1.5rem;
    block-size: 1.5rem;
    margin: 0;
    accent-color: var(--_prox-accent);
  }
  .choice .text {
    display: flex;
    flex-direction: column;
  }
  .choice .hint {
    margin: 0;
  }
  .error {
    color: var(--_prox-danger);
    font-weight: 600;
    margin: 0 0 0.375rem;
  }
  .has-error {
    border-inline-start: 4px solid var(--_prox-danger);
    padding-inline-start: 0.75rem;
  }
  .count {
    color: var(--_prox-fg-muted);
    font-size: 0.9375em;
    margin: 0.25rem 0 0;
  }
  .count.over {
    color: var(--_prox-danger);
    font-weight: 600;
  }
  .summary {
    padding: 1rem;
    margin-block-end: var(--_prox-cf-gap);
    border: 4px solid var(--_prox-danger);
    border-radius: var(--_prox-radius);
  }
  .summary ul {
    margin: 0;
    padding-inline-start: 1.25rem;
  }
  .summary li {
    margin-block: 0.25rem;
  }
  .summary a {
    color: var(--_prox-danger);
    font-weight: 600;
    display: inline-block;
    min-block-size: 1.5rem;
  }
  .stopper {
    padding: 1rem;
    margin-block-end: var(--_prox-cf-gap);
    border: 4px solid var(--_prox-danger);
    border-radius: var(--_prox-radius);
    background: var(--_prox-warning-bg);
  }
  .stopper h3,
  .stopper h4 {
    font-size: 1.375em;
    color: var(--_prox-danger);
  }
  .numbers {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin: 0.5rem 0;
    padding: 0;
    list-style: none;
  }
  .numbers .button {
    font-size: 1.125em;
    font-weight: 700;
    background: var(--_prox-danger);
    border-color: var(--_prox-danger);
    color: var(--_prox-bg);
  }
  .geo {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    margin-block-end: var(--_prox-cf-gap);
  }
  .geo p {
    margin: 0;
  }
  .privacy {
    padding: 0.75rem 1rem;
    margin-block-end: var(--_prox-cf-gap);
    border-radius: var(--_prox-radius);
    background: var(--_prox-bg-muted);
    font-size: 0.9375em;
  }
  .privacy dl,
  .review dl,
  .receipt dl {
    margin: 0;
  }
  dt {
    font-weight: 700;
  }
  dd {
    margin: 0 0 0.5rem;
    overflow-wrap: anywhere;
  }
  .review-item {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0 1rem;
    padding-block: 0.5rem;
    border-block-end: 1px solid var(--_prox-border);
  }
  .review-item dd.value {
    white-space: pre-line;
    flex-basis: 100%;
    order: 3;
  }
  .review-item dd.edit {
    margin: 0;
    flex: none;
    white-space: nowrap;
  }
  .actions {
    display: flex;
    flex-wrap: wrap-reverse;
    gap: 0.75rem;
    justify-content: space-between;
    margin-block-start: var(--_prox-cf-gap);
  }
  .actions .button:only-child {
    margin-inline-start: auto;
  }
  .panel {
    padding: 1rem;
    margin-block-end: var(--_prox-cf-gap);
    border-radius: var(--_prox-radius);
    border-inline-start: 6px solid var(--_prox-accent);
    background: var(--_prox-bg-muted);
  }
  .panel--sent {
    border-color: var(--_prox-success);
  }
  .panel--failed {
    border-color: var(--_prox-danger);
  }
  .reference {
    font-size: 1.375em;
    font-weight: 700;
    letter-spacing: 0.05em;
  }
  /* The first step's fonts, looked up a frame before it (font-sample.ts). */
  .font-sample {
    position: absolute;
    inline-size: 20rem;
    visibility: hidden;
  }
  .honeypot {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @container (min-inline-size: 36rem) {
    .review-item {
      flex-wrap: nowrap;
    }
    .review-item dd.value {
      flex: 1 1 auto;
      order: 0;
    }
    .review-item dt {
      flex: 0 0 9rem;
    }
    .review-item dd.edit {
      order: 1;
    }
  }
  @container (max-inline-size: 22rem) {
    .actions .button {
      flex: 1 1 100%;
    }
  }
  @media (forced-colors: active) {
    .bar span.done,
    .numbers .button {
      background: Highlight;
      forced-color-adjust: none;
    }
    .summary,
    .stopper,
    .panel {
      border-color: CanvasText;
    }
  }
`;
