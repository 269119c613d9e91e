import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { RightsContent, type RightsItem } from '@proximite/contract';
import {
  checkRightsContent,
  rightsContent,
  rightsFor,
  type RightsContentIssue,
} from '../src/rights/index.js';

const today = new Date().toISOString().slice(0, 10);

const clone = (): RightsContent => structuredClone(rightsContent);
const allItems = (content: RightsContent): RightsItem[] =>
  content.topics.flatMap((topic) => topic.sections.flatMap((section) => section.items));
const topic = (content: RightsContent, id: string) => {
  const found = content.topics.find((t) => t.id === id);
  assert.ok(found, `topic ${id}`);
  return found;
};
const item = (content: RightsContent, topicId: string, itemId: string): RightsItem => {
  const found = topic(content, topicId)
    .sections.flatMap((s) => s.items)
    .find((i) => i.id === itemId);
  assert.ok(found, `item ${topicId}/${itemId}`);
  return found;
};
/** The first item of the first topic: `topics.0.sections.0.items.0`. */
const firstItem = (content: RightsContent): RightsItem => {
  const first = content.topics[0]?.sections[0]?.items[0];
  assert.ok(first);
  return first;
};
const FIRST = 'topics.0.sections.0.items.0';
const codes = (issues: RightsContentIssue[]) => issues.map((issue) => issue.code);
/** Asserts the check reports `code` at a path starting with `path`. */
function assertIssue(issues: RightsContentIssue[], code: RightsContentIssue['code'], path: string): void {
  assert.ok(
    issues.some((issue) => issue.code === code && issue.path.startsWith(path)),
    `expected ${code} at ${path}, got ${JSON.stringify(issues)}`,
  );
}

describe('rights content', () => {
  it('passes the content check today', () => {
    assert.deepEqual(checkRightsContent(rightsContent, today), []);
  });

  it('validates against the contract schema', () => {
    assert.equal(RightsContent.safeParse(rightsContent).success, true);
  });

  it('covers the topics of issue 7, with the legal notice on topics 1, 3, 4 and 5', () => {
    assert.deepEqual(
      rightsContent.topics.map((t) => [t.id, t.legalNotice]),
      [
        ['identity-checks', true],
        ['rio-and-receipt', false],
        ['filming-police', true],
        ['searches', true],
        ['police-custody', true],
        ['filing-a-complaint', false],
        ['recourse', false],
        ['municipal-police', false],
      ],
    );
    assert.equal(
      rightsContent.disclaimer.fr,
      'Information générale, ne constitue pas un conseil juridique. Pour votre situation : avocat, point-justice ou Défenseur des droits.',
    );
  });

  it('lists the help numbers with their channels', () => {
    const byId = new Map(rightsContent.contacts.map((c) => [c.id, c]));
    for (const id of ['17', '112', '114', '15', '18', '3919', '119', '116006', 'ma-securite'])
      assert.ok(byId.has(id), id);
    // 114 is reached by text, fax or app, not by a voice call.
    assert.ok(byId.get('114')?.channels.includes('sms'));
    assert.ok(!byId.get('114')?.channels.includes('phone'));
    assert.equal(byId.get('116006')?.hours, '7 j/7, 9 h – 19 h');
    assert.equal(byId.get('119')?.confidence, 'verify', '119 is [VERIFY] in rights-facts.md');
  });

  it('says the receipt is debated, not in force', () => {
    const receipt = item(rightsContent, 'rio-and-receipt', 'no-receipt');
    assert.equal(receipt.status, 'debated');
    assert.match(receipt.text.fr, /pas en vigueur/);
    assert.match(receipt.text.en ?? '', /not in force/);
  });

  it('keeps the facts that matter most right', () => {
    assert.match(item(rightsContent, 'recourse', 'igpn').text.fr, /ne concerne que la police nationale/);
    assert.match(item(rightsContent, 'recourse', 'iggn').text.fr, /ne concerne que la gendarmerie/);
    const ddd = item(rightsContent, 'recourse', 'scope').text.fr;
    assert.match(ddd, /police municipale/);
    assert.match(ddd, /sécurité privée/);
    assert.match(item(rightsContent, 'recourse', 'limits').text.fr, /pas un service d’urgence/);
    assert.match(item(rightsContent, 'recourse', 'limits').text.fr, /ne suspend pas les délais/);
    assert.match(
      item(rightsContent, 'municipal-police', 'no-identity-checks').text.fr,
      /ne peuvent pas faire de contrôle d’identité/,
    );
    assert.equal(item(rightsContent, 'municipal-police', 'bill-2025').status, 'pending');
  });

  it('dates CPP sources until the recodification and every source on the day it was read', () => {
    for (const [id, source] of Object.entries(rightsContent.sources)) {
      assert.equal(source.accessed, '2026-11-22', id);
      assert.ok(source.url.startsWith('https://'), id);
      if (source.title.startsWith('Code de procédure pénale'))
        assert.equal(source.validUntil, '2028-12-31', id);
    }
  });

  it('marks [VERIFY] items as to verify, each with a review note', () => {
    const verify = allItems(rightsContent).filter((i) => i.confidence === 'verify');
    assert.ok(verify.length > 0);
    for (const i of verify) assert.ok(i.reviewNote, i.id);
    for (const [topicId, itemId] of [
      ['filming-police', 'right-to-film'],
      ['filming-police', 'exposing'],
      ['identity-checks', 'records-destroyed'],
      ['identity-checks', 'checks-2021'],
      ['searches', 'municipal-police'],
      ['police-custody', 'lawyer-cost'],
      ['police-custody', 'minors'],
      ['recourse', 'inspection'],
    ] as const)
      assert.equal(item(rightsContent, topicId, itemId).confidence, 'verify', `${topicId}/${itemId}`);
  });

  it('fails once the CPP sources pass their valid-until date', () => {
    const issues = checkRightsContent(rightsContent, '2029-01-01');
    assertIssue(issues, 'expired-source', 'sources.cpp-78-3');
    assertIssue(issues, 'review-overdue', 'reviewBy');
  });
});

