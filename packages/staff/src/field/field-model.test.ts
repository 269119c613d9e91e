import { expect } from '@open-wc/testing';
import type { Cafe } from '@proximite/contract';
import { dayIn, excerpt, kitOf, noteFromFields, todaysCafes, type NoteFields } from './field-model.js';

const cafe = (id: string, start: string, extra: Partial<Cafe> = {}): Cafe =>
  ({
    id,
    title: { fr: 'Café', en: 'Café' },
    start,
    end: start,
    timeZone: 'Europe/Paris',
    allDay: false,
    place: { name: 'place du Don', address: 'Place du Don, Amiens' },
    districtId: 'saint-leu',
    mode: 'in-person',
    organizer: { name: 'Police municipale' },
    languages: ['fr'],
    status: 'scheduled',
    sequence: 0,
    updatedAt: start,
    ...extra,
  }) as Cafe;

const EMPTY: NoteFields = {
  categoryCode: 'bruit',
  description: 'Musique forte la nuit.',
  place: '',
  name: '',
  email: '',
  phone: '',
  emailUpdates: false,
  consent: false,
};

describe('café mode: today’s cafés', () => {
  it('takes the day in Paris, not on the device: 23:30 UTC on the 4th is the 5th', () => {
    expect(dayIn(new Date('2026-12-04T23:30:00Z'))).to.equal('2026-12-05');
    expect(dayIn(new Date('2026-07-04T22:30:00Z'))).to.equal('2026-07-05');
  });

  it('keeps today’s cafés that are not cancelled, earliest first', () => {
    const now = new Date('2026-12-05T08:00:00Z');
    const list = todaysCafes(
      [
        cafe('late', '2026-12-05T17:00:00+01:00'),
        cafe('early', '2026-12-05T09:00:00+01:00'),
        cafe('cancelled', '2026-12-05T10:00:00+01:00', { status: 'cancelled' }),
        cafe('tomorrow', '2026-12-06T09:00:00+01:00'),
      ],
      now,
    );
    expect(list.map((c) => c.id)).to.deep.equal(['early', 'late']);
  });
});

describe('café mode: a note from the form', () => {
  const at = { id: 'cafe-1', districtId: 'saint-leu' };

  it('a category and a text are enough; the place defaults to the café’s (left to the server)', () => {
    expect(noteFromFields(EMPTY, at, 'fr')).to.deep.equal({
      note: {
        cafeId: 'cafe-1',
        note: { categoryCode: 'bruit', description: 'Musique forte la nuit.', lang: 'fr' },
      },
    });
  });

  it('a place typed is an address in the café’s district; text is trimmed', () => {
    const r = noteFromFields({ ...EMPTY, description: '  Bruit  ', place: ' 12 rue Motte ' }, at, 'en');
    expect(r).to.deep.equal({
      note: {
        cafeId: 'cafe-1',
        note: {
          categoryCode: 'bruit',
          description: 'Bruit',
          lang: 'en',
          location: { address: '12 rue Motte', districtId: 'saint-leu' },
        },
      },
    });
  });

  it('contact details need the consent; e-mail updates need an e-mail', () => {
    expect(noteFromFields({ ...EMPTY, name: 'Mme Leroy' }, at, 'fr')).to.deep.equal({
      errors: [{ field: 'consent', message: 'errorConsent' }],
    });
    expect(noteFromFields({ ...EMPTY, emailUpdates: true }, at, 'fr')).to.deep.equal({
      errors: [{ field: 'email', message: 'errorEmailNeeded' }],
    });
    const ok = noteFromFields(
      { ...EMPTY, name: 'Mme Leroy', email: 'leroy@example.org', emailUpdates: true, consent: true },
      at,
      'fr',
    );
    expect(ok).to.deep.equal({
      note: {
        cafeId: 'cafe-1',
        note: {
          categoryCode: 'bruit',
          description: 'Musique forte la nuit.',
          lang: 'fr',
          contact: { name: 'Mme Leroy', email: 'leroy@example.org', emailUpdates: true },
          consent: true,
        },
      },
    });
  });

  it('names every field that stops the note, in the form’s order', () => {
    const r = noteFromFields(
      { ...EMPTY, categoryCode: '', description: ' ', email: 'pas-un-courriel', phone: 'abc' },
      at,
      'fr',
    );
    expect(r).to.deep.equal({
      errors: [
        { field: 'categoryCode', message: 'errorCategory' },
        { field: 'description', message: 'errorDescription' },
        { field: 'email', message: 'errorEmail' },
        { field: 'phone', message: 'errorPhone' },
        { field: 'consent', message: 'errorConsent' },
      ],
    });
  });

  it('excerpts long notes on one line', () => {
    expect(excerpt('a\n  b')).to.equal('a b');
    expect(excerpt('x'.repeat(100), 10)).to.equal(`${'x'.repeat(9)}…`);
  });
});

describe('the café mode kit kept on the device', () => {
  it('is given back on its own day only, and never from unreadable text', () => {
    const kit = { day: '2026-12-05', cafes: [], categories: [{ code: 'bruit', label: { fr: 'Bruit' } }] };
    expect(kitOf(JSON.stringify(kit), '2026-12-05')).to.deep.equal(kit);
    expect(kitOf(JSON.stringify(kit), '2026-12-06')).to.equal(undefined);
    expect(kitOf(null, '2026-12-05')).to.equal(undefined);
    expect(kitOf('{oops', '2026-12-05')).to.equal(undefined);
  });
});
