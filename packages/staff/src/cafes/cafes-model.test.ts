import { expect } from '@open-wc/testing';
import {
  EMPTY_DRAFT,
  draftErrors,
  inputOf,
  monthlyPosition,
  parseDates,
  reportDraftOf,
  reportInputOf,
  repeatOf,
  ruleFor,
  windowOf,
  zonedIso,
} from './cafes-model.js';

const NO_ENGLISH = { topicsEn: '', answersEn: '', followUpsEn: '' };

describe('cafés model', () => {
  it('finds the weekday and its rank in the month (RFC 5545 BYDAY)', () => {
    expect(monthlyPosition('2026-10-07')).to.deep.equal({ rank: 1, weekday: 'WE' });
    expect(monthlyPosition('2026-10-14')).to.deep.equal({ rank: 2, weekday: 'WE' });
    expect(monthlyPosition('2026-10-29')).to.deep.equal({ rank: -1, weekday: 'TH' });
    expect(monthlyPosition('2026-02-30')).to.equal(undefined);
    // What a date field holds while its year is typed.
    expect(monthlyPosition('0002-10-07')).to.equal(undefined);
    expect(ruleFor('monthly', '2026-10-07')).to.equal('FREQ=MONTHLY;BYDAY=1WE');
    expect(ruleFor('weekly', '2026-10-07')).to.equal('FREQ=WEEKLY');
    expect(ruleFor('none', '2026-10-07')).to.equal(undefined);
    expect(repeatOf('FREQ=MONTHLY;BYDAY=1WE')).to.equal('monthly');
    expect(repeatOf(undefined)).to.equal('none');
  });

  it('writes local times with the offset of the day (summer and winter)', () => {
    expect(zonedIso('2026-10-07', '17:30')).to.equal('2026-10-07T17:30:00+02:00');
    expect(zonedIso('2026-11-04', '17:30')).to.equal('2026-11-04T17:30:00+01:00');
  });

  it('reads exception dates and names what is not one', () => {
    expect(parseDates('2026-12-02, 2026-08-05\n2026-12-02 demain')).to.deep.equal({
      dates: ['2026-08-05', '2026-12-02'],
      invalid: ['demain'],
    });
  });

  it('names the missing fields, then builds the input', () => {
    expect(draftErrors(EMPTY_DRAFT)).to.deep.equal([
      'titleFr',
      'date',
      'placeName',
      'placeAddress',
      'organizerName',
    ]);
    const draft = {
      ...EMPTY_DRAFT,
      titleFr: 'Groupe de veille',
      kind: 'watch-group',
      date: '2026-10-07',
      placeName: 'Maison du quartier',
      placeAddress: '1 rue X, Amiens',
      organizerName: 'Mairie',
      mode: 'hybrid',
      onlineUrl: 'https://visio.example/abc',
      languages: 'fr, en, fr',
      repeat: 'weekly' as const,
    };
    expect(draftErrors({ ...draft, endTime: '17:00' })).to.deep.equal(['endTime']);
    expect(draftErrors({ ...draft, onlineUrl: 'http://x' })).to.deep.equal(['onlineUrl']);
    expect(inputOf(draft)).to.deep.equal({
      kind: 'watch-group',
      title: { fr: 'Groupe de veille' },
      start: '2026-10-07T17:30:00+02:00',
      end: '2026-10-07T19:00:00+02:00',
      timeZone: 'Europe/Paris',
      place: { name: 'Maison du quartier', address: '1 rue X, Amiens' },
      districtId: null,
      mode: 'hybrid',
      organizer: { name: 'Mairie' },
      languages: ['fr', 'en'],
      onlineUrl: 'https://visio.example/abc',
      repeat: { rrule: 'FREQ=WEEKLY' },
    });
  });

  it('reads the report: topics with their concern references, no empty lines', () => {
    expect(
      reportInputOf({
        ...NO_ENGLISH,
        attendance: '',
        topics: 'Bruit | prx-7k3m-q9ab\n\n',
        answers: 'Oui\n',
        followUps: '',
      }),
    ).to.deep.equal({
      input: {
        attendance: null,
        topics: [{ title: { fr: 'Bruit' }, concernReferences: ['PRX-7K3M-Q9AB'] }],
        answers: [{ text: { fr: 'Oui' } }],
        followUps: [],
      },
    });
    expect(
      reportInputOf({ ...NO_ENGLISH, attendance: '3', topics: 'Bruit | 12', answers: '', followUps: '' }),
    ).to.deep.equal({
      badReferences: ['12'],
    });
  });

  it('fills the form from a stored report; publishing it unchanged gives the same report back', () => {
    const stored = {
      attendance: 40,
      topics: [
        {
          title: { fr: 'Rodéos', en: 'Street racing' },
          concernReferences: ['PRX-7K3M-Q9AB', 'PRX-7K3M-Q9AC'],
          concernCount: 5,
          priorityId: 'prio-rodeos',
        },
        { title: { fr: 'Éclairage' }, concernReferences: [], concernCount: 0 },
      ],
      answers: [{ text: { fr: 'Patrouille le soir', en: 'Evening patrol' } }],
      followUps: [{ text: { fr: 'Voir la voirie' }, priorityId: 'prio-rodeos' }],
    };
    const draft = reportDraftOf(stored);
    expect(draft).to.deep.equal({
      attendance: '40',
      topics: 'Rodéos | PRX-7K3M-Q9AB, PRX-7K3M-Q9AC\nÉclairage',
      answers: 'Patrouille le soir',
      followUps: 'Voir la voirie',
      topicsEn: 'Street racing\n',
      answersEn: 'Evening patrol',
      followUpsEn: '',
    });
    expect(reportInputOf(draft, stored)).to.deep.equal({ input: stored });
    // One reference dropped: the three concerns noted only at the meeting are still counted.
    const edited = reportInputOf({ ...draft, topics: 'Rodéos | PRX-7K3M-Q9AB\nNouveau sujet' }, stored);
    expect('input' in edited && edited.input.topics).to.deep.equal([
      {
        title: { fr: 'Rodéos', en: 'Street racing' },
        concernReferences: ['PRX-7K3M-Q9AB'],
        concernCount: 4,
        priorityId: 'prio-rodeos',
      },
      { title: { fr: 'Nouveau sujet' } },
    ]);
    expect(reportDraftOf({ ...stored, attendance: null }).attendance).to.equal('');
  });

  it('windows: upcoming from today, past until yesterday', () => {
    const now = new Date('2026-12-02T12:00:00Z');
    expect(windowOf('upcoming', now)).to.deep.equal({ from: '2026-12-02', to: '2027-12-02' });
    expect(windowOf('past', now)).to.deep.equal({ from: '2025-12-02', to: '2026-12-01' });
  });
});
