/** HTTP exchanges of the conformance run, and the expectations checks make about them. */
import { PROBLEM_CONTENT_TYPE, schemas } from '@proximite/contract';
import type { Operation, SchemaName } from '@proximite/contract';

/** A check that did not hold; `message` is the reason shown in the report. */
export class CheckFailure extends Error {
  override readonly name = 'CheckFailure';
}

/** A check that could not run (nothing to test, or writes disabled); not a failure. */
export class CheckSkipped extends Error {
  override readonly name = 'CheckSkipped';
}

export function fail(reason: string): never {
  throw new CheckFailure(reason);
}

export function skip(reason: string): never {
  throw new CheckSkipped(reason);
}

export interface Exchange {
  method: string;
  /** Path and query, as requested. */
  path: string;
  status: number;
  headers: Headers;
  text: string;
  contentType: string;
}

export interface RequestInit {
  headers?: Record<string, string>;
  body?: string;
}

export class HttpClient {
  constructor(
    readonly baseUrl: string,
    private readonly fetchImpl: typeof fetch,
    private readonly timeoutMs: number,
  ) {}

  /** Sends one request; a network error or a timeout becomes a {@link CheckFailure}. */
  async request(method: string, path: string, init: RequestInit = {}): Promise<Exchange> {
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method,
        headers: init.headers,
        body: init.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const why =
        (error as Error).name === 'TimeoutError'
          ? `no answer within ${this.timeoutMs} ms`
          : (cause?.code ?? cause?.message ?? (error as Error).message);
      fail(`${method} ${path} failed: ${why}`);
    }
    const text = method === 'HEAD' ? '' : await response.text();
    return {
      method,
      path,
      status: response.status,
      headers: response.headers,
      text,
      contentType: response.headers.get('content-type') ?? '',
    };
  }
}

/** A short view of a body for failure messages. */
export function excerpt(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat === '') return '(empty body)';
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

function mediaType(contentType: string): string {
  return contentType.split(';')[0]?.trim().toLowerCase() ?? '';
}

export function expectStatus(x: Exchange, expected: number, op?: Operation): void {
  if (x.status !== expected)
    fail(
      `${x.method} ${x.path} answered ${x.status}, expected ${expected} (${x.contentType || 'no Content-Type'}: ${excerpt(x.text)})`,
    );
  if (op !== undefined && op.responses[expected] === undefined)
    fail(`${expected} is not a documented response of ${op.id}`);
}

export function expectContentType(x: Exchange, ...types: string[]): void {
  const got = mediaType(x.contentType);
  if (!types.includes(got))
    fail(
      `Content-Type is ${x.contentType === '' ? 'missing' : `"${x.contentType}"`}, expected ${types.join(' or ')}`,
    );
}

function parseJson(x: Exchange): unknown {
  try {
    return JSON.parse(x.text) as unknown;
  } catch {
    fail(`the body is not JSON: ${excerpt(x.text)}`);
  }
}

interface Issue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly code?: string;
  readonly expected?: string;
}
interface Schema {
  safeParse(
    value: unknown,
  ): { success: true; data: unknown } | { success: false; error: { issues: Issue[] } };
}

function at(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function kind(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/** One issue in words: `items.0.start: missing (expected string)`. */
function describeIssue(issue: Issue, value: unknown): string {
  const where = issue.path.map(String).join('.') || '(root)';
  if (issue.code === 'invalid_type' && issue.expected !== undefined) {
    const actual = at(value, issue.path);
    return actual === undefined
      ? `${where}: missing (expected ${issue.expected})`
      : `${where}: expected ${issue.expected}, got ${kind(actual)}`;
  }
  const message = issue.message === 'Invalid input' && issue.code !== undefined ? issue.code : issue.message;
  return `${where}: ${message}`;
}

/** Validates `value` against a contract schema; returns the first issues as text, or undefined. */
export function schemaIssues(name: SchemaName, value: unknown): string | undefined {
  const result = (schemas[name] as unknown as Schema).safeParse(value);
  if (result.success) return undefined;
  const issues = result.error.issues;
  return (
    issues
      .slice(0, 3)
      .map((i) => describeIssue(i, value))
      .join('; ') + (issues.length > 3 ? ` (+${issues.length - 3} more)` : '')
  );
}

/** A JSON body (Content-Type application/json) valid against `schema`; returns it. */
export function expectJson<T = unknown>(x: Exchange, schema: SchemaName): T {
  expectContentType(x, 'application/json');
  const body = parseJson(x);
  const issues = schemaIssues(schema, body);
  if (issues !== undefined) fail(`the body is not a valid ${schema}: ${issues}`);
  return body as T;
}

/** An RFC 9457 problem (application/problem+json, the contract's Problem) with `status`. */
export function expectProblem(x: Exchange, status: number, op?: Operation): Record<string, unknown> {
  expectStatus(x, status, op);
  expectContentType(x, PROBLEM_CONTENT_TYPE);
  const body = parseJson(x);
  const issues = schemaIssues('Problem', body);
  if (issues !== undefined) fail(`the body is not a valid Problem: ${issues}`);
  const problem = body as Record<string, unknown>;
  if (problem.status !== status)
    fail(`the problem's status is ${String(problem.status)}, the response's ${status}`);
  return problem;
}

/** An Open311 error array (JSON) with one of `statuses`. */
export function expectOpen311Errors(x: Exchange, statuses: readonly number[], op?: Operation): void {
  if (!statuses.includes(x.status))
    fail(
      `${x.method} ${x.path} answered ${x.status}, expected ${statuses.join(' or ')} (${excerpt(x.text)})`,
    );
  if (op !== undefined && op.responses[x.status] === undefined)
    fail(`${x.status} is not a documented response of ${op.id}`);
  expectContentType(x, 'application/json');
  const body = parseJson(x);
  const issues = schemaIssues('Open311ErrorList', body);
  if (issues !== undefined || !Array.isArray(body) || body.length === 0)
    fail(`the body is not an Open311 error array: ${issues ?? excerpt(x.text)}`);
}

/** Header names of a comma-separated list header, lower-cased. */
export function headerList(headers: Headers, name: string): string[] {
  return (headers.get(name) ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== '');
}
