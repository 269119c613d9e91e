import { svg } from 'lit';

/** Small inline icons, always beside a text that says the same (never the only cue). */
export const clockIcon = svg`<svg class="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false"><circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" stroke-width="1.5"/><path d="M8 4.5V8l2.5 2" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round"/></svg>`;
export const warningIcon = svg`<svg class="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path d="M8 1.5 15 14H1z" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round"/><path d="M8 6v4" stroke="currentColor" stroke-width="1.5" stroke-linecap="round"/><circle cx="8" cy="12" r="0.9" fill="currentColor"/></svg>`;
export const sortIcon = (direction: 'ascending' | 'descending' | 'none') =>
  svg`<svg class="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">${
    direction === 'ascending'
      ? svg`<path d="M8 3 13 10H3z" fill="currentColor"/>`
      : direction === 'descending'
        ? svg`<path d="M8 13 3 6h10z" fill="currentColor"/>`
        : svg`<path d="M8 2 12 7H4zM8 14 4 9h8z" fill="currentColor" opacity="0.6"/>`
  }</svg>`;
