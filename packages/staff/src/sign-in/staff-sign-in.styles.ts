import { css } from 'lit';

export const styles = css`
  .base {
    max-inline-size: 28rem;
  }
  h1 {
    margin: 0 0 0.5rem;
    font-size: 1.75rem;
    line-height: 1.2;
  }
  h1:focus {
    outline: none;
  }
  .sub {
    margin: 1.5rem 0 0.5rem;
    font-size: 1.25rem;
  }
  form input {
    inline-size: 100%;
  }
  form #otp {
    inline-size: 10ch;
    font-variant-numeric: tabular-nums;
    letter-spacing: 0.1em;
  }
  input[readonly] {
    background: var(--_prox-bg-muted);
  }
  .sso__list {
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .enrol {
    display: flex;
    flex-wrap: wrap;
    gap: 1rem;
    align-items: center;
  }
  .qr {
    background: #fff;
    padding: 0.5rem;
    image-rendering: pixelated;
  }
  .secret {
    word-break: break-all;
    font-size: 1rem;
  }
`;
