/**
 * Residents hear back by e-mail (issue #15), through the queue and a real SMTP server started here:
 * the acknowledgement (reference, code, service, what happens next and when), one message per
 * public update, hand-off and closure, the verdict question a while after closure (fake clock), in
 * the resident's language, text and HTML, with a one-click List-Unsubscribe (RFC 8058) that stops
 * them (audited); links that carry their key in a fragment; an address added later from the status
 * page; the retention purge blanking the recipient of past messages.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ConcernInput, ConcernReceipt, ConcernStatusView, Service } from '@proximite/contract';
import { purge } from '../src/store/concerns.js';
import { createAdminToken } from '../src/store/tokens.js';
import { call, fakeClock, jsonInit, targets } from './helpers.js';
import { startDeliveryServer, startSmtp, until } from './delivery-helpers.js';
import type { DeliveryServer, ReceivedMail, TestSmtp } from './delivery-helpers.js';

const RESIDENT = 'camille.martin@example.org';
const input: ConcernInput = {
  categoryCode: 'depots-sauvages',
  description: 'Des encombrants au pied du pont de la Dodane, rue Motte.',
  location: { address: 'Rue Motte, 80000 Amiens', districtId: 'saint-leu' },
  attributes: { 'type-depot': 'encombrants', recurrent: 'souvent' },
  contact: { name: 'Camille Martin', email: RESIDENT, emailUpdates: true },
  lang: 'fr',
};
const STATUS_PAGE = 'https://www.amiens.test/signaler';

let n = 0;

/** A header as mailparser gives it, as text (it gathers the List-* headers, parsed, under `list`). */
function header(mail: ReceivedMail, name: string): string {
  const v =
    mail.headers.get(name) ??
    (mail.headers.get('list') as Record<string, unknown> | undefined)?.[name.replace(/^list-/, '')];
  return typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
}

