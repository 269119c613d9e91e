import type { Cafe } from '@proximite/contract';
import { ProxEvent } from '../kit/events.js';

/** Detail of {@link CafeSelectEvent}. */
export interface CafeSelectDetail {
  cafe: Cafe;
}

/**
 * `prox-cafe-select`: a resident opened a café's details (a user action; never fired when the
 * widget renders or changes on its own). Bubbles; not composed.
 */
export class CafeSelectEvent extends ProxEvent<CafeSelectDetail> {
  static readonly eventName = 'prox-cafe-select';
  constructor(cafe: Cafe) {
    super(CafeSelectEvent.eventName, { cafe });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'prox-cafe-select': CafeSelectEvent;
  }
}
