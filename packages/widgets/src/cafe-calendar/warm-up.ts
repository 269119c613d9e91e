/**
 * What <prox-cafe-calendar> prepares while its cafés load, each step in a task of its own, so the
 * task that shows the first cafés neither builds Intl objects nor parses templates (issue 21: no
 * long task on a phone). A module of its own: a lazy chunk, not part of the widget's first view.
 */
import { render } from 'lit';
import type { Cafe } from '@proximite/contract';
import { dateFormat } from '../kit/localize.js';
import {
  DEFAULT_TIME_ZONE,
  formatDay,
  isValidTimeZone,
  languageName,
  relativeDay,
  visitorZone,
  wallTime,
} from './agenda.js';

/**
 * A café rendered off the document, with most optional parts: a cancellation and its reason, an
 * address and its map link, a district, accessibility, languages. `-` is the shortest text.
 */
export const warmUpCafe: Cafe = {
  id: '-',
  title: { fr: '-' },
  start: '2026-01-01T17:00:00Z',
  end: '2026-01-01T18:00:00Z',
  timeZone: DEFAULT_TIME_ZONE,
  allDay: false,
  place: { name: '-', address: '-', lat: 0, lon: 0 },
  districtId: '-',
  mode: '-',
  organizer: { name: '-' },
  accessibility: { fr: '-' },
  languages: ['fr'],
  status: 'cancelled',
  cancelReason: { fr: '-' },
  sequence: 0,
  updatedAt: '-',
};

/**
 * The steps, in order. First what the list's first render formats with: Intl's objects cost far
 * more to build, and their locale and zone data to load, than to use. Then `templates` of
 * {@link warmUpCafe} (smaller parts first: a template Lit has prepared once, it does not prepare
 * again), each rendered off the document.
 */
export function warmUps(
  locale: string,
  templates: (cafe: Cafe) => (() => unknown)[],
  zone = DEFAULT_TIME_ZONE,
): (() => unknown)[] {
  const day = '2026-01-01';
  return [
    () => wallTime(0, zone),
    () => formatDay(day, locale),
    () => relativeDay(day, day, locale),
    () => dateFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone: zone }).format(0),
    () => isValidTimeZone(visitorZone()),
    () => dateFormat(locale, { timeZone: zone, timeZoneName: 'longGeneric' }).formatToParts(0),
    () => languageName('fr', locale),
    ...templates(warmUpCafe).map((template) => () => render(template(), document.createDocumentFragment())),
  ];
}
