import type { ReactiveControllerHost } from 'lit';
import { Task, initialState } from '@lit/task';
import type { StaffMember } from '@proximite/contract';
import type { StaffContext } from '../shared/context.js';
import { withSession } from '../shared/session.js';

/** Loads the staff accounts through @lit/task when the console's client changes. */
export class StaffController {
  readonly task: Task<[StaffContext | undefined], StaffMember[]>;

  constructor(host: ReactiveControllerHost & HTMLElement, view: () => StaffContext | undefined) {
    this.task = new Task(host, {
      args: () => [view()] as [StaffContext | undefined],
      task: async ([context], { signal }) => {
        if (!context) return initialState;
        return withSession(context, () => context.client.staff.list({ signal }));
      },
    });
  }

  reload(): Promise<void> {
    return this.task.run();
  }
}
