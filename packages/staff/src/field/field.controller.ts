import type { ReactiveControllerHost } from 'lit';
import { Task, initialState } from '@lit/task';
import type { Cafe } from '@proximite/contract';
import type { StaffContext } from '../shared/context.js';
import { withSession } from '../shared/session.js';
import { dayIn, todaysCafes } from './field-model.js';

/**
 * Loads today's cafés (the public list, today in the city) through @lit/task with the request's
 * AbortSignal; a refused session is signed in again, then the list loads.
 */
export class TodaysCafesController {
  readonly task: Task<[StaffContext | undefined], Cafe[]>;

  constructor(host: ReactiveControllerHost & HTMLElement, context: () => StaffContext | undefined) {
    this.task = new Task(host, {
      args: () => [context()] as [StaffContext | undefined],
      task: async ([ctx], { signal }) => {
        if (!ctx) return initialState;
        const now = ctx.now();
        const today = dayIn(now);
        const page = await withSession(ctx, () =>
          ctx.client.cafes.list({ from: today, to: today, limit: 50 }, { signal }),
        );
        return todaysCafes(page.items, now);
      },
    });
  }

  reload(): Promise<void> {
    return this.task.run();
  }
}
