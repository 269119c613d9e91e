/**
 * Periodic tasks shared by every instance: a task's turn is taken by moving its `next_run_at`
 * forward in one UPDATE that only one instance can win, so the daily summary is sent once a day
 * however many instances run, and a task whose instance dies simply waits for its next turn.
 */
import type { Queryable } from '../db/database.js';

export interface ScheduledTask {
  name: string;
  /** The work of one turn. */
  run(now: Date): Promise<unknown>;
  /** When the turn after `now` is due. */
  next(now: Date): Date;
}

/** Takes and runs, one after the other, the tasks whose turn has come. Returns the names run. */
export async function runScheduled(
  db: Queryable,
  now: Date,
  tasks: readonly ScheduledTask[],
): Promise<string[]> {
  const ran: string[] = [];
  for (const task of tasks) {
    await db.query(
      'INSERT INTO scheduled_tasks (name, next_run_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING',
      [task.name, task.next(now).toISOString()],
    );
    const won = await db.query(
      `UPDATE scheduled_tasks SET next_run_at = $3, last_run_at = $2
        WHERE name = $1 AND next_run_at <= $2 RETURNING name`,
      [task.name, now.toISOString(), task.next(now).toISOString()],
    );
    if (won.length === 0) continue;
    try {
      await task.run(now);
    } catch {
      // The turn is spent; the next one comes at its time (what failed stays visible in the log).
    }
    ran.push(task.name);
  }
  return ran;
}
