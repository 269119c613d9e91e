import type { ReactiveControllerHost } from 'lit';
import { Task, initialState } from '@lit/task';
import type { RightsOverrides } from '@proximite/contract';
import type { StaffContext } from '../shared/context.js';
import { withSession } from '../shared/session.js';

/** Loads the rights explainer's city overrides through @lit/task when the console's client changes. */
export class ContentController {
  readonly task: Task<[StaffContext | undefined], RightsOverrides>;

  constructor(host: ReactiveControllerHost & HTMLElement, view: () => StaffContext | undefined) {
    this.task = new Task(host, {
      args: () => [view()] as [StaffContext | undefined],
      task: async ([context], { signal }) => {
        if (!context) return initialState;
        return withSession(context, () => context.client.rights.getOverrides({ signal }));
      },
    });
  }

  reload(): Promise<void> {
    return this.task.run();
  }
}
