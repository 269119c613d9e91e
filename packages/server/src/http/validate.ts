/** Reading requests through the contract's schemas. */
import type { Context } from 'hono';
import type { IssueLike } from '@proximite/contract';
import { AppError } from '../errors.js';
import { fieldErrors } from './problems.js';

/** What this module needs of a contract schema (a zod/mini schema), so the server does not import zod itself. */
export interface Schema<T> {
  safeParse(
    value: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: readonly IssueLike[] } };
}

/** The query string as an object of strings; a repeated parameter is a 400. */
export function queryObject(c: Context): Record<string, string> {
  const url = new URL(c.req.url);
  const out: Record<string, string> = {};
  for (const [key, value] of url.searchParams) {
    if (Object.hasOwn(out, key)) {
      throw new AppError('badRequest', `The query parameter "${key}" is repeated.`, {
        errors: [{ path: key, message: 'repeated parameter' }],
      });
    }
    out[key] = value;
  }
  return out;
}

/** Parses the query with a strict contract schema: unknown or invalid parameters are a 400. */
export function parseQuery<T>(c: Context, schema: Schema<T>): T {
  const result = schema.safeParse(queryObject(c));
  if (!result.success) {
    throw new AppError('badRequest', 'Invalid query parameters.', {
      errors: fieldErrors(result.error.issues),
    });
  }
  return result.data;
}

/** Reads a JSON body: 415 unless application/json, 400 when malformed, 422 when it does not match. */
export async function parseJsonBody<T>(c: Context, schema: Schema<T>): Promise<{ value: T; raw: unknown }> {
  const type = c.req.header('Content-Type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;.*)?$/i.test(type.trim())) {
    throw new AppError('unsupportedMediaType', 'Send the body as application/json.');
  }
  const text = await c.req.text();
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AppError('badRequest', 'The body is not valid JSON.');
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new AppError('validation', 'The body does not match the schema.', {
      errors: fieldErrors(result.error.issues),
    });
  }
  return { value: result.data, raw };
}
