import { PublicReport } from '@proximite/contract';
import { path } from '../internal/path.js';
import type { RequestOptions } from '../internal/transport.js';
import { Resource } from './resource.js';

/**
 * The public activity report of a year (`2026`) or a quarter (`2026-Q3`): `GET /v1/reports/{period}`.
 * `NotFoundError` for a period that is not one or has not started.
 */
export class ReportsResource extends Resource {
  /** The report as data: counters, meetings held, priorities and actions, response figures, sources. */
  get(period: string, options?: RequestOptions): Promise<PublicReport> {
    return this._transport.get(path`/v1/reports/${period}`, undefined, PublicReport, options);
  }

  /** URL of the same report as a page that prints on A4, in the client's language. */
  htmlUrl(period: string): string {
    return this._transport.url(path`/v1/reports/${period}.html`, { lang: this._transport.config.lang });
  }
}
