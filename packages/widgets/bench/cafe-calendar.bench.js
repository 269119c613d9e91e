// Render benchmarks of <prox-cafe-calendar>, from the production standalone bundle (run
// `npm run bundle` first): 60 cafés over three months (one cancelled in eight, some online, one
// spanning three days), already in memory, so the figure is the widget's, not the network's.
//
// - default: `element connected` → the agenda list in the shadow root;
// - `?month`: the list shown, then `month view asked` → the month table in the shadow root, which
//   includes loading the month view's lazy chunk from this server the first time;
// - `?details`: all 60 cafés shown (« Voir plus » until the end), then `a café's details asked` →
//   its details rendered (an interaction: the other 59 cafés must not render again).
//
// Reports through the User Timing API (`prox-cafe-calendar:<case>`) and `window.tachometerResult`.
import '../../../bundles/standalone/prox-cafe-calendar/prox-cafe-calendar.js';

const COUNT = 60;
const start = Date.UTC(2026, 4, 4, 15, 30); // Monday 4 May 2026, 17:30 in Paris
const cafes = Array.from({ length: COUNT }, (_, i) => {
  const begin = new Date(start + Math.floor(i * 1.5) * 86_400_000 + (i % 3) * 3_600_000);
  const days = i === 20 ? 3 : 0;
  return {
    id: `cafe-${i + 1}`,
    title: { fr: `Café avec la police n° ${i + 1}`, en: `Coffee with the police no. ${i + 1}` },
    description: { fr: 'Un moment d’échange informel avec les policiers du quartier.' },
    start: begin.toISOString(),
    end: new Date(begin.getTime() + (days ? days * 86_400_000 : 5_400_000)).toISOString(),
    timeZone: 'Europe/Paris',
    allDay: days > 0,
    place: { name: 'Le Quai', address: 'Place du Don, 80000 Amiens', lat: 49.8964, lon: 2.3012 },
    districtId: ['saint-leu', 'etouvie', 'centre-ville', 'amiens-nord'][i % 4],
    mode: i % 5 === 0 ? 'online' : 'in-person',
    ...(i % 5 === 0 ? { onlineUrl: 'https://visio.example.org/permanence' } : {}),
    organizer: { name: 'Police municipale d’Amiens' },
    accessibility: { fr: 'Accès de plain-pied.', en: 'Step-free access.' },
    languages: ['fr'],
    status: i % 8 === 7 ? 'cancelled' : 'scheduled',
    sequence: 0,
    updatedAt: '2026-04-20T09:15:00Z',
  };
});
const districts = ['saint-leu', 'etouvie', 'centre-ville', 'amiens-nord'].map((id) => ({ id, name: id }));

// Intl's locale data loads on its first use in a page: paid before the measurement (as a page that
// already formats a date would), unless `?cold`.
const params = new URLSearchParams(location.search);
if (!params.has('cold'))
  new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(0);

const el = document.createElement('prox-cafe-calendar');
el.setAttribute('lang', 'fr');
el.now = new Date('2026-05-03T08:00:00Z');
el.client = {
  cafes: {
    list: async () => ({ items: cafes, nextCursor: null }),
    icsUrl: (query = {}) =>
      'id' in query
        ? `https://api.example.org/v1/cafes/${query.id}.ics`
        : 'https://api.example.org/v1/cafes.ics',
  },
  districts: { list: async () => districts },
};

const shown = (selector) => el.shadowRoot?.querySelector(selector);
async function until(selector) {
  for (let i = 0; i < 200 && !shown(selector); i++) await new Promise((r) => setTimeout(r, 0));
  if (!shown(selector)) throw new Error(`prox-cafe-calendar did not render ${selector}`);
}

const mode = params.has('month') ? 'month-view' : params.has('details') ? 'details' : 'first-render';
const name = `prox-cafe-calendar:${mode}`;
if (mode === 'first-render') performance.mark(`${name}:start`);
document.body.append(el);
await until('.agenda .event');
if (mode === 'month-view') {
  performance.mark(`${name}:start`);
  el.view = 'month';
  await until('table.month a.day-link');
} else if (mode === 'details') {
  while (shown('.more button')) {
    shown('.more button').click();
    await el.updateComplete;
  }
  // A café spanning days is listed on each of them: at least COUNT entries.
  const listed = el.shadowRoot.querySelectorAll('.event').length;
  if (listed < COUNT) throw new Error(`not every café is shown: ${listed}`);
  const last = [...el.shadowRoot.querySelectorAll('.event .disclosure')].at(-1);
  performance.mark(`${name}:start`);
  last.click();
  await until('.event:last-child .details:not([hidden]) .actions');
}
performance.mark(`${name}:end`);
const measure = performance.measure(name, `${name}:start`, `${name}:end`);
window.tachometerResult = measure.duration;
document.title = `${name} ${measure.duration.toFixed(1)} ms`;
