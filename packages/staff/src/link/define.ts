import { defineElement } from '@proximite/widgets/kit/define.js';
import { StaffLink } from './staff-link.js';

defineElement('prox-staff-link', StaffLink);

export { StaffLink };

declare global {
  interface HTMLElementTagNameMap {
    'prox-staff-link': StaffLink;
  }
}
