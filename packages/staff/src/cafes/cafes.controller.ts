import type { ReactiveControllerHost } from 'lit';
import { Task, initialState } from '@lit/task';
import type { AdminMeetingReport, Cafe } from '@proximite/contract';
import type { StaffContext } from '../shared/context.js';
import { withSession } from '../shared/session.js';
import { windowOf } from './cafes-model.js';

/**
 * The section's data through @lit/task, each with the request's AbortSignal: the list of a window
 * (upcoming or past) when the list shows, one café when a view works on one (for the form of an
 * occurrence, its series: the form edits the series), and the stored report of a café when its
 * report form shows (`null` when it has none yet). A refused session signs in again, then loads.
 */
export class CafesController {
  readonly list: Task<[StaffContext | undefined, string | undefined], Cafe[]>;
  readonly one: Task<[StaffContext | undefined, string | undefined, boolean], Cafe>;
  readonly report: Task<[StaffContext | undefined, string | undefined], AdminMeetingReport | null>;

  constructor(
    host: ReactiveControllerHost & HTMLElement,
    view: () => {
      context: StaffContext | undefined;
      /** `upcoming` or `past` when the list shows. */
      when: string | undefined;
      /** The café a view works on. */
      id: string | undefined;
      /** Load the series of an occurrence (the form). */
      series: boolean;
      /** Load the stored report of the café (the report form). */
      report: boolean;
    },
  ) {
    this.list = new Task(host, {
      args: () => {
        const v = view();
        return [v.context, v.when] as [StaffContext | undefined, string | undefined];
      },
      task: async ([context, when], { signal }) => {
        if (!context || when === undefined) return initialState;
        const window = windowOf(when === 'past' ? 'past' : 'upcoming', context.now());
        const page = await withSession(context, () =>
          context.client.cafes.adminList({ ...window, limit: 100 }, { signal }),
        );
        return when === 'past' ? [...page.items].reverse() : page.items;
      },
    });
    this.one = new Task(host, {
      args: () => {
        const v = view();
        return [v.context, v.id, v.series] as [StaffContext | undefined, string | undefined, boolean];
      },
      task: async ([context, id, series], { signal }) => {
        if (!context || id === undefined) return initialState;
        const cafe = await withSession(context, () => context.client.cafes.get(id, { signal }));
        if (!series || cafe.series === undefined || cafe.series.id === cafe.id) return cafe;
        return withSession(context, () => context.client.cafes.get(cafe.series!.id, { signal }));
      },
    });
    this.report = new Task(host, {
      args: () => {
        const v = view();
        return [v.context, v.report ? v.id : undefined] as [StaffContext | undefined, string | undefined];
      },
      task: async ([context, id], { signal }) => {
        if (!context || id === undefined) return initialState;
        try {
          return await withSession(context, () => context.client.cafes.getReport(id, { signal }));
        } catch (error) {
          if ((error as { status?: number }).status === 404) return null;
          throw error;
        }
      },
    });
  }
}
