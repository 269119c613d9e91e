// The reference point of issue 21's « first café visible » figure: FullCalendar's list view showing
// the same cafés, read from the same API answer as <prox-cafe-calendar> reads them
// (`?api=<base URL>`, `/v1/cafes`), on the same page setup (Intl's French data paid before, as in
// cafe-calendar.bench.js). Measured from the calendar's creation to its first event row in the DOM,
// like the widget's `first-render` (from the element's connection to its first café).
//
// FullCalendar's list view lists every event of its range (here three years, so all of them); the
// widget lists its first ten and offers « Voir plus ». That is each one's design, not the bench's.
/* global FullCalendar -- the browser build of @fullcalendar/core, loaded by fullcalendar.html */
import { reportErrors, report, until } from './bench-kit.js';

const params = new URLSearchParams(location.search);
const api = params.get('api');
reportErrors();
if (!api) throw new Error('?api=<base URL> is required');

new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(0);

/** The items of every page of a list, following `nextCursor`. */
async function allPages(url) {
  const items = [];
  for (let cursor; ;) {
    const page = await (await fetch(cursor ? `${url}&cursor=${encodeURIComponent(cursor)}` : url)).json();
    items.push(...page.items);
    if (!page.nextCursor) return items;
    cursor = page.nextCursor;
  }
}

const name = 'fullcalendar:first-render';
const host = document.getElementById('calendar');
const first = until(host, () => host.querySelector('.fc-list-event'), 'FullCalendar', 'an event');

performance.mark(`${name}:start`);
const calendar = new FullCalendar.Calendar(host, {
  locale: 'fr',
  timeZone: 'Europe/Paris',
  initialDate: '2026-05-03',
  initialView: 'listThreeYears',
  views: { listThreeYears: { type: 'list', duration: { years: 3 } } },
  // Every page of the answer (the API pages: at most 200 cafés a page), then the events at once.
  events: (_info, success, failure) =>
    allPages(`${api}/v1/cafes?limit=200`)
      .then((items) =>
        success(
          items.map((c) => ({
            id: c.id,
            title: c.title.fr,
            start: c.start,
            end: c.end,
            allDay: c.allDay,
          })),
        ),
      )
      .catch(failure),
});
calendar.render();
await first;
report(name);
