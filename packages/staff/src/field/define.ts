import { defineElement } from '@proximite/widgets/kit/define.js';
import { StaffField } from './staff-field.js';

defineElement('prox-staff-field', StaffField);

export { StaffField };

declare global {
  interface HTMLElementTagNameMap {
    'prox-staff-field': StaffField;
  }
}
