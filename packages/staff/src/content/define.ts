import { defineElement } from '@proximite/widgets/kit/define.js';
import { StaffContent } from './staff-content.js';

defineElement('prox-staff-content', StaffContent);

export { StaffContent };

declare global {
  interface HTMLElementTagNameMap {
    'prox-staff-content': StaffContent;
  }
}
