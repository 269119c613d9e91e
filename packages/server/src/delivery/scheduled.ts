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

/**
 * Takes and runs, one after the other, the tasks whose turn has come. Returns the names run.
 *
 * `turns` (kept by the caller from round to round) remembers each task's next turn as last read:
 * until then the task costs no statement — the delivery worker's rounds come as often as
 * submissions wake it, and most rounds have no task due. Another instance taking a turn only moves
 * it later, which the next look (at the remembered time) reads.
 */
export async function runScheduled(
  db: Queryable,
  now: Date,
  tasks: readonly ScheduledTask[],
  turns: Map<string, number> = new Map(),
): Promise<string[]> {
  const ran: string[] = [];
  for (const task of tasks) {
    const known = turns.get(task.name);
    if (known !== undefined && now.getTime() < known) continue;
    const next = task.next(now);
    if (known === undefined)
      await db.query(
        'INSERT INTO scheduled_tasks (name, next_run_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING',
        [task.name, next.toISOString()],
      );
    // The turn is taken, or not (not due, or another instance took it), and the turn as it was.
    const [row] = await db.query<{ won: boolean; next_run_at: Date | string }>(
      `WITH won AS (
         UPDATE scheduled_tasks SET next_run_at = $3, last_run_at = $2
          WHERE name = $1 AND next_run_at <= $2 RETURNING name)
       SELECT EXISTS (SELECT 1 FROM won) AS won, next_run_at FROM scheduled_tasks WHERE name = $1`,
      [task.name, now.toISOString(), next.toISOString()],
    );
    if (row === undefined) {
      turns.delete(task.name);
      continue;
    }
    if (!row.won) {
      turns.set(task.name, new Date(row.next_run_at).getTime());
      continue;
    }
    turns.set(task.name, next.getTime());
    try {
      await task.run(now);
    } catch {
      // The turn is spent; the next one comes at its time (what failed stays visible in the log).
    }
    ran.push(task.name);
  }
  return ran;
}
