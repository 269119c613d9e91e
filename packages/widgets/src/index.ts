// @proximite/widgets: the widget classes, their events and the kit. Importing this module defines
// no tag; import `@proximite/widgets/define-all.js` (or one widget's `<name>/define.js`) for that.
export * from './kit/index.js';
export {
  resolveCafesClient,
  resolveCoreClient,
  resolveWith,
  absoluteUrl,
  isICalendarUrl,
  MissingSourceError,
} from './kit/client.js';
export { resolveClient } from './kit/full-client.js';
export type { ClientHost, StaticResource } from './kit/client.js';
export { CafeCalendar } from './cafe-calendar/cafe-calendar.js';
export { CafeSelectEvent } from './cafe-calendar/cafe-calendar.events.js';
export { ConcernForm } from './concern-form/concern-form.js';
export { ConcernSubmittedEvent, ConcernQueuedEvent } from './concern-form/concern-form.events.js';
export { RightsExplainer } from './rights-explainer/rights-explainer.js';
export { RightsTopicOpenEvent } from './rights-explainer/rights-explainer.events.js';
export { ActivityStats } from './activity-stats/activity-stats.js';
export { StatsIndicatorSelectEvent } from './activity-stats/activity-stats.events.js';
export { Priorities } from './priorities/priorities.js';
export { PrioritiesFilterEvent, PriorityReportOpenEvent } from './priorities/priorities.events.js';
