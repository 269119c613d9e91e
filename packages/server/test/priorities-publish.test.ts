/**
 * « Vous avez dit, nous avons fait » (issue #17): a priority made from concerns, kept as a draft
 * (not public) until published; once published with an action carried out, each linked concern's
 * resident who asked for e-mail updates is told — once per priority, in their language, with a
 * one-click List-Unsubscribe — through the queue and a real SMTP server started here.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type {
  AdminPriority,
  AdminPriorityList,
  ConcernInput,
  ConcernReceipt,
  PriorityInput,
  PriorityPage,
} from '@proximite/contract';
import { createAdminToken } from '../src/store/tokens.js';
import { call, fakeClock, jsonInit, targets } from './helpers.js';
import { startDeliveryServer, startSmtp, until } from './delivery-helpers.js';
import type { DeliveryServer, ReceivedMail, TestSmtp } from './delivery-helpers.js';

const base: ConcernInput = {
  categoryCode: 'depots-sauvages',
  description: 'Des encombrants au pied du pont de la Dodane, rue Motte.',
  location: { address: 'Rue Motte, 80000 Amiens', districtId: 'saint-leu' },
  attributes: { 'type-depot': 'encombrants', recurrent: 'souvent' },
  lang: 'fr',
};

function header(mail: ReceivedMail, name: string): string {
  const v =
    mail.headers.get(name) ??
    (mail.headers.get('list') as Record<string, unknown> | undefined)?.[name.replace(/^list-/, '')];
  return typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
}

let n = 0;

for (const target of targets()) {
  describe(`priorities: publish, and tell the residents (${target.name})`, () => {
    let smtp: TestSmtp;
    let s: DeliveryServer;
    let auth: Record<string, string>;
    const clock = fakeClock(new Date());
    const submit = async (email?: string, lang: 'fr' | 'en' = 'fr'): Promise<string> => {
      const body: ConcernInput = {
        ...base,
        lang,
        ...(email !== undefined ? { contact: { email, emailUpdates: true } } : {}),
      };
      const r = await call(
        s.url,
        '/v1/concerns',
        jsonInit('POST', body, { 'Idempotency-Key': `prio-${target.name}-${Date.now()}-${n++}` }),
      );
      assert.equal(r.status, 201, r.text);
      return (r.json as ConcernReceipt).reference;
    };
    const admin = async (method: string, path: string, body?: unknown) => {
      const r = await call(
        s.url,
        path,
        body === undefined ? { method, headers: auth } : jsonInit(method, body, auth),
      );
      return r;
    };
    const publicIds = async () =>
      ((await call(s.url, '/v1/priorities')).json as PriorityPage).items.map((p) => p.id);
    const priorityMails = () => smtp.mails.filter((m) => /nous avons fait|we did/i.test(m.subject));

    before(async () => {
      smtp = await startSmtp();
      s = await startDeliveryServer(target, {
        clock,
        config: {
          smtpUrl: smtp.url,
          mailFrom: 'Proximité <proximite@amiens.test>',
          publicUrl: 'https://api.amiens.test',
          statusPageUrl: 'https://www.amiens.test/signaler',
        },
      });
      const { token } = await createAdminToken(s.db, new Date(), {
        name: 'priorities',
        scopes: ['content:write', 'concerns:triage'],
      });
      auth = { Authorization: `Bearer ${token}` };
    });
    after(async () => {
      await s.close();
      await smtp.close();
    });

    test('a draft from three concerns is not public; published with its action, the two residents who opted in are told once', async () => {
      const a = await submit('alice@example.org', 'fr');
      const b = await submit('bob@example.org', 'en');
      const c = await submit(); // anonymous: nobody to tell
      const input: PriorityInput = {
        issue: { fr: 'Dépôts sauvages rue Motte', en: 'Illegal dumping in rue Motte' },
        issueDate: '2026-12-01',
        status: 'in-progress',
        districtId: 'saint-leu',
        draft: true,
        sources: { concernReferences: [a, b, c] },
      };
      const created = await admin('POST', '/v1/admin/priorities', input);
      assert.equal(created.status, 201, created.text);
      const id = (created.json as { id: string }).id;
      assert.ok(!(await publicIds()).includes(id), 'a draft is not public');
      const list = (await admin('GET', '/v1/admin/priorities')).json as AdminPriorityList;
      const draft = list.items.find((p) => p.id === id)!;
      assert.equal(draft.published, false);
      assert.deepEqual(draft.sources.concernReferences, [a, b, c]);

      // Published without an action carried out: public, nobody told yet.
      const published = await admin('POST', `/v1/admin/priorities/${id}/publish`);
      assert.equal(published.status, 200, published.text);
      assert.equal((published.json as AdminPriority).published, true);
      assert.equal((published.json as AdminPriority).notified, 0);
      assert.ok((await publicIds()).includes(id));

      // Its action carried out: the two residents who asked for e-mail are told.
      const withAction: PriorityInput = {
        ...input,
        draft: undefined,
        status: 'done',
        action: {
          fr: 'Passage quotidien de la propreté et pose d’une caméra.',
          en: 'Daily clean-up and a camera.',
        },
        actionDate: '2026-12-03',
      };
      delete withAction.draft;
      const updated = await admin('PUT', `/v1/admin/priorities/${id}`, withAction);
      assert.equal(updated.status, 200, updated.text);
      await until(() => priorityMails().length >= 2, 10_000, 'the two messages');
      const toA = priorityMails().find((m) => m.to.includes('alice@example.org'))!;
      const toB = priorityMails().find((m) => m.to.includes('bob@example.org'))!;
      assert.equal(toA.subject, `Vous avez dit, nous avons fait (signalement ${a})`);
      assert.match(toA.text, /Vous avez dit : Dépôts sauvages rue Motte/);
      assert.match(toA.text, /Nous avons fait \(le 3 décembre 2026\) : Passage quotidien/);
      assert.equal(toB.subject, `You said, we did (report ${b})`);
      assert.match(toB.text, /We did \(on 3 December 2026\): Daily clean-up and a camera\./);
      for (const m of [toA, toB]) {
        assert.match(header(m, 'list-unsubscribe'), /\/v1\/concerns\/PRX-[^/]+\/unsubscribe\?key=/);
        assert.match(m.html, /Passage quotidien|Daily clean-up/);
      }
      // The public list shows it with its sources.
      const pub = ((await call(s.url, '/v1/priorities')).json as PriorityPage).items.find(
        (p) => p.id === id,
      )!;
      assert.deepEqual(pub.sources.concernReferences, [a, b, c]);
      assert.equal(pub.action?.fr, 'Passage quotidien de la propreté et pose d’une caméra.');

      // Publishing again, or replacing it again, tells nobody twice.
      assert.equal((await admin('POST', `/v1/admin/priorities/${id}/publish`)).status, 200);
      assert.equal((await admin('PUT', `/v1/admin/priorities/${id}`, withAction)).status, 200);
      const after = (await admin('GET', '/v1/admin/priorities')).json as AdminPriorityList;
      assert.equal(after.items.find((p) => p.id === id)?.notified, 2);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(priorityMails().filter((m) => m.subject.includes(a) || m.subject.includes(b)).length, 2);
      const queued = await s.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM deliveries WHERE event = 'resident.priority'`,
      );
      assert.equal(queued[0]?.n, 2);
      // The publication is audited.
      const audit = await s.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'priority.publish' AND target = $1`,
        [`priority:${id}`],
      );
      assert.ok((audit[0]?.n ?? 0) >= 1);
    });

    test('published at once with its action: told at creation; a resident who stopped the messages is not', async () => {
      const told = await submit('carole@example.org');
      const stopped = await submit('denis@example.org');
      await s.db.query(
        `UPDATE concern_contacts SET unsubscribed_at = now()
          WHERE concern_id = (SELECT id FROM concerns WHERE reference = $1)`,
        [stopped],
      );
      const r = await admin('POST', '/v1/admin/priorities', {
        issue: { fr: 'Encombrants quai Bélu' },
        issueDate: '2026-12-02',
        status: 'done',
        action: { fr: 'Enlèvement le jour même.' },
        actionDate: '2026-12-02',
        sources: { concernReferences: [told, stopped] },
      } satisfies PriorityInput);
      assert.equal(r.status, 201, r.text);
      await until(
        () => priorityMails().some((m) => m.to.includes('carole@example.org')),
        10_000,
        'Carole’s message',
      );
      await new Promise((r2) => setTimeout(r2, 300));
      assert.equal(priorityMails().filter((m) => m.to.includes('denis@example.org')).length, 0);
      const list = (await admin('GET', '/v1/admin/priorities')).json as AdminPriorityList;
      assert.equal(list.items.find((p) => p.id === (r.json as { id: string }).id)?.notified, 1);
    });

    test('unknown priority 404; no credentials 401', async () => {
      assert.equal((await admin('POST', '/v1/admin/priorities/prio-nope/publish')).status, 404);
      assert.equal((await call(s.url, '/v1/admin/priorities')).status, 401);
    });
  });
}
