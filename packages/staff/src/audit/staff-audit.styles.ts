import { css } from 'lit';

export const styles = css`
  .verify {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
    margin: 0 0 1rem;
  }
  .verdict {
    display: flex;
    gap: 0.5rem;
    align-items: flex-start;
    max-inline-size: 60rem;
  }
  .verdict .icon {
    margin-block-start: 0.2em;
  }
  .verdict a {
    margin-inline-start: 0.25rem;
  }
  td.nowrap,
  td.action {
    white-space: nowrap;
  }
`;
