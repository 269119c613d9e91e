import { expect } from '@open-wc/testing';
import ICAL from 'ical.js';
import type { Cafe } from '@proximite/contract';
import { cafeToIcs, cafeUid, escapeText, foldLine, icsFileName } from './ics.js';
import { cafe as baseCafe } from './test-fixtures/cafe.js';

function cafe(overrides: Partial<Cafe> = {}): Cafe {
  return baseCafe({
    id: 'cafe-42',
    title: { fr: 'Café avec la police, Saint-Leu', en: 'Coffee with the police, Saint-Leu' },
    description: {
      fr: 'Venez échanger; questions, remarques.\nUne ligne de plus.',
      en: 'Come and talk.',
    },
    sequence: 3,
    url: 'https://www.amiens.fr/cafes/42',
    ...overrides,
  });
}

function parseEvent(text: string) {
  const component = new ICAL.Component(ICAL.parse(text));
  const vevent = component.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no VEVENT');
  return { component, vevent, event: new ICAL.Event(vevent) };
}

describe('ics: one café as RFC 5545', () => {
  it('parses back with ical.js with the same instants, texts and status', () => {
    const text = cafeToIcs(cafe(), 'fr');
    expect(text.endsWith('\r\n')).to.equal(true);
    expect(text.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).to.equal(true);
    const { component, vevent, event } = parseEvent(text);
    expect(component.getFirstPropertyValue('version')).to.equal('2.0');
    expect(event.uid).to.equal('cafe-42@proximite');
    expect(event.summary).to.equal('Café avec la police, Saint-Leu');
    expect(event.description).to.include('Venez échanger; questions, remarques.\nUne ligne de plus.');
    expect(event.description).to.include('https://www.amiens.fr/cafes/42');
    expect(event.location).to.equal('Café de la Place, 1 place du Don, 80000 Amiens');
    expect(event.sequence).to.equal(3);
    expect(event.startDate.toJSDate().toISOString()).to.equal('2026-05-12T15:30:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).to.equal('2026-05-12T17:00:00.000Z');
    expect(vevent.getFirstPropertyValue('status')).to.equal('CONFIRMED');
    expect(vevent.getFirstPropertyValue('geo')).to.deep.equal([49.8953, 2.3024]);
    expect(String(vevent.getFirstPropertyValue('url'))).to.equal('https://www.amiens.fr/cafes/42');
  });

  it('writes English text when asked', () => {
    const { event } = parseEvent(cafeToIcs(cafe(), 'en'));
    expect(event.summary).to.equal('Coffee with the police, Saint-Leu');
    expect(event.description).to.include('Come and talk.');
  });

  it('marks a cancelled café as CANCELLED so calendar apps remove it', () => {
    const { vevent } = parseEvent(cafeToIcs(cafe({ status: 'cancelled', sequence: 4 }), 'fr'));
    expect(vevent.getFirstPropertyValue('status')).to.equal('CANCELLED');
    expect(vevent.getFirstPropertyValue('sequence')).to.equal(4);
  });

  it('writes all-day events as dates with an exclusive end', () => {
    const { event } = parseEvent(
      cafeToIcs(
        cafe({ allDay: true, start: '2026-05-30T00:00:00+02:00', end: '2026-06-02T00:00:00+02:00' }),
        'fr',
      ),
    );
    expect(event.startDate.isDate).to.equal(true);
    expect(event.startDate.toString()).to.equal('2026-05-30');
    expect(event.endDate.toString()).to.equal('2026-06-02');
  });

  it('folds long lines without breaking UTF-8 characters and escapes text', () => {
    const long = 'é'.repeat(100);
    const folded = foldLine(`SUMMARY:${long}`);
    const parts = folded.split('\r\n');
    expect(parts.length).to.be.greaterThan(1);
    for (const part of parts) expect(new TextEncoder().encode(part).length).to.be.at.most(75);
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).to.equal(`SUMMARY:${long}`);
    expect(escapeText('a,b;c\\d\ne')).to.equal('a\\,b\\;c\\\\d\\ne');
    const { event } = parseEvent(cafeToIcs(cafe({ title: { fr: long } }), 'fr'));
    expect(event.summary).to.equal(long);
  });

  it('keeps a UID that already looks like one and names the file', () => {
    expect(cafeUid({ id: 'abc@amiens.fr' })).to.equal('abc@amiens.fr');
    expect(icsFileName(cafe())).to.equal('cafe-2026-05-12-cafe-avec-la-police-saint-leu.ics');
  });
});
