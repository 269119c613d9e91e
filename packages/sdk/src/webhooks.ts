/**
 * `@proximite/sdk/webhooks.js` — verify the webhooks a Proximité server sends to a city service's
 * system, as the Standard Webhooks specification says (https://www.standardwebhooks.com/):
 *
 * - `webhook-id`: the message id, the same on every retry of one event — de-duplicate by it;
 * - `webhook-timestamp`: seconds since the epoch when the attempt was signed;
 * - `webhook-signature`: space-separated `v1,<base64>` signatures, each the HMAC-SHA256 of
 *   `{webhook-id}.{webhook-timestamp}.{raw body}` keyed with the secret's bytes (the base64 after
 *   `whsec_`).
 *
 * Uses Web Crypto only, so it runs in Node 20+, Deno, browsers and edge runtimes. Verify the raw
 * body exactly as received (before any JSON parsing), and answer 2xx quickly once it verifies.
 */
import type { WebhookEvent } from '@proximite/contract';
import { ProximiteError } from './errors.js';

/** A webhook that failed verification; `reason` says why (never the secret). */
export class WebhookVerificationError extends ProximiteError {
  override name = 'WebhookVerificationError';
  readonly reason:
    'missing-headers' | 'bad-timestamp' | 'too-old' | 'too-new' | 'bad-signature' | 'bad-secret';
  constructor(reason: WebhookVerificationError['reason'], message: string) {
    super(message);
    this.reason = reason;
  }
}

/** Headers as a `Headers` object, a plain object (Node's `req.headers`) or a getter. */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

export interface VerifyWebhookOptions {
  /** The service's signing secret, `whsec_…` (or the bare base64). */
  secret: string;
  headers: WebhookHeaders;
  /** The raw body, exactly as received. */
  body: string | Uint8Array;
  /** Accepted clock difference, in seconds (default 300, as the specification recommends). */
  toleranceSeconds?: number;
  /** The current time (tests). */
  now?: Date;
}

export interface VerifiedWebhook {
  /** The `webhook-id`: store it, and ignore a later delivery with the same id. */
  id: string;
  timestamp: Date;
  /** The parsed body. */
  event: WebhookEvent;
}

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return Array.isArray(value) ? value[0] : value;
}

function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** Constant-time comparison of two strings of the same alphabet. */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** The `v1,<base64>` signature of a message (what the server sends). */
export async function signWebhook(
  secret: string,
  id: string,
  timestamp: number,
  body: string | Uint8Array,
): Promise<string> {
  let key: Uint8Array;
  try {
    key = base64ToBytes(secret.startsWith('whsec_') ? secret.slice(6) : secret);
  } catch {
    throw new WebhookVerificationError('bad-secret', 'The webhook secret is not base64 (expected whsec_…).');
  }
  const encoder = new TextEncoder();
  const payload = typeof body === 'string' ? encoder.encode(body) : body;
  const prefix = encoder.encode(`${id}.${timestamp}.`);
  const signed = new Uint8Array(prefix.length + payload.length);
  signed.set(prefix, 0);
  signed.set(payload, prefix.length);
  const cryptoKey = await globalThis.crypto.subtle.importKey(
    'raw',
    key as BufferSource,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await globalThis.crypto.subtle.sign('HMAC', cryptoKey, signed as BufferSource));
  return `v1,${bytesToBase64(mac)}`;
}

/**
 * Verifies a webhook and returns its id, time and parsed event; throws
 * {@link WebhookVerificationError} when a header is missing, the timestamp is outside the
 * tolerance (a replay) or no signature matches.
 */
export async function verifyWebhook(options: VerifyWebhookOptions): Promise<VerifiedWebhook> {
  const id = header(options.headers, 'webhook-id');
  const stamp = header(options.headers, 'webhook-timestamp');
  const signatures = header(options.headers, 'webhook-signature');
  if (!id || !stamp || !signatures)
    throw new WebhookVerificationError(
      'missing-headers',
      'webhook-id, webhook-timestamp and webhook-signature are required.',
    );
  if (!/^\d{1,12}$/.test(stamp))
    throw new WebhookVerificationError('bad-timestamp', 'webhook-timestamp is not a number of seconds.');
  const seconds = Number(stamp);
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const tolerance = options.toleranceSeconds ?? 300;
  if (seconds < now - tolerance)
    throw new WebhookVerificationError('too-old', 'The webhook timestamp is too old (a replay?).');
  if (seconds > now + tolerance)
    throw new WebhookVerificationError('too-new', 'The webhook timestamp is in the future.');
  const expected = (await signWebhook(options.secret, id, seconds, options.body)).slice(3);
  const match = signatures
    .split(' ')
    .map((s) => s.trim())
    .some((s) => s.startsWith('v1,') && sameText(s.slice(3), expected));
  if (!match) throw new WebhookVerificationError('bad-signature', 'No webhook signature matches.');
  const text = typeof options.body === 'string' ? options.body : new TextDecoder().decode(options.body);
  return { id, timestamp: new Date(seconds * 1000), event: JSON.parse(text) as WebhookEvent };
}
