import { StatsDataset } from '@proximite/contract';
import type { RequestOptions } from '../internal/transport.js';
import { Resource } from './resource.js';

/** `GET /v1/stats` query: INSEE area code (or `FR`), indicator ids, years. */
export interface StatsGetQuery {
  area?: string;
  indicators?: string | readonly string[];
  from?: number;
  to?: number;
}

/** Recorded crime (SSMSI) and municipal police activity: `GET /v1/stats`. */
export class StatsResource extends Resource {
  /** The dataset of an area (`NotFoundError` when there is no data for it). */
  get(query: StatsGetQuery = {}, options?: RequestOptions): Promise<StatsDataset> {
    return this._transport.get('/v1/stats', { ...query }, StatsDataset, options);
  }
}
