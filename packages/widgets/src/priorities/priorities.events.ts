import { ProxEvent } from '../kit/events.js';

/** The resident changed a filter (district or status); never fired for programmatic changes. */
export class PrioritiesFilterEvent extends ProxEvent<{ district: string | undefined; status: string }> {
  static readonly eventName = 'prox-priorities-filter';
  constructor(district: string | undefined, status: string) {
    super(PrioritiesFilterEvent.eventName, { district, status });
  }
}

/** The resident opened the public report of a café a priority was raised at. */
export class PriorityReportOpenEvent extends ProxEvent<{ priorityId: string; cafeId: string }> {
  static readonly eventName = 'prox-priority-report-open';
  constructor(priorityId: string, cafeId: string) {
    super(PriorityReportOpenEvent.eventName, { priorityId, cafeId });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'prox-priorities-filter': PrioritiesFilterEvent;
    'prox-priority-report-open': PriorityReportOpenEvent;
  }
}
