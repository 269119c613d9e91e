import { defineElement } from '@proximite/widgets/kit/define.js';
import { StaffConsole } from './console/staff-console.js';
import { StaffSignIn } from './sign-in/staff-sign-in.js';

defineElement('prox-staff-sign-in', StaffSignIn);
defineElement('prox-staff-console', StaffConsole);

export { StaffConsole, StaffSignIn };

declare global {
  interface HTMLElementTagNameMap {
    'prox-staff-console': StaffConsole;
    'prox-staff-sign-in': StaffSignIn;
  }
}
