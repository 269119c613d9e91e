/**
 * Café mode (issue #17) against the reference server as `npm start` runs it (seeded, with its demo
 * accounts), at 375 px as on a phone: a coordinator puts today's café « place du Don » in the
 * calendar; an agent signs in at /staff/, opens « Mode café » (the page registers the console's
 * service worker, which keeps the page and its chunks), loses the network, notes a concern (kept
 * on the device, « En attente »), reloads the page with no network — the console, café mode,
 * today's café and the categories come back from the device, the note is listed again — notes two
 * more, gets the network back → the server has exactly three concerns from that café, each routed
 * to a service and marked « Relevé au café du … ». No console error, no horizontal scrolling.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startTestServer } from '../scripts/test-server.mjs';
import { DEMO_TOTP_SECRET, totpCode } from '../scripts/demo-code.mjs';
import { horizontalOverflow, screenshot, watchedPage, withBrowser } from './helpers.js';

const PASSWORD = 'demo-proximite-amiens';
const WORD = 'zorglubfield';

let server: { url: string; stop: () => Promise<void> };
let browser: Browser;

before(async () => {
  [server, browser] = await withBrowser(startTestServer({ args: ['--seed'] }));
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** A signed-in staff member's API (session cookie, CSRF token), as the console's page would call it. */
async function staffApi(
  email: string,
  otp?: string,
): Promise<(method: string, path: string, body?: unknown) => Promise<Response>> {
  const r = await fetch(`${server.url}/v1/staff/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: server.url },
    body: JSON.stringify({ email, password: PASSWORD, ...(otp ? { otp } : {}) }),
  });
  assert.equal(r.status, 200, await r.clone().text());
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await r.json()) as { csrfToken: string };
  return (method, path, body) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: {
        Cookie: cookie,
        Origin: server.url,
        'X-CSRF-Token': csrfToken,
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
}

async function note(page: Page, category: string, text: string): Promise<void> {
  const field = page.locator('prox-staff-field');
  await field.getByLabel('Catégorie').selectOption({ label: category });
  await field.getByLabel('Ce que dit l’habitant').fill(text);
  await field.getByRole('button', { name: 'Enregistrer la note' }).click();
  await field.getByText('Note enregistrée').waitFor();
}

describe('café mode', () => {
  test('three notes taken offline are kept across a reload and reach the server once each, routed and tied to the café', async () => {
    // Today's café, as a coordinator would put it in the calendar.
    const coordinator = await staffApi('coordination@demo.proximite.test', totpCode(DEMO_TOTP_SECRET));
    const start = new Date(Date.now() - 10 * 60_000);
    const created = await coordinator('POST', '/v1/admin/cafes', {
      title: { fr: 'Un café avec un policier', en: 'Coffee with a police officer' },
      start: start.toISOString(),
      end: new Date(start.getTime() + 2 * 3600_000).toISOString(),
      timeZone: 'Europe/Paris',
      place: { name: 'place du Don', address: 'Place du Don, 80000 Amiens' },
      districtId: 'saint-leu',
      mode: 'in-person',
      organizer: { name: 'Police municipale' },
    });
    assert.equal(created.status, 201, await created.clone().text());
    const cafe = (await created.json()) as { id: string };

    const w = await watchedPage(browser, { width: 375, height: 800 });
    const { page, context } = w;
    try {
      await page.goto(`${server.url}/staff/`);
      const signIn = page.locator('prox-staff-sign-in');
      await signIn.getByLabel('Adresse électronique').fill('agent@demo.proximite.test');
      await signIn.getByLabel('Mot de passe').fill(PASSWORD);
      await signIn.getByRole('button', { name: 'Se connecter' }).click();
      await page.locator('prox-staff-inbox').waitFor();
      await page.goto(`${server.url}/staff/#/field`);
      const field = page.locator('prox-staff-field');
      await field.getByRole('heading', { name: 'Mode café' }).waitFor();
      await field.getByRole('radio', { name: /place du Don/ }).check();

      // The console's service worker has kept the page and its chunks.
      const ready = await page.evaluate(() =>
        Promise.race([
          navigator.serviceWorker.ready.then(() => true),
          new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 20_000)),
        ]),
      );
      assert.equal(ready, true, 'the service worker is active');

      // The tent has no signal.
      await context.setOffline(true);
      await field.getByText('Hors ligne').waitFor();
      await note(page, 'Dépôts sauvages', `Sacs déposés derrière le kiosque chaque soir (${WORD} 1).`);
      assert.equal(await field.locator('.note[data-state="queued"]').count(), 1);

      // A reload with no network: the console and café mode come back from the device.
      await page.reload();
      await page.getByText('Hors ligne : la session sera vérifiée au retour du réseau.').waitFor();
      await field.getByRole('heading', { name: 'Mode café' }).waitFor();
      await field.getByRole('radio', { name: /place du Don/ }).check();
      await field.locator('.note').first().waitFor();
      assert.equal(await field.locator('.note').count(), 1, 'the note is kept');
      await note(page, 'Bruit', `Musique très forte la nuit rue des Granges (${WORD} 2).`);
      await note(page, 'Dépôts sauvages', `Encombrants au pied du pont de la Dodane (${WORD} 3).`);
      const waiting = field.locator('.note[data-state="queued"]');
      assert.equal(await waiting.count(), 3);
      assert.equal(await field.locator('.pending-count').textContent(), '3 notes en attente.');
      assert.equal(await horizontalOverflow(page), 0, 'café mode scrolls sideways at 375 px');
      await screenshot(page, 'field-375-offline');
      const before = (await (
        await coordinator('GET', `/v1/admin/concerns?q=${WORD}&status=received,in-progress`)
      ).json()) as {
        total: number;
      };
      assert.equal(before.total, 0, 'nothing reached the server yet');

      // The network comes back.
      await context.setOffline(false);
      await field.locator('.note[data-state="sent"]').nth(2).waitFor({ timeout: 20_000 });
      assert.equal(await field.locator('.pending-count').textContent(), 'Tout est envoyé.');
      await screenshot(page, 'field-375-sent');

      const after = (await (await coordinator('GET', `/v1/admin/concerns?q=${WORD}&limit=50`)).json()) as {
        total: number;
        items: { reference: string; service: { id: string } | null }[];
      };
      assert.equal(after.total, 3, 'exactly three concerns');
      for (const item of after.items) {
        const detail = (await (await coordinator('GET', `/v1/admin/concerns/${item.reference}`)).json()) as {
          raisedAt?: { cafeId: string; place: string };
          service: { id: string };
          history: { action: string }[];
        };
        assert.equal(detail.raisedAt?.cafeId, cafe.id);
        assert.equal(detail.raisedAt?.place, 'place du Don');
        assert.ok(detail.service.id, 'routed to a service');
        assert.ok(detail.history.some((h) => h.action === 'concern.routed'));
        assert.ok(detail.history.some((h) => h.action === 'concern.note-at-cafe'));
      }
      // Nothing of the API is in the worker's cache: personal data stays out of Cache Storage.
      const cached = await page.evaluate(async () => {
        const urls: string[] = [];
        for (const name of await caches.keys())
          for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
        return urls;
      });
      assert.ok(
        cached.some((u) => /\/staff\/field-[^/]+\.js$/.test(u)),
        'café mode’s chunk is kept',
      );
      assert.deepEqual(
        cached.filter((u) => u.includes('/v1/')),
        [],
      );
      assert.deepEqual(
        w.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::/.test(e)),
        [],
      );
    } finally {
      await w.close();
    }
  });
});
