import { defineElement } from '@proximite/widgets/kit/define.js';
import { StaffTemplates } from './staff-templates.js';

defineElement('prox-staff-templates', StaffTemplates);

export { StaffTemplates };

declare global {
  interface HTMLElementTagNameMap {
    'prox-staff-templates': StaffTemplates;
  }
}
