import type { ReactiveControllerHost } from 'lit';
import { Task, initialState } from '@lit/task';
import type { AdminPriority } from '@proximite/contract';
import type { StaffContext } from '../shared/context.js';
import { withSession } from '../shared/session.js';

/** Loads every priority (drafts included) through @lit/task; a refused session is signed in again. */
export class PrioritiesController {
  readonly task: Task<[StaffContext | undefined], AdminPriority[]>;

  constructor(host: ReactiveControllerHost & HTMLElement, context: () => StaffContext | undefined) {
    this.task = new Task(host, {
      args: () => [context()] as [StaffContext | undefined],
      task: async ([ctx], { signal }) => {
        if (!ctx) return initialState;
        return withSession(ctx, () => ctx.client.priorities.list({ signal }));
      },
    });
  }

  reload(): Promise<void> {
    return this.task.run();
  }
}
