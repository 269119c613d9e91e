import { defineElement } from '@proximite/widgets/kit/define.js';
import { StaffDeliveries } from './staff-deliveries.js';

defineElement('prox-staff-deliveries', StaffDeliveries);

export { StaffDeliveries };

declare global {
  interface HTMLElementTagNameMap {
    'prox-staff-deliveries': StaffDeliveries;
  }
}
