// React wrappers of the four Proximité widgets, made with @lit/react: properties are set as
// properties (objects included), and the widgets' events become typed `on…` props.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import {
  ActivityStats as ActivityStatsElement,
  CafeCalendar as CafeCalendarElement,
  ConcernForm as ConcernFormElement,
  RightsExplainer as RightsExplainerElement,
  type CafeSelectEvent,
  type ConcernQueuedEvent,
  type ConcernSubmittedEvent,
  type RightsTopicOpenEvent,
  type StatsIndicatorSelectEvent,
} from '@proximite/widgets';
// The tags must be defined before React renders them (each define file is a guarded define).
import '@proximite/widgets/cafe-calendar/define.js';
import '@proximite/widgets/concern-form/define.js';
import '@proximite/widgets/rights-explainer/define.js';
import '@proximite/widgets/activity-stats/define.js';

export const CafeCalendar = createComponent({
  tagName: 'prox-cafe-calendar',
  elementClass: CafeCalendarElement,
  react: React,
  events: { onCafeSelect: 'prox-cafe-select' as EventName<CafeSelectEvent> },
});

export const ConcernForm = createComponent({
  tagName: 'prox-concern-form',
  elementClass: ConcernFormElement,
  react: React,
  events: {
    onConcernSubmitted: 'prox-concern-submitted' as EventName<ConcernSubmittedEvent>,
    onConcernQueued: 'prox-concern-queued' as EventName<ConcernQueuedEvent>,
  },
});

export const RightsExplainer = createComponent({
  tagName: 'prox-rights-explainer',
  elementClass: RightsExplainerElement,
  react: React,
  events: { onTopicOpen: 'prox-rights-topic-open' as EventName<RightsTopicOpenEvent> },
});

export const ActivityStats = createComponent({
  tagName: 'prox-activity-stats',
  elementClass: ActivityStatsElement,
  react: React,
  events: { onIndicatorSelect: 'prox-stats-indicator-select' as EventName<StatsIndicatorSelectEvent> },
});
