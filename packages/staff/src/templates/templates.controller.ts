import type { ReactiveControllerHost } from 'lit';
import { Task, initialState } from '@lit/task';
import type { ResponseTemplate } from '@proximite/contract';
import type { StaffContext } from '../shared/context.js';
import { withSession } from '../shared/session.js';
import { sortTemplates } from './templates-model.js';

/** Loads every response template through @lit/task when the console's client changes. */
export class TemplatesController {
  readonly task: Task<[StaffContext | undefined], ResponseTemplate[]>;

  constructor(host: ReactiveControllerHost & HTMLElement, view: () => StaffContext | undefined) {
    this.task = new Task(host, {
      args: () => [view()] as [StaffContext | undefined],
      task: async ([context], { signal }) => {
        if (!context) return initialState;
        return sortTemplates(await withSession(context, () => context.client.templates.list({}, { signal })));
      },
    });
  }

  reload(): Promise<void> {
    return this.task.run();
  }
}
