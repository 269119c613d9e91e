/**
 * The city's page (examples/city-site) against the reference server started as `npm start` runs it
 * (seeded): a resident's journeys through the four widgets, privacy at load (R12), and screenshots
 * in French and English at 375 and 1280 px.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import ICAL from 'ical.js';
import type { Browser } from 'playwright-core';
import { start } from '../examples/city-site/serve.mjs';
import {
  downloadText,
  focusedIdIn,
  clippedContent,
  horizontalOverflow,
  screenshot,
  SCREENSHOT_DIR,
  watchedPage,
  widgetsReady,
  withBrowser,
} from './helpers.js';

const WIDGETS = ['prox-cafe-calendar', 'prox-concern-form', 'prox-rights-explainer', 'prox-activity-stats'];

let server: { url: string; stop: () => Promise<void> };
let browser: Browser;

before(async () => {
  [server, browser] = await withBrowser(start());
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

describe('city site', () => {
  test('find a café and download its .ics', async () => {
    const w = await watchedPage(browser);
    try {
      await w.page.goto(`${server.url}/`);
      const calendar = w.page.locator('prox-cafe-calendar');
      const first = calendar.locator('li.event').first();
      await first.waitFor();
      const title = (await first.locator('.event__name').textContent())?.trim() ?? '';
      const start = await first.locator('.when time').first().getAttribute('datetime');
      assert.ok(title && start, 'the first café shows a title and a start time');

      await first.getByRole('button', { name: /Détails et ajout à l’agenda/ }).click();
      const ics = await downloadText(w.page, first.getByRole('link', { name: 'Fichier .ics' }));
      assert.match(ics.name, /\.ics$/);

      const event = new ICAL.Component(ICAL.parse(ics.text)).getFirstSubcomponent('vevent');
      assert.ok(event, 'the file holds a VEVENT');
      assert.equal(event.getFirstPropertyValue('summary'), title);
      const uid = String(event.getFirstPropertyValue('uid'));
      assert.match(uid, /^cafe-.+@/);
      const dtstart = event.getFirstPropertyValue('dtstart') as ICAL.Time;
      assert.equal(dtstart.toJSDate().getTime(), Date.parse(start), 'DTSTART is the time shown');

      // The month view shows the same café as a link on its day.
      await calendar.getByRole('button', { name: 'Mois' }).click();
      await calendar.locator('table.month').waitFor();
      assert.ok(
        (await calendar.locator('a.day-link').count()) > 0,
        'the month table links the days with cafés',
      );
      assert.deepEqual(w.errors, []);
    } finally {
      await w.close();
    }
  });

  test('report a concern step by step, then follow its status', async () => {
    const w = await watchedPage(browser);
    try {
      const { page } = w;
      await page.goto(`${server.url}/`);
      const form = page.locator('prox-concern-form');
      const next = form.getByRole('button', { name: 'Continuer' });
      await next.waitFor();

      // Continuing without a category: the error summary gets the focus.
      await next.click();
      await form.locator('#summary').waitFor();
      assert.equal(await focusedIdIn(page, 'prox-concern-form'), 'summary');

      // Category, by keyboard: focus the radio and press Space.
      await form.getByRole('radio', { name: /^Bruit/ }).focus();
      await page.keyboard.press('Space');
      assert.ok(await form.getByRole('radio', { name: /^Bruit/ }).isChecked());
      await page.keyboard.press('Enter'); // submits the step's form
      await form.getByRole('textbox', { name: /Décrivez/ }).waitFor();
      await form
        .getByRole('textbox', { name: /Décrivez/ })
        .fill('Musique très forte tous les soirs après minuit dans l’immeuble voisin.');
      await next.click();
      await form.getByRole('textbox', { name: /Adresse/ }).fill('12 rue des Tanneurs, Amiens');
      await next.click();
      await form.getByRole('radio', { name: 'Un logement' }).check();
      await next.click();
      assert.ok(
        await form.getByRole('radio', { name: /Rester anonyme/ }).isChecked(),
        'anonymous by default',
      );
      await next.click();

      // Review, then send: the receipt gives a reference and a link to follow it.
      await form.getByText('12 rue des Tanneurs, Amiens').waitFor();
      await form.getByRole('button', { name: 'Envoyer le signalement' }).click();
      const reference = form.locator('.receipt .reference').first();
      await reference.waitFor();
      const ref = (await reference.textContent())?.trim() ?? '';
      assert.match(ref, /^PRX-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      assert.equal(await focusedIdIn(page, 'prox-concern-form'), 'result-title');

      await form.getByRole('link', { name: 'Suivre ce signalement' }).click();
      // The link carries the reference and its secret in the fragment (never sent in a Referer):
      // following it on the same page opens the status view without a new load.
      await page.waitForURL(/#(?:.*&)?ref=PRX-/);
      const status = page.locator('prox-concern-form').locator('#status-result');
      await status.waitFor();
      assert.equal((await status.locator('#status-ref').textContent())?.trim(), ref);
      assert.match((await status.textContent()) ?? '', /Reçu/);
      const current = status.locator('ol.stages li[aria-current="step"]');
      assert.match(
        (await current.textContent()) ?? '',
        /Reçu/,
        'the lifecycle shows the first stage as current',
      );
      assert.equal(await status.locator('ol.stages li').count(), 3);
      assert.deepEqual(w.errors, []);
    } finally {
      await w.close();
    }
  });

  test('a deep link opens a right; the guide answers for the police municipale', async () => {
    const w = await watchedPage(browser);
    try {
      const { page } = w;
      await page.goto(`${server.url}/#identity-checks`);
      const rights = page.locator('prox-rights-explainer');
      const toggle = rights.locator('#t-identity-checks');
      await toggle.waitFor();
      await page.waitForFunction(
        () =>
          document
            .querySelector('prox-rights-explainer')
            ?.shadowRoot?.querySelector('#t-identity-checks')
            ?.getAttribute('aria-expanded') === 'true',
      );
      assert.ok(await rights.locator('#p-identity-checks').isVisible(), 'the topic panel is shown');
      assert.ok((await rights.locator('#p-identity-checks li[data-item]').count()) > 0);
      // Another topic stays closed.
      assert.equal(await rights.locator('button.toggle[aria-expanded="true"]').count(), 1);

      await rights.getByRole('radio', { name: /maltraité/ }).check();
      await rights.getByRole('radio', { name: 'Police municipale' }).check();
      const cards = rights.locator('.guide__answer li.card');
      await cards.first().waitFor();
      const bodies = await cards.evaluateAll((els) => els.map((el) => el.getAttribute('data-body')));
      assert.deepEqual(bodies, ['defenseur-des-droits', 'mayor', 'procureur']);
      assert.match((await cards.nth(1).textContent()) ?? '', /Le maire/);
      // With the demo city's own contacts for that body: the mairie and its address.
      assert.match(
        (await cards.nth(1).textContent()) ?? '',
        /Hôtel de Ville d’Amiens[^]*Place de l’Hôtel de Ville/,
      );
      assert.equal(
        await rights.locator('.guide__answer li.card[data-body="igpn"]').count(),
        0,
        'no IGPN for municipal police',
      );
      assert.deepEqual(w.errors, []);
    } finally {
      await w.close();
    }
  });

  test('read a figure in the table and download the same figures as CSV', async () => {
    const w = await watchedPage(browser);
    try {
      const { page } = w;
      await page.goto(`${server.url}/`);
      const stats = page.locator('prox-activity-stats');
      await stats.getByRole('button', { name: 'Afficher le tableau des données' }).click();
      const table = stats.locator('table[part="table"]');
      await table.waitFor();
      const rows = await table
        .locator('tr')
        .evaluateAll((trs) =>
          trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim())),
        );
      assert.ok(rows.length > 2, 'a header and several years');
      // The key figure (latest count) is in the table's last row.
      const latest = ((await stats.locator('.figure__value').first().textContent()) ?? '').trim();
      assert.equal(rows.at(-1)?.[1], latest);

      const csv = await downloadText(
        page,
        stats.getByRole('button', { name: 'Télécharger le tableau (CSV)' }),
      );
      assert.match(csv.name, /\.csv$/);
      const lines = csv.text
        .replace(/^\ufeff/, '')
        .trimEnd()
        .split('\r\n');
      const parsed = lines.map((line) =>
        line.split(';').map((c) => c.replace(/^"|"$/g, '').replaceAll('""', '"')),
      );
      assert.deepEqual(parsed, rows, 'the CSV holds exactly the table');
      assert.deepEqual(w.errors, []);
    } finally {
      await w.close();
    }
  });

  test('R12: only the page’s origin is contacted, and nothing is stored, before any interaction', async () => {
    const w = await watchedPage(browser);
    try {
      const { page, context } = w;
      const cookiesSet: string[] = [];
      page.on('response', async (response) => {
        const header = await response.headerValue('set-cookie');
        if (header) cookiesSet.push(`${response.url()}: ${header}`);
      });
      await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
      await widgetsReady(page, WIDGETS);
      const origin = new URL(server.url).origin;
      const foreign = w.requests.filter((url) => !url.startsWith('data:') && new URL(url).origin !== origin);
      assert.deepEqual(foreign, [], 'no third-party request');
      assert.ok(
        w.requests.some((url) => url.includes('/v1/')),
        'the widgets did call the API',
      );
      assert.deepEqual(cookiesSet, []);
      assert.equal(await page.evaluate(() => document.cookie), '');
      assert.deepEqual(await context.cookies(), []);
      const storage = await page.evaluate(async () => ({
        local: localStorage.length,
        session: sessionStorage.length,
        indexedDB: (await indexedDB.databases()).map((db) => db.name),
        caches: 'caches' in window ? await caches.keys() : [],
      }));
      assert.deepEqual(storage, { local: 0, session: 0, indexedDB: [], caches: [] });
    } finally {
      await w.close();
    }
  });

  for (const [lang, path, title] of [
    ['fr', '/', 'Prochains cafés avec la police'],
    ['en', '/en/', 'Upcoming cafés with the police'],
  ] as const) {
    for (const width of [375, 1280]) {
      test(`renders every widget in ${lang} at ${width} px without horizontal scrolling (screenshot)`, async () => {
        const w = await watchedPage(browser, { width, height: 900 });
        try {
          await w.page.goto(`${server.url}${path}`);
          await widgetsReady(w.page, WIDGETS);
          assert.equal(
            (await w.page.locator('prox-cafe-calendar').locator('h2').textContent())?.trim(),
            title,
            'the widgets follow the page’s language',
          );
          await screenshot(w.page, `city-site-${lang}-${width}`);
          assert.equal(await horizontalOverflow(w.page), 0);
          assert.deepEqual(w.errors, []);
          assert.deepEqual(await w.violations(), []);
        } finally {
          await w.close();
        }
      });
    }

    test(`reflows in ${lang} at 320 px and at 200 % text: no horizontal scrolling, nothing cut off (WCAG 1.4.10)`, async () => {
      // 320 CSS px is the width WCAG 1.4.10 names; 200 % text (WCAG 1.4.4) is the root font size
      // doubled on a 640 px window, as a browser's text-size setting does.
      for (const [width, text] of [
        [320, '100%'],
        [640, '200%'],
      ] as const) {
        const w = await watchedPage(browser, { width, height: 900 });
        try {
          await w.page.goto(`${server.url}${path}`);
          await widgetsReady(w.page, WIDGETS);
          await w.page.evaluate((size) => {
            document.documentElement.style.fontSize = size;
          }, text);
          await w.page.evaluate(
            () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined))),
          );
          await screenshot(w.page, `city-site-${lang}-${width}-text-${text.replace('%', '')}`);
          assert.equal(await horizontalOverflow(w.page), 0, `${width} px, text ${text}`);
          assert.deepEqual(await clippedContent(w.page), [], `${width} px, text ${text}`);
        } finally {
          await w.close();
        }
      }
    });
  }
});

describe('the public activity report', () => {
  // axe-core, injected into the page for the accessibility check (the report runs no script itself).
  const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  const year = new Date().getFullYear();

  for (const lang of ['fr', 'en'] as const) {
    test(`prints on A4 with nothing cut off, under its own CSP, accessible (${lang}; PDF kept)`, async () => {
      const path = `/v1/reports/${year}.html${lang === 'en' ? '?lang=en' : ''}`;
      const w = await watchedPage(browser, { width: 1280, height: 900 });
      try {
        const { page } = w;
        const response = await page.goto(`${server.url}${path}`);
        assert.equal(response?.status(), 200);
        assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
        assert.ok((await page.locator('table').count()) >= 3, 'meetings, priorities and response figures');
        await screenshot(page, `public-report-${lang}-1280`);
        // Keyboard: the first Tab reaches the link to the other language.
        await page.keyboard.press('Tab');
        assert.equal(
          await page.evaluate(() => document.activeElement?.getAttribute('hreflang')),
          lang === 'fr' ? 'en' : 'fr',
        );
        // Print: A4 (210 mm) less the 14 mm margins is 182 mm, 688 CSS px wide.
        await page.emulateMedia({ media: 'print' });
        await page.setViewportSize({ width: 688, height: 1000 });
        assert.equal(await horizontalOverflow(page), 0, 'nothing wider than the printed page');
        const clipped = await page.evaluate(
          () =>
            [...document.querySelectorAll('table')].filter((t) => t.getBoundingClientRect().right > 688)
              .length,
        );
        assert.equal(clipped, 0, 'every table fits the printed width');
        const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
        writeFileSync(join(SCREENSHOT_DIR, `public-report-${lang}.pdf`), pdf);
        const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
        assert.ok(pages >= 2, `a PDF of ${pages} A4 pages`);
        await page.emulateMedia({ media: 'screen' });
        assert.deepEqual(await w.violations(), [], 'its stylesheet is allowed by hash; no script runs');
        assert.deepEqual(w.errors, []);
        // 320 px wide: the page reflows; wide tables scroll in their own focusable region.
        await page.setViewportSize({ width: 320, height: 800 });
        assert.equal(await horizontalOverflow(page), 0);
        await screenshot(page, `public-report-${lang}-320`);
      } finally {
        await w.close();
      }
      // axe in a context that lets the test inject it past the page's CSP.
      const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
      try {
        const page = await context.newPage();
        await page.goto(`${server.url}${path}`);
        await page.addScriptTag({ content: axeSource });
        const violations = await page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string }[] }> } })
            .axe;
          return (await axe.run()).violations.map((v) => v.id);
        });
        assert.deepEqual(violations, []);
      } finally {
        await context.close();
      }
    });
  }
});
