import { defineElement } from '@proximite/widgets/kit/define.js';
import { StaffAudit } from './staff-audit.js';

defineElement('prox-staff-audit', StaffAudit);

export { StaffAudit };

declare global {
  interface HTMLElementTagNameMap {
    'prox-staff-audit': StaffAudit;
  }
}
