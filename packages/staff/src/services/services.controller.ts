import type { ReactiveControllerHost } from 'lit';
import { Task, initialState } from '@lit/task';
import type { RoutingTable, Service, StaffMember } from '@proximite/contract';
import type { StaffContext } from '../shared/context.js';
import { withSession } from '../shared/session.js';

export interface ServicesData {
  services: Service[];
  routing: RoutingTable;
  /** The staff accounts members are chosen from (empty when the role may not list them). */
  staff: StaffMember[];
}

/**
 * Loads the services, the routing rules and the staff accounts through @lit/task when the
 * console's client changes; a refused session is signed in again, then they load.
 */
export class ServicesController {
  readonly task: Task<[StaffContext | undefined], ServicesData>;

  constructor(host: ReactiveControllerHost & HTMLElement, view: () => StaffContext | undefined) {
    this.task = new Task(host, {
      args: () => [view()] as [StaffContext | undefined],
      task: async ([context], { signal }) => {
        if (!context) return initialState;
        const [services, routing, staff] = await Promise.all([
          withSession(context, () => context.client.services.list({ signal })),
          withSession(context, () => context.client.routing.get({ signal })),
          context.can('staff:write')
            ? context.client.staff.list({ signal }).catch(() => [] as StaffMember[])
            : Promise.resolve([] as StaffMember[]),
        ]);
        return { services, routing, staff };
      },
    });
  }

  reload(): Promise<void> {
    return this.task.run();
  }
}