describe('checkRightsContent finds each kind of break', () => {
  it('an item without a source', () => {
    const broken = clone();
    firstItem(broken).sources = [];
    assertIssue(checkRightsContent(broken, today), 'schema', `${FIRST}.sources`);
  });

  it('a contact without a source', () => {
    const broken = clone();
    const contact = broken.contacts[0];
    assert.ok(contact);
    contact.sources = [];
    assertIssue(checkRightsContent(broken, today), 'no-source', 'contacts.0.sources');
  });

  it('an unknown source id', () => {
    const broken = clone();
    firstItem(broken).sources.push('cpp-999');
    assertIssue(checkRightsContent(broken, today), 'unknown-source', `${FIRST}.sources`);
  });

  it('a source past its valid-until date', () => {
    const broken = clone();
    const source = broken.sources['sp-f1036'];
    assert.ok(source);
    source.validUntil = '2020-01-01';
    const issues = checkRightsContent(broken, today);
    assertIssue(issues, 'expired-source', 'sources.sp-f1036');
    assert.equal(issues.length, 1 + 1, 'also reported: validUntil before accessed');
  });

  it('a source without a valid-until date', () => {
    const broken = clone();
    const source = broken.sources['sp-f1036'];
    assert.ok(source);
    delete source.validUntil;
    assertIssue(checkRightsContent(broken, today), 'source-dates', 'sources.sp-f1036');
  });

  it('a source URL that is not https', () => {
    const broken = clone();
    const source = broken.sources['sp-f1036'];
    assert.ok(source);
    source.url = 'mailto:someone@example.org';
    assertIssue(checkRightsContent(broken, today), 'source-url', 'sources.sp-f1036.url');
  });

  it('a missing English translation', () => {
    const broken = clone();
    delete firstItem(broken).text.en;
    assertIssue(checkRightsContent(broken, today), 'missing-translation', `${FIRST}.text`);
  });

  it('an empty French text', () => {
    const broken = clone();
    firstItem(broken).text.fr = '  ';
    assertIssue(checkRightsContent(broken, today), 'missing-translation', `${FIRST}.text`);
  });

  it('a missing translation of a topic title and of a contact label', () => {
    const broken = clone();
    const t = broken.topics[2];
    const c = broken.contacts[1];
    assert.ok(t && c);
    delete t.title.en;
    delete c.label.en;
    const issues = checkRightsContent(broken, today);
    assertIssue(issues, 'missing-translation', 'topics.2.title');
    assertIssue(issues, 'missing-translation', 'contacts.1.label');
  });

  it('an easy-read text missing a language', () => {
    const broken = clone();
    const easy = firstItem(broken).easyRead;
    assert.ok(easy);
    delete easy.en;
    assertIssue(checkRightsContent(broken, today), 'missing-easy-read', `${FIRST}.easyRead`);
  });

  it('a topic without easy-read essentials', () => {
    const broken = clone();
    const t = broken.topics[0];
    assert.ok(t);
    for (const section of t.sections) for (const i of section.items) delete i.easyRead;
    assertIssue(checkRightsContent(broken, today), 'missing-easy-read', 'topics.0');
  });

  it('a schema violation: an unsafe URL, a wrong type, a missing field', () => {
    const unsafe = clone();
    const source = unsafe.sources['sp-f1036'];
    assert.ok(source);
    source.url = 'javascript:alert(1)';
    assertIssue(checkRightsContent(unsafe, today), 'schema', 'sources.sp-f1036.url');

    const wrongType = clone() as unknown as { topics: { legalNotice: unknown }[] };
    const t = wrongType.topics[0];
    assert.ok(t);
    t.legalNotice = 'yes';
    assertIssue(checkRightsContent(wrongType, today), 'schema', 'topics.0.legalNotice');

    const missing = clone() as unknown as Record<string, unknown>;
    delete missing.disclaimer;
    assertIssue(checkRightsContent(missing, today), 'schema', 'disclaimer');

    assert.deepEqual(codes(checkRightsContent(null, today)), ['schema']);
  });

  it('an unknown status, confidence or force', () => {
    const broken = clone();
    firstItem(broken).status = 'in-effect';
    firstItem(broken).confidence = 'sure';
    const t = broken.topics[0];
    assert.ok(t);
    t.appliesTo.push('army');
    const issues = checkRightsContent(broken, today);
    assertIssue(issues, 'unknown-value', `${FIRST}.status`);
    assertIssue(issues, 'unknown-value', `${FIRST}.confidence`);
    assertIssue(issues, 'unknown-value', 'topics.0.appliesTo.3');
  });

  it('an item to verify without a review note', () => {
    const broken = clone();
    const i = firstItem(broken);
    i.confidence = 'verify';
    i.reviewNote = null;
    assertIssue(checkRightsContent(broken, today), 'review-note', `${FIRST}.reviewNote`);
  });

  it('duplicate topic and item ids, and a topic id unusable as a URL fragment', () => {
    const broken = clone();
    const [a, b] = broken.topics;
    assert.ok(a && b);
    b.id = a.id;
    const section = a.sections[0];
    assert.ok(section && section.items[0] && section.items[1]);
    section.items[1].id = section.items[0].id;
    const issues = checkRightsContent(broken, today);
    assertIssue(issues, 'duplicate-id', 'topics');
    assertIssue(issues, 'duplicate-id', 'topics.0');

    const badId = clone();
    const t = badId.topics[0];
    assert.ok(t);
    t.id = 'Identity Checks';
    assertIssue(checkRightsContent(badId, today), 'bad-id', 'topics.0.id');
  });

  it('a source nobody cites', () => {
    const broken = clone();
    broken.sources.orphan = {
      title: 'Orphan',
      url: 'https://example.org',
      kind: 'other',
      accessed: '2026-11-22',
      validUntil: '2027-01-01',
    };
    assertIssue(checkRightsContent(broken, today), 'unused-source', 'sources.orphan');
  });

  it('refuses a malformed date', () => {
    assert.throws(() => checkRightsContent(rightsContent, '22/11/2026'), TypeError);
  });
});

