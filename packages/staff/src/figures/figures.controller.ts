import type { ReactiveControllerHost } from 'lit';
import { Task, initialState } from '@lit/task';
import type { ActivityCounter } from '@proximite/contract';
import type { StaffContext } from '../shared/context.js';
import { withSession } from '../shared/session.js';

/**
 * Loads the activity counters as published (`GET /v1/stats`, what the public widget reads) through
 * @lit/task when the console's client changes; `replace` puts the server's answer to a publication
 * in their place without asking again.
 */
export class FiguresController {
  readonly task: Task<[StaffContext | undefined], ActivityCounter[]>;

  constructor(host: ReactiveControllerHost & HTMLElement, view: () => StaffContext | undefined) {
    this.task = new Task(host, {
      args: () => [view()] as [StaffContext | undefined],
      task: async ([context], { signal }) => {
        if (!context) return initialState;
        return withSession(context, () => context.client.stats.activity({}, { signal }));
      },
    });
  }

  reload(): Promise<void> {
    return this.task.run();
  }
}
