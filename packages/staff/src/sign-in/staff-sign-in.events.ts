import type { StaffSession } from '@proximite/contract';
import { ProxEvent } from '@proximite/widgets/kit/events.js';

/** Someone signed in (and, when the role needs one, has a second factor): the session. */
export class StaffSignedInEvent extends ProxEvent<{ session: StaffSession }> {
  static readonly type = 'prox-staff-signed-in';
  constructor(session: StaffSession) {
    super(StaffSignedInEvent.type, { session });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'prox-staff-signed-in': StaffSignedInEvent;
  }
}
