import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  .base {
    max-inline-size: 36rem;
    margin: 0 auto;
    padding: 1.5rem 1rem;
  }
  h1 {
    margin: 0 0 1rem;
    font-size: 1.75rem;
    line-height: 1.2;
  }
  h1:focus {
    outline: none;
  }
  .facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.25rem 1rem;
    margin: 0 0 1.5rem;
  }
  .facts dt {
    font-weight: 600;
  }
  .facts dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  input[type='password'] {
    inline-size: 100%;
    box-sizing: border-box;
  }
  .errors ul {
    margin: 0.25rem 0 0;
  }
`;
