import type * as z from 'zod/mini';
import { ResponseValidationError, type RequestSummary } from '../errors.js';

/** Parses `data` with a contract schema; a mismatch is a {@link ResponseValidationError} (never an HTTP error). */
export function validate<S extends z.ZodMiniType>(
  schema: S,
  data: unknown,
  request?: RequestSummary,
  status?: number,
): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw new ResponseValidationError(
    result.error.issues.map((issue) => ({
      path: issue.path.map((p) => (typeof p === 'number' ? p : String(p))),
      message: issue.message,
      code: issue.code,
    })),
    { request, status },
  );
}
