import type { StaffContext } from './context.js';

/** The HTTP status of an error of the SDK (read by field). */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Runs a request; when it is refused for want of a session (401), waits for the person to sign in
 * again (the console's dialog, which keeps the page as it is) and runs it once more.
 */
export async function withSession<T>(context: StaffContext, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (statusOf(error) !== 401) throw error;
    await context.reauthenticate();
    return run();
  }
}

/** Whether the signed-in person reads the pseudonymised view only (observers). */
export function pseudonymised(context: StaffContext): boolean {
  return !context.can('concerns:triage') && context.can('oversight:read');
}
