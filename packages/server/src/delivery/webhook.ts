/**
 * Webhooks as the Standard Webhooks specification says (https://www.standardwebhooks.com/,
 * github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md): a POST of a
 * JSON body `{type, timestamp, data}` with the headers `webhook-id` (fixed for the message, the same
 * on every retry), `webhook-timestamp` (seconds, this attempt) and `webhook-signature`
 * (`v1,` + base64 HMAC-SHA256 of `id.timestamp.body` keyed with the secret's bytes). A 2xx answer
 * is a success; anything else, a time-out or a refused target is retried (a target refused by the
 * SSRF rule too: fixing the service's URL lets the next attempt through).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { OutgoingRequestError, safeRequest } from './safe-http.js';
import type { SafeRequestOptions } from './safe-http.js';

/** A new signing secret: `whsec_` and 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The webhook-id of a delivery. */
export function webhookId(deliveryId: string): string {
  return `msg_${deliveryId.replaceAll('-', '')}`;
}

/** `v1,<base64>`: the signature of `id.timestamp.body` with `secret` (`whsec_…`). */
export function signature(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

export class WebhookError extends Error {
  readonly status: number | undefined;
  constructor(message: string, status?: number) {
    super(message);
    this.name = 'WebhookError';
    this.status = status;
  }
}

export interface WebhookSend {
  url: string;
  secret: string;
  id: string;
  body: string;
  /** Seconds since the epoch (the attempt's time). */
  timestamp: number;
  userAgent: string;
}

/** POSTs one signed webhook; resolves on a 2xx, rejects with {@link WebhookError} otherwise. */
export async function sendWebhook(
  send: WebhookSend,
  http: Pick<SafeRequestOptions, 'allowPrivate' | 'timeoutMs' | 'maxBytes' | 'resolve'>,
): Promise<{ status: number }> {
  let response;
  try {
    response = await safeRequest(send.url, {
      ...http,
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': send.userAgent,
        'webhook-id': send.id,
        'webhook-timestamp': String(send.timestamp),
        'webhook-signature': signature(send.secret, send.id, send.timestamp, send.body),
      },
      body: send.body,
    });
  } catch (error) {
    if (error instanceof OutgoingRequestError) throw new WebhookError(error.message);
    throw error;
  }
  if (response.status >= 200 && response.status < 300) return { status: response.status };
  const hint = response.body.replace(/\s+/g, ' ').trim().slice(0, 200);
  const where = response.status >= 300 && response.status < 400 ? ' (redirects are not followed)' : '';
  throw new WebhookError(`HTTP ${response.status}${where}${hint ? `: ${hint}` : ''}`, response.status);
}
