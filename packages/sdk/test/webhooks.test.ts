/**
 * The SDK's webhook verifier against the Standard Webhooks reference implementation (the
 * `standardwebhooks` package): each verifies what the other signs, and both refuse the same
 * tampered messages.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { WebhookVerificationError, signWebhook, verifyWebhook } from '../src/webhooks.js';

const secret = `whsec_${randomBytes(32).toString('base64')}`;
const body = JSON.stringify({
  type: 'concern.created',
  timestamp: '2026-12-03T09:00:00.000Z',
  data: { concern: { reference: 'PRX-7K3M-Q9AB', description: 'Dépôt sauvage — « encombrants »' } },
});

describe('webhook verification (Standard Webhooks)', () => {
  test('verifies what the reference implementation signs', async () => {
    const id = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';
    const now = new Date();
    const signature = new Webhook(secret).sign(id, now, body);
    const headers = {
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': signature,
    };
    const verified = await verifyWebhook({ secret, headers, body });
    assert.equal(verified.id, id);
    assert.equal((verified.event as unknown as { type: string }).type, 'concern.created');
    // Headers as a Headers object, and the body as bytes, work too.
    await verifyWebhook({ secret, headers: new Headers(headers), body: new TextEncoder().encode(body) });
  });

  test('the reference implementation verifies what the SDK signs', async () => {
    const id = 'msg_0123456789abcdef';
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = await signWebhook(secret, id, timestamp, body);
    assert.equal(signature, new Webhook(secret).sign(id, new Date(timestamp * 1000), body));
    const payload = new Webhook(secret).verify(body, {
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': `v1,invalid ${signature}`,
    });
    assert.ok(payload);
  });

  test('refuses a tampered body, a wrong secret, a replay and missing headers — as the reference does', async () => {
    const id = 'msg_x';
    const stamp = Math.floor(Date.now() / 1000);
    const headers = {
      'webhook-id': id,
      'webhook-timestamp': String(stamp),
      'webhook-signature': await signWebhook(secret, id, stamp, body),
    };
    const cases: { name: string; run: () => Promise<unknown>; ref: () => unknown; reason: string }[] = [
      {
        name: 'tampered body',
        run: () => verifyWebhook({ secret, headers, body: body.replace('PRX', 'PRY') }),
        ref: () => new Webhook(secret).verify(body.replace('PRX', 'PRY'), headers),
        reason: 'bad-signature',
      },
      {
        name: 'wrong secret',
        run: () => verifyWebhook({ secret: `whsec_${randomBytes(32).toString('base64')}`, headers, body }),
        ref: () => new Webhook(`whsec_${randomBytes(32).toString('base64')}`).verify(body, headers),
        reason: 'bad-signature',
      },
      {
        name: 'replayed an hour later',
        run: () => verifyWebhook({ secret, headers, body, now: new Date(Date.now() + 3_600_000) }),
        ref: () => undefined,
        reason: 'too-old',
      },
      {
        name: 'no signature',
        run: () => verifyWebhook({ secret, headers: { ...headers, 'webhook-signature': '' }, body }),
        ref: () => new Webhook(secret).verify(body, { ...headers, 'webhook-signature': '' }),
        reason: 'missing-headers',
      },
    ];
    for (const c of cases) {
      await assert.rejects(
        c.run(),
        (e: unknown) => e instanceof WebhookVerificationError && e.reason === c.reason,
        c.name,
      );
      if (c.reason !== 'too-old') assert.throws(c.ref, c.name);
    }
  });
});
