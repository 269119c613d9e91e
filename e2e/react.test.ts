/**
 * The React example (examples/react): the widgets through @lit/react wrappers, built by Vite from
 * the workspace sources, /v1 forwarded to the reference server. Events reach React as props.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { start } from '../examples/react/serve.mjs';
import { screenshot, watchedPage, widgetsReady, withBrowser } from './helpers.js';

const WIDGETS = ['prox-cafe-calendar', 'prox-concern-form', 'prox-rights-explainer', 'prox-activity-stats'];

let app: { url: string; stop: () => Promise<void> };
let browser: Browser;

before(async () => {
  [app, browser] = await withBrowser(start());
});
after(async () => {
  await browser?.close();
  await app?.stop();
});

test('the widgets render in React, their events reach React, the language follows the app', async () => {
  const w = await watchedPage(browser);
  try {
    const { page } = w;
    await page.goto(`${app.url}/`);
    await widgetsReady(page, WIDGETS);
    const log = page.getByTestId('event-log');

    await page.locator('prox-cafe-calendar').locator('button.disclosure').first().click();
    await log.getByText(/^Café ouvert : cafe-/).waitFor();
    await page.locator('prox-rights-explainer').locator('#t-identity-checks').click();
    await log.getByText('Droit ouvert : identity-checks').waitFor();
    const select = page.locator('prox-activity-stats').locator('select#indicator');
    const second = await select.locator('option').nth(1).getAttribute('value');
    assert.ok(second);
    await select.selectOption(second);
    await log.getByText(`Indicateur choisi : ${second}`).waitFor();
    // The privacy notice was passed as an object property.
    const form = page.locator('prox-concern-form');
    assert.equal(
      await form.evaluate((el) => (el as unknown as { privacy?: { dpo?: string } }).privacy?.dpo),
      'dpo@amiens.example',
    );
    await screenshot(page, 'react-fr-1280');

    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForFunction(
      () =>
        document.querySelector('prox-cafe-calendar')?.shadowRoot?.querySelector('h2')?.textContent?.trim() ===
        'Upcoming cafés with the police',
    );
    await widgetsReady(page, WIDGETS);
    await screenshot(page, 'react-en-1280');
    assert.deepEqual(w.errors, []);
  } finally {
    await w.close();
  }
});

test('the app at 375 px has no horizontal scrolling (screenshot)', async () => {
  const w = await watchedPage(browser, { width: 375 });
  try {
    await w.page.goto(`${app.url}/?lang=en`);
    await widgetsReady(w.page, WIDGETS);
    await screenshot(w.page, 'react-en-375');
    assert.equal(
      await w.page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      ),
      0,
    );
    assert.deepEqual(w.errors, []);
  } finally {
    await w.close();
  }
});
