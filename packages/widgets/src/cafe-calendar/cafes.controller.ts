import type { ReactiveControllerHost } from 'lit';
import { Task } from '@lit/task';
import type { Cafe, CafeListQuery, District } from '@proximite/contract';
import type { ProximiteCafesClient } from '@proximite/sdk/core.js';
import type { ICalendarIssue as FeedIssue } from '@proximite/contract/ical-feed.js';
import { DataController } from '../kit/data.controller.js';
import { newTask } from '../kit/base-element.js';
import { resolveCafesClient } from '../kit/client.js';
import { addDays, filterCafes, localDate, DEFAULT_TIME_ZONE } from './agenda.js';

/** What the controller reads from its host (the element's attributes and properties). */
export interface CafesHost extends ReactiveControllerHost, HTMLElement {
  client?: ProximiteCafesClient | undefined;
  api?: string | undefined;
  src?: string | undefined;
  district?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit?: number | undefined;
  now?: Date | undefined;
  /** The language shown (`fr` or `en`): replaces `{lang}` in `src`. */
  readonly language: string;
}

/**
 * Loads the cafés (and, apart, the districts for the filter) through the SDK with an AbortSignal
 * that @lit/task aborts when an input changes or the element leaves the page. The client comes
 * from the kit's `resolveCafesClient`: `.client`, else `api`, else `src` (.ics or JSON adapter, loaded
 * only then). The cafés are filtered and sorted again here (district, window, already over, limit),
 * so every source — API, static JSON, .ics feed, a custom client — behaves the same.
 */
export class CafesController {
  /** The cafés, with the kit's loading, empty and error states. */
  readonly data: DataController<readonly unknown[], Cafe[]>;
  /** The districts of the filter; an empty list when the source has none or they fail to load. */
  readonly districtsTask: Task<readonly unknown[], District[]>;
  /** The client of the current source, once resolved (for the feed and .ics URLs). */
  client?: ProximiteCafesClient;
  /** Whether the source had entries it could not read (an iCalendar feed partly broken). */
  unreadable = false;

  constructor(private readonly host: CafesHost) {
    this.data = new DataController(host, {
      args: (): readonly unknown[] => [
        host.client,
        host.api,
        host.src,
        this.srcLanguage(),
        host.district,
        host.from,
        host.to,
        host.limit,
      ],
      load: (_args, signal) => this.loadCafes(signal),
    });
    this.districtsTask = new Task(host, {
      args: (): readonly unknown[] => [host.client, host.api, host.src, this.srcLanguage()],
      task: async (_args, { signal }) => {
        try {
          const client = await resolveCafesClient(this.source());
          // The request leaves in a task of its own, not in the one that evaluated the SDK's chunk.
          await newTask();
          return await client.districts.list({ signal });
        } catch {
          // The filter is an extra: without districts the widget still lists every café.
          return [];
        }
      },
    });
  }

  /** The language a `src` with `{lang}` depends on (a change reloads); '' when it has none. */
  private srcLanguage(): string {
    return this.host.src?.includes('{lang}') ? this.host.language : '';
  }

  /** What the kit's resolver reads: the source attributes and the language shown. */
  private source() {
    const { client, api, src, language } = this.host;
    return { client, api, src, lang: language };
  }

  get districts(): District[] {
    return this.districtsTask.value ?? [];
  }

  private async loadCafes(signal: AbortSignal): Promise<Cafe[]> {
    const host = this.host;
    const client = await resolveCafesClient(this.source());
    // The request leaves in a task of its own, not in the one that evaluated the SDK's chunk (and
    // built the contract's schemas): together, the longest task of the first render at 4× CPU
    // throttling (issue 21).
    await newTask();
    this.client = client;
    const now = host.now ?? new Date();
    const query: CafeListQuery = {
      // Without `from`, ask from yesterday (a stable date, so the server and caches see the same
      // query all day); what has already ended is dropped below with the exact clock.
      from: host.from || addDays(localDate(now, DEFAULT_TIME_ZONE), -1),
    };
    if (host.to) query.to = host.to;
    if (host.district) query.district = host.district;
    if (host.limit && host.limit > 0) query.limit = Math.min(Math.trunc(host.limit), 200);
    const page: { items: Cafe[]; issues?: readonly FeedIssue[] } = await client.cafes.list(query, { signal });
    // The reasons, and the approximations (zones…), stay in `page.issues` for whoever reads them.
    this.unreadable = page.issues?.some((i) => i.severity === 'skipped') ?? false;
    return filterCafes(page.items, {
      district: host.district,
      from: host.from,
      to: host.to,
      now,
      limit: host.limit,
    });
  }
}
