/**
 * Typed helpers for writing rights content: an item must cite at least one known source id
 * (checked by TypeScript here, and again at run time by `checkRightsContent`).
 */
import type { RightsContact, RightsItem, RightsSection, RightsTopic } from '@proximite/contract';
import type { RightsSourceId } from './sources.js';

type SourceIds = [RightsSourceId, ...RightsSourceId[]];

export type ItemDraft = Omit<RightsItem, 'sources'> & { sources: SourceIds };
export type SectionDraft = Omit<RightsSection, 'items'> & { items: ItemDraft[] };
export type TopicDraft = Omit<RightsTopic, 'sections'> & { sections: SectionDraft[] };
export type ContactDraft = Omit<RightsContact, 'sources'> & { sources: SourceIds };

/** A topic whose items cite only known sources. */
export function defineTopic(topic: TopicDraft): RightsTopic {
  return topic;
}

/** A help contact citing only known sources. */
export function defineContact(contact: ContactDraft): RightsContact {
  return contact;
}
