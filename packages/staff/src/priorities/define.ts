import { defineElement } from '@proximite/widgets/kit/define.js';
import { StaffPriorities } from './staff-priorities.js';

defineElement('prox-staff-priorities', StaffPriorities);

export { StaffPriorities };

declare global {
  interface HTMLElementTagNameMap {
    'prox-staff-priorities': StaffPriorities;
  }
}
