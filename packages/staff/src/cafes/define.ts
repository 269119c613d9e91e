import { defineElement } from '@proximite/widgets/kit/define.js';
import { StaffCafes } from './staff-cafes.js';

defineElement('prox-staff-cafes', StaffCafes);

export { StaffCafes };

declare global {
  interface HTMLElementTagNameMap {
    'prox-staff-cafes': StaffCafes;
  }
}
