import { defineElement } from '../kit/define.js';
import { CafeCalendar } from './cafe-calendar.js';

defineElement('prox-cafe-calendar', CafeCalendar);

export { CafeCalendar };

declare global {
  interface HTMLElementTagNameMap {
    'prox-cafe-calendar': CafeCalendar;
  }
}
