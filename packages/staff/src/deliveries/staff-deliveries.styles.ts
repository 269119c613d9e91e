import { css } from 'lit';

export const styles = css`
  .error-text {
    max-inline-size: 22rem;
    overflow-wrap: anywhere;
  }
  .held {
    display: block;
    margin-block-start: 0.25rem;
    font-size: 0.875rem;
  }
  .when {
    font-size: 0.9375rem;
  }
  .line {
    display: block;
  }
  .when span {
    display: block;
  }
`;
