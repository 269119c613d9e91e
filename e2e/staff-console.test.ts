/**
 * The staff console against the reference server as `npm start` runs it (seeded, with its demo
 * accounts): a resident reports a concern through <prox-concern-form> on the demo page; a
 * coordinator signs in at /staff/ (password and the demo's TOTP code), finds the concern, assigns it
 * to themself, answers publicly from a response template (with the server's exact preview) and
 * closes it; the resident's status view shows the answer and the
 * concern's audit trail has each step. A second journey does it all — the resident's report
 * included — with the keyboard alone. No console error, no CSP violation, no horizontal scrolling at 768 and 375 px.
 *
 * The form's time trap quarantines a report sent less than PROXIMITE_MIN_FILL_SECONDS (3 s) after
 * the resident's first change to the form (its `formStartedAt`; packages/server/src/store/intake.ts):
 * a person takes longer, a test does not, so the resident's journey counts from its first change —
 * not from the page's load, which under load left less than 3 s and quarantined the report — and
 * waits that long before sending. A quarantined report stays out of the inbox; the journeys check
 * it is not, so a time-trap hit fails with its reason rather than as a row that never shows.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startTestServer } from '../scripts/test-server.mjs';
import { DEMO_TOTP_SECRET, totpCode } from '../scripts/demo-code.mjs';
import { horizontalOverflow, screenshot, watchedPage, withBrowser, type Watched } from './helpers.js';

const PASSWORD = 'demo-proximite-amiens';
const MIN_FILL_MS = 3_500;

let server: { url: string; stop: () => Promise<void> };
let browser: Browser;

before(async () => {
  [server, browser] = await withBrowser(startTestServer({ args: ['--seed'] }));
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** The deepest focused element (through shadow roots): `tag#id name`. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return '';
    const label = (el as HTMLInputElement).labels?.[0]?.textContent ?? '';
    const name = (el.getAttribute('aria-label') ?? (el.textContent || label))
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 80);
    return `${el.tagName.toLowerCase()}#${el.id} ${name}`;
  });
}

/** Presses Tab until the focused element matches (at most `max` times). */
async function tabTo(page: Page, match: RegExp, max = 120): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    if (match.test(await focused(page))) return;
  }
  throw new Error(`Tab never reached ${match} (last: ${await focused(page)})`);
}

/**
 * A TOTP code of the demo secret that `account` has not used yet (the server takes each step's code
 * once per account): waits for the next step only when this account just used the current one.
 */
