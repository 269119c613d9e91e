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
 * {@link validate}, for a response of any length without a long task: the elements of every array
 * at the top level of an object schema (a list page's `items`, the rights content's `topics` and
 * `contacts`) are checked in slices of about {@link SLICE_MS}, the main thread given back between
 * slices, then the envelope (the rest). Nothing is returned before every element is checked, and
 * the issues are those of `validate` (paths `items.<i>.…`): invalid data is still refused before use.
 */
export async function validateInSlices<S extends z.ZodMiniType>(
  schema: S,
  data: unknown,
  request?: RequestSummary,
  status?: number,
): Promise<z.output<S>> {
  const shape = (schema._zod.def as { shape?: Record<string, z.ZodMiniType> }).shape ?? {};
  const record = data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : undefined;
  const lists: Array<[key: string, element: z.ZodMiniType, values: unknown[]]> = [];
  for (const [key, field] of Object.entries(shape)) {
    const def = field._zod.def as { type: string; element?: z.ZodMiniType };
    const values = record?.[key];
    if (def.type === 'array' && def.element && Array.isArray(values)) lists.push([key, def.element, values]);
  }
  if (lists.length === 0) return validate(schema, data, request, status);
  const issues: ValidationIssue[] = [];
  const checked: Record<string, unknown[]> = {};
  let sliceStart = performance.now();
  for (const [key, element, values] of lists) {
    checked[key] = [];
    for (const [i, value] of values.entries()) {
      if (performance.now() - sliceStart > SLICE_MS) {
        await yieldToMain();
        sliceStart = performance.now();
      }
      const result = element.safeParse(value);
      if (result.success) checked[key].push(result.data);
      else issues.push(...toIssues(result.error.issues, [key, i]));
    }
  }
  if (performance.now() - sliceStart > SLICE_MS) await yieldToMain();
  const empty = Object.fromEntries(lists.map(([key]) => [key, []]));
  const envelope = schema.safeParse({ ...record, ...empty });
  if (!envelope.success) issues.push(...toIssues(envelope.error.issues));
  if (issues.length) throw new ResponseValidationError(issues, { request, status });
  return { ...envelope.data!, ...checked };
}
