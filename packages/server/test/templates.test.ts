/**
 * Response templates (issue #15): per category and status, fr/en, seeded with defaults, edited by
 * coordinators (content:write) and read by triage; and the preview of exactly what the resident
 * will receive — the public update and the e-mail — before sending, which changes nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type {
  AdminTokenScope,
  ConcernInput,
  ConcernPreview,
  ConcernReceipt,
  ResponseTemplate,
  ResponseTemplateList,
} from '@proximite/contract';
import { createAdminToken } from '../src/store/tokens.js';
import { call, jsonInit, startTestServer, targets } from './helpers.js';
import type { TestServer } from './helpers.js';

const input: ConcernInput = {
  categoryCode: 'depots-sauvages',
  description: 'Des encombrants au pied du pont de la Dodane, rue Motte.',
  location: { address: 'Rue Motte, 80000 Amiens', districtId: 'saint-leu' },
  attributes: { 'type-depot': 'encombrants', recurrent: 'souvent' },
  lang: 'fr',
};
let n = 0;

for (const target of targets()) {
  describe(`response templates and the preview (${target.name})`, () => {
    let s: TestServer;
    const tokens: Record<string, Record<string, string>> = {};
    before(async () => {
      s = await startTestServer(target, {
        seed: true,
        config: { publicUrl: 'https://api.amiens.test', statusPageUrl: 'https://www.amiens.test/signaler' },
      });
      for (const [name, scopes] of [
        ['triage', ['concerns:triage']],
        ['coordinator', ['concerns:triage', 'content:write']],
      ] as [string, AdminTokenScope[]][]) {
        const { token } = await createAdminToken(s.db, new Date(), { name, scopes });
        tokens[name] = { Authorization: `Bearer ${token}` };
      }
    });
    after(() => s.close());

    const submit = async (body: ConcernInput): Promise<ConcernReceipt> => {
      const r = await call(
        s.url,
        '/v1/concerns',
        jsonInit('POST', body, { 'Idempotency-Key': `templates-${Date.now()}-${n++}` }),
      );
      assert.equal(r.status, 201, r.text);
      return r.json as ConcernReceipt;
    };
    const preview = (reference: string, body: unknown, auth = tokens.triage!) =>
      call(s.url, `/v1/admin/concerns/${reference}/preview`, jsonInit('POST', body, auth));

    test('seeded defaults; coordinators add, edit and remove; triage only reads; one per category and status', async () => {
      const list = await call(s.url, '/v1/admin/templates?status=resolved', { headers: tokens.triage! });
      assert.equal(list.status, 200, list.text);
      const seeded = (list.json as ResponseTemplateList).items;
      assert.deepEqual(
        seeded.map((t) => [t.categoryCode, t.status]),
        [[null, 'resolved']],
      );
      assert.match(seeded[0]!.text.fr, /\{service\}/);
      assert.ok(seeded[0]!.text.en);

      const body = {
        categoryCode: 'depots-sauvages',
        status: 'resolved',
        text: {
          fr: 'Les encombrants ({reference}) ont été enlevés.',
          en: 'The items ({reference}) were removed.',
        },
      };
      assert.equal(
        (await call(s.url, '/v1/admin/templates', jsonInit('POST', body, tokens.triage!))).status,
        403,
      );
      const created = await call(s.url, '/v1/admin/templates', jsonInit('POST', body, tokens.coordinator!));
      assert.equal(created.status, 201, created.text);
      const template = created.json as ResponseTemplate;
      assert.equal(
        (await call(s.url, '/v1/admin/templates', jsonInit('POST', body, tokens.coordinator!))).status,
        409,
        'one per category and status',
      );
      const mine = await call(s.url, '/v1/admin/templates?category=depots-sauvages&status=resolved', {
        headers: tokens.triage!,
      });
      assert.deepEqual(
        (mine.json as ResponseTemplateList).items.map((t) => t.categoryCode),
        [null, 'depots-sauvages'],
      );
      const edited = await call(
        s.url,
        `/v1/admin/templates/${template.id}`,
        jsonInit('PUT', { ...body, text: { fr: 'Enlevés ({reference}).' } }, tokens.coordinator!),
      );
      assert.equal(edited.status, 200, edited.text);
      assert.deepEqual((edited.json as ResponseTemplate).text, { fr: 'Enlevés ({reference}).' });
      const bad = await call(
        s.url,
        '/v1/admin/templates',
        jsonInit('POST', { ...body, status: 'nope' }, tokens.coordinator!),
      );
      assert.equal(bad.status, 422);
      assert.match(bad.headers.get('content-type') ?? '', /^application\/problem\+json/);
      const audit = await s.db.query<{ action: string }>(
        `SELECT action FROM audit_log WHERE target = $1 ORDER BY seq`,
        [`template:${template.id}`],
      );
      assert.deepEqual(
        audit.map((a) => a.action),
        ['template.create', 'template.update'],
      );
      const del = () =>
        call(s.url, `/v1/admin/templates/${template.id}`, { method: 'DELETE', headers: tokens.coordinator! });
      assert.equal((await del()).status, 204);
      assert.equal((await del()).status, 404);
    });

    test('the preview: the template filled in for this concern, and the e-mail in the resident’s language; nothing changes', async () => {
      const withMail = await submit({
        ...input,
        lang: 'en',
        contact: { email: 'resident@example.org', emailUpdates: true },
      });
      const r = await preview(withMail.reference, { status: 'resolved' });
      assert.equal(r.status, 200, r.text);
      const p = r.json as ConcernPreview;
      assert.equal(p.update.status, 'resolved');
      // The shared template, with the concern's reference and service.
      assert.ok(p.update.text.fr.includes(withMail.service.name.fr), p.update.text.fr);
      assert.ok(!p.update.text.fr.includes('{service}'));
      assert.ok(p.email);
      assert.equal(p.email.kind, 'closure');
      assert.equal(p.email.lang, 'en');
      assert.equal(p.email.subject, `Report ${withMail.reference}: Resolved`);
      assert.ok(p.email.text.includes(p.update.text.en!), p.email.text);
      // The links as sent, their key masked; the address is not shown.
      assert.match(p.email.text, /https:\/\/www\.amiens\.test\/signaler#ref=[^&]+&token=%E2%80%A2/);
      assert.ok(!JSON.stringify(p).includes('resident@example.org'));

      // Staff's own words win over the template.
      const own = await preview(withMail.reference, {
        status: 'in-progress',
        publicUpdate: { fr: 'Passage jeudi.', en: 'Visit on Thursday.' },
      });
      const q = own.json as ConcernPreview;
      assert.deepEqual(q.update.text, { fr: 'Passage jeudi.', en: 'Visit on Thursday.' });
      assert.equal(q.email?.kind, 'update');
      assert.match(q.email?.text ?? '', /Visit on Thursday\./);

      // Nothing was sent or changed.
      const rows = await s.db.query<{ status: string; updates: number; mails: number }>(
        `SELECT c.status, (SELECT count(*)::int FROM concern_updates u WHERE u.concern_id = c.id) AS updates,
                (SELECT count(*)::int FROM deliveries d WHERE d.concern_id = c.id AND d.event <> 'resident.acknowledgement' AND d.recipient IS NOT NULL) AS mails
           FROM concerns c WHERE c.reference = $1`,
        [withMail.reference],
      );
      assert.deepEqual(rows[0], { status: 'received', updates: 1, mails: 0 });

      // No e-mail updates: no e-mail in the preview.
      const anonymous = await submit(input);
      const none = await preview(anonymous.reference, { templateId: 'default-in-progress' });
      assert.equal(none.status, 200, none.text);
      assert.equal((none.json as ConcernPreview).email, null);
      assert.match((none.json as ConcernPreview).update.text.fr, new RegExp(anonymous.reference));
      assert.equal((await preview(anonymous.reference, { templateId: 'nope' })).status, 404);
      assert.equal((await preview('PRX-0000-0000', {})).status, 404);
    });
  });
}
