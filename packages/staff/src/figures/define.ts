import { defineElement } from '@proximite/widgets/kit/define.js';
import { StaffFigures } from './staff-figures.js';

defineElement('prox-staff-figures', StaffFigures);

export { StaffFigures };

declare global {
  interface HTMLElementTagNameMap {
    'prox-staff-figures': StaffFigures;
  }
}
