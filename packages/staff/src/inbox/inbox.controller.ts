import type { ReactiveControllerHost } from 'lit';
import { Task, initialState } from '@lit/task';
import type { StaffContext } from '../shared/context.js';
import { pseudonymised, withSession } from '../shared/session.js';
import { OPEN_STATUSES, queryOf, toRow, type InboxFilters, type InboxRow } from './inbox-model.js';

export interface InboxPage {
  rows: InboxRow[];
  nextCursor: string | null;
  /** How many concerns the filters match, when the server counts them. */
  total: number | undefined;
  /** The observers' pseudonymised list. */
  pseudonymised: boolean;
}

/**
 * Loads a page of the inbox through @lit/task whenever the view's query changes, with the request's
 * AbortSignal (a newer view cancels the older request); a refused session is signed in again,
 * then the page loads.
 */
export class InboxController {
  readonly task: Task<[StaffContext | undefined, string], InboxPage>;

  constructor(
    host: ReactiveControllerHost & HTMLElement,
    view: () => { context: StaffContext | undefined; filters: InboxFilters },
  ) {
    this.task = new Task(host, {
      args: () => {
        const { context, filters } = view();
        return [context, JSON.stringify(queryOf(filters))] as [StaffContext | undefined, string];
      },
      task: async ([context, key], { signal }) => {
        if (!context) return initialState;
        const query = JSON.parse(key) as Record<string, string | number>;
        const now = context.now();
        if (pseudonymised(context)) {
          // The observers' list takes one status at most, and never shows the quarantine.
          const status = String(query.status ?? '');
          const page = await withSession(context, () =>
            context.client.oversight.list(
              {
                limit: Number(query.limit),
                ...(status && !status.includes(',') ? { status: status as never } : {}),
                ...(query.category ? { category: String(query.category) } : {}),
                ...(query.district ? { district: String(query.district) } : {}),
                ...(query.cursor ? { cursor: String(query.cursor) } : {}),
              },
              { signal },
            ),
          );
          const open = status === OPEN_STATUSES.join(',');
          const rows = page.items
            .map((item) => toRow(item, now))
            .filter((row) => !open || (OPEN_STATUSES as readonly string[]).includes(row.status));
          return { rows, nextCursor: page.nextCursor, total: undefined, pseudonymised: true };
        }
        const page = await withSession(context, () =>
          context.client.concerns.list(query as never, { signal }),
        );
        const total = (page as { total?: unknown }).total;
        return {
          rows: page.items.map((item) => toRow(item, now)),
          nextCursor: page.nextCursor,
          total: typeof total === 'number' ? total : undefined,
          pseudonymised: false,
        };
      },
    });
  }

  reload(): Promise<void> {
    return this.task.run();
  }
}
