import { ProxEvent } from '../kit/events.js';

export interface RightsTopicOpenDetail {
  /** The id of the topic the resident opened (its deep-link fragment, e.g. `identity-checks`). */
  topicId: string;
}

/** Fired when the resident opens a topic (click or keyboard); not on deep links or the `topic` attribute. */
export class RightsTopicOpenEvent extends ProxEvent<RightsTopicOpenDetail> {
  static readonly eventName = 'prox-rights-topic-open';
  constructor(detail: RightsTopicOpenDetail) {
    super(RightsTopicOpenEvent.eventName, detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'prox-rights-topic-open': RightsTopicOpenEvent;
  }
}
