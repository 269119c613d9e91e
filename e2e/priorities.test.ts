/**
 * « Vous avez dit, nous avons fait » (issue #17) end to end, in Chromium against the reference server
 * (seeded, as `npm start` runs it) and a real SMTP server started here: two residents report with
 * « Me tenir informé·e par e-mail »; a coordinator finds both concerns in the console's inbox,
 * selects them, « Créer une priorité » opens the priorities form with their references, writes the
 * issue and the action carried out, saves a draft (not public yet), then « Publier » → the priority is
 * in GET /v1/priorities with its two sources, and each resident receives « Vous avez dit, nous
 * avons fait », once. Screenshots of the priorities at 1280 px, looked at.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { simpleParser } from 'mailparser';
import type { Browser } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { startTestServer } from '../scripts/test-server.mjs';
import { DEMO_TOTP_SECRET, totpCode } from '../scripts/demo-code.mjs';
import { screenshot, watchedPage, withBrowser } from './helpers.js';

interface Mail {
  to: string[];
  subject: string;
  text: string;
}

const PASSWORD = 'demo-proximite-amiens';
const WORD = 'zorglubprio';

let server: { url: string; stop: () => Promise<void> };
let browser: Browser;
let smtp: SMTPServer;
const mails: Mail[] = [];

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

before(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        void simpleParser(Buffer.concat(chunks)).then((parsed) => {
          const to = [parsed.to ?? []].flat().flatMap((a) => a.value.map((v) => v.address ?? ''));
          mails.push({ to, subject: parsed.subject ?? '', text: parsed.text ?? '' });
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  const port = await freePort();
  [server, browser] = await withBrowser(
    startTestServer({
      args: ['--seed', '--port', String(port)],
      env: {
        PROXIMITE_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        PROXIMITE_MAIL_FROM: 'Proximité <proximite@amiens.test>',
        PROXIMITE_PUBLIC_URL: `http://127.0.0.1:${port}`,
      },
    }),
  );
});
after(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise<void>((resolve) => smtp?.close(() => resolve()));
});

async function until<T>(find: () => T | undefined, what: string, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function report(email: string, text: string): Promise<string> {
  const r = await fetch(`${server.url}/v1/concerns`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `e2e-prio-${email}` },
    body: JSON.stringify({
      categoryCode: 'depots-sauvages',
      description: text,
      location: { address: 'Rue Motte, 80000 Amiens', districtId: 'saint-leu' },
      attributes: { 'type-depot': 'encombrants', recurrent: 'souvent' },
      contact: { email, emailUpdates: true },
      lang: 'fr',
    }),
  });
  assert.equal(r.status, 201, await r.clone().text());
  return ((await r.json()) as { reference: string }).reference;
}

describe('priorities', () => {
  test('a priority made from two concerns in the console and published is public with its sources, and both residents are told once', async () => {
    const a = await report('alice@example.org', `Encombrants au pied du pont, rue Motte (${WORD}).`);
    const b = await report('bob@example.org', `Matelas abandonnés rue Motte depuis une semaine (${WORD}).`);
    const w = await watchedPage(browser);
    const { page } = w;
    try {
      await page.goto(`${server.url}/staff/`);
      const signIn = page.locator('prox-staff-sign-in');
      await signIn.getByLabel('Adresse électronique').fill('coordination@demo.proximite.test');
      await signIn.getByLabel('Mot de passe').fill(PASSWORD);
      await signIn.getByLabel(/Code de vérification/).fill(totpCode(DEMO_TOTP_SECRET));
      await signIn.getByRole('button', { name: 'Se connecter' }).click();

      // The inbox: both concerns found by a word of their text, selected.
      const inbox = page.locator('prox-staff-inbox');
      await inbox.locator('table').waitFor();
      await inbox.getByRole('searchbox', { name: 'Rechercher' }).fill(WORD);
      await inbox.getByRole('button', { name: 'Filtrer' }).click();
      await page.waitForURL(new RegExp(`#/inbox\\?q=${WORD}`));
      // The previous view's table stays (marked busy) until the search answers.
      await inbox.locator('.table-wrap[aria-busy="false"]').waitFor();
      for (let i = 0; i < 100 && (await inbox.locator('tbody tr').count()) !== 2; i += 1)
        await page.waitForTimeout(100);
      await inbox.locator('tbody tr', { hasText: a }).waitFor();
      await inbox.locator('tbody tr', { hasText: b }).waitFor();
      assert.equal(await inbox.locator('tbody tr').count(), 2);
      await inbox.getByRole('checkbox', { name: 'Sélectionner tous les signalements de la page' }).check();
      await inbox.getByRole('button', { name: 'Créer une priorité' }).click();

      // The form, with their references.
      const section = page.locator('prox-staff-priorities');
      await section.getByRole('heading', { name: 'Nouvelle priorité' }).waitFor();
      const refs = (await section.getByLabel('Signalements liés').inputValue()).split('\n').sort();
      assert.deepEqual(refs, [a, b].sort());
      await section.getByLabel('Ce que les habitants ont dit (français)').fill('Dépôts sauvages rue Motte');
      await section.getByLabel('Statut').selectOption({ label: 'Réalisée' });
      await section
        .getByLabel('Action (français)')
        .fill('Passage quotidien de la propreté et pose d’une caméra.');
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
      await section.getByLabel('Date de l’action').fill(today);
      await screenshot(page, 'priorities-1280-form');
      await section.getByRole('button', { name: 'Enregistrer' }).click();
      await section.getByText('Priorité enregistrée.').waitFor();

      // A draft: not public yet, nobody told.
      const draftList = (await (await fetch(`${server.url}/v1/priorities`)).json()) as {
        items: { issue: { fr: string } }[];
      };
      assert.ok(!draftList.items.some((p) => p.issue.fr === 'Dépôts sauvages rue Motte'));

      // Published from the list.
      await section.getByRole('link', { name: 'Retour aux priorités' }).click();
      await section.getByRole('button', { name: 'Publier « Dépôts sauvages rue Motte »' }).click();
      await section.getByText('Priorité publiée : 2 habitants prévenus par e-mail.').waitFor();
      await screenshot(page, 'priorities-1280-list');

      const pub = (await (await fetch(`${server.url}/v1/priorities`)).json()) as {
        items: { issue: { fr: string }; action?: { fr: string }; sources: { concernReferences: string[] } }[];
      };
      const priority = pub.items.find((p) => p.issue.fr === 'Dépôts sauvages rue Motte');
      assert.ok(priority, 'published');
      assert.deepEqual([...priority.sources.concernReferences].sort(), [a, b].sort());
      assert.equal(priority.action?.fr, 'Passage quotidien de la propreté et pose d’une caméra.');

      for (const [email, ref] of [
        ['alice@example.org', a],
        ['bob@example.org', b],
      ] as const) {
        const mail = await until(
          () => mails.find((m) => m.to.includes(email) && /nous avons fait/.test(m.subject)),
          `the message to ${email}`,
        );
        assert.equal(mail.subject, `Vous avez dit, nous avons fait (signalement ${ref})`);
        assert.match(mail.text, /Vous avez dit : Dépôts sauvages rue Motte/);
        assert.match(mail.text, /Passage quotidien de la propreté/);
      }
      await new Promise((r) => setTimeout(r, 1_000));
      assert.equal(mails.filter((m) => /nous avons fait/.test(m.subject)).length, 2, 'once each');
      assert.deepEqual(w.errors, []);
    } finally {
      await w.close();
    }
  });
});
