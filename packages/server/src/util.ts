/** Small helpers shared by the store and the HTTP layer: hashing, random tokens, dates, JSON. */
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { isTimeZone, wallMs, wallTimeAt, wallToInstant } from '@proximite/contract/zoned-time.js';

/** A source of the current time; tests inject a fake one. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

export function sha256Hex(input: string | Uint8Array): string {
  return createHash('sha256').update(input).digest('hex');
}

export function hmacHex(key: string, input: string): string {
  return createHmac('sha256', key).update(input).digest('hex');
}

/** Constant-time comparison of two hex digests. */
export function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** A URL-safe random secret (base64url of `bytes` random bytes). */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function newId(): string {
  return randomUUID();
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A concern reference `PRX-XXXX-XXXX` (Crockford base 32, 40 random bits). */
export function newReference(): string {
  const bytes = randomBytes(8);
  let s = '';
  for (let i = 0; i < 8; i++) s += CROCKFORD[(bytes[i] ?? 0) % 32];
  return `PRX-${s.slice(0, 4)}-${s.slice(4)}`;
}

/** A tracking code `XXXXX-XXXXX` (Crockford base 32, 50 random bits). */
export function newTrackingCode(): string {
  const bytes = randomBytes(10);
  let s = '';
  for (let i = 0; i < 10; i++) s += CROCKFORD[(bytes[i] ?? 0) % 32];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

/**
 * What is stored of a tracking code: SHA-256 of the reference and the normalised code (the
 * reference salts it, so one precomputed table does not serve every concern).
 */
export function trackingCodeHash(reference: string, code: string): string {
  return sha256Hex(`tracking-code:${reference}:${code}`);
}

/** JSON with object keys sorted (arrays keep their order): equal values give equal strings. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** A timestamp read from the database (Date, or a string from some drivers) as ISO 8601 UTC. */
export function toIso(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return new Date(value).toISOString();
  throw new TypeError(`not a timestamp: ${String(value)}`);
}

export function toIsoOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : toIso(value);
}

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Offset from UTC in minutes (e.g. 120 for CEST). */
  offset: number;
}

/** Wall-clock parts of `date` in the IANA zone `timeZone`, with the zone's offset at that instant. */
export function zonedParts(date: Date, timeZone: string): ZonedParts {
  const ms = date.getTime();
  const wall = wallTimeAt(ms, timeZone);
  return { ...wall, offset: Math.round((wallMs(wall) - Math.floor(ms / 1000) * 1000) / 60000) };
}

const pad = (n: number, w = 2): string => String(Math.abs(n)).padStart(w, '0');

/** `date` as ISO 8601 in `timeZone` with its offset, e.g. `2026-05-12T17:30:00+02:00`. */
export function isoInZone(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  const sign = p.offset < 0 ? '-' : '+';
  const off =
    p.offset === 0
      ? 'Z'
      : `${sign}${pad(Math.trunc(Math.abs(p.offset) / 60))}:${pad(Math.abs(p.offset) % 60)}`;
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${off}`;
}

/**
 * The UTC instant of a wall-clock time in `timeZone` (fields may overflow: day 32 is next month's
 * 1st). As RFC 5545 reads local times: DST gaps resolve forward, overlaps to the first instant.
 */
export function zonedToDate(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
): Date {
  return new Date(wallToInstant({ year, month, day, hour, minute, second: 0 }, timeZone));
}

/** Is `timeZone` an IANA zone this runtime knows? */
export function isKnownTimeZone(timeZone: string): boolean {
  return isTimeZone(timeZone);
}