for (const target of targets()) {
  describe(`residents hear back by e-mail (${target.name})`, () => {
    let smtp: TestSmtp;
    let s: DeliveryServer;
    let auth: Record<string, string>;
    const clock = fakeClock(new Date());
    before(async () => {
      smtp = await startSmtp();
      s = await startDeliveryServer(target, {
        clock,
        config: {
          smtpUrl: smtp.url,
          mailFrom: 'Proximité <proximite@amiens.test>',
          publicUrl: 'https://api.amiens.test',
          statusPageUrl: STATUS_PAGE,
          verdictDelayDays: 14,
        },
      });
      const { token } = await createAdminToken(s.db, new Date(), {
        name: 'hear-back',
        scopes: ['services:write', 'concerns:triage'],
      });
      auth = { Authorization: `Bearer ${token}` };
      const service = (name: { fr: string; en: string }, days: number) => ({
        name,
        delivery: { method: 'none' },
        target: { days, unit: 'working-days' },
      });
      const put = await call(
        s.url,
        '/v1/admin/services/proprete-urbaine',
        jsonInit('PUT', service({ fr: 'Propreté urbaine', en: 'Street cleaning' }, 5), auth),
      );
      assert.equal(put.status, 200, put.text);
      const created = await call(
        s.url,
        '/v1/admin/services',
        jsonInit(
          'POST',
          { id: 'espaces-verts', ...service({ fr: 'Espaces verts', en: 'Parks and gardens' }, 10) },
          auth,
        ),
      );
      assert.equal(created.status, 201, created.text);
      assert.equal((created.json as Service).id, 'espaces-verts');
    });
    after(async () => {
      await s.close();
      await smtp.close();
    });

    const submit = async (body: ConcernInput = input): Promise<ConcernReceipt> => {
      const r = await call(
        s.url,
        '/v1/concerns',
        jsonInit('POST', body, { 'Idempotency-Key': `resident-mail-${Date.now()}-${n++}` }),
      );
      assert.equal(r.status, 201, r.text);
      return r.json as ConcernReceipt;
    };
    const triage = async (reference: string, body: Record<string, unknown>) => {
      const r = await call(s.url, `/v1/admin/concerns/${reference}/triage`, jsonInit('POST', body, auth));
      assert.equal(r.status, 200, r.text);
    };
    const mailsOf = (reference: string) => smtp.mails.filter((m) => m.subject.includes(reference));
    const waitMails = (reference: string, count: number, what: string) =>
      until(() => mailsOf(reference).length >= count, 10_000, what);
    /** A link of a message, called on this server (its host is the configured public URL). */
    const local = (url: string) => {
      const u = new URL(url);
      return `${u.pathname}${u.search}`;
    };
    const residentRows = (reference: string) =>
      s.db.query<{ event: string; recipient: string | null; sent_to: string | null; payload: unknown }>(
        `SELECT d.event, d.recipient, d.sent_to, d.payload FROM deliveries d JOIN concerns c ON c.id = d.concern_id
          WHERE c.reference = $1 AND d.event LIKE 'resident.%' ORDER BY d.created_at, d.id`,
        [reference],
      );

    test('acknowledgement, update, hand-off, closure, then the verdict question; each once, text and HTML, one-click unsubscribe', async () => {
      const receipt = await submit();
      await waitMails(receipt.reference, 1, 'the acknowledgement');
      const ack = mailsOf(receipt.reference)[0]!;
      assert.deepEqual(ack.to, [RESIDENT]);
      assert.equal(ack.subject, `Signalement ${receipt.reference} reçu`);
      assert.match(ack.text, new RegExp(`Référence : ${receipt.reference}`));
      assert.match(ack.text, new RegExp(`Code de suivi : ${receipt.trackingCode}`));
      assert.match(ack.text, /transmis au service Propreté urbaine/);
      assert.match(ack.text, /s’est engagé à y répondre avant le \d+(er)? \S+ \d{4}/);
      assert.match(ack.html, /<html lang="fr">/);
      assert.ok(ack.html.includes(receipt.trackingCode!));
      // The status link: the page, with the reference and the token in its fragment only.
      const link = /https:\/\/www\.amiens\.test\/signaler#ref=[^\s"<]+/.exec(ack.text)?.[0];
      assert.ok(link, ack.text);
      assert.equal(new URL(link).search, '');
      assert.equal(new URLSearchParams(new URL(link).hash.slice(1)).get('ref'), receipt.reference);
      // RFC 8058: an https unsubscribe address and the one-click POST.
      assert.match(
        header(ack, 'list-unsubscribe'),
        new RegExp(
          `https://api\\.amiens\\.test/v1/concerns/${receipt.reference}/unsubscribe\\?key=[0-9a-f]{32}`,
        ),
      );
      assert.match(header(ack, 'list-unsubscribe-post'), /"?List-Unsubscribe=One-Click"?/);
      // Its links open the concern: the queued message is emptied once sent.
      await until(
        async () => (await residentRows(receipt.reference))[0]?.sent_to === RESIDENT,
        5_000,
        'sent',
      );
      assert.deepEqual((await residentRows(receipt.reference))[0]?.payload, {});

      await triage(receipt.reference, {
        status: 'in-progress',
        publicUpdate: { fr: 'Une équipe passe demain matin.', en: 'A team comes tomorrow morning.' },
        internalNote: 'Note interne à ne pas envoyer (note-4e1b).',
      });
      await waitMails(receipt.reference, 2, 'the update');
      const update = mailsOf(receipt.reference)[1]!;
      assert.equal(update.subject, `Signalement ${receipt.reference} : En cours de traitement`);
      assert.match(update.text, /Une équipe passe demain matin\./);
      assert.ok(!update.text.includes('note-4e1b') && !update.html.includes('note-4e1b'));
      // Later links carry the concern's status key, which opens its status (and its verdict).
      const key = new URLSearchParams(
        new URL(/https:\/\/www\.amiens\.test\/signaler#[^\s"<]+/.exec(update.text)![0]).hash.slice(1),
      ).get('token')!;
      assert.match(key, /^[0-9a-f]{32}$/);
      const view = await call(s.url, `/v1/concerns/${receipt.reference}?token=${key}`);
      assert.equal(view.status, 200, view.text);
      assert.equal((view.json as ConcernStatusView).emailUpdates, true);

      await triage(receipt.reference, { serviceId: 'espaces-verts' });
      await waitMails(receipt.reference, 3, 'the hand-off');
      const handoff = mailsOf(receipt.reference)[2]!;
      assert.equal(handoff.subject, `Signalement ${receipt.reference} transmis au service Espaces verts`);

      await triage(receipt.reference, {
        status: 'resolved',
        publicUpdate: { fr: 'Les encombrants ont été enlevés.', en: 'The items were removed.' },
      });
      await waitMails(receipt.reference, 4, 'the closure');
      const closure = mailsOf(receipt.reference)[3]!;
      assert.equal(closure.subject, `Signalement ${receipt.reference} : Résolu`);
      assert.match(closure.text, /Le service Espaces verts a clos votre signalement\./);

      // The verdict question: not before 14 days, then once.
      await s.worker.tick();
      assert.equal(mailsOf(receipt.reference).length, 4);
      clock.advance(15 * 86_400_000);
      await s.worker.tick();
      await waitMails(receipt.reference, 5, 'the verdict question');
      const question = mailsOf(receipt.reference)[4]!;
      assert.equal(question.subject, `Le problème est-il réglé ? (signalement ${receipt.reference})`);
      assert.match(
        question.text,
        /Répondre sur la page de suivi : https:\/\/www\.amiens\.test\/signaler#ref=/,
      );
      clock.advance(3_600_000);
      await s.worker.tick();
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(mailsOf(receipt.reference).length, 5, 'asked once');
      // (Queued at one still instant but the last: compared as a set.)
      assert.deepEqual(
        (await residentRows(receipt.reference)).map((r) => r.event).sort(),
        ['acknowledgement', 'closure', 'handoff', 'update', 'verdict'].map((k) => `resident.${k}`),
      );
      // Answered through the link's key: « non » reopens it.
      const no = await call(
        s.url,
        `/v1/concerns/${receipt.reference}/feedback`,
        jsonInit('POST', { token: key, resolved: false }),
      );
      assert.equal(no.status, 200, no.text);
      assert.equal((no.json as ConcernStatusView).status, 'reopen-requested');

      // Unsubscribe: opening the link changes nothing; the one-click POST stops the messages.
      const unsubscribe = local(/https:\/\/[^>"\s]+/.exec(header(ack, 'list-unsubscribe'))![0]);
      const page = await call(s.url, unsubscribe);
      assert.equal(page.status, 200, page.text);
      assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(page.text, /<form method="post"/);
      const still = await call(s.url, `/v1/concerns/${receipt.reference}?token=${key}`);
      assert.equal((still.json as ConcernStatusView).emailUpdates, true);
      const post = () =>
        call(s.url, unsubscribe, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: 'List-Unsubscribe=One-Click',
        });
      assert.equal((await post()).status, 200);
      assert.equal((await post()).status, 200, 'again is harmless');
      const audit = await s.db.query<{ actor: string }>(
        `SELECT actor FROM audit_log WHERE action = 'concern.unsubscribe' AND target = $1`,
        [`concern:${receipt.reference}`],
      );
      assert.deepEqual(
        audit.map((a) => a.actor),
        ['resident'],
      );
      const off = await call(s.url, `/v1/concerns/${receipt.reference}?token=${key}`);
      assert.equal((off.json as ConcernStatusView).emailUpdates, false);
      await triage(receipt.reference, { status: 'in-progress', publicUpdate: { fr: 'Nous revenons.' } });
      await triage(receipt.reference, { status: 'resolved' });
      await s.worker.tick();
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(mailsOf(receipt.reference).length, 5, 'nothing after unsubscribing');
      assert.equal((await residentRows(receipt.reference)).length, 5);
      // A wrong key is an unknown link.
      const wrong = `/v1/concerns/${receipt.reference}/unsubscribe?key=${'0'.repeat(32)}`;
      assert.equal((await call(s.url, wrong)).status, 404);
      assert.equal(
        (
          await call(s.url, wrong, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: 'List-Unsubscribe=One-Click',
          })
        ).status,
        404,
      );

      // Retention: the purge blanks the recipient of the messages already sent.
      await s.db.transaction((tx) =>
        purge(tx, new Date(clock().getTime() + 400 * 86_400_000), {
          contactAfterClose: 90,
          contactMax: 365,
          closed: 100_000,
          idempotencyHours: 24,
        }),
      );
      const purged = await residentRows(receipt.reference);
      assert.equal(purged.length, 5);
      for (const row of purged) assert.deepEqual([row.recipient, row.sent_to], [null, null]);
    });

    test('no e-mail without the opt-in; in English when the resident wrote in English', async () => {
      const quiet = await submit({ ...input, contact: { email: 'quiet@example.org' } });
      const english = await submit({
        ...input,
        lang: 'en',
        contact: { email: 'en@example.org', emailUpdates: true },
      });
      await waitMails(english.reference, 1, 'the English acknowledgement');
      const ack = mailsOf(english.reference)[0]!;
      assert.equal(ack.subject, `Report ${english.reference} received`);
      assert.match(ack.text, /passed to Street cleaning/);
      assert.match(ack.text, /has committed to answer by \d+ \S+ \d{4}/);
      assert.match(ack.html, /<html lang="en">/);
      await triage(quiet.reference, { status: 'in-progress', publicUpdate: { fr: 'Vu.' } });
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(mailsOf(quiet.reference).length, 0);
      assert.equal((await residentRows(quiet.reference)).length, 0);
      // The opt-in needs an address: a 422 problem.
      const bad = await call(
        s.url,
        '/v1/concerns',
        jsonInit(
          'POST',
          { ...input, contact: { name: 'X', phone: '0600000000', emailUpdates: true } },
          {
            'Idempotency-Key': `resident-mail-bad-${n++}`,
          },
        ),
      );
      assert.equal(bad.status, 422, bad.text);
    });

    test('an address added later from the status page gets an acknowledgement with the code; audited without it', async () => {
      const anonymous = await submit({ ...input, contact: undefined });
      const r = await call(
        s.url,
        `/v1/concerns/${anonymous.reference}/email`,
        jsonInit('POST', { code: anonymous.trackingCode, email: 'later@example.org', lang: 'en' }),
      );
      assert.equal(r.status, 200, r.text);
      assert.equal((r.json as ConcernStatusView).emailUpdates, true);
      await waitMails(anonymous.reference, 1, 'the acknowledgement');
      const ack = mailsOf(anonymous.reference)[0]!;
      assert.deepEqual(ack.to, ['later@example.org']);
      assert.equal(ack.subject, `Report ${anonymous.reference} received`);
      assert.match(ack.text, new RegExp(`Tracking code: ${anonymous.trackingCode}`));
      const audit = await s.db.query<{ actor: string; detail: unknown }>(
        `SELECT actor, detail FROM audit_log WHERE action = 'concern.email-added' AND target = $1`,
        [`concern:${anonymous.reference}`],
      );
      assert.equal(audit.length, 1);
      assert.equal(audit[0]?.actor, 'resident');
      assert.ok(!JSON.stringify(audit).includes('later@example.org'));
      // A wrong secret, a bad address.
      const wrong = await call(
        s.url,
        `/v1/concerns/${anonymous.reference}/email`,
        jsonInit('POST', { token: 'x'.repeat(32), email: 'later@example.org' }),
      );
      assert.equal(wrong.status, 404);
      const bad = await call(
        s.url,
        `/v1/concerns/${anonymous.reference}/email`,
        jsonInit('POST', { token: anonymous.statusToken, email: 'not an address' }),
      );
      assert.equal(bad.status, 422);
    });
  });
}
