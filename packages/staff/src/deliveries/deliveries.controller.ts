import type { ReactiveControllerHost } from 'lit';
import { Task, initialState } from '@lit/task';
import type { Delivery } from '@proximite/contract';
import type { StaffContext } from '../shared/context.js';
import { withSession } from '../shared/session.js';
import { FAILED_PINNED, failedFirst, pinsFailed, queryOf, type DeliveryFilters } from './deliveries-model.js';

export interface DeliveryLogPage {
  rows: Delivery[];
  /** How many of the rows are failed sends pinned above the log. */
  pinned: number;
  nextCursor: string | null;
}

/**
 * Loads a page of the delivery log through @lit/task whenever the view changes (with the request's
 * AbortSignal); on the first page of an unfiltered status, the failed sends are asked for as well
 * and shown first. A refused session is signed in again, then the page loads.
 */
export class DeliveriesController {
  readonly task: Task<[StaffContext | undefined, string], DeliveryLogPage>;

  constructor(
    host: ReactiveControllerHost & HTMLElement,
    view: () => { context: StaffContext | undefined; filters: DeliveryFilters },
  ) {
    this.task = new Task(host, {
      args: () => {
        const { context, filters } = view();
        return [context, JSON.stringify(filters)] as [StaffContext | undefined, string];
      },
      task: async ([context, key], { signal }) => {
        if (!context) return initialState;
        const filters = JSON.parse(key) as DeliveryFilters;
        const query = queryOf(filters);
        const [page, failed] = await Promise.all([
          withSession(context, () => context.client.deliveries.list(query, { signal })),
          pinsFailed(filters)
            ? withSession(context, () =>
                context.client.deliveries.list(
                  { ...query, status: 'failed', limit: FAILED_PINNED },
                  { signal },
                ),
              ).then((p) => p.items)
            : Promise.resolve([] as Delivery[]),
        ]);
        const rows = failedFirst(failed, page.items);
        return {
          rows,
          pinned: pinsFailed(filters) ? rows.filter((r) => r.status === 'failed').length : 0,
          nextCursor: page.nextCursor,
        };
      },
    });
  }

  reload(): Promise<void> {
    return this.task.run();
  }
}
