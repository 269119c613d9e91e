/** Who a client is (a salted hash of its IP, never stored in clear) and the per-client POST limit. */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { AppError } from '../errors.js';
import { hitRateLimit } from '../store/idempotency.js';
import { hmacHex } from '../util.js';
import type { AppDeps } from './context.js';

/** The client's identity for rate limiting: a salted hash of its IP (never stored in clear). */
export async function clientKey(deps: AppDeps, c: Context): Promise<string> {
  let ip: string | undefined;
  if (deps.config.trustProxy) ip = c.req.header('X-Forwarded-For')?.split(',')[0]?.trim();
  if (ip === undefined || ip === '') {
    try {
      ip = getConnInfo(c).remote.address;
    } catch {
      ip = undefined;
    }
  }
  return hmacHex(await deps.ipSalt(), ip ?? 'unknown');
}

/** Counts a POST for rate limiting; throws 429 with Retry-After when over the limit. */
export async function rateLimit(deps: AppDeps, c: Context): Promise<void> {
  const limit = deps.config.rateLimitPerMinute;
  if (limit <= 0) return;
  const wait = await hitRateLimit(deps.db, deps.clock(), `post:${await clientKey(deps, c)}`, limit);
  if (wait > 0) {
    throw new AppError('rateLimited', `Too many submissions; retry in ${wait} s.`, {
      headers: { 'Retry-After': String(wait) },
    });
  }
}

/**
 * Counts a status lookup by tracking code, per client and per reference (twice the client's
 * limit, whoever asks: guessing spread over many addresses stays slow); throws 429 when over.
 */
export async function lookupRateLimit(deps: AppDeps, c: Context, reference: string): Promise<void> {
  const limit = deps.config.lookupRateLimitPerMinute;
  if (limit <= 0) return;
  const now = deps.clock();
  const wait = Math.max(
    await hitRateLimit(deps.db, now, `lookup:${await clientKey(deps, c)}`, limit),
    await hitRateLimit(deps.db, now, `lookup-ref:${reference}`, limit * 2),
  );
  if (wait > 0) {
    throw new AppError('rateLimited', `Too many lookups by tracking code; retry in ${wait} s.`, {
      headers: { 'Retry-After': String(wait) },
    });
  }
}
