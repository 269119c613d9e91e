import { defineElement } from '../kit/define.js';
import { ConcernForm } from './concern-form.js';

export { ConcernForm };
defineElement('prox-concern-form', ConcernForm);

declare global {
  interface HTMLElementTagNameMap {
    'prox-concern-form': ConcernForm;
  }
}
