import { defineElement } from '@proximite/widgets/kit/define.js';
import { StaffInbox } from './staff-inbox.js';

defineElement('prox-staff-inbox', StaffInbox);

export { StaffInbox };

declare global {
  interface HTMLElementTagNameMap {
    'prox-staff-inbox': StaffInbox;
  }
}
