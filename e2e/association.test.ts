/**
 * The association's page (examples/association): only the concern form, posting to the reference
 * server's Open311 GeoReport v2 endpoint with the api_key the serve script created.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { start } from '../examples/association/serve.mjs';
import { screenshot, watchedPage, withBrowser } from './helpers.js';

let server: { url: string; apiKey: string; stop: () => Promise<void> };
let browser: Browser;

before(async () => {
  [server, browser] = await withBrowser(start());
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a concern reaches the city through Open311, and its status can be followed', async () => {
  const w = await watchedPage(browser);
  try {
    const { page } = w;
    const posts: { url: string; body: string }[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') posts.push({ url: request.url(), body: request.postData() ?? '' });
    });
    await page.goto(`${server.url}/`);
    const form = page.locator('prox-concern-form');
    const next = form.getByRole('button', { name: 'Continuer' });
    // The categories come from the Open311 services.
    await form.getByRole('radio', { name: /^Dépôts sauvages/ }).check();
    await screenshot(page, 'association-fr-1280-form');
    await next.click();
    await form.locator('#f-description').fill('Un canapé et des sacs abandonnés au pied de l’immeuble.');
    await next.click();
    await form.locator('#f-address').fill('Rue Vanmarcke, Amiens');
    await next.click();
    await form.locator('fieldset fieldset input').first().check();
    await next.click();
    await next.click(); // contact: anonymous
    await form.getByRole('button', { name: 'Envoyer le signalement' }).click();
    const reference = form.locator('.receipt .reference').first();
    await reference.waitFor();
    const id = (await reference.textContent())?.trim() ?? '';
    assert.ok(id, 'the receipt shows the request id');

    const post = posts.find((p) => p.url.includes('/open311/v2/requests'));
    assert.ok(post, `an Open311 POST was made: ${posts.map((p) => p.url).join(', ')}`);
    const body = new URLSearchParams(post.body);
    assert.equal(body.get('api_key'), server.apiKey);
    assert.ok(body.get('service_code'), 'a service code');

    // The request exists on the Open311 side.
    const found = await fetch(`${server.url}/open311/v2/requests/${encodeURIComponent(id)}.json`);
    assert.equal(found.status, 200);
    const [request] = (await found.json()) as { service_request_id: string; status: string }[];
    assert.equal(request?.service_request_id, id);
    assert.equal(request?.status, 'open');

    await form.getByRole('link', { name: 'Suivre ce signalement' }).click();
    const status = page.locator('prox-concern-form').locator('#status-result');
    await status.waitFor();
    assert.equal((await status.locator('#status-ref').textContent())?.trim(), id);
    assert.match((await status.textContent()) ?? '', /Reçu/);
    await screenshot(page, 'association-fr-1280-status');
    assert.deepEqual(w.errors, []);
    assert.deepEqual(await w.violations(), []);
  } finally {
    await w.close();
  }
});

for (const width of [375, 1280]) {
  test(`the page in English at ${width} px (screenshot)`, async () => {
    const w = await watchedPage(browser, { width });
    try {
      await w.page.goto(`${server.url}/?lang=en`);
      const form = w.page.locator('prox-concern-form');
      await form.getByRole('button', { name: 'Continue' }).waitFor();
      assert.equal(await w.page.evaluate(() => document.documentElement.lang), 'en');
      await screenshot(w.page, `association-en-${width}`);
      assert.deepEqual(w.errors, []);
    } finally {
      await w.close();
    }
  });
}
