import { ProxEvent } from '../kit/events.js';

/** The resident chose an indicator in the widget (never fired for programmatic changes). */
export class StatsIndicatorSelectEvent extends ProxEvent<{ indicatorId: string }> {
  static readonly eventName = 'prox-stats-indicator-select';
  constructor(indicatorId: string) {
    super(StatsIndicatorSelectEvent.eventName, { indicatorId });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'prox-stats-indicator-select': StatsIndicatorSelectEvent;
  }
}
