import { expect } from '@open-wc/testing';
import type { AdminPriority } from '@proximite/contract';
import { linkReference } from '../shared/priorities.js';
import { fieldsOf, inputFromFields, linkTopic, parseReferences } from './priorities-model.js';

const P: AdminPriority = {
  id: 'prio-1',
  issue: { fr: 'Dépôts rue Motte', en: 'Dumping in rue Motte' },
  issueDate: '2026-12-01',
  status: 'in-progress',
  districtId: 'saint-leu',
  actions: [],
  sources: { concernReferences: ['PRX-AAAA-0001'], cafeIds: ['cafe-1'], concernCount: 1, cafes: [] },
  published: false,
  notified: 0,
};

describe('priorities: references and the form', () => {
  it('reads references from lines, commas or spaces, upper-cased, each once; names the others', () => {
    expect(parseReferences('prx-aaaa-0001, PRX-AAAA-0002\nPRX-AAAA-0001 nope')).to.deep.equal({
      references: ['PRX-AAAA-0001', 'PRX-AAAA-0002'],
      invalid: ['NOPE'],
    });
  });

  it('a new priority from two concerns is a draft unless published at once', () => {
    const f = fieldsOf(undefined, '2026-12-03', ['PRX-AAAA-0001', 'PRX-AAAA-0002']);
    expect(f.references).to.equal('PRX-AAAA-0001\nPRX-AAAA-0002');
    expect(inputFromFields({ ...f, issueFr: ' Bruit la nuit ' })).to.deep.equal({
      input: {
        issue: { fr: 'Bruit la nuit' },
        issueDate: '2026-12-03',
        status: 'raised',
        sources: { concernReferences: ['PRX-AAAA-0001', 'PRX-AAAA-0002'], cafeIds: [] },
        draft: true,
      },
    });
    const now = inputFromFields({ ...f, issueFr: 'Bruit', publishNow: true });
    expect('input' in now && now.input.draft).to.equal(undefined);
  });

  it('says what stops a save', () => {
    const f = fieldsOf(undefined, '2026-12-03');
    expect(inputFromFields({ ...f, references: 'PRX-1', status: 'done' })).to.deep.equal({
      errors: ['errorIssue', 'errorReferences', 'errorAction'],
    });
    expect(inputFromFields({ ...f, issueFr: 'x', actionFr: 'Fait', actionDate: '2026-11-01' })).to.deep.equal(
      {
        errors: ['errorActionDate'],
      },
    );
  });

  it('an edit keeps the cafés and never changes the publication; its action is dated', () => {
    const r = inputFromFields(
      {
        ...fieldsOf(P, '2026-12-03'),
        status: 'done',
        actionFr: 'Nettoyage quotidien',
        actionDate: '2026-12-03',
      },
      P,
    );
    expect(r).to.deep.equal({
      input: {
        issue: { fr: 'Dépôts rue Motte', en: 'Dumping in rue Motte' },
        issueDate: '2026-12-01',
        status: 'done',
        districtId: 'saint-leu',
        sources: { concernReferences: ['PRX-AAAA-0001'], cafeIds: ['cafe-1'] },
        action: { fr: 'Nettoyage quotidien' },
        actionDate: '2026-12-03',
        actions: [{ text: { fr: 'Nettoyage quotidien' }, date: '2026-12-03', status: 'done' }],
      },
    });
  });

  it('an edit keeps the actions recorded before and the concerns noted at cafés without a record', () => {
    const earlier = {
      ...P,
      actions: [{ text: { fr: 'Rencontre avec les riverains' }, date: '2026-12-02', status: 'done' }],
      sources: { ...P.sources, concernCount: 3 },
    };
    const r = inputFromFields(
      { ...fieldsOf(earlier, '2026-12-03'), actionFr: 'Caméra posée', actionDate: '2026-12-03' },
      earlier,
    );
    expect('input' in r && r.input.actions).to.deep.equal([
      { text: { fr: 'Rencontre avec les riverains' }, date: '2026-12-02', status: 'done' },
      { text: { fr: 'Caméra posée' }, date: '2026-12-03', status: 'done' },
    ]);
    expect('input' in r && r.input.sources).to.deep.equal({
      concernReferences: ['PRX-AAAA-0001'],
      cafeIds: ['cafe-1'],
      unrecordedConcerns: 2,
    });
    expect(linkReference(earlier, 'PRX-AAAA-0002').sources?.unrecordedConcerns).to.equal(2);
  });

  it('links one more concern, once', () => {
    expect(linkReference(P, 'PRX-AAAA-0002').sources).to.deep.equal({
      concernReferences: ['PRX-AAAA-0001', 'PRX-AAAA-0002'],
      cafeIds: ['cafe-1'],
    });
    expect(linkReference(P, 'PRX-AAAA-0001').sources?.concernReferences).to.deep.equal(['PRX-AAAA-0001']);
  });
});

