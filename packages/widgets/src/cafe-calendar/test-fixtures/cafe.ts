/** A café for the calendar's unit tests: Saint-Leu, Tuesday 12 May 2026, 17:30–19:00 in Paris. */
import type { Cafe } from '@proximite/contract';

export function cafe(overrides: Partial<Cafe> & Pick<Cafe, 'id'>): Cafe {
  return {
    title: { fr: 'Café avec la police', en: 'Coffee with the police' },
    start: '2026-05-12T17:30:00+02:00',
    end: '2026-05-12T19:00:00+02:00',
    timeZone: 'Europe/Paris',
    allDay: false,
    place: { name: 'Café de la Place', address: '1 place du Don, 80000 Amiens', lat: 49.8953, lon: 2.3024 },
    districtId: 'saint-leu',
    mode: 'in-person',
    organizer: { name: 'Police municipale' },
    languages: ['fr'],
    status: 'scheduled',
    sequence: 0,
    updatedAt: '2026-04-01T08:00:00Z',
    ...overrides,
  };
}
