import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Task } from '@lit/task';
import type { District, PastMeeting, Priority } from '@proximite/contract';
import type { MeetingsApi, ProximiteClient } from '@proximite/sdk';
import { DataController } from '../kit/data.controller.js';
import { resolveClient } from '../kit/full-client.js';

/** At most this many priorities are read (pages of 100): a city publishes a few dozen a year. */
const MAX = 300;

/** What the controller reads from its host (the element's attributes and properties). */
export interface PrioritiesHost extends ReactiveControllerHost, HTMLElement {
  client?: ProximiteClient | undefined;
  api?: string | undefined;
  src?: string | undefined;
  district?: string | undefined;
  /** The language shown (`fr` or `en`): replaces `{lang}` in `src`. */
  readonly language: string;
}

/** Where one café's report stands: loading, loaded, or failed (with the error). */
export type ReportState =
  { state: 'loading' } | { state: 'ready'; meeting: PastMeeting } | { state: 'error'; error: unknown };

/**
 * Loads the priorities of the city or of one district (every page, up to {@link MAX}) and, apart,
 * the districts of the filter, through the SDK with an AbortSignal @lit/task aborts when an input
 * changes or the element leaves the page. Café reports load when a resident opens one, once each;
 * the requests still running are aborted when the element leaves the page.
 */
export class PrioritiesController implements ReactiveController {
  readonly data: DataController<readonly unknown[], Priority[]>;
  readonly districtsTask: Task<readonly unknown[], District[]>;
  /** The client of the current source, once resolved (for the feed URL and the reports). */
  client?: ProximiteClient;
  private readonly reports = new Map<string, ReportState>();
  private readonly aborts = new Set<AbortController>();

  constructor(private readonly host: PrioritiesHost) {
    host.addController(this);
    this.data = new DataController(host, {
      args: (): readonly unknown[] => [host.client, host.api, host.src, this.srcLanguage(), host.district],
      load: async (_args, signal) => {
        const client = await resolveClient(this.source(), 'priorities');
        this.client = client;
        this.reports.clear();
        const items: Priority[] = [];
        const query = host.district ? { district: host.district, limit: 100 } : { limit: 100 };
        for await (const p of client.priorities.iterate(query, { signal })) {
          items.push(p);
          if (items.length >= MAX) break;
        }
        // A static file is filtered by the adapter; a custom client may not be: filter again.
        return host.district ? items.filter((p) => p.districtId === host.district) : items;
      },
    });
    this.districtsTask = new Task(host, {
      args: (): readonly unknown[] => [host.client, host.api, host.src, this.srcLanguage()],
      task: async (_args, { signal }) => {
        try {
          const client = await resolveClient(this.source(), 'priorities');
          return await client.districts.list({ signal });
        } catch {
          // The filter is an extra: without districts the widget still lists every priority.
          return [];
        }
      },
    });
  }

  hostDisconnected(): void {
    for (const a of this.aborts) a.abort();
    this.aborts.clear();
    // A report aborted half-way loads again when opened again.
    for (const [id, r] of this.reports) if (r.state === 'loading') this.reports.delete(id);
  }

  private srcLanguage(): string {
    return this.host.src?.includes('{lang}') ? this.host.language : '';
  }

  private source() {
    const { client, api, src, language } = this.host;
    return { client, api, src, lang: language };
  }

  get districts(): District[] {
    return this.districtsTask.value ?? [];
  }

  /** The meetings resource of the client, when its backend publishes reports (the reference API does). */
  private get meetings(): MeetingsApi | undefined {
    return (this.client as { meetings?: MeetingsApi } | undefined)?.meetings;
  }

  /** Whether the source can show café reports (a static file or an Open311 endpoint cannot). */
  get hasReports(): boolean {
    return this.meetings !== undefined;
  }

  /** Where a café's report stands; starts loading it the first time (and again after a failure). */
  report(cafeId: string): ReportState | undefined {
    return this.reports.get(cafeId);
  }

  load(cafeId: string): void {
    const meetings = this.meetings;
    const current = this.reports.get(cafeId);
    if (!meetings || current?.state === 'loading' || current?.state === 'ready') return;
    const abort = new AbortController();
    this.aborts.add(abort);
    this.reports.set(cafeId, { state: 'loading' });
    this.host.requestUpdate();
    meetings
      .report(cafeId, { signal: abort.signal })
      .then(
        (meeting) => this.reports.set(cafeId, { state: 'ready', meeting }),
        (error: unknown) => {
          if (!abort.signal.aborted) this.reports.set(cafeId, { state: 'error', error });
        },
      )
      .finally(() => {
        this.aborts.delete(abort);
        this.host.requestUpdate();
      });
  }

  /** The Atom feed of the actions carried out (all, or the district's), when the client has one. */
  feedUrl(): string | undefined {
    try {
      return this.client?.priorities.feedUrl?.(this.host.district ? { district: this.host.district } : {});
    } catch {
      return undefined;
    }
  }
}
