/**
 * Cafés in the staff console against the reference server as `npm start` runs it (seeded, demo
 * accounts), with the keyboard alone: a coordinator signs in, creates a monthly café « le premier
 * mercredi », then cancels one of its dates with a reason. The public calendar of the demo page
 * (<prox-cafe-calendar>) shows that date cancelled and the others scheduled, and the iCalendar
 * feed holds ONE VEVENT with the RRULE and a STATUS:CANCELLED override for that date (RFC 5545
 * §3.8.5.3, §3.8.4.4). No console error, no CSP violation. Screenshots at 1280 px.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startTestServer } from '../scripts/test-server.mjs';
import { DEMO_TOTP_SECRET, totpCode } from '../scripts/demo-code.mjs';
import { join } from 'node:path';
import { SCREENSHOT_DIR, screenshot, watchedPage, withBrowser } from './helpers.js';

const PASSWORD = 'demo-proximite-amiens';
const TITLE = 'Café avec un policier — place du Don (e2e)';

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
    const name = (el.getAttribute('aria-label') ?? (el.textContent || label)).replace(/\s+/g, ' ').trim();
    return `${el.tagName.toLowerCase()}#${el.id} ${name.slice(0, 120)}`;
  });
}

async function tabTo(page: Page, match: RegExp, max = 150): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    if (match.test(await focused(page))) return;
  }
  throw new Error(`Tab never reached ${match} (last: ${await focused(page)})`);
}

/** The first Wednesday of the month after next, as `YYYY-MM-DD`, and the first Wednesday after it. */
function firstWednesdays(now: Date): [string, string] {
  const first = (year: number, month: number) => {
    const d = new Date(Date.UTC(year, month, 1));
    while (d.getUTCDay() !== 3) d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10);
  };
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  return [first(y, m + 2), first(y, m + 3)];
}

