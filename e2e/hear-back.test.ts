/**
 * Residents hear back (issue #15), end to end in Chromium against the reference server (seeded, as
 * `npm start` runs it) and a real SMTP server started here: a resident reports with « Me tenir
 * informé·e par e-mail » → the acknowledgement carries the reference and the code → staff post a
 * public update from a template (admin API, a signed-in agent) → the mailbox has it and the status
 * page and the Atom feed show it → closed → the verdict message arrives → « non » on the status
 * page its link opens reopens the concern in the staff queue. The same without e-mail: the code and
 * the feed.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { simpleParser } from 'mailparser';
import type { Browser, Locator, Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { startTestServer } from '../scripts/test-server.mjs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SCREENSHOT_DIR, watchedPage, withBrowser } from './helpers.js';

interface Mail {
  to: string[];
  subject: string;
  text: string;
}

const PORT = Number(process.env.PROXIMITE_E2E_HEAR_BACK_PORT ?? 8311);
const BASE = `http://127.0.0.1:${PORT}`;
const AGENT = { email: 'agent@demo.proximite.test', password: 'demo-proximite-amiens' };

let server: { url: string; stop: () => Promise<void> };
let browser: Browser;
let smtp: SMTPServer;
const mails: Mail[] = [];

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
  [server, browser] = await withBrowser(
    startTestServer({
      args: ['--seed', '--port', String(PORT)],
      env: {
        PROXIMITE_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        PROXIMITE_MAIL_FROM: 'Proximité <proximite@amiens.test>',
        PROXIMITE_PUBLIC_URL: BASE,
        // The verdict question at once (the default is 14 days after closure), looked for every second.
        PROXIMITE_VERDICT_DELAY_DAYS: '0',
        PROXIMITE_VERDICT_POLL_SECONDS: '1',
      },
    }),
  );
  assert.equal(server.url, BASE);
});
after(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise<void>((resolve) => smtp?.close(() => resolve()));
});

async function until<T>(
  find: () => T | undefined | Promise<T | undefined>,
  what: string,
  ms = 30_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const found = await find();
    if (found !== undefined) return found;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const mailTo = (address: string, subject: RegExp) =>
  until(() => mails.find((m) => m.to.includes(address) && subject.test(m.subject)), `the e-mail ${subject}`);

/** A signed-in agent of the demo (the console's API with its session cookie and CSRF token). */
async function agent(): Promise<(method: string, path: string, body?: unknown) => Promise<Response>> {
  const r = await fetch(`${BASE}/v1/staff/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: BASE },
    body: JSON.stringify(AGENT),
  });
  assert.equal(r.status, 200, await r.clone().text());
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await r.json()) as { csrfToken: string };
  return (method, path, body) =>
    fetch(`${BASE}${path}`, {
      method,
      headers: {
        Cookie: cookie,
        Origin: BASE,
        'X-CSRF-Token': csrfToken,
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
}

/** A screenshot of the form alone (under /tmp, never in the repository). */
async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.locator('prox-concern-form').screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

/** Fills the form up to the contact step with an illegal dumping in Saint-Leu. */
async function reportUpToContact(page: Page, description: string): Promise<Locator> {
  await page.goto(`${BASE}/`);
  const form = page.locator('prox-concern-form');
  const next = form.getByRole('button', { name: 'Continuer' });
  await form.getByRole('radio', { name: /^Dépôts sauvages/ }).check();
  await next.click();
  await form.getByRole('textbox', { name: /Décrivez/ }).fill(description);
  await next.click();
  await form.getByRole('textbox', { name: /Adresse/ }).fill('Rue Motte, 80000 Amiens');
  await next.click();
  await form.getByRole('radio', { name: /^Encombrants/ }).check();
  await next.click();
  return form;
}

async function send(form: Locator): Promise<{ reference: string; code: string }> {
  await form.getByRole('button', { name: 'Continuer' }).click();
  await form.getByRole('button', { name: 'Envoyer le signalement' }).click();
  const reference = ((await form.locator('.receipt .reference').first().textContent()) ?? '').trim();
  assert.match(reference, /^PRX-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  const receipt = (await form.locator('.receipt').first().textContent()) ?? '';
  const code = /[0-9A-Z]{5}-[0-9A-Z]{5}/.exec(receipt)?.[0] ?? '';
  assert.ok(code, `a tracking code on the receipt: ${receipt}`);
  return { reference, code };
}

/** Staff answer with the template of `status`, filled in for the concern. */
async function answerWithTemplate(
  call: Awaited<ReturnType<typeof agent>>,
  reference: string,
  status: string,
): Promise<string> {
  const list = (await (await call('GET', `/v1/admin/templates?status=${status}`)).json()) as {
    items: { text: { fr: string; en?: string } }[];
  };
  const template = list.items[0];
  assert.ok(template, `a template for ${status}`);
  const service = (
    (await (await call('GET', `/v1/admin/concerns/${reference}`)).json()) as {
      service: { name: { fr: string } };
    }
  ).service.name.fr;
  const fr = template.text.fr.replaceAll('{reference}', reference).replaceAll('{service}', service);
  const preview = await call('POST', `/v1/admin/concerns/${reference}/preview`, {
    status,
    publicUpdate: { fr },
  });
  assert.equal(preview.status, 200, await preview.clone().text());
  const triage = await call('POST', `/v1/admin/concerns/${reference}/triage`, {
    status,
    publicUpdate: { fr },
  });
  assert.equal(triage.status, 200, await triage.clone().text());
  return fr;
}

describe('residents hear back', () => {
  test('with e-mail: acknowledgement, update, closure, verdict question; « non » reopens it in the staff queue', async () => {
    const w = await watchedPage(browser);
    const resident = `camille.${Date.now()}@example.org`;
    try {
      const { page } = w;
      const form = await reportUpToContact(
        page,
        'Des encombrants au pied du pont de la Dodane (e2e e-mail).',
      );
      await form.getByRole('radio', { name: /^Être recontacté·e/ }).check();
      await form.getByRole('textbox', { name: 'Adresse e-mail' }).fill(resident);
      const updates = form.getByRole('checkbox', { name: /Me tenir informé·e par e-mail/ });
      assert.equal(await updates.isChecked(), false, 'off by default');
      await updates.check();
      const { reference, code } = await send(form);

      // The acknowledgement: the reference and the code.
      const ack = await mailTo(resident, new RegExp(`Signalement ${reference} reçu`));
      assert.match(ack.text, new RegExp(`Code de suivi : ${code}`));

      // Staff post a public update from a template: the mailbox, the status page and the feed show it.
      const call = await agent();
      const text = await answerWithTemplate(call, reference, 'in-progress');
      const update = await mailTo(resident, new RegExp(`Signalement ${reference} : En cours de traitement`));
      assert.ok(update.text.includes(text), update.text);
      const link = /http:\/\/127\.0\.0\.1:\d+\/#ref=[^\s]+/.exec(update.text)?.[0];
      assert.ok(link, 'a link to the status page');
      await page.goto(link);
      const status = page.locator('prox-concern-form').locator('#status-result');
      await status.waitFor();
      assert.ok(((await status.textContent()) ?? '').includes(text), 'the status page shows the update');
      const feedUrl = await status.locator('a.feed').getAttribute('href');
      assert.ok(feedUrl);
      const feed = await (await fetch(feedUrl)).text();
      assert.ok(feed.includes(text), 'the feed shows the update');

      // Closed; the verdict question arrives; « non » from the status page its link opens.
      await answerWithTemplate(call, reference, 'resolved');
      await mailTo(resident, new RegExp(`Signalement ${reference} : Résolu`));
      const question = await mailTo(resident, /Le problème est-il réglé \?/);
      const answerLink = /http:\/\/127\.0\.0\.1:\d+\/#ref=[^\s]+/.exec(question.text)?.[0];
      assert.ok(answerLink);
      await page.goto('about:blank');
      await page.goto(answerLink);
      const verdict = page.locator('prox-concern-form').locator('form.verdict');
      await verdict.waitFor();
      await shoot(page, 'hear-back-verdict-question-fr');
      await verdict.getByRole('radio', { name: /^Non/ }).check();
      await verdict.getByRole('textbox', { name: /Commentaire/ }).fill('Toujours là ce matin.');
      await verdict.getByRole('button', { name: 'Envoyer ma réponse' }).click();
      const answered = page.locator('prox-concern-form').locator('#verdict-result');
      await answered.waitFor();
      assert.match((await answered.textContent()) ?? '', /n’est pas réglé/);
      await shoot(page, 'hear-back-verdict-answered-fr');

      // Back in the service's queue.
      const queue = (await (await call('GET', '/v1/admin/concerns?status=reopen-requested')).json()) as {
        items: { reference: string }[];
      };
      assert.ok(
        queue.items.some((c) => c.reference === reference),
        'reopened in the staff queue',
      );
      assert.deepEqual(w.errors, []);
    } finally {
      await w.close();
    }
  });

  test('without e-mail: the code and the feed', async () => {
    const w = await watchedPage(browser);
    try {
      const { page } = w;
      const form = await reportUpToContact(page, 'Des encombrants rue Motte (e2e sans e-mail).');
      assert.ok(await form.getByRole('radio', { name: /^Rester anonyme/ }).isChecked());
      const { reference, code } = await send(form);

      const call = await agent();
      const text = await answerWithTemplate(call, reference, 'in-progress');

      // Follow it with the reference and the code typed in the status view.
      await page.goto(`${BASE}/`);
      const status = page.locator('prox-concern-form');
      await status.getByRole('button', { name: /Suivre un signalement/ }).click();
      await status.getByRole('textbox', { name: 'Référence du signalement' }).fill(reference);
      await status.getByRole('textbox', { name: 'Code de suivi' }).fill(code.toLowerCase().replace('-', ' '));
      await status.getByRole('button', { name: 'Voir le suivi' }).click();
      const result = status.locator('#status-result');
      await result.waitFor();
      assert.ok(((await result.textContent()) ?? '').includes(text));
      const feedUrl = await result.locator('a.feed').getAttribute('href');
      assert.ok(feedUrl);
      const feed = await (await fetch(feedUrl)).text();
      assert.ok(feed.includes(text), 'the feed shows the update');
      // The service may get its own message ([Proximité] …); the resident gets none.
      assert.deepEqual(
        mails.filter((m) => m.subject.includes(reference) && !m.subject.startsWith('[Proximité]')),
        [],
        'no e-mail to the resident',
      );
      assert.deepEqual(w.errors, []);
    } finally {
      await w.close();
    }
  });
});
