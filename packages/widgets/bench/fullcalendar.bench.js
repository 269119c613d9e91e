// The reference point of issue 21's « first café visible » figure: FullCalendar's list view showing
// the same cafés, read from the same API answer as <prox-cafe-calendar> reads them
// (`?api=<base URL>`, `/v1/cafes`), on the same page setup (Intl's French data paid before, as in
// cafe-calendar.bench.js). Measured from the calendar's creation to its first event row in the DOM,
// like the widget's `first-render` (from the element's connection to its first café).
//
// FullCalendar's list view lists every event of its range (here three years, so all of them); the
// widget lists its first ten and offers « Voir plus ». That is each one's design, not the bench's.
/* global FullCalendar -- the browser build of @fullcalendar/core, loaded by fullcalendar.html */
const params = new URLSearchParams(location.search);
const api = params.get('api');
addEventListener('error', (e) => (window.benchError = String(e.message)));
addEventListener('unhandledrejection', (e) => (window.benchError = String(e.reason)));
if (!api) throw new Error('?api=<base URL> is required');

new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(0);

const name = 'fullcalendar:first-render';
const host = document.getElementById('calendar');
const first = new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('FullCalendar listed no event')), 120_000);
  const observer = new MutationObserver(() => {
    if (!host.querySelector('.fc-list-event')) return;
    observer.disconnect();
    clearTimeout(timer);
    resolve();
  });
  observer.observe(host, { childList: true, subtree: true });
});

performance.mark(`${name}:start`);
const calendar = new FullCalendar.Calendar(host, {
  locale: 'fr',
  timeZone: 'Europe/Paris',
  initialDate: '2026-05-03',
  initialView: 'listThreeYears',
  views: { listThreeYears: { type: 'list', duration: { years: 3 } } },
  events: (_info, success, failure) =>
    fetch(`${api}/v1/cafes`)
      .then((r) => r.json())
      .then((page) =>
        success(
          page.items.map((c) => ({
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
performance.mark(`${name}:end`);
const measure = performance.measure(name, `${name}:start`, `${name}:end`);
window.tachometerResult = measure.duration;
document.title = `${name} ${measure.duration.toFixed(1)} ms`;
