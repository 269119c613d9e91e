import { defineElement } from '@proximite/widgets/kit/define.js';
import { StaffServices } from './staff-services.js';

defineElement('prox-staff-services', StaffServices);

export { StaffServices };

declare global {
  interface HTMLElementTagNameMap {
    'prox-staff-services': StaffServices;
  }
}
