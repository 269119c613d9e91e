/** Reading requests through the contract's schemas. */
import type { Context } from 'hono';
import { UNSAFE_TEXT, UNSAFE_TEXT_MESSAGE, operations } from '@proximite/contract';
import type { IssueLike, Operation, ProblemFieldError } from '@proximite/contract';
import { AppError } from '../errors.js';
import { fieldErrors } from './problems.js';

/** What this module needs of a contract schema (a zod/mini schema), so the server does not import zod itself. */
export interface Schema<T> {
  safeParse(
    value: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: readonly IssueLike[] } };
}

/**
 * The first string (or key) in `value` that no input may contain (a NUL character or a lone
 * surrogate, see the contract's textInput), as a field error. The contract's schemas refuse them
 * field by field; this is the edge's own net under any schema that would not.
 */
export function unsafeText(value: unknown, path: string[] = []): ProblemFieldError | undefined {
  if (typeof value === 'string')
    return UNSAFE_TEXT.test(value) ? { path: path.join('.'), message: UNSAFE_TEXT_MESSAGE } : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    if (UNSAFE_TEXT.test(key))
      return { path: [...path, key].join('.'), message: `key ${UNSAFE_TEXT_MESSAGE}` };
    const found = unsafeText(item, [...path, key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** JSON.parse into null-prototype objects: `__proto__` is then a key like any other. */
function nullPrototypes(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.assign(Object.create(null) as object, value);
}

/**
 * The query string as a null-prototype object of strings (so `__proto__` is refused like any
 * unknown parameter); a repeated parameter is a 400.
 */
export function queryObject(c: Context): Record<string, string> {
  const url = new URL(c.req.url);
  const out = Object.create(null) as Record<string, string>;
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
  const query = queryObject(c);
  const result = schema.safeParse(query);
  if (!result.success) {
    throw new AppError('badRequest', 'Invalid query parameters.', {
      errors: fieldErrors(result.error.issues),
    });
  }
  const unsafe = unsafeText(query);
  if (unsafe !== undefined)
    throw new AppError('badRequest', 'Invalid query parameters.', { errors: [unsafe] });
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
    raw = JSON.parse(text, nullPrototypes);
  } catch {
    throw new AppError('badRequest', 'The body is not valid JSON.');
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new AppError('validation', 'The body does not match the schema.', {
      errors: fieldErrors(result.error.issues),
    });
  }
  const unsafe = unsafeText(raw);
  if (unsafe !== undefined)
    throw new AppError('validation', 'The body does not match the schema.', { errors: [unsafe] });
  return { value: result.data, raw };
}

/** Each operation's path as a regular expression capturing its path parameters, in order. */
const PATH_PARAMS = (operations as readonly Operation[])
  .filter((op) => op.path.includes('{'))
  .map((op) => ({
    names: [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? ''),
    regex: new RegExp(
      `^${op.path
        .split(/(\{[^}]+\})/)
        .map((part) => (part.startsWith('{') ? '([^/]+)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('')}$`,
    ),
  }));

/**
 * A path parameter that is not text — a NUL character or a lone surrogate once decoded, or a
 * percent-encoding that is not UTF-8 — is a 400 naming the parameter. Checked from the operation
 * table on the raw path, before any route reads it (so it covers every operation, new ones too).
 */
export function checkPathParams(rawPath: string): void {
  for (const { names, regex } of PATH_PARAMS) {
    const match = regex.exec(rawPath);
    if (match === null) continue;
    names.forEach((name, i) => {
      let value: string;
      try {
        value = decodeURIComponent(match[i + 1] ?? '');
      } catch {
        value = '\u0000';
      }
      if (UNSAFE_TEXT.test(value)) {
        throw new AppError('badRequest', `The path parameter ${name} is not text.`, {
          errors: [{ path: name, message: UNSAFE_TEXT_MESSAGE }],
        });
      }
    });
  }
}
