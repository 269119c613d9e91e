/**
 * `@proximite/sdk/meetings.js` — past meetings and their public reports alone, for code that loads
 * them apart (the calendar's « Rencontres passées », a lazy chunk): not part of the core, whose
 * budget it would cost; the full client has them as `client.meetings`.
 */
import { transportFor, type ClientOptions } from './client.js';
import { MeetingsResource } from './resources/meetings.js';

export type { MeetingsResource };

/** The meetings resource of a backend, with the same options as `createClient`. */
export function createMeetingsResource(options: ClientOptions): MeetingsResource {
  return new MeetingsResource(transportFor(options));
}
