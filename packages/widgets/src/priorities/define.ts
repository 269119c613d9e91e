import { defineElement } from '../kit/define.js';
import { Priorities } from './priorities.js';

defineElement('prox-priorities', Priorities);

declare global {
  interface HTMLElementTagNameMap {
    'prox-priorities': Priorities;
  }
}
