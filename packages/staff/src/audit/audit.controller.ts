import type { ReactiveControllerHost } from 'lit';
import { Task, initialState } from '@lit/task';
import type { AuditEntry } from '@proximite/contract';
import type { StaffContext } from '../shared/context.js';
import { withSession } from '../shared/session.js';
import { queryOf, type AuditFilters } from './audit-model.js';

export interface AuditLogPage {
  entries: AuditEntry[];
  nextCursor: string | null;
  /** Staff ids → display names, when the role may list the accounts (else empty). */
  names: ReadonlyMap<string, string>;
}

/**
 * Loads a page of the audit log through @lit/task when the page asked for changes (the filters on
 * words apply to the loaded page, not to the request), with the staff accounts' names when the
 * role may read them. A refused session is signed in again, then the page loads.
 */
export class AuditController {
  readonly task: Task<[StaffContext | undefined, number], AuditLogPage>;
  private names?: Promise<ReadonlyMap<string, string>>;

  constructor(
    host: ReactiveControllerHost & HTMLElement,
    view: () => { context: StaffContext | undefined; filters: AuditFilters },
  ) {
    this.task = new Task(host, {
      args: () => {
        const { context, filters } = view();
        return [context, filters.after ?? 0] as [StaffContext | undefined, number];
      },
      task: async ([context, after], { signal }) => {
        if (!context) return initialState;
        this.names ??= context.can('staff:write')
          ? context.client.staff
              .list()
              .then((list) => new Map(list.map((s) => [s.id, s.displayName])))
              .catch(() => new Map())
          : Promise.resolve(new Map());
        const page = await withSession(context, () =>
          context.client.audit.list(queryOf({ after }), { signal }),
        );
        return { entries: page.items, nextCursor: page.nextCursor, names: await this.names };
      },
    });
  }

  reload(): Promise<void> {
    return this.task.run();
  }
}
