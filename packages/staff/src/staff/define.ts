import { defineElement } from '@proximite/widgets/kit/define.js';
import { StaffAccounts } from './staff-accounts.js';

defineElement('prox-staff-accounts', StaffAccounts);

export { StaffAccounts };

declare global {
  interface HTMLElementTagNameMap {
    'prox-staff-accounts': StaffAccounts;
  }
}
