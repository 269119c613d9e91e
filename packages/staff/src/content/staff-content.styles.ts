import { css } from 'lit';

export const styles = css`
  textarea {
    inline-size: 100%;
    box-sizing: border-box;
  }
  fieldset.contact .remove {
    margin-block-start: 0.25rem;
  }
  .retention {
    max-inline-size: 60rem;
  }
`;