async function freshCode(account: string): Promise<string> {
  for (;;) {
    const code = totpCode(DEMO_TOTP_SECRET);
    if (usedCodes.get(account) !== code) {
      usedCodes.set(account, code);
      return code;
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
}
const usedCodes = new Map<string, string>();

/** The resident reports a concern on the demo page; returns its reference and the status page's URL. */
async function report(w: Watched, text: string): Promise<{ ref: string; statusUrl: string }> {
  const { page } = w;
  await page.goto(`${server.url}/`);
  const form = page.locator('prox-concern-form');
  const next = form.getByRole('button', { name: 'Continuer' });
  await next.waitFor();
  await form.getByRole('radio', { name: /^Bruit/ }).check();
  const started = Date.now(); // the form's formStartedAt is set by this first change
  await next.click();
  await form.getByRole('textbox', { name: /Décrivez/ }).fill(text);
  await next.click();
  await form.getByRole('textbox', { name: /Adresse/ }).fill('12 rue des Tanneurs, Amiens');
  await next.click();
  await form.getByRole('radio', { name: 'Un logement' }).check();
  await next.click();
  await next.click();
  await form.getByText('12 rue des Tanneurs, Amiens').waitFor();
  // A person takes longer than the time trap; this test waits as long.
  await page.waitForTimeout(Math.max(0, MIN_FILL_MS - (Date.now() - started)));
  await form.getByRole('button', { name: 'Envoyer le signalement' }).click();
  const reference = form.locator('.receipt .reference').first();
  await reference.waitFor();
  const ref = (await reference.textContent())?.trim() ?? '';
  assert.match(ref, /^PRX-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await form.getByRole('link', { name: 'Suivre ce signalement' }).click();
  await page.waitForURL(/#(?:.*&)?ref=PRX-/);
  return { ref, statusUrl: page.url() };
}

/**
 * The same report with the keyboard alone: Tab to a field, arrows in the category's radio group,
 * typing, Space for a radio, Enter on « Continuer ».
 */
async function reportByKeyboard(w: Watched, text: string): Promise<{ ref: string; statusUrl: string }> {
  const { page } = w;
  const key = (k: string) => page.keyboard.press(k);
  await page.goto(`${server.url}/`);
  const form = page.locator('prox-concern-form');
  await form.getByRole('button', { name: 'Continuer' }).waitFor();
  const next = async () => {
    await tabTo(page, /^button# Continuer/);
    await key('Enter');
  };
  await tabTo(page, /^input#f-category/);
  for (let i = 0; i < 20 && !/^input#\S* Bruit/.test(await focused(page)); i += 1) await key('ArrowDown');
  assert.match(await focused(page), /Bruit/);
  const started = Date.now(); // after the first change, which sets the form's formStartedAt
  await next();
  await tabTo(page, /^textarea/);
  await page.keyboard.type(text);
  await next();
  await tabTo(page, /Adresse/);
  await page.keyboard.type('12 rue des Tanneurs, Amiens');
  await next();
  await tabTo(page, /Un logement/);
  await key('Space');
  await next();
  await next(); // anonymous by default
  await form.getByText('12 rue des Tanneurs, Amiens').waitFor();
  await page.waitForTimeout(Math.max(0, MIN_FILL_MS - (Date.now() - started)));
  await tabTo(page, /^button# Envoyer le signalement/);
  await key('Enter');
  const reference = form.locator('.receipt .reference').first();
  await reference.waitFor();
  const ref = (await reference.textContent())?.trim() ?? '';
  assert.match(ref, /^PRX-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await tabTo(page, /^a# Suivre ce signalement/);
  await key('Enter');
  await page.waitForURL(/#(?:.*&)?ref=PRX-/);
  return { ref, statusUrl: page.url() };
}

/** The resident's status view (a fresh load of the status link) shows `text`. */
async function residentSees(w: Watched, statusUrl: string, text: string): Promise<void> {
  await w.page.goto('about:blank');
  await w.page.goto(statusUrl);
  const status = w.page.locator('prox-concern-form').locator('#status-result');
  await status.waitFor();
  await status.getByText(text).waitFor();
  assert.match((await status.textContent()) ?? '', /Clos|Clôturé|Terminé/);
}

/** The signed-in staff page's API says the concern is in the inbox (not held by a spam signal). */
async function notQuarantined(page: Page, ref: string): Promise<void> {
  const res = await page.request.get(`${server.url}/v1/admin/concerns/${ref}`);
  assert.equal(res.status(), 200);
  const body = (await res.json()) as { quarantined?: boolean };
  assert.equal(body.quarantined, false, `${ref} is quarantined (the time trap?), so the inbox hides it`);
}

/** The concern's audit trail, as the API gives it to the signed-in staff page. */
async function history(page: Page, ref: string): Promise<string[]> {
  const res = await page.request.get(`${server.url}/v1/admin/concerns/${ref}`);
  assert.equal(res.status(), 200);
  const body = (await res.json()) as { history?: { action: string; actorName?: string }[] };
  return (body.history ?? []).map((e) => `${e.action}${e.actorName ? ` ${e.actorName}` : ''}`);
}

async function noOverflow(page: Page, label: string): Promise<void> {
  for (const width of [768, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(150);
    assert.equal(await horizontalOverflow(page), 0, `${label} at ${width} px scrolls sideways`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('staff console', () => {
  test('a coordinator finds a new concern, assigns it, answers from a template and closes it', async () => {
    const resident = await watchedPage(browser);
    const staff = await watchedPage(browser);
    try {
      const { ref, statusUrl } = await report(
        resident,
        'Musique très forte chaque nuit dans la cour, depuis une semaine.',
      );
      const { page } = staff;
      await page.goto(`${server.url}/staff/`);
      const signIn = page.locator('prox-staff-sign-in');
      await signIn.getByRole('heading', { name: 'Connexion à la console' }).waitFor();
      await signIn.getByLabel('Adresse électronique').fill('coordination@demo.proximite.test');
      await signIn.getByLabel('Mot de passe').fill(PASSWORD);
      await signIn.getByLabel(/Code de vérification/).fill(await freshCode('coordination'));
      await signIn.getByRole('button', { name: 'Se connecter' }).click();

      const inbox = page.locator('prox-staff-inbox');
      await inbox.locator('table').waitFor();
      await notQuarantined(page, ref);
      await noOverflow(page, 'the inbox');
      await inbox.getByRole('searchbox', { name: 'Rechercher' }).fill(ref);
      await inbox.getByRole('button', { name: 'Filtrer' }).click();
      await page.waitForURL(new RegExp(`#/inbox\\?q=${ref}`));
      const row = inbox.locator('tbody tr', { hasText: ref });
      // The table of the previous view stays (marked busy) until the search answers.
      await inbox.locator('tbody tr').nth(1).waitFor({ state: 'detached' });
      await row.waitFor();
      assert.equal(await inbox.locator('tbody tr').count(), 1);
      assert.match((await row.textContent()) ?? '', /Bruit/);
      assert.doesNotMatch(
        (await row.textContent()) ?? '',
        /En quarantaine/,
        'a person’s pace passes the time trap',
      );
      await row.getByRole('link', { name: ref }).click();

      const view = page.locator('prox-staff-concern');
      await view.getByRole('heading', { name: `Signalement ${ref}` }).waitFor();
      await view.locator('.layout').waitFor();
      await noOverflow(page, 'the concern view');
      await view
        .getByLabel('Personne chargée du suivi')
        .selectOption({ label: 'Dominique Coordination (moi)' });
      await view.getByRole('button', { name: 'Assigner' }).click();
      await view.getByText('Assigné à Dominique Coordination.').waitFor();

      // The answer starts from the « Clos » response template (its text, filled in with the
      // concern's reference and service, and its status), then completed: published, it closes it.
      const template = view.getByLabel('Partir d’un modèle de réponse');
      const closing = await template
        .locator('option', { hasText: /^\s*Clos —/ })
        .first()
        .getAttribute('value');
      assert.ok(closing, 'the demo has a template for « Clos »');
      await template.selectOption(closing);
      assert.equal(await view.getByLabel('Statut après cette réponse').inputValue(), 'closed');
      const filled = await view.getByLabel('Texte (français)').inputValue();
      assert.ok(filled.includes(ref) || !/\{reference\}/.test(filled), 'placeholders filled in');
      assert.doesNotMatch(filled, /\{(reference|service)\}/);
      const answer = `${filled} Une patrouille est passée ; le gérant a été rappelé à l’ordre.`;
      await view.getByLabel('Texte (français)').fill(answer);
      await view.getByText(answer).first().waitFor(); // the preview
      await view.getByRole('button', { name: 'Voir le message exact envoyé' }).click();
      await view.getByText(/L’habitant ne reçoit pas de courriel|Courriel envoyé/).waitFor();
      await view.getByRole('button', { name: 'Publier la réponse' }).click();
      await view.getByText('Réponse publique publiée.').waitFor();
      await view
        .locator('dl.facts dd', { hasText: /^\s*Clos\s*$/ })
        .first()
        .waitFor();
      await screenshot(page, 'staff-concern-closed');

      const trail = await history(page, ref);
      assert.ok(
        trail.some((e) => e.startsWith('concern.assign')),
        `assigned: ${trail.join(', ')}`,
      );
      assert.ok(
        trail.some((e) => e.startsWith('concern.triage')),
        `answered and closed: ${trail.join(', ')}`,
      );
      assert.ok(trail.every((e) => !e.startsWith('concern.triage') || e.endsWith('Dominique Coordination')));

      await residentSees(resident, statusUrl, answer);
      assert.deepEqual(staff.errors, []);
      assert.deepEqual(await staff.violations(), []);
      assert.deepEqual(resident.errors, []);
    } finally {
      await resident.close();
      await staff.close();
    }
  });

  test('the same journey with the keyboard alone, the resident’s report included', async () => {
    const resident = await watchedPage(browser);
    const staff = await watchedPage(browser);
    try {
      const { ref, statusUrl } = await reportByKeyboard(
        resident,
        'Des jeunes crient sous mes fenêtres toutes les nuits vers 2 h.',
      );
      const { page } = staff;
      const key = (k: string) => page.keyboard.press(k);
      await page.goto(`${server.url}/staff/`);
      await page.locator('prox-staff-sign-in #email').waitFor();

      await tabTo(page, /^input#email/);
      await page.keyboard.type('admin@demo.proximite.test');
      await key('Tab');
      await page.keyboard.type(PASSWORD);
      await key('Tab');
      await page.keyboard.type(await freshCode('admin'));
      await key('Enter');

      // Focus moves to the inbox's heading once signed in.
      const inbox = page.locator('prox-staff-inbox');
      await inbox.locator('table').waitFor();
      await page.waitForFunction(() => {
        let el: Element | null = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return el?.tagName === 'H1';
      });
      await notQuarantined(page, ref);
      await tabTo(page, /^input#q/);
      await page.keyboard.type(ref);
      await key('Enter');
      await inbox.locator('tbody tr', { hasText: ref }).waitFor();
      await tabTo(page, new RegExp(`^a# ${ref}`));
      await key('Enter');

      const view = page.locator('prox-staff-concern');
      await view.locator('.layout').waitFor();
      // The concern's heading has focus: the next Tabs go through the view to its actions.
      await tabTo(page, /^select#assignee/);
      await key('ArrowDown'); // « Camille Admin (moi) » or the next name: choose by typing
      await page.keyboard.type('Camille');
      await tabTo(page, /^button# Assigner/);
      await key('Enter');
      await view.getByText('Assigné à Camille Admin.').waitFor();

      const answer =
        'Une médiation est proposée avec le voisinage ; une patrouille de nuit passera cette semaine.';
      await tabTo(page, /^textarea#update-fr/);
      await page.keyboard.type(answer);
      await tabTo(page, /^button# Publier la réponse/);
      await key('Enter');
      await view.getByText('Réponse publique publiée.').waitFor();

      // Back up to the status (Shift+Tab), choose « Clos » by typing, save.
      for (let i = 0; i < 60 && !/^select#status/.test(await focused(page)); i += 1) await key('Shift+Tab');
      await page.keyboard.type('Clos');
      await key('Tab');
      await key('Enter');
      await view.getByText('Statut changé : Clos.').waitFor();

      const trail = await history(page, ref);
      assert.ok(
        trail.some((e) => e === 'concern.assign Camille Admin'),
        trail.join(', '),
      );
      assert.ok(trail.filter((e) => e === 'concern.triage Camille Admin').length >= 2, trail.join(', '));

      await residentSees(resident, statusUrl, answer);
      assert.deepEqual(staff.errors, []);
      assert.deepEqual(await staff.violations(), []);
    } finally {
      await resident.close();
      await staff.close();
    }
  });
});
