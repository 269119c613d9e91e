import { css } from 'lit';
import { checkMark } from '../kit/check-mark.styles.js';

/**
 * Styles of <prox-cafe-calendar>, on top of the kit's tokens. Narrowest layout first (280 px),
 * wider ones through container queries on `.base` (the kit makes it an inline-size container).
 * The month view's styles load with it (`monthStyles` in month-view.ts).
 */
export const styles = css`
  .base {
    --_gap: var(--prox-cafe-calendar-gap, 1rem);
    --_event-bg: var(--prox-cafe-calendar-event-background, var(--_prox-bg-muted));
    --_marker: var(--prox-cafe-calendar-marker-color, var(--_prox-accent));
    --_cancelled: var(--prox-cafe-calendar-cancelled-color, var(--_prox-danger));
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_gap);
    padding: calc(var(--_prox-space) * 0.75);
    min-block-size: 12rem;
  }
  h2,
  h3,
  h4,
  p,
  ul,
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
  .count {
    color: var(--_prox-fg-muted);
  }
  .count:empty {
    display: none;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.75rem 1rem;
  }
  .field {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
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
  /* Reflow (WCAG 1.4.10): at 320 px or 200 % text the buttons never shrink below their text (a
     clipped « Past meetings » was measured); if the row is too narrow they wrap inside the group. */
  .segmented {
    display: inline-flex;
    flex-wrap: wrap;
    max-inline-size: 100%;
    border: 2px solid var(--_prox-accent);
    border-radius: var(--_prox-radius);
    overflow: hidden;
  }
  .segment {
    flex: 1 0 auto;
    min-block-size: 2.5rem;
    min-inline-size: 4.5rem;
    padding: 0.25rem 0.75rem;
    border: 0;
    background: var(--_prox-bg);
    color: var(--_prox-accent);
    font: inherit;
    cursor: pointer;
  }
  .segment + .segment {
    border-inline-start: 2px solid var(--_prox-accent);
  }
  .segment[aria-pressed='true'] {
    background: var(--_prox-accent);
    color: var(--_prox-accent-fg);
    font-weight: 700;
  }
  .segment[aria-pressed='true']::before {
    ${checkMark}
  }
  .segment:focus-visible {
    outline-offset: -5px;
  }

  /* Agenda. The list, its days, their cafés, a café's facts and details are block boxes spaced by
     margins, not one-column grids: Chromium lays a grid's items out again to size its rows, so
     grids nested five deep laid the whole list out again for each café added (issue 21). A closed
     café's details are hidden by the hidden attribute's own display: none. */
  .agenda > * + * {
    margin-block-start: calc(var(--_gap) * 1.5);
  }
  .day > * + *,
  .details > * + * {
    margin-block-start: 0.5rem;
  }
  .day__heading {
    font-size: 1.125em;
    padding-block-end: 0.25rem;
    border-block-end: 3px solid var(--_marker);
  }
  .day__heading:focus-visible {
    outline-offset: 4px;
  }
  .day__heading::first-letter,
  .day__relative::first-letter {
    text-transform: uppercase;
  }
  .events {
    padding: 0;
    list-style: none;
  }
  .events > * + * {
    margin-block-start: var(--_gap);
  }
  /* Each café is laid out on its own (CSS Containment): adding one lays out that one, and the
     visually hidden texts of its open details (absolutely positioned) have it as their containing
     block, not the page's root, where every frame laid them all out again. */
  .event {
    contain: layout;
  }
  .event article {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 0.5rem;
    padding: 0.75rem;
    border-radius: var(--_prox-radius);
    background: var(--_event-bg);
    border-inline-start: 4px solid var(--_marker);
  }
  .event__title {
    font-size: 1.0625em;
    line-height: 1.3;
  }
  .event--cancelled article {
    border-inline-start: 4px dashed var(--_cancelled);
  }
  .event--cancelled .event__name,
  .event--cancelled .when time {
    text-decoration: line-through;
    text-decoration-thickness: 2px;
  }
  .badge {
    display: inline-block;
    padding: 0 0.4em;
    border: 2px solid var(--_cancelled);
    border-radius: 0.25rem;
    color: var(--_cancelled);
    font-size: 0.875em;
    font-weight: 700;
    text-transform: uppercase;
    letter-spacing: 0.03em;
    vertical-align: 0.1em;
  }
  .when {
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .zone,
  .unreadable,
  .event__span {
    font-weight: 400;
    color: var(--_prox-fg-muted);
  }
  .facts > * + * {
    margin-block-start: 0.25rem;
  }
  dt {
    font-size: 0.875em;
    font-weight: 700;
    color: var(--_prox-fg-muted);
  }
  dd {
    overflow-wrap: anywhere;
  }
  a {
    text-underline-offset: 0.15em;
  }
  .fact a,
  .details p a {
    display: inline-block;
    min-block-size: 1.5rem;
  }
  .disclosure {
    justify-self: start;
    display: inline-flex;
    align-items: center;
    gap: 0.5em;
    min-block-size: 2.75rem;
    padding: 0.25rem 0.5rem 0.25rem 0;
    border: 0;
    background: none;
    color: var(--_prox-accent);
    font: inherit;
    font-weight: 600;
    text-decoration: underline;
    text-underline-offset: 0.15em;
    cursor: pointer;
    text-align: start;
  }
  /* The arrow, drawn: a generated box, not an element in each café (aria-hidden then). */
  .disclosure::before {
    content: '';
    inline-size: 0.6em;
    block-size: 0.6em;
    border-inline-end: 2px solid currentColor;
    border-block-end: 2px solid currentColor;
    transform: rotate(-45deg);
    transition: transform 0.15s ease;
    flex: none;
  }
  .disclosure[aria-expanded='true']::before {
    transform: rotate(45deg);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  .actions__label {
    flex-basis: 100%;
    font-weight: 600;
  }
  .actions .button {
    flex: 1 1 auto;
  }
  .feed {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
  }
  .feed__download {
    display: inline-flex;
    align-items: center;
    min-block-size: 2.75rem;
  }
  .empty {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 0.5rem;
  }

  @container (min-width: 30rem) {
    .base {
      padding: var(--_prox-space);
    }
    .fact {
      display: grid;
      grid-template-columns: minmax(7rem, 9rem) minmax(0, 1fr);
      gap: 0.75rem;
    }
    dt {
      font-size: 1em;
    }
    .actions .button {
      flex: 0 1 auto;
    }
  }
  @container (min-width: 48rem) {
    .header {
      grid-template-columns: minmax(0, 1fr) auto;
      align-items: end;
    }
    .count {
      grid-row: 2;
    }
    .controls {
      grid-column: 2;
      grid-row: 1 / span 2;
      justify-content: end;
    }
    .event article {
      grid-template-columns: minmax(9rem, 12rem) minmax(0, 1fr);
      column-gap: 1.25rem;
    }
    .event article > * {
      grid-column: 2;
    }
    .event article > .when {
      grid-column: 1;
      grid-row: 1 / span 3;
    }
  }
  @media (forced-colors: active) {
    .segment[aria-pressed='true'] {
      forced-color-adjust: none;
      background: Highlight;
      color: HighlightText;
    }
    .segmented,
    .segment + .segment {
      border-color: ButtonText;
    }
    .event article,
    .event--cancelled article {
      border: 1px solid CanvasText;
      border-inline-start-width: 4px;
    }
    .badge {
      border-color: CanvasText;
      color: CanvasText;
    }
  }
`;
