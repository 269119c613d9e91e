import type { ReactiveControllerHost } from 'lit';
import { Task } from '@lit/task';
import type { Cafe, CafeListQuery, District } from '@proximite/contract';
import type { ProximiteCafesClient } from '@proximite/sdk/core.js';
import type { ICalendarIssue as FeedIssue } from '@proximite/contract/ical-feed.js';
import { DataController } from '../kit/data.controller.js';
import { newTask } from '../kit/base-element.js';
import { afterNextFrame } from '../kit/frame.js';
import { resolveCafesClient } from '../kit/client.js';
import { addDays, filterCafes, localDate, DEFAULT_TIME_ZONE } from './agenda.js';

/**
 * How many cafés the list shows at first, and adds per « Voir plus »: a first render of 60 cafés
 * took 0.3 s of script and 0.35 s of layout at 4× CPU throttling (BENCHMARKS.md).
 */
export const PAGE = 10;
/**
 * The cafés a first view needs: the list shows ten at first (what has already ended, asked for from
 * yesterday, is dropped here, so a few more). From a server, the first answer is only these: its
 * JSON is read and checked in a few milliseconds, not the 57–80 ms of one task that 500 cafés took
 * at 4× CPU throttling (issue 21).
 */
const FIRST_PAGE = 20;
/**
 * The cafés after the first ones, from a server: each answer's JSON is read in a task of its own
 * (about 15 ms for 100 cafés at 4× CPU throttling), its validation in slices after it.
 */
const NEXT_PAGE = 100;
/**
 * Pages of a static file or of a custom client: the contract's largest `limit`. A file is read
 * once and paged in memory (an iCalendar feed is parsed again for each page: the fewer, the better).
 */
const SOURCE_PAGE = 200;

/** A page of cafés as a client answers it (an iCalendar feed's with its issues). */
type CafesPage = { items: Cafe[]; nextCursor: string | null; issues?: readonly FeedIssue[] };

/** One load of the cafés, page after page. */
interface Load {
  client: ProximiteCafesClient;
  query: CafeListQuery;
  signal: AbortSignal;
  /** Every café of the pages read so far, as the source gave them. */
  raw: Cafe[];
  /** Where the next page starts; none once the last (or `limit`) is reached. */
  cursor?: string | undefined;
}

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
  /**
   * Every café loaded so far, filtered and sorted: the first page once the load completes, then
   * more as the next pages come (a new array each time). Until the first load, empty.
   */
  all: Cafe[] = [];
  /** Whether pages after the first are still to come (the month view and the count wait for them). */
  loadingMore = false;
  /** Why a page after the first failed to load (`loadMore()` tries again from it). */
  moreError?: unknown;
  /** The current load: what it asks, the cafés read so far, where its next page starts. */
  private load?: Load;

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
    const load: Load = { client, query, signal, raw: [] };
    this.load = load;
    this.moreError = undefined;
    // Pages until the first view has its cafés (what has ended is dropped), the rest after it.
    let cafes: Cafe[];
    do cafes = await this.nextPage(load);
    while (load.cursor && cafes.length < PAGE);
    this.all = cafes;
    this.loadingMore = !!load.cursor;
    // The next pages are asked for once the first café is painted (the host renders the first
    // page when this returns): their answers do not come before it.
    if (load.cursor) void afterNextFrame().then(() => this.loadMore());
    return cafes;
  }

  /**
   * Loads the pages after the first view's, one after another, each read and checked in tasks of
   * its own, the host rendering after each; on a failure, keeps what came and `moreError` says why
   * (calling it again goes on from the page that failed).
   */
  async loadMore(): Promise<void> {
    const load = this.load;
    let error: unknown;
    while (load?.cursor && load === this.load && !error) {
      this.loadingMore = true;
      this.moreError = undefined;
      this.host.requestUpdate();
      try {
        const cafes = await this.nextPage(load);
        if (load === this.load) this.all = cafes;
      } catch (e) {
        error = e;
      }
    }
    if (!load || load !== this.load || load.signal.aborted) return;
    this.loadingMore = false;
    this.moreError = error;
    this.host.requestUpdate();
  }

  /**
   * The next page of a load, its cafés added to the ones read before; returns the cafés shown (the
   * district, the window, not over yet, at most `limit`). From a server, a small first page, then
   * the rest in pages each read in its own tasks; from a file or a custom client, the largest pages.
   */
  private async nextPage(load: Load): Promise<Cafe[]> {
    const host = this.host;
    const limit = host.limit && host.limit > 0 ? Math.trunc(host.limit) : 0;
    const size = host.client || !host.api ? SOURCE_PAGE : load.raw.length ? NEXT_PAGE : FIRST_PAGE;
    const ask: CafeListQuery = { ...load.query, limit: limit ? Math.min(limit, size) : size };
    if (load.cursor) ask.cursor = load.cursor;
    const page: CafesPage = await load.client.cafes.list(ask, { signal: load.signal });
    load.raw.push(...page.items);
    // The reasons, and the approximations (zones…), stay in `page.issues` for whoever reads them
    // (an iCalendar feed gives those of the whole feed with each page).
    this.unreadable = page.issues?.some((i) => i.severity === 'skipped') ?? false;
    const cafes = filterCafes(load.raw, {
      district: host.district,
      from: host.from,
      to: host.to,
      now: host.now ?? new Date(),
      limit,
    });
    load.cursor = (!limit || cafes.length < limit) && page.nextCursor ? page.nextCursor : undefined;
    return cafes;
  }
}