describe('rightsFor(lang)', () => {
  const hasKey = (value: unknown, key: string): boolean =>
    Array.isArray(value)
      ? value.some((v) => hasKey(v, key))
      : value !== null &&
        typeof value === 'object' &&
        Object.entries(value).some(([k, v]) => k === key || hasKey(v, key));

  it('French: no English string left, still valid and clean', () => {
    const fr = rightsFor('fr');
    assert.equal(hasKey(fr, 'en'), false);
    assert.deepEqual(fr.locales, ['fr']);
    assert.deepEqual(checkRightsContent(fr, today), []);
    assert.equal(firstItem(fr).text.fr, firstItem(rightsContent).text.fr);
    assert.ok(JSON.stringify(fr).length < JSON.stringify(rightsContent).length * 0.8);
  });

  it('English: English with French as the fallback the schema requires', () => {
    const en = rightsFor('en');
    assert.deepEqual(en.locales, ['fr', 'en']);
    assert.deepEqual(checkRightsContent(en, today), []);
    assert.equal(firstItem(en).easyRead?.en, firstItem(rightsContent).easyRead?.en);
  });

  it('filters city overrides too, and never mutates its input', () => {
    const before = JSON.stringify(rightsContent);
    const withCity: RightsContent = {
      ...rightsContent,
      localContacts: [
        {
          id: 'pm-amiens',
          kind: 'police-municipale',
          name: 'Police municipale',
          description: { fr: 'Accueil', en: 'Front desk' },
        },
      ],
    };
    const fr = rightsFor('fr', withCity);
    assert.deepEqual(fr.localContacts?.[0]?.description, { fr: 'Accueil' });
    assert.equal(fr.localContacts?.[0]?.name, 'Police municipale');
    assert.equal(JSON.stringify(rightsContent), before);
  });
});

describe('check-rights CLI', () => {
  const script = fileURLToPath(new URL('../scripts/check-rights.ts', import.meta.url));
  const run = (args: string[]) =>
    spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', script, ...args], {
      encoding: 'utf8',
    });

  it('passes today and writes the content as JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rights-'));
    try {
      const file = join(dir, 'rights.json');
      execFileSync(process.execPath, ['--conditions=source', '--import', 'tsx', script, '--write', file]);
      assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), rightsContent);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 1 with the issues once sources expire, 2 on bad arguments', () => {
    const expired = run(['--today', '2029-01-01']);
    assert.equal(expired.status, 1);
    assert.match(expired.stderr, /expired-source\tsources\.cpp-78-3/);
    assert.equal(run(['--today', 'tomorrow']).status, 2);
    assert.equal(run(['--lang', 'de']).status, 2);
  });
});
