import { css } from 'lit';
import { checkMark } from '../kit/check-mark.styles.js';

export const styles = css`
  .base {
    --_prox-rights-gap: var(--prox-rights-explainer-gap, var(--_prox-space));
    --_prox-rights-badge: var(--prox-rights-explainer-badge-surface, var(--_prox-bg-muted));
    display: grid;
    gap: var(--_prox-rights-gap);
    min-block-size: 12rem;
  }
  h2,
  h3,
  h4,
  p,
  ul,
  ol {
    margin: 0;
  }
  ul,
  ol {
    padding-inline-start: 1.25em;
  }
  h2 {
    font-size: 1.5em;
    line-height: 1.2;
  }
  h3 {
    font-size: 1.2em;
  }
  h4 {
    font-size: 1em;
    margin-block-start: 0.75em;
  }
  .muted,
  .meta {
    color: var(--_prox-fg-muted);
    font-size: 0.875em;
  }
  .notice,
  .warn,
  .emergency {
    padding: 0.5em 0.75em;
    border-inline-start: 4px solid var(--_prox-accent);
    background: var(--_prox-bg-muted);
    border-radius: var(--_prox-radius);
  }
  ul.warn {
    padding-inline-start: 2em;
  }
  .emergency {
    border-color: var(--_prox-danger);
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 0.75em;
    align-items: center;
  }
  .emergency a,
  .links a {
    font-weight: 700;
    min-block-size: 24px;
    display: inline-flex;
    align-items: center;
  }
  .tools {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    align-items: end;
  }
  .tools label {
    display: grid;
    gap: 0.25em;
    flex: 1 1 14rem;
  }
  input[type='search'] {
    font: inherit;
    min-block-size: 2.75rem;
    padding: 0.25em 0.5em;
    border: 2px solid var(--_prox-border);
    border-radius: var(--_prox-radius);
    background: var(--_prox-bg);
    color: inherit;
  }
  .button[aria-pressed='true']::before {
    ${checkMark}
  }
  /*
   * The topics, a panel and its items are in block flow, spaced by margins as a grid's gap would
   * space them (issue 21: nested grids made opening the topics a search finds a long layout).
   */
  .topics {
    list-style: none;
    padding: 0;
  }
  .topics > li + li {
    margin-block-start: 0.5em;
  }
  .topic {
    border: 1px solid var(--_prox-border);
    border-radius: var(--_prox-radius);
  }
  .toggle {
    display: flex;
    gap: 0.75em;
    align-items: center;
    inline-size: 100%;
    min-block-size: 2.75rem;
    padding: 0.5em 0.75em;
    border: 0;
    border-radius: var(--_prox-radius);
    background: none;
    color: inherit;
    font: inherit;
    font-weight: 700;
    text-align: start;
    cursor: pointer;
  }
  .toggle::before {
    content: '';
    flex: none;
    inline-size: 0.5em;
    block-size: 0.5em;
    border-block-end: 2px solid currentColor;
    border-inline-end: 2px solid currentColor;
    transform: rotate(-45deg);
    transition: transform 0.15s;
  }
  .toggle[aria-expanded='true']::before {
    transform: rotate(45deg);
  }
  .panel {
    padding: 0 0.75em 0.75em;
  }
  .panel > * + * {
    margin-block-start: 0.5em;
  }
  /* The gap, then the heading's own margin (a grid's items' margins add to its gap). */
  .panel > * + h4 {
    margin-block-start: 1.25em;
  }
  .items > li + li {
    margin-block-start: 0.75em;
  }
  /*
   * Each topic, the guide and the help numbers laid out on their own (layout and style
   * containment, which clip nothing): a topic a search opens moves those after it, and they are
   * moved, not painted again (issue 21: the frames opening a topic repainted everything below it).
   */
  .topic,
  section {
    contain: layout style;
  }
  /*
   * A section's items out of view skip layout and paint until scrolled near, their last size kept
   * (issue 21: a topic a search opens laid out every item of its panel in one frame). On the list,
   * not on each item: the paint containment it brings would clip the items' markers.
   */
  .items {
    content-visibility: auto;
    contain-intrinsic-size: auto 12rem;
  }
  .meta {
    margin-block-start: 0.25em;
  }
  /* The words a search found (a CSS highlight): <mark>'s colours, kept in forced colours. */
  ::highlight(prox-rights-found) {
    background-color: Mark;
    color: MarkText;
  }
  /* The content's fonts, looked up while it loads (rights-explainer.ts). */
  .font-sample {
    position: absolute;
    visibility: hidden;
  }
  .badge {
    display: inline-block;
    padding: 0 0.5em;
    margin-inline-end: 0.25em;
    border: 1px solid var(--_prox-border);
    border-radius: 1em;
    background: var(--_prox-rights-badge);
    color: var(--_prox-fg);
    font-size: 0.8125rem;
  }
  .badge--verify {
    background: var(--_prox-warning-bg);
    border-color: var(--_prox-danger);
    font-weight: 700;
  }
  fieldset {
    border: 1px solid var(--_prox-border);
    border-radius: var(--_prox-radius);
    margin: 0;
    padding: 0.5em 0.75em;
  }
  legend {
    font-weight: 700;
    padding: 0 0.25em;
  }
  .choice {
    display: flex;
    gap: 0.5em;
    align-items: center;
    min-block-size: 2.75rem;
  }
  .choice input {
    inline-size: 1.25rem;
    block-size: 1.25rem;
    flex: none;
    margin: 0;
  }
  .guide,
  .guide__answer,
  .grid {
    display: grid;
    gap: 0.75em;
  }
  .cards {
    list-style: none;
    padding: 0;
    display: grid;
    gap: 0.75em;
  }
  /*
   * A card's parts in a column of flex items, not grid rows (issue 21: the help numbers' ten cards,
   * each a grid in the grid of cards, were a layout of 30 to 46 ms at 4× CPU throttling).
   */
  .card {
    padding: 0.75em;
    border: 1px solid var(--_prox-border);
    border-radius: var(--_prox-radius);
    display: flex;
    flex-direction: column;
    gap: 0.25em;
    min-inline-size: 0;
    overflow-wrap: anywhere;
  }
  .links {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 1em;
  }
  @container (min-width: 40rem) {
    .grid {
      grid-template-columns: 1fr 1fr;
    }
    .cards {
      grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr));
    }
  }
  @media (forced-colors: active) {
    .badge--verify {
      border: 2px solid CanvasText;
    }
  }
  @media print {
    .tools,
    .guide,
    .toggle::before {
      display: none;
    }
    .panel,
    .items {
      content-visibility: visible !important;
    }
    .panel {
      display: block !important;
    }
    .items > li,
    .card {
      break-inside: avoid;
    }
    a[href^='http']::after {
      content: ' <' attr(href) '>';
      font-size: 0.8em;
      word-break: break-all;
    }
  }
`;
