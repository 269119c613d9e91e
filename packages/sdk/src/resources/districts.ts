import { DistrictList, type District } from '@proximite/contract';
import type { RequestOptions } from '../internal/transport.js';
import { Resource } from './resource.js';

/** Districts (quartiers) of the city: `GET /v1/districts`. */
export class DistrictsResource extends Resource {
  /** Every district, in the client's language. */
  async list(options?: RequestOptions): Promise<District[]> {
    const lang = this._transport.config.lang;
    return (await this._transport.get('/v1/districts', { lang }, DistrictList, options)).items;
  }
}
