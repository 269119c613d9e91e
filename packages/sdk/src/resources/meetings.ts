import { PastMeeting, PastMeetingPage, type PastMeetingListQuery } from '@proximite/contract';
import { path } from '../internal/path.js';
import type { RequestOptions } from '../internal/transport.js';
import { Resource, paginate } from './resource.js';

/** Past meetings and their public reports: `GET /v1/meeting-reports`, `GET /v1/cafes/{id}/report`. */
export class MeetingsResource extends Resource {
  /** One page of past meetings with a report, most recent first. */
  list(query: PastMeetingListQuery = {}, options?: RequestOptions): Promise<PastMeetingPage> {
    return this._transport.get('/v1/meeting-reports', query, PastMeetingPage, options);
  }

  /** Every past meeting with a report matching `query`, across pages. */
  iterate(query: Omit<PastMeetingListQuery, 'cursor'> = {}, options?: RequestOptions): AsyncGenerator<PastMeeting> {
    return paginate((cursor) => this.list({ ...query, cursor }, options));
  }

  /** The report of one café, with the café (`NotFoundError` when it has none). */
  report(cafeId: string, options?: RequestOptions): Promise<PastMeeting> {
    return this._transport.get(path`/v1/cafes/${cafeId}/report`, undefined, PastMeeting, options);
  }
}