describe('priorities: what the form does not show', () => {
  const falc: AdminPriority = {
    ...P,
    issue: {
      fr: 'Dépôts rue Motte',
      en: 'Dumping in rue Motte',
      'fr-falc': 'Des sacs sont jetés rue Motte.',
    },
    action: { fr: 'Caméra posée', 'fr-falc': 'La mairie a posé une caméra.' },
    actionDate: '2026-12-02',
    actions: [
      {
        text: { fr: 'Caméra posée', 'fr-falc': 'La mairie a posé une caméra.' },
        date: '2026-12-02',
        status: 'done',
      },
    ],
  };

  it('saving an unchanged form keeps the « facile à lire » texts of the issue and the actions', () => {
    const read = inputFromFields(fieldsOf(falc, '2026-12-03'), falc);
    if (!('input' in read)) throw new Error('refused');
    expect(read.input.issue['fr-falc']).to.equal('Des sacs sont jetés rue Motte.');
    expect(read.input.action).to.deep.equal({
      fr: 'Caméra posée',
      'fr-falc': 'La mairie a posé une caméra.',
    });
    expect(read.input.actions).to.deep.equal(falc.actions);
  });

  it('a new French text drops the easy-read version of the old one; older actions keep theirs', () => {
    const f = {
      ...fieldsOf(falc, '2026-12-03'),
      issueFr: 'Dépôts sauvages rue Motte',
      actionFr: 'Rue nettoyée',
    };
    const read = inputFromFields({ ...f, actionDate: '2026-12-03' }, falc);
    if (!('input' in read)) throw new Error('refused');
    expect(read.input.issue).to.deep.equal({ fr: 'Dépôts sauvages rue Motte', en: 'Dumping in rue Motte' });
    expect(read.input.action).to.deep.equal({ fr: 'Rue nettoyée' });
    expect(read.input.actions![0]!.text['fr-falc']).to.equal('La mairie a posé une caméra.');
    expect(read.input.actions![1]!.text).to.deep.equal({ fr: 'Rue nettoyée' });
  });

  it('linking a concern keeps every text', () => {
    const input = linkReference(falc, 'PRX-AAAA-0009');
    expect(input.issue['fr-falc']).to.equal('Des sacs sont jetés rue Motte.');
    expect(input.actions![0]!.text['fr-falc']).to.equal('La mairie a posé une caméra.');
  });
});

describe('priorities: the café topic a new priority comes from', () => {
  const report = {
    attendance: null,
    topics: [
      { title: { fr: 'Bruit' }, concernReferences: [], concernCount: 3 },
      { title: { fr: 'Éclairage', en: 'Lighting' }, concernReferences: ['PRX-AAAA-0001'], concernCount: 1 },
    ],
    answers: [{ text: { fr: 'Oui' } }],
    followUps: [],
  };

  it('links the topic of that title to the priority, everything else as stored', () => {
    expect(linkTopic(report, 'Éclairage', 'prio-9')).to.deep.equal({
      ...report,
      topics: [report.topics[0], { ...report.topics[1], priorityId: 'prio-9' }],
    });
  });

  it('changes nothing when no topic of that title is left unlinked', () => {
    expect(linkTopic(report, 'Stationnement', 'prio-9')).to.equal(undefined);
    const linked = linkTopic(report, 'Bruit', 'prio-9')!;
    expect(
      linkTopic({ ...report, topics: linked.topics as typeof report.topics }, 'Bruit', 'prio-10'),
    ).to.equal(undefined);
  });
});
