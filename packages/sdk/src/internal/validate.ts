import type * as z from 'zod/mini';
import { ResponseValidationError, type RequestSummary, type ValidationIssue } from '../errors.js';
import { yieldToMain } from './yield.js';

const toIssues = (issues: readonly z.core.$ZodIssue[], prefix: (string | number)[] = []): ValidationIssue[] =>
  issues.map((issue) => ({
    path: [...prefix, ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))],
    message: issue.message,
    code: issue.code,
  }));

/** Parses `data` with a contract schema; a mismatch is a {@link ResponseValidationError} (never an HTTP error). */
export function validate<S extends z.ZodMiniType>(
  schema: S,
  data: unknown,
  request?: RequestSummary,
  status?: number,
): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw new ResponseValidationError(toIssues(result.error.issues), { request, status });
}

// In a module of its own, so a widget that yields too carries it alone into its first view, not
// this module and the error classes with it (a bundler keeps a module shared with a lazy chunk whole).
export { yieldToMain } from './yield.js';

/** How long one slice of validation may run before the main thread is given back (a task over 50 ms is long). */
const SLICE_MS = 10;

/**
 * {@link validate}, for a response of any length without a long task: a list page's items
 * (`{ items: T[], … }`) are checked in slices of about {@link SLICE_MS}, the main thread given back
 * between slices, then the envelope. Nothing is returned before every item is checked, and the
 * issues are those of `validate` (paths `items.<i>.…`): invalid data is still refused before use.
 */
export async function validateInSlices<S extends z.ZodMiniType>(
  schema: S,
  data: unknown,
  request?: RequestSummary,
  status?: number,
): Promise<z.output<S>> {
  const items = (schema._zod.def as { shape?: { items?: z.ZodMiniType } }).shape?.items?._zod.def as
    { type: string; element: z.ZodMiniType } | undefined;
  const list = (data as { items?: unknown } | null)?.items;
  if (items?.type !== 'array' || !Array.isArray(list)) return validate(schema, data, request, status);
  const issues: ValidationIssue[] = [];
  const checked: unknown[] = [];
  let sliceStart = performance.now();
  for (const [i, item] of list.entries()) {
    if (performance.now() - sliceStart > SLICE_MS) {
      await yieldToMain();
      sliceStart = performance.now();
    }
    const result = items.element.safeParse(item);
    if (result.success) checked.push(result.data);
    else issues.push(...toIssues(result.error.issues, ['items', i]));
  }
  const envelope = schema.safeParse({ ...data!, items: [] });
  if (!envelope.success) issues.push(...toIssues(envelope.error.issues));
  if (issues.length) throw new ResponseValidationError(issues, { request, status });
  return { ...envelope.data!, items: checked };
}
