/**
 * R1: the widgets under exactly `default-src 'none'; script-src 'self'; style-src 'self';
 * connect-src 'self'; img-src 'self' data:; require-trusted-types-for 'script'; trusted-types lit-html`
 * (examples/strict-csp). Every widget state the tests reach records zero `securitypolicyviolation`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { STRICT_CSP, start } from '../examples/strict-csp/serve.mjs';
import { downloadText, screenshot, type Watched, watchedPage, widgetsReady, withBrowser } from './helpers.js';

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

async function noViolation(w: Watched, state: string): Promise<void> {
  assert.deepEqual(await w.violations(), [], `no CSP violation: ${state}`);
  assert.deepEqual(w.errors, [], `no error: ${state}`);
}

describe('strict CSP page', () => {
  test('is served with exactly the strict policy', async () => {
    const response = await fetch(`${server.url}/`);
    assert.equal(response.headers.get('content-security-policy'), STRICT_CSP);
    assert.equal(
      STRICT_CSP,
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; require-trusted-types-for 'script'; trusted-types lit-html",
    );
  });

  test('the recorder does catch a violation (control)', async () => {
    const w = await watchedPage(browser);
    try {
      await w.page.goto(`${server.url}/`);
      await w.page.evaluate(() => {
        // An inline style element: refused by style-src 'self'.
        const style = document.createElement('style');
        style.textContent = 'body { color: red }';
        document.head.append(style);
      });
      await w.page.waitForFunction(
        () => (window as unknown as { __proxCsp: unknown[] }).__proxCsp.length > 0,
      );
      const [violation] = await w.violations();
      assert.match(violation?.directive ?? '', /^style-src/);
    } finally {
      await w.close();
    }
  });

  for (const lang of ['fr', 'en'] as const) {
    test(`every widget state in ${lang} records no violation`, async () => {
      const w = await watchedPage(browser);
      const t = (fr: string, en: string) => (lang === 'fr' ? fr : en);
      try {
        const { page } = w;
        await page.goto(`${server.url}/?lang=${lang}`);
        await widgetsReady(page, WIDGETS);
        await noViolation(w, 'loaded');
        assert.equal(await page.locator('.violations').getAttribute('data-violations'), '0');

        // Calendar: details open, month view, next month, back to the list.
        const calendar = page.locator('prox-cafe-calendar');
        await calendar.locator('button.disclosure').first().click();
        await calendar.locator('.actions a[download]').first().waitFor();
        await calendar.getByRole('button', { name: t('Mois', 'Month') }).click();
        await calendar.locator('table.month').waitFor();
        await calendar.getByRole('button', { name: t('Mois suivant', 'Next month') }).click();
        await calendar.getByRole('button', { name: t('Liste', 'List') }).click();
        await noViolation(w, 'calendar details, month view, list view');

        // Concern form: the error summary, then every step up to the receipt, then the status.
        const form = page.locator('prox-concern-form');
        const next = form.getByRole('button', { name: t('Continuer', 'Continue') });
        await next.click();
        await form.locator('#summary').waitFor();
        await noViolation(w, 'error summary');
        await form
          .getByRole('radio', { name: new RegExp(t('^Stationnement gênant', '^Obstructive parking')) })
          .check();
        await next.click();
        await form
          .locator('#f-description')
          .fill(t('Voitures garées sur le trottoir.', 'Cars parked on the pavement.'));
        await next.click();
        await form.locator('#f-address').fill('Place du Don, Amiens');
        await next.click();
        await form.getByRole('radio', { name: t('Sur le trottoir', 'On the pavement') }).check();
        await next.click();
        await form.locator('#f-contact-contact').check();
        await form.locator('#f-email').fill('resident@example.org');
        await noViolation(w, 'contact step');
        await next.click();
        await form.getByRole('button', { name: t('Envoyer le signalement', 'Send the report') }).click();
        await form.locator('.receipt .reference').first().waitFor();
        await noViolation(w, 'receipt');
        await form.getByRole('link', { name: t('Suivre ce signalement', 'Follow this report') }).click();
        await page.locator('prox-concern-form').locator('#status-result').waitFor();
        await widgetsReady(page, WIDGETS);
        await noViolation(w, 'status lookup');

        // Rights: a topic, easy-read, search, the guide.
        const rights = page.locator('prox-rights-explainer');
        await rights.locator('button.toggle').first().click();
        await rights.getByRole('button', { name: t('Facile à lire', 'Easy read') }).click();
        await rights.locator('input[type="search"]').fill(t('fouille', 'search'));
        await rights.locator('input[name="situation"]').first().check();
        await rights.locator('input[name="force"]').nth(2).check();
        await rights.locator('.guide__answer li.card').first().waitFor();
        await noViolation(w, 'rights topic, easy read, search, guide');

        // Stats: another indicator, a chart point's tooltip, the table, the CSV.
        const stats = page.locator('prox-activity-stats');
        const select = stats.locator('select#indicator');
        const values = await select
          .locator('option')
          .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
        if (values[1]) await select.selectOption(values[1]);
        await stats.locator('button.point__year').last().focus();
        await page.keyboard.press('ArrowLeft');
        await stats.locator('button[aria-controls="data-table"]').click();
        await stats.locator('table[part="table"]').waitFor();
        const csv = await downloadText(page, stats.locator('.actions button').nth(1));
        assert.match(csv.name, /\.csv$/);
        await screenshot(page, `strict-csp-${lang}-1280`);
        await noViolation(w, 'stats: indicator, tooltip, table, CSV');
        assert.equal(await page.locator('.violations').getAttribute('data-violations'), '0');
      } finally {
        await w.close();
      }
    });
  }
});
