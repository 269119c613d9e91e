import { ProxEvent } from '@proximite/widgets/kit/events.js';

/** The password was chosen with the link: sign in now, as `email`. */
export class StaffLinkRedeemedEvent extends ProxEvent<{ email: string }> {
  static readonly type = 'prox-staff-link-redeemed';
  constructor(email: string) {
    super(StaffLinkRedeemedEvent.type, { email });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'prox-staff-link-redeemed': StaffLinkRedeemedEvent;
  }
}
