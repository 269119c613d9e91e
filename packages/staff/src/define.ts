import { defineElement } from '@proximite/widgets/kit/define.js';
import { StaffConsole } from './console/staff-console.js';

defineElement('prox-staff-console', StaffConsole);

export { StaffConsole };

declare global {
  interface HTMLElementTagNameMap {
    'prox-staff-console': StaffConsole;
  }
}