describe('cafés in the staff console', () => {
  test('with the keyboard alone: create a monthly café, then cancel one occurrence', async () => {
    const w = await watchedPage(browser);
    const { page } = w;
    const key = (k: string) => page.keyboard.press(k);
    const [firstDate, secondDate] = firstWednesdays(new Date());
    const [y, m, d] = firstDate.split('-');
    try {
      await page.goto(`${server.url}/staff/`);
      await page.locator('prox-staff-sign-in #email').waitFor();
      await tabTo(page, /^input#email/);
      await page.keyboard.type('coordination@demo.proximite.test');
      await key('Tab');
      await page.keyboard.type(PASSWORD);
      await key('Tab');
      await page.keyboard.type(totpCode(DEMO_TOTP_SECRET));
      await key('Enter');
      await page.locator('prox-staff-inbox').locator('h1').waitFor();

      // To the section (its group « Rencontres » opens first), then « Nouvelle rencontre ».
      await tabTo(page, /^button# Rencontres$/);
      await key('Enter');
      await tabTo(page, /^a# Cafés et rencontres/);
      await key('Enter');
      const section = page.locator('prox-staff-cafes');
      await section.getByRole('heading', { name: 'Cafés et rencontres', level: 1 }).waitFor();
      await section.locator('table, .state').first().waitFor();
      await tabTo(page, /^a# Nouvelle rencontre/);
      await key('Enter');
      await section.getByRole('heading', { name: 'Nouvelle rencontre', level: 1 }).waitFor();

      await tabTo(page, /^input#titleFr/);
      await page.keyboard.type(TITLE);
      await tabTo(page, /^input#date/);
      // The field's order of day, month and year follows the browser's language: type it as the
      // French order, and as the American one if that is what the field reads.
      const dateValue = () => section.locator('#date').inputValue();
      await page.keyboard.type(`${d}${m}${y}`);
      if ((await dateValue()) !== firstDate) {
        await key('Shift+Tab');
        await key('Shift+Tab');
        await page.keyboard.type(`${m}${d}${y}`);
      }
      assert.equal(await dateValue(), firstDate);
      await tabTo(page, /^input#\S* Une seule fois/);
      await key('ArrowDown');
      await key('ArrowDown');
      assert.match(await focused(page), /Chaque mois, le premier mercredi du mois/);
      await tabTo(page, /^input#placeName/);
      await page.keyboard.type('Place du Don');
      await key('Tab');
      await page.keyboard.type('Place du Don, 80000 Amiens');
      await key('Tab');
      assert.match(await focused(page), /^select#districtId/);
      await page.keyboard.type('Saint-Leu');
      await tabTo(page, /^input#accessibilityFr/);
      await page.keyboard.type('Terrasse de plain-pied, chiens guides bienvenus');
      await tabTo(page, /^input#organizerName/);
      await page.keyboard.type('Police municipale d’Amiens');
      const preview = section.locator('.cafe-card');
      await preview.getByText(TITLE).waitFor();
      assert.match((await preview.textContent()) ?? '', /Chaque mois, le premier mercredi du mois/);
      await screenshot(page, 'staff-cafes-form-1280');
      await tabTo(page, /^button# Enregistrer/);
      await key('Enter');

      // Back on the list, the series' dates are listed.
      await section.getByText(/^\s*Rencontre enregistrée/).waitFor();
      await section.locator('tbody tr', { hasText: TITLE }).nth(2).waitFor();
      await screenshot(page, 'staff-cafes-list-1280');

      // Cancel the second date only.
      const second = new Intl.DateTimeFormat('fr-FR', {
        dateStyle: 'medium',
        timeZone: 'Europe/Paris',
      }).format(new Date(`${secondDate}T12:00:00Z`));
      await tabTo(page, new RegExp(`^a# Annuler : ${TITLE.replace(/[()]/g, '\\$&')}, ${second}`));
      await key('Enter');
      await section.getByRole('heading', { name: /^Annuler :/, level: 1 }).waitFor();
      await tabTo(page, /^input#\S* Seulement la rencontre du/);
      assert.equal(await section.locator('input[value="occurrence"]').isChecked(), true);
      await tabTo(page, /^textarea#reasonFr/);
      await page.keyboard.type('La place accueille le marché de Noël.');
      await screenshot(page, 'staff-cafes-cancel-1280');
      await tabTo(page, /^button# Annuler la rencontre/);
      await key('Enter');
      await section.getByText(/^\s*Rencontre annulée/).waitFor();
      const rows = section.locator('tbody tr', { hasText: TITLE });
      await rows.nth(1).getByText('Annulée').waitFor();
      assert.match((await rows.nth(0).textContent()) ?? '', /Prévue/);
      assert.match((await rows.nth(2).textContent()) ?? '', /Prévue/);
      assert.match((await rows.nth(1).textContent()) ?? '', /La place accueille le marché de Noël\./);
      await screenshot(page, 'staff-cafes-list-cancelled-1280');

      // The public calendar of the demo page, in the window of the two first dates.
      const resident = await watchedPage(browser);
      try {
        await resident.page.goto(`${server.url}/`);
        const calendar = resident.page.locator('prox-cafe-calendar');
        await calendar.locator('li.event').first().waitFor();
        await calendar.evaluate(
          (el, [from, to]) => {
            el.setAttribute('from', from as string);
            el.setAttribute('to', to as string);
          },
          [firstDate, secondDate],
        );
        const mine = calendar.locator('li.event', { hasText: TITLE });
        await mine.nth(1).waitFor();
        assert.equal(await mine.count(), 2);
        assert.doesNotMatch((await mine.nth(0).textContent()) ?? '', /Annulé/);
        assert.match((await mine.nth(1).getAttribute('class')) ?? '', /event--cancelled/);
        await mine.nth(1).locator('.badge', { hasText: 'Annulé' }).waitFor();
        await screenshot(resident.page, 'public-calendar-cancelled-1280');
        // The cancelled date alone, as a resident reads it.
        await mine
          .nth(1)
          .screenshot({ path: join(SCREENSHOT_DIR, 'public-calendar-cancelled-date-1280.png') });
        assert.deepEqual(resident.errors, []);
        assert.deepEqual(await resident.violations(), []);
      } finally {
        await resident.close();
      }

      // The .ics feed: one VEVENT with the rule, one cancelled override of the second date.
      const ics = (await (await page.request.get(`${server.url}/v1/cafes.ics`)).text()).replace(
        /\r\n[ \t]/g,
        '',
      );
      const events = ics
        .split('BEGIN:VEVENT')
        .slice(1)
        .filter((e) => e.includes(`SUMMARY:${TITLE.replace(/,/g, '\\,')}`) || e.includes(TITLE));
      const master = events.filter((e) => !e.includes('RECURRENCE-ID'));
      assert.equal(master.length, 1, 'one VEVENT for the series');
      assert.match(master[0] ?? '', /\r\nRRULE:FREQ=MONTHLY;BYDAY=1WE\r\n/);
      assert.match(
        master[0] ?? '',
        new RegExp(`DTSTART;TZID=Europe/Paris:${firstDate.replace(/-/g, '')}T173000`),
      );
      const override = events.find((e) => e.includes('RECURRENCE-ID')) ?? '';
      assert.match(
        override,
        new RegExp(`RECURRENCE-ID;TZID=Europe/Paris:${secondDate.replace(/-/g, '')}T173000`),
      );
      assert.match(override, /\r\nSTATUS:CANCELLED\r\n/);
      assert.match(override, /marché de Noël/);

      assert.deepEqual(w.errors, []);
      assert.deepEqual(await w.violations(), []);
    } finally {
      await w.close();
    }
  });
});
