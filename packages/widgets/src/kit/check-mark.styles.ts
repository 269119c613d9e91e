import { css } from 'lit';

/**
 * The declarations of a pressed button's check (put in its `::before`): drawn with borders in
 * `currentColor`, so it follows light, dark and forced colours. Not the « ✓ » character: no usual
 * font has it, and the page's first layout searched for a fallback font inside a widget's first
 * render (about 20 ms at 4× CPU throttling, issue 21); nor is a « check mark » read out beside the
 * pressed state that `aria-pressed` already gives.
 */
export const checkMark = css`
  content: '';
  display: inline-block;
  inline-size: 0.32em;
  block-size: 0.68em;
  margin-inline: 0.1em 0.5em;
  border: solid currentColor;
  border-width: 0 0.14em 0.14em 0;
  transform: translateY(-0.1em) rotate(45deg);
`;
