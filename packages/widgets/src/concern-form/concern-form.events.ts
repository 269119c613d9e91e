import type { ConcernReceipt } from '@proximite/contract';
import { ProxEvent } from '../kit/events.js';

/** A concern reached the backend: `detail.receipt` carries its reference, status token and service. */
export class ConcernSubmittedEvent extends ProxEvent<{ receipt: ConcernReceipt }> {
  static readonly eventName = 'prox-concern-submitted';
  constructor(receipt: ConcernReceipt) {
    super(ConcernSubmittedEvent.eventName, { receipt });
  }
}

/** A concern was kept in the outbox (offline, or the backend unreachable); it is sent later, once. */
export class ConcernQueuedEvent extends ProxEvent<{ id: string }> {
  static readonly eventName = 'prox-concern-queued';
  constructor(id: string) {
    super(ConcernQueuedEvent.eventName, { id });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'prox-concern-submitted': ConcernSubmittedEvent;
    'prox-concern-queued': ConcernQueuedEvent;
  }
}
