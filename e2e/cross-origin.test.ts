/**
 * The documented snippet pasted on a site of another origin than the backend: the widgets read
 * (CORS `*`), but the backend accepts reports only from the origins in PROXIMITE_ALLOWED_ORIGINS.
 * A real CORS refusal in Chromium must never read as « offline »: the resident is told the report
 * could not be sent from this site and what to do, the console names the setting for the
 * webmaster, and the doctor — from the browser console — says the same. Once the backend allows
 * the site, the same page sends.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startTestServer } from '../scripts/test-server.mjs';
import { launchBrowser, screenshot, watchedPage } from './helpers.js';

type Api = { url: string; stop: () => Promise<void> };

let site: Server;
let siteOrigin: string;
let refusing: Api;
let allowing: Api;
let browser: Browser;

/** The CMS page: the snippet of docs/embedding.md, pointed at `api`. */
const pageHtml = (api: string) => `<!doctype html>
<html lang="fr">
  <head>
    <meta charset="utf-8" />
    <title>Quartier Saint-Leu — signaler</title>
    <link rel="icon" href="data:," />
    <script type="module" src="${api}/bundles/cdn/proximite.js"></script>
  </head>
  <body>
    <main>
      <h1>Signaler</h1>
      <prox-concern-form
        api="${api}"
        contact='{"name":"Mairie d’Amiens — accueil","phone":"03 22 97 40 40"}'
      ></prox-concern-form>
    </main>
  </body>
</html>`;

before(async () => {
  site = createServer((req, res) => {
    const api = new URL(req.url ?? '/', 'http://x').searchParams.get('api') ?? '';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pageHtml(api));
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteOrigin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  // One after the other: two servers starting at once are slow on a busy machine.
  refusing = await startTestServer({ args: ['--seed'] });
  allowing = await startTestServer({ args: ['--seed'], env: { PROXIMITE_ALLOWED_ORIGINS: siteOrigin } });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await Promise.all([refusing?.stop(), allowing?.stop()]);
  await new Promise((resolve) => site?.close(resolve));
});

/** Goes through the form's steps for an « autre » report, up to « Envoyer le signalement ». */
async function fillReport(page: Page): Promise<void> {
  const form = page.locator('prox-concern-form');
  const next = form.getByRole('button', { name: 'Continuer' });
  await form.getByRole('radio', { name: /Autre sujet/ }).check();
  await next.click();
  await form
    .getByLabel(/Décrivez la situation/)
    .fill('Un lampadaire éteint depuis une semaine, rue Saint-Leu.');
  await next.click();
  await form.getByLabel('Adresse ou lieu').fill('Rue Saint-Leu');
  await next.click();
  await form.locator('input[name="f-attr-danger-immediat"][value="non"]').check();
  await next.click();
  await next.click();
  await form.getByRole('button', { name: 'Envoyer le signalement' }).click();
}

describe('a site on another origin', () => {
  test('a refused origin: the resident is told, not « offline »; the console and the doctor say why', async () => {
    const w = await watchedPage(browser, { width: 375 });
    try {
      const { page } = w;
      await page.goto(`${siteOrigin}/?api=${encodeURIComponent(refusing.url)}`);
      await fillReport(page);
      const form = page.locator('prox-concern-form');
      const panel = form.locator('.panel--failed');
      await panel.waitFor({ timeout: 20_000 });
      const text = (await panel.textContent()) ?? '';
      assert.match(text, /Ce signalement n’a pas pu être envoyé depuis ce site/);
      assert.doesNotMatch(text, /hors ligne/);
      assert.ok(await panel.locator('a[href="tel:17"]').count(), 'the emergency numbers are given');
      assert.ok(await panel.locator('a[href="tel:0322974040"]').count(), 'the city’s contact is given');
      await screenshot(page, 'cross-origin-refused-375');
      // Chromium's own CORS error, and the form's explanation for the webmaster.
      assert.ok(
        w.errors.some((e) => e.includes(`PROXIMITE_ALLOWED_ORIGINS=${siteOrigin}`)),
        w.errors.join('\n'),
      );
      assert.ok(
        w.errors.some((e) => /CORS/i.test(e)),
        'the browser reports the CORS refusal',
      );

      // The same check as `proximite doctor`, from this page's console.
      const report = await page.evaluate(async (api) => {
        const { checkOrigin } = (await import(`${api}/bundles/cdn/proximite-doctor.js`)) as {
          checkOrigin: (o: {
            api: string;
          }) => Promise<{ origin: string; checks: { id: string; ok?: boolean; fix?: string }[] }>;
        };
        return checkOrigin({ api });
      }, refusing.url);
      assert.equal(report.origin, siteOrigin);
      const byId = Object.fromEntries(report.checks.map((c) => [c.id, c]));
      assert.equal(byId.reads?.ok, true);
      assert.equal(byId.reports?.ok, false);
      assert.match(byId.reports?.fix ?? '', new RegExp(`PROXIMITE_ALLOWED_ORIGINS=${siteOrigin}`));
    } finally {
      await w.close();
    }
  });

  test('an allowed origin: the same page sends, and the doctor agrees', async () => {
    const w = await watchedPage(browser);
    try {
      const { page } = w;
      await page.goto(`${siteOrigin}/?api=${encodeURIComponent(allowing.url)}`);
      await fillReport(page);
      const receipt = page.locator('prox-concern-form').locator('.receipt .reference').first();
      await receipt.waitFor({ timeout: 20_000 });
      assert.match((await receipt.textContent()) ?? '', /^PRX-/);
      const report = await page.evaluate(async (api) => {
        const { checkOrigin } = (await import(`${api}/bundles/cdn/proximite-doctor.js`)) as {
          checkOrigin: (o: { api: string }) => Promise<{ ok: boolean }>;
        };
        return checkOrigin({ api });
      }, allowing.url);
      assert.equal(report.ok, true);
      // The doctor's empty report is refused as invalid (nothing stored): Chromium logs that 422.
      assert.deepEqual(
        w.errors.filter((e) => !e.includes('status of 422')),
        [],
      );
    } finally {
      await w.close();
    }
  });
});
