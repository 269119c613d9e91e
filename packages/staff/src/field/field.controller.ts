import type { ReactiveControllerHost } from 'lit';
import { Task, initialState } from '@lit/task';
import type { Cafe } from '@proximite/contract';
import type { StaffContext } from '../shared/context.js';
import { statusOf, withSession } from '../shared/session.js';
import { dayIn, kitOf, todaysCafes, type FieldKit } from './field-model.js';

/** Where café mode keeps today's cafés and the categories (FieldKit) on the device. */
export const FIELD_KIT_KEY = 'proximite-field-kit';

/** The kit kept on this device for `day`, if any (storage refused: none). */
export function readKit(day: string): FieldKit | undefined {
  try {
    return kitOf(localStorage.getItem(FIELD_KIT_KEY), day);
  } catch {
    return undefined;
  }
}

/** Keeps `kit` on this device (merged with what is already kept for its day). */
export function keepKit(kit: Partial<FieldKit> & { day: string }): void {
  try {
    const kept = readKit(kit.day) ?? { day: kit.day };
    localStorage.setItem(FIELD_KIT_KEY, JSON.stringify({ ...kept, ...kit }));
  } catch {
    // full or refused storage: a reload with no network will not list the cafés
  }
}

/**
 * Loads today's cafés (the public list, today in the city) through @lit/task with the request's
 * AbortSignal; a refused session is signed in again, then the list loads. The list is kept on the
 * device, and given back when the network is gone (a reload under a tent with no signal).
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
        try {
          const page = await withSession(ctx, () =>
            ctx.client.cafes.list({ from: today, to: today, limit: 50 }, { signal }),
          );
          keepKit({ day: today, cafes: page.items });
          return todaysCafes(page.items, now);
        } catch (error) {
          const kept = statusOf(error) === undefined ? readKit(today)?.cafes : undefined;
          if (kept && !signal.aborted) return todaysCafes(kept, now);
          throw error;
        }
      },
    });
  }

  reload(): Promise<void> {
    return this.task.run();
  }
}
