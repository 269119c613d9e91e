/**
 * The staff inbox (issue 16): due dates from the service's target (working days with French public
 * holidays), overdue, filters, sorts, keyset paging with a total, assignment (audited, in the
 * concern's internal history, never public) and who can be assigned — over real HTTP, every answer
 * checked against the contract.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type {
  AdminConcern,
  AdminConcernPage,
  AssigneeList,
  ConcernBulkResult,
  ConcernReceipt,
  ConcernStatusView,
  InboxItem,
  Problem,
} from '@proximite/contract';
import { seedStaff } from '../src/seed-staff.js';
import { exportInbox } from '../src/store/inbox.js';
import { createAdminToken } from '../src/store/tokens.js';
import { call, fakeClock, jsonInit, startTestServer, targets } from './helpers.js';
import type { TestServer } from './helpers.js';
import { PASSWORD, signedIn } from './staff-helpers.js';
import type { Browser } from './staff-helpers.js';

const ACCOUNTS = [
  {
    email: 'coord@amiens.test',
    displayName: 'Camille Coordination',
    role: 'coordinator',
    password: PASSWORD,
  },
  {
    email: 'agent@amiens.test',
    displayName: 'Ange Agent',
    role: 'agent',
    services: ['proprete-urbaine'],
    password: PASSWORD,
  },
  {
    email: 'voirie@amiens.test',
    displayName: 'Valérie Voirie',
    role: 'agent',
    services: ['voirie'],
    password: PASSWORD,
  },
  { email: 'observer@amiens.test', displayName: 'Olivier Observateur', role: 'observer', password: PASSWORD },
] as const;

// Thursday 30 April 2026, 10:00 in Amiens: 1 May and 8 May are public holidays.
const SUBMITTED = new Date('2026-04-30T08:00:00.000Z');

for (const target of targets()) {
  describe(`staff inbox (${target.name})`, () => {
    let s: TestServer;
    const clock = fakeClock(SUBMITTED);
    let coord: Browser;
    let token: string;
    const refs: Record<string, string> = {};
    const statusTokens: Record<string, string> = {};

    const submit = async (name: string, categoryCode: string, description: string, attributes: object) => {
      const res = await call(
        s.url,
        '/v1/concerns',
        jsonInit(
          'POST',
          {
            categoryCode,
            description,
            location: { districtId: 'saint-leu' },
            attributes,
            contact: { email: `${name}@example.org` },
          },
          { 'Idempotency-Key': `inbox-${name}-${target.name}` },
        ),
      );
      assert.equal(res.status, 201, res.text);
      const receipt = res.json as ConcernReceipt;
      refs[name] = receipt.reference;
      statusTokens[name] = receipt.statusToken;
    };
    const list = async (query: string, who: Browser | 'token' = coord) => {
      const res =
        who === 'token'
          ? await call(s.url, `/v1/admin/concerns${query}`, { headers: { Authorization: `Bearer ${token}` } })
          : await who.request(`/v1/admin/concerns${query}`);
      assert.equal(res.status, 200, res.text);
      return res.json as AdminConcernPage;
    };
    const mine = (page: AdminConcernPage) =>
      page.items.filter((i) => Object.values(refs).includes(i.reference)).map((i) => i.reference);

    before(async () => {
      s = await startTestServer(target, { seed: true, clock, config: { requireSecondFactor: false } });
      await seedStaff(s.db, clock(), ACCOUNTS);
      token = (await createAdminToken(s.db, clock(), { name: 'inbox', scopes: ['concerns:triage'] })).token;
      await submit('dumping', 'depots-sauvages', 'Des sacs poubelles déposés devant l’école.', {
        'type-depot': 'sacs',
      });
      clock.advance(60_000);
      await submit('noise', 'bruit', 'Musique très forte chaque nuit au deuxième étage.', {
        source: 'logement',
      });
      clock.advance(60_000);
      await submit('dumping2', 'depots-sauvages', 'Un matelas abandonné sur le trottoir.', {
        'type-depot': 'encombrants',
      });
      coord = await signedIn(s.url, 'coord@amiens.test');
    });
    after(() => s.close());

    test('each item: category, district and service names, received, age, due date from the target (working days, holidays skipped), assignee', async () => {
      const page = await list('?q=' + encodeURIComponent(refs.dumping ?? ''));
      assert.equal(page.items.length, 1);
      assert.equal(page.total, 1);
      const item = page.items[0] as InboxItem;
      assert.equal(item.reference, refs.dumping);
      assert.equal(item.service.id, 'proprete-urbaine');
      assert.equal(item.districtId, 'saint-leu');
      assert.equal(typeof item.district, 'string');
      assert.equal(typeof item.category?.fr, 'string');
      assert.equal(item.receivedAt, SUBMITTED.toISOString());
      assert.equal(item.ageDays, 0);
      // 5 working days after Thursday 30 April: not Friday 1 May, not Friday 8 May → Monday 11 May, 10:00.
      assert.equal(item.dueAt, '2026-05-11T08:00:00.000Z');
      assert.equal(item.overdue, false);
      assert.equal(item.assignee, null);
      assert.equal(item.excerpt, 'Des sacs poubelles déposés devant l’école.');
      assert.ok(!('contact' in item));
      // Every concern of a service with a target has its due date, the demo year's too (inserted
      // in bulk, before the demo services got their targets).
      const stale = await s.db.query<{ n: number | string }>(
        `SELECT count(*) AS n FROM concerns c JOIN services v ON v.id = c.service->>'id'
          WHERE v.target_days IS NOT NULL AND c.due_at IS NULL`,
      );
      assert.equal(Number(stale[0]?.n), 0);
      const wrong = await s.db.query<{ n: number | string }>(
        `SELECT count(*) AS n FROM concerns c LEFT JOIN services v ON v.id = c.service->>'id'
          WHERE v.target_days IS NULL AND c.due_at IS NOT NULL`,
      );
      assert.equal(Number(wrong[0]?.n), 0, 'no due date without a target');
    });

    test('filters: several statuses, service, overdue, words of the text, reference prefix; total counts every page', async () => {
      const bySvc = await list('?service=proprete-urbaine&from=2026-04-30&limit=1');
      assert.equal(bySvc.items.length, 1);
      assert.equal(bySvc.total, 2);
      assert.ok(bySvc.nextCursor !== null);
      const words = await list('?q=' + encodeURIComponent('poubelle école'));
      assert.deepEqual(mine(words), [refs.dumping]);
      const music = await list('?q=musique&from=2026-04-30');
      assert.deepEqual(mine(music), [refs.noise]);
      const prefix = await list('?q=' + encodeURIComponent((refs.noise ?? '').slice(0, 8).toLowerCase()));
      assert.ok(mine(prefix).includes(refs.noise ?? ''));
      const several = await list('?status=received,in-progress&from=2026-04-30');
      assert.equal(mine(several).length, 3);
      const closed = await list('?status=closed,resolved&from=2026-04-30');
      assert.equal(mine(closed).length, 0);
      // 12 May (a token: a session would have timed out): the dumping concerns are late (due
      // 11 May); the noise one (10 working days, Ascension on 14 May skipped too: 19 May) is not.
      clock.set(new Date('2026-05-12T08:00:00.000Z'));
      try {
        const late = await list('?overdue=true&from=2026-04-30', 'token');
        assert.deepEqual(mine(late).sort(), [refs.dumping, refs.dumping2].sort());
        assert.ok(late.items.every((i) => i.overdue));
        const notLate = await list('?overdue=false&from=2026-04-30', 'token');
        assert.deepEqual(mine(notLate), [refs.noise]);
        const item = (await list('?q=' + (refs.dumping ?? ''), 'token')).items[0];
        assert.equal(item?.overdue, true);
        assert.equal(item?.ageDays, 12);
      } finally {
        clock.set(new Date(SUBMITTED.getTime() + 180_000));
      }
    });

    test('sorts: by due date both ways (no due date last), by reception both ways; keyset pages never repeat nor skip', async () => {
      const walk = async (sort: string) => {
        const seen: InboxItem[] = [];
        let cursor: string | null = null;
        do {
          const page: AdminConcernPage = await list(
            `?sort=${sort}&limit=37${cursor !== null ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          );
          seen.push(...page.items);
          cursor = page.nextCursor;
          assert.ok(seen.length <= (page.total ?? 0));
        } while (cursor !== null);
        return seen;
      };
      const total = (await list('?limit=1')).total ?? 0;
      assert.ok(total > 100, `the demo year has many concerns (${total})`);
      for (const sort of ['-received', 'received', 'due', '-due']) {
        const all = await walk(sort);
        assert.equal(all.length, total, sort);
        assert.equal(new Set(all.map((i) => i.reference)).size, total, `${sort}: no repeats`);
        const keys = all.map((i) =>
          sort.endsWith('received')
            ? Date.parse(i.receivedAt)
            : i.dueAt === null
              ? null
              : Date.parse(i.dueAt),
        );
        const dated = keys.filter((k): k is number => k !== null);
        const firstNull = keys.indexOf(null);
        if (firstNull >= 0)
          assert.ok(
            keys.slice(firstNull).every((k) => k === null),
            `${sort}: no due date last`,
          );
        const desc = sort.startsWith('-');
        for (let i = 1; i < dated.length; i++)
          assert.ok(desc ? dated[i - 1]! >= dated[i]! : dated[i - 1]! <= dated[i]!, `${sort} at ${i}`);
      }
      const other = (await list('?sort=due&limit=2')).nextCursor ?? '';
      const mismatch = await coord.request(
        `/v1/admin/concerns?sort=received&cursor=${encodeURIComponent(other)}`,
      );
      assert.equal(mismatch.status, 400);
      assert.equal((mismatch.json as Problem).errors?.[0]?.path, 'cursor');
      const bad = await coord.request('/v1/admin/concerns?cursor=bm9wZQ');
      assert.equal(bad.status, 400);
      const badStatus = await coord.request('/v1/admin/concerns?status=received,nope');
      assert.equal(badStatus.status, 400);
      assert.equal((badStatus.json as Problem).errors?.[0]?.path, 'status');
    });

    test('assignment: to someone who can handle it, audited, in the internal history, never public; `me` and `none`', async () => {
      const ref = refs.dumping ?? '';
      const who = await coord.request(`/v1/admin/concerns/${ref}/assignees`);
      assert.equal(who.status, 200, who.text);
      const names = (who.json as AssigneeList).items;
      const agent = names.find((n) => n.displayName === 'Ange Agent');
      assert.ok(agent !== undefined, 'the agent of its service');
      assert.ok(names.some((n) => n.displayName === 'Camille Coordination'));
      assert.ok(!names.some((n) => n.displayName === 'Valérie Voirie'), 'not an agent of another service');
      assert.ok(!names.some((n) => n.displayName === 'Olivier Observateur'), 'not an observer');
      assert.deepEqual(Object.keys(names[0] ?? {}).sort(), ['displayName', 'id']);
      const voirie = (
        await s.db.query<{ id: string }>(`SELECT id FROM staff WHERE email = 'voirie@amiens.test'`)
      )[0]?.id;

      const refused = await coord.request(
        `/v1/admin/concerns/${ref}/triage`,
        jsonInit('POST', { assigneeId: voirie }),
      );
      assert.equal(refused.status, 422);
      assert.equal((refused.json as Problem).errors?.[0]?.path, 'assigneeId');

      const before = (await call(s.url, `/v1/concerns/${ref}?token=${statusTokens.dumping}`))
        .json as ConcernStatusView;
      const res = await coord.request(
        `/v1/admin/concerns/${ref}/triage`,
        jsonInit('POST', { assigneeId: agent.id }),
      );
      assert.equal(res.status, 200, res.text);
      const concern = res.json as AdminConcern;
      assert.deepEqual(concern.assignee, agent);
      const event = concern.history?.find((e) => e.action === 'concern.assign');
      assert.ok(event !== undefined);
      assert.equal(event.actorName, 'Camille Coordination');
      assert.deepEqual(event.detail, { from: null, to: agent.id, toName: 'Ange Agent' });
      assert.ok(
        !concern.history?.some((e) => e.action === 'concern.triage'),
        'an assignment alone is not a triage',
      );
      const afterView = (await call(s.url, `/v1/concerns/${ref}?token=${statusTokens.dumping}`))
        .json as ConcernStatusView;
      assert.deepEqual(afterView.updates, before.updates, 'nothing public');

      const agentB = await signedIn(s.url, 'agent@amiens.test');
      assert.deepEqual(mine(await list('?assignee=me', agentB)), [ref]);
      assert.deepEqual(mine(await list(`?assignee=${agent.id}`)), [ref]);
      assert.ok(!mine(await list('?assignee=none&from=2026-04-30')).includes(ref));
      const meToken = await call(s.url, '/v1/admin/concerns?assignee=me', {
        headers: { Authorization: `Bearer ${token}` },
      });
      assert.equal(meToken.status, 400);
      const byToken = await list(`?assignee=${agent.id}`, 'token');
      assert.equal(byToken.items[0]?.assignee?.displayName, 'Ange Agent');

      // Referred to another service: an agent of the former one cannot follow, so it is unassigned.
      const referred = await coord.request(
        `/v1/admin/concerns/${ref}/triage`,
        jsonInit('POST', { serviceId: 'voirie' }),
      );
      assert.equal(referred.status, 200, referred.text);
      const moved = referred.json as AdminConcern;
      assert.equal(moved.assignee, null);
      const unassigned = moved.history?.find((e) => e.action === 'concern.unassign');
      assert.deepEqual(unassigned?.detail, { from: agent.id, to: null, reason: 'handed-off' });
      // Voirie's target is 10 working days: 30 April → 19 May (1, 8 and 14 May are holidays).
      assert.equal(moved.dueAt, '2026-05-19T08:00:00.000Z');
      const unassign = await coord.request(
        `/v1/admin/concerns/${refs.noise}/triage`,
        jsonInit('POST', { assigneeId: null }),
      );
      assert.equal(unassign.status, 200);
      assert.equal((await coord.request(`/v1/admin/concerns/${refs.dumping2}/assignees`)).status, 200);
      const out = await agentB.request(`/v1/admin/concerns/${refs.noise}/assignees`);
      assert.equal(out.status, 404, 'beyond an agent’s services');
      const audit = await s.db.query<{ action: string }>(
        `SELECT action FROM audit_log WHERE target = $1 AND action LIKE 'concern.%assign' ORDER BY seq`,
        [`concern:${ref}`],
      );
      assert.deepEqual(
        audit.map((a) => a.action),
        ['concern.assign', 'concern.unassign'],
      );
    });

    test('a new target moves the due dates of the service’s concerns', async () => {
      const dueOf = async () =>
        new Date(
          (
            await s.db.query<{ due_at: Date | string }>('SELECT due_at FROM concerns WHERE reference = $1', [
              refs.noise,
            ])
          )[0]?.due_at ?? 0,
        ).toISOString();
      // 10 working days after 30 April (1, 8 and 14 May skipped): 19 May.
      assert.equal(await dueOf(), '2026-05-19T08:01:00.000Z');
      const admin = (await createAdminToken(s.db, clock(), { name: 'svc', scopes: ['services:write'] }))
        .token;
      const headers = { Authorization: `Bearer ${admin}` };
      const svc = (await call(s.url, '/v1/admin/services/hygiene-sante', { headers })).json as {
        name: { fr: string };
      };
      const put = await call(
        s.url,
        '/v1/admin/services/hygiene-sante',
        jsonInit('PUT', { name: svc.name, target: { days: 3, unit: 'calendar-days' } }, headers),
      );
      assert.equal(put.status, 200, put.text);
      assert.equal(await dueOf(), '2026-05-03T08:01:00.000Z');
      const none = await call(
        s.url,
        '/v1/admin/services/hygiene-sante',
        jsonInit('PUT', { name: svc.name }, headers),
      );
      assert.equal(none.status, 200, none.text);
      const item = (await list('?q=' + (refs.noise ?? ''))).items[0];
      assert.equal(item?.dueAt, null);
      assert.equal(item?.overdue, false);
    });

    test('bulk: each concern on its own — one that cannot change keeps its problem, the others change; each audited', async () => {
      const coordId = (
        await s.db.query<{ id: string }>(`SELECT id FROM staff WHERE email = 'coord@amiens.test'`)
      )[0]?.id;
      const noise = refs.noise ?? '';
      const dumping2 = refs.dumping2 ?? '';
      const auditCount = async (ref: string) =>
        (
          await s.db.query<{ action: string }>(
            'SELECT action FROM audit_log WHERE target = $1 ORDER BY seq',
            [`concern:${ref}`],
          )
        ).map((r) => r.action);
      const before = {
        noise: (await auditCount(noise)).length,
        dumping2: (await auditCount(dumping2)).length,
      };
      const first = await coord.request(
        '/v1/admin/concerns/bulk',
        jsonInit('POST', {
          references: [noise, 'PRX-0000-0000', dumping2],
          status: 'in-progress',
          assigneeId: coordId,
        }),
      );
      assert.equal(first.status, 200, first.text);
      const r1 = first.json as ConcernBulkResult;
      assert.deepEqual(
        r1.items.map((i) => [i.reference, i.ok, i.problem?.status]),
        [
          [noise, true, undefined],
          ['PRX-0000-0000', false, 404],
          [dumping2, true, undefined],
        ],
      );
      assert.equal(r1.succeeded, 2);
      assert.equal(r1.failed, 1);
      assert.equal(r1.items[0]?.status, 'in-progress');
      assert.equal(r1.items[0]?.assignee?.displayName, 'Camille Coordination');
      // Audited per concern: the status change and the assignment, each on its concern.
      assert.deepEqual((await auditCount(noise)).slice(before.noise), ['concern.triage', 'concern.assign']);
      assert.deepEqual((await auditCount(dumping2)).slice(before.dumping2), [
        'concern.triage',
        'concern.assign',
      ]);

      // A closed concern may only be reopened: that one is refused (409), the other still changes.
      const close = await coord.request(
        `/v1/admin/concerns/${dumping2}/triage`,
        jsonInit('POST', { status: 'closed' }),
      );
      assert.equal(close.status, 200, close.text);
      const second = await coord.request(
        '/v1/admin/concerns/bulk',
        jsonInit('POST', { references: [dumping2, noise], status: 'action-scheduled' }),
      );
      const r2 = second.json as ConcernBulkResult;
      assert.equal(r2.items[0]?.ok, false);
      assert.equal(r2.items[0]?.problem?.status, 409);
      assert.match(r2.items[0]?.problem?.type ?? '', /conflict/);
      assert.equal(r2.items[1]?.ok, true);
      const row = await s.db.query<{ reference: string; status: string }>(
        'SELECT reference, status FROM concerns WHERE reference IN ($1, $2) ORDER BY reference',
        [noise, dumping2],
      );
      assert.deepEqual(Object.fromEntries(row.map((r) => [r.reference, r.status])), {
        [noise]: 'action-scheduled',
        [dumping2]: 'closed',
      });

      // An agent reaches only the concerns of its services; a public update shows on the status page.
      clock.advance(60_000);
      const agent = await signedIn(s.url, 'agent@amiens.test');
      const third = await agent.request(
        '/v1/admin/concerns/bulk',
        jsonInit('POST', { references: [noise, dumping2], publicUpdate: { fr: 'Passage prévu jeudi.' } }),
      );
      const r3 = third.json as ConcernBulkResult;
      assert.deepEqual(
        r3.items.map((i) => [i.ok, i.problem?.status]),
        [
          [false, 404],
          [true, undefined],
        ],
      );
      const publicView = (await call(s.url, `/v1/concerns/${dumping2}?token=${statusTokens.dumping2}`))
        .json as ConcernStatusView;
      assert.equal(publicView.updates.at(-1)?.text.fr, 'Passage prévu jeudi.');

      // Bad input is refused as a whole (422, naming the field); observers may not (403).
      const many = Array.from(
        { length: 101 },
        (_, i) => `PRX-0000-${String(i).padStart(4, '0').replace(/[01]/g, 'A')}`,
      );
      for (const [body, path] of [
        [{ references: many, status: 'closed' }, 'references'],
        [{ references: [noise, noise], status: 'closed' }, 'references'],
        [{ references: [noise] }, ''],
        [{ references: [noise], status: 'duplicate' }, 'duplicateOf'],
        [{ references: ['nope'], status: 'closed' }, 'references.0'],
      ] as const) {
        const bad = await coord.request('/v1/admin/concerns/bulk', jsonInit('POST', body));
        assert.equal(bad.status, 422, JSON.stringify(body).slice(0, 80));
        assert.ok(
          (bad.json as Problem).errors?.some((e) => e.path === path),
          bad.text,
        );
      }
      const observer = await signedIn(s.url, 'observer@amiens.test');
      const refused = await observer.request(
        '/v1/admin/concerns/bulk',
        jsonInit('POST', { references: [noise], status: 'closed' }),
      );
      assert.equal(refused.status, 403);
    });

    test('bulk: a template answer is filled in for each concern (its reference and its service, fr and en); bad templates refused', async () => {
      await submit('tpl1', 'bruit', 'Des cris chaque soir dans la cour.', { source: 'logement' });
      await submit('tpl2', 'depots-sauvages', 'Des gravats le long du canal.', { 'type-depot': 'gravats' });
      const tpl1 = refs.tpl1 ?? '';
      const tpl2 = refs.tpl2 ?? '';
      const created = await coord.request(
        '/v1/admin/templates',
        jsonInit('POST', {
          categoryCode: 'bruit',
          status: 'in-progress',
          text: {
            fr: 'Votre signalement {reference} est suivi par le service {service}.',
            en: 'Your report {reference} is followed by {service}.',
          },
        }),
      );
      assert.equal(created.status, 201, created.text);
      const templateId = (created.json as { id: string }).id;
      clock.advance(60_000);
      const res = await coord.request(
        '/v1/admin/concerns/bulk',
        jsonInit('POST', { references: [tpl1, tpl2], status: 'in-progress', templateId }),
      );
      assert.equal(res.status, 200, res.text);
      assert.equal((res.json as ConcernBulkResult).succeeded, 2);
      for (const name of ['tpl1', 'tpl2']) {
        const ref = refs[name] ?? '';
        const detail = await coord.request(`/v1/admin/concerns/${ref}`);
        const service = (detail.json as { service: { name: { fr: string; en?: string } } }).service.name;
        const view = (await call(s.url, `/v1/concerns/${ref}?token=${statusTokens[name]}`))
          .json as ConcernStatusView;
        assert.deepEqual(view.updates.find((u) => u.text.fr.startsWith('Votre signalement'))?.text, {
          fr: `Votre signalement ${ref} est suivi par le service ${service.fr}.`,
          en: `Your report ${ref} is followed by ${service.en ?? service.fr}.`,
        });
      }
      for (const [body, what] of [
        [{ references: [tpl1], templateId: 'no-such-template' }, 'unknown template'],
        [{ references: [tpl1], templateId, publicUpdate: { fr: 'Texte.' } }, 'text and template'],
      ] as const) {
        const bad = await coord.request('/v1/admin/concerns/bulk', jsonInit('POST', body));
        assert.equal(bad.status, 422, `${what}: ${bad.text}`);
        assert.ok(
          (bad.json as Problem).errors?.some((e) => e.path === 'templateId'),
          bad.text,
        );
      }
    });

    test('CSV export: the same filters, RFC 4180, UTF-8 with a BOM, formulas neutralised, contacts only for coordinators and admins; audited', async () => {
      const formula = '=HYPERLINK("https://evil.example";"cliquez ici"); puis +1\nligne 2';
      await submit('formula', 'bruit', formula, { source: 'logement' });
      const ref = refs.formula ?? '';
      const raw = async (query: string, who: Browser | 'token' = coord) => {
        const headers = new Headers();
        if (who === 'token') headers.set('Authorization', `Bearer ${token}`);
        else if (who.cookie !== undefined) headers.set('Cookie', who.cookie);
        const res = await fetch(`${s.url}/v1/admin/concerns.csv${query}`, { headers });
        return {
          status: res.status,
          type: res.headers.get('content-type'),
          bytes: new Uint8Array(await res.arrayBuffer()),
          res,
        };
      };
      const one = await raw(`?q=${ref}`);
      assert.equal(one.status, 200);
      assert.equal(one.type, 'text/csv; charset=utf-8');
      assert.deepEqual([...one.bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte-order mark');
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(one.bytes).slice(1);
      const rows = parseCsv(text, ';');
      assert.equal(rows.length, 2, 'headings and one concern');
      const [head, row] = rows as [string[], string[]];
      assert.equal(head[0], 'Référence');
      assert.ok(!head.includes('Courriel'), 'no contact column');
      assert.ok(!text.includes('formula@example.org'));
      const col = (name: string) => row[head.indexOf(name)];
      assert.equal(col('Référence'), ref);
      assert.equal(
        col('Texte'),
        `'${formula}`,
        'a formula is prefixed with an apostrophe, kept whole (quotes, ; and line break)',
      );
      assert.equal(col('Service'), 'Service communal d’hygiène et de santé');
      assert.equal(col('En retard'), 'non');
      assert.match(col('Reçu le (heure de Paris)') ?? '', /^2026-04-30 10:0\d$/);
      assert.ok(text.endsWith('\r\n') && text.split('\r\n').length >= 3, 'CRLF line ends');
      // Every cell that starts with = + - @ tab or CR is neutralised.
      for (const cell of rows.flat()) assert.doesNotMatch(cell, /^[=+\-@\t\r]/);

      // English: commas, English headings and names.
      const en = parseCsv(new TextDecoder().decode((await raw(`?q=${ref}&lang=en`)).bytes), ',');
      assert.equal(en[0]?.[0], 'Reference');
      assert.equal(en[1]?.[en[0]?.indexOf('Service') ?? 0], 'Municipal health and hygiene service');

      // Contacts: a coordinator who asks; not an agent, not a token, never an observer.
      const withContacts = parseCsv(
        new TextDecoder().decode((await raw(`?q=${ref}&contacts=true`)).bytes),
        ';',
      );
      assert.equal(withContacts[1]?.[withContacts[0]?.indexOf('Courriel') ?? -1], 'formula@example.org');
      const agent = await signedIn(s.url, 'agent@amiens.test');
      assert.equal((await raw('?contacts=true', agent)).status, 403);
      assert.equal((await raw('?contacts=true', 'token')).status, 403);
      const observer = await signedIn(s.url, 'observer@amiens.test');
      assert.equal((await raw('', observer)).status, 403);
      const checked = await call(s.url, `/v1/admin/concerns.csv?contacts=true`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      assert.equal(checked.status, 403);

      // Every page: the export holds what the inbox's pages hold, in its order.
      const all = parseCsv(
        new TextDecoder().decode((await raw('?sort=due&status=received,in-progress', 'token')).bytes),
        ';',
      );
      const listed: string[] = [];
      let cursor: string | null = null;
      do {
        const page: AdminConcernPage = await list(
          `?sort=due&status=received,in-progress&limit=200${cursor !== null ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          'token',
        );
        listed.push(...page.items.map((i) => i.reference));
        cursor = page.nextCursor;
      } while (cursor !== null);
      assert.ok(listed.length > 0);
      assert.deepEqual(
        all.slice(1).map((r) => r[0]),
        listed,
      );
      // Paged by keyset: in pages of 7, the same rows in the same order.
      const paged: string[] = [];
      for await (const page of exportInbox(
        s.db,
        { sort: 'due', status: 'received,in-progress' },
        {},
        clock(),
        false,
        7,
      ))
        paged.push(...page.map((r) => r.item.reference));
      assert.deepEqual(paged, listed);
      // The agent's export: its services only.
      const agentRows = parseCsv(new TextDecoder().decode((await raw('', agent)).bytes), ';');
      const svc = agentRows[0]?.indexOf('Service') ?? -1;
      assert.ok(agentRows.length > 1);
      assert.ok(agentRows.slice(1).every((r) => r[svc] === 'Propreté urbaine — Amiens Métropole'));

      const audit = await s.db.query<{ actor: string; detail: { rows: number; contacts: boolean } }>(
        `SELECT actor, detail FROM audit_log WHERE action = 'concern.export' ORDER BY seq`,
      );
      assert.ok(audit.some((a) => a.detail.contacts && a.detail.rows === 1));
      assert.ok(audit.some((a) => a.actor.startsWith('token:') && a.detail.rows === listed.length));
      // Bad filters are refused before anything is written.
      const bad = await call(s.url, '/v1/admin/concerns.csv?limit=5', {
        headers: { Authorization: `Bearer ${token}` },
      });
      assert.equal(bad.status, 400);
    });

    test('duplicates: the resident is told which concern is followed; a merge keeps the other’s history and notes; no chains, no loops', async () => {
      await submit('dupA', 'bruit', 'Aboiements la nuit, rue des Jacobins.', { source: 'logement' });
      await submit('dupB', 'bruit', 'Chien qui aboie toute la nuit rue des Jacobins.', {
        source: 'logement',
      });
      await submit('dupC', 'bruit', 'Encore le chien de la rue des Jacobins.', { source: 'logement' });
      const [a, b, c] = [refs.dupA ?? '', refs.dupB ?? '', refs.dupC ?? ''];
      const triage = (ref: string, body: object) =>
        coord.request(`/v1/admin/concerns/${ref}/triage`, jsonInit('POST', body));
      const lastUpdate = async (name: string) =>
        (
          (await call(s.url, `/v1/concerns/${refs[name]}?token=${statusTokens[name]}`))
            .json as ConcernStatusView
        ).updates.at(-1);
      assert.equal((await triage(a, { internalNote: 'Voisin déjà rencontré.' })).status, 200);

      // duplicateOf alone marks a duplicate; the resident reads which concern is followed.
      clock.advance(1000);
      const c1 = await triage(c, { duplicateOf: a });
      assert.equal(c1.status, 200, c1.text);
      assert.equal((c1.json as AdminConcern).status, 'duplicate');
      assert.deepEqual((await lastUpdate('dupC'))?.text, {
        fr: `Ce signalement rejoint le signalement ${a}, qui est suivi à sa place.`,
        en: `This report joins report ${a}, which is followed in its place.`,
      });
      assert.equal((await lastUpdate('dupC'))?.status, 'duplicate');

      // A merged into B: with a staff text after the notice; C follows A into B (no chain).
      clock.advance(1000);
      const a1 = await triage(a, {
        status: 'duplicate',
        duplicateOf: b,
        publicUpdate: { fr: 'Merci.' },
      });
      assert.equal(a1.status, 200, a1.text);
      assert.equal(
        (await lastUpdate('dupA'))?.text.fr,
        `Ce signalement rejoint le signalement ${b}, qui est suivi à sa place. Merci.`,
      );
      const merged = (await coord.request(`/v1/admin/concerns/${b}`)).json as AdminConcern;
      assert.deepEqual(merged.duplicates?.map((d) => d.reference).sort(), [a, c].sort());
      assert.ok(
        merged.history?.some((e) => e.reference === a && e.action === 'concern.triage'),
        'A’s history kept on B',
      );
      assert.ok(
        merged.history?.some((e) => e.reference === c),
        'C’s too',
      );
      assert.deepEqual(
        merged.internalNotes.filter((n) => n.reference === a).map((n) => n.text),
        ['Voisin déjà rencontré.'],
      );
      assert.equal(((await coord.request(`/v1/admin/concerns/${c}`)).json as AdminConcern).duplicateOf, b);

      // No loops: B cannot join one of its own duplicates; duplicateOf goes with `duplicate` only.
      const loop = await triage(b, { duplicateOf: c });
      assert.equal(loop.status, 422);
      assert.equal((loop.json as Problem).errors?.[0]?.path, 'duplicateOf');
      assert.equal((await triage(b, { status: 'in-progress', duplicateOf: c })).status, 422);
      // One beyond the caller's reach looks unknown.
      const agent = await signedIn(s.url, 'agent@amiens.test');
      const beyond = await agent.request(
        `/v1/admin/concerns/${refs.dumping2}/triage`,
        jsonInit('POST', { status: 'in-progress' }),
      );
      assert.equal(beyond.status, 200, beyond.text);
      const hidden = await agent.request(
        `/v1/admin/concerns/${refs.dumping2}/triage`,
        jsonInit('POST', { duplicateOf: b }),
      );
      assert.equal(hidden.status, 422);

      // Reopened: no longer merged.
      clock.advance(1000);
      assert.equal((await triage(a, { status: 'in-progress' })).status, 200);
      const after = (await coord.request(`/v1/admin/concerns/${b}`)).json as AdminConcern;
      assert.deepEqual(
        after.duplicates?.map((d) => d.reference),
        [c],
      );
      const reopened = (await coord.request(`/v1/admin/concerns/${a}`)).json as AdminConcern;
      assert.equal(reopened.duplicateOf, null);
    });

    test('the observer role sees the pseudonymised view only: not the inbox, the concern, its CSV, its assignees; no contact, note, assignee or unshared text in its own view', async () => {
      const observer = await signedIn(s.url, 'observer@amiens.test');
      const ref = refs.noise ?? '';
      // The staff side: refused (list, detail, CSV, assignees, bulk, triage).
      for (const path of [
        '/v1/admin/concerns',
        `/v1/admin/concerns/${ref}`,
        '/v1/admin/concerns.csv',
        `/v1/admin/concerns/${ref}/assignees`,
      ])
        assert.equal((await observer.request(path)).status, 403, path);
      assert.equal(
        (
          await observer.request(
            '/v1/admin/concerns/bulk',
            jsonInit('POST', { references: [ref], status: 'closed' }),
          )
        ).status,
        403,
      );
      assert.equal(
        (await observer.request(`/v1/admin/concerns/${ref}/triage`, jsonInit('POST', { internalNote: 'x' })))
          .status,
        403,
      );
      // Make the concern carry everything an observer must not read: contact, note, assignee.
      const coordId = (
        await s.db.query<{ id: string }>(`SELECT id FROM staff WHERE email = 'coord@amiens.test'`)
      )[0]?.id;
      const prepared = await coord.request(
        `/v1/admin/concerns/${ref}/triage`,
        jsonInit('POST', { internalNote: 'Note interne confidentielle.', assigneeId: coordId }),
      );
      assert.equal(prepared.status, 200, prepared.text);
      const secrets = [
        'noise@example.org',
        'Note interne confidentielle.',
        'Camille Coordination',
        'Musique très forte',
      ];
      const oversight = async () => {
        let cursor: string | null = null;
        const texts: string[] = [];
        let found: Record<string, unknown> | undefined;
        do {
          const res = await observer.request(
            `/v1/admin/oversight/concerns?limit=200${cursor !== null ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          );
          assert.equal(res.status, 200, res.text);
          texts.push(res.text);
          const page = res.json as { items: Record<string, unknown>[]; nextCursor: string | null };
          found ??= page.items.find((i) => i.reference === ref);
          cursor = page.nextCursor;
        } while (cursor !== null);
        const detail = await observer.request(`/v1/admin/oversight/concerns/${ref}`);
        assert.equal(detail.status, 200, detail.text);
        return {
          list: texts.join(''),
          item: found,
          detail: detail.text,
          detailJson: detail.json as Record<string, unknown>,
        };
      };
      const seen = await oversight();
      assert.ok(seen.item !== undefined, 'listed in the oversight view');
      for (const secret of secrets) {
        assert.ok(!seen.list.includes(secret), `list: ${secret}`);
        assert.ok(!seen.detail.includes(secret), `detail: ${secret}`);
      }
      for (const key of ['contact', 'internalNotes', 'history', 'assignee', 'description'])
        assert.ok(!(key in seen.detailJson), key);
      // Shared by a coordinator: the text, never the contact, the note or the assignee.
      assert.equal(
        (await coord.request(`/v1/admin/concerns/${ref}/share`, jsonInit('POST', { shareable: true })))
          .status,
        200,
      );
      const shared = await oversight();
      assert.match(shared.detail, /Musique très forte/);
      for (const secret of secrets.slice(0, 3)) {
        assert.ok(!shared.list.includes(secret), `shared list: ${secret}`);
        assert.ok(!shared.detail.includes(secret), `shared detail: ${secret}`);
      }
    });

    test('the observer role cannot read the inbox nor the assignees', async () => {
      const observer = await signedIn(s.url, 'observer@amiens.test');
      assert.equal((await observer.request('/v1/admin/concerns')).status, 403);
      assert.equal((await observer.request(`/v1/admin/concerns/${refs.noise}/assignees`)).status, 403);
    });
  });
}

/** A small RFC 4180 reader (quoted fields with separators, quotes and line breaks). */
function parseCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}
