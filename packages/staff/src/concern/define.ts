import { defineElement } from '@proximite/widgets/kit/define.js';
import { StaffConcern } from './staff-concern.js';

defineElement('prox-staff-concern', StaffConcern);

export { StaffConcern };

declare global {
  interface HTMLElementTagNameMap {
    'prox-staff-concern': StaffConcern;
  }
}
