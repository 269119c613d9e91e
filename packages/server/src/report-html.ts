/**
 * The public activity report as a page (`GET /v1/reports/{period}.html`): plain semantic HTML, no
 * script, one stylesheet that reads on screen and prints on A4 (CSS Paged Media, `@page`) with
 * nothing cut off — long words wrap, tables keep their header on each page and a row never splits.
 * French by default, English with `lang=en`.
 */
import { createHash } from 'node:crypto';
import {
  isSafeUrl,
  type LocalizedText,
  type PublicReport,
  type ServiceResponseFigures,
} from '@proximite/contract';
import { escapeXml as esc } from './xml.js';

type Lang = 'fr' | 'en';

/** The page's stylesheet; the response's CSP allows exactly this one by its hash. */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #161616; --muted: #3a3a3a; --line: #929292; --accent: #000091; --demo: #fbe769; }
* { box-sizing: border-box; }
html { font: 100%/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink); background: #fff; }
body { margin: 0 auto; padding: 1.5rem 1rem 3rem; max-width: 60rem; overflow-wrap: break-word; }
.scroll { overflow-x: auto; }
.scroll:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
a { color: var(--accent); }
a:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
header { border-bottom: 3px solid var(--accent); margin-bottom: 1.5rem; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 0.25rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 0.5rem; break-after: avoid; page-break-after: avoid; }
p { margin: 0.5rem 0; }
.meta, .note { color: var(--muted); }
.demo { background: var(--demo); color: #000; padding: 0.5rem 0.75rem; border: 2px solid #000; font-weight: 600; }
.nav { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; margin: 0.75rem 0 1rem; padding: 0; list-style: none; }
.key { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: 0.75rem; margin: 1rem 0; padding: 0; }
.key div { border: 1px solid var(--line); padding: 0.5rem 0.75rem; break-inside: avoid; }
.key dt { font-size: 0.9rem; color: var(--muted); }
.key dd { margin: 0; font-size: 1.5rem; font-weight: 700; }
table { width: 100%; border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.95rem; }
caption { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
th, td { border: 1px solid var(--line); padding: 0.3rem 0.5rem; text-align: start; vertical-align: top; }
thead th { background: #eee; }
td.num, th.num { text-align: end; font-variant-numeric: tabular-nums; }
thead { display: table-header-group; }
tr, .key div, li { break-inside: avoid; page-break-inside: avoid; }
ul.actions { margin: 0; padding-inline-start: 1.1rem; }
footer { margin-top: 2rem; border-top: 1px solid var(--line); padding-top: 0.5rem; font-size: 0.9rem; color: var(--muted); }
@page { size: A4; margin: 16mm 14mm 18mm; }
@media print {
  html { font-size: 10.5pt; }
  body { max-width: none; padding: 0 2px; }
  .nav, .screen-only { display: none; }
  .scroll { overflow: visible; }
  table { font-size: 9pt; }
  th, td { padding: 0.2rem 0.3rem; hyphens: auto; }
  a { color: inherit; text-decoration: none; }
  .demo { border-width: 1px; }
}
`;

/** The `style-src` source of {@link REPORT_CSS} (CSP Level 3 hash source). */
const STYLE_HASH = `'sha256-${createHash('sha256').update(REPORT_CSS).digest('base64')}'`;

/** The report page's Content-Security-Policy: no script at all, this one stylesheet. */
export const REPORT_CSP = `default-src 'none'; style-src ${STYLE_HASH}; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'`;

const METRICS: Record<string, [fr: string, en: string]> = {
  'pm-interventions': ['Interventions de la police municipale', 'Municipal police call-outs'],
  'pm-calls': ['Appels reçus', 'Calls received'],
  'pm-tickets-traffic': ['Contraventions : circulation', 'Tickets: traffic'],
  'pm-tickets-parking': ['Contraventions : stationnement', 'Tickets: parking'],
  'pm-tickets-arretes': ['Contraventions : arrêtés municipaux', 'Tickets: municipal by-laws'],
  'pm-tickets-video': ['Contraventions : vidéoverbalisation', 'Tickets: by CCTV'],
  'pm-impounds': ['Véhicules mis en fourrière', 'Vehicles impounded'],
  'pm-handed-to-opj': [
    'Personnes présentées à un officier de police judiciaire',
    'People handed to a judicial police officer',
  ],
  'cafes-held': ['Cafés avec un policier tenus', '“Coffee with a police officer” meetings held'],
  'residents-met': ['Habitants rencontrés', 'Residents met'],
  'concerns-received': ['Signalements reçus', 'Concerns received'],
  'concerns-resolved': ['Signalements traités', 'Concerns resolved'],
};

const ORDINAL_FR: Record<string, string> = { '1': '1er', '2': '2e', '3': '3e', '4': '4e' };

const T = {
  fr: {
    title: (p: string, area: string) => `Compte rendu public d’activité — ${p} — ${area}`,
    period: (p: string) =>
      p.length === 4 ? `année ${p}` : `${ORDINAL_FR[p.slice(6)] ?? ''} trimestre ${p.slice(0, 4)}`,
    provisional: 'Période en cours : chiffres provisoires, arrêtés au',
    generated: 'Établi le',
    demo: 'Données de démonstration : ces chiffres sont fictifs, ce ne sont pas ceux d’une vraie ville.',
    other: 'English version',
    json: 'Les mêmes données en JSON',
    print:
      'Pour l’imprimer ou l’enregistrer en PDF, utilisez la commande Imprimer de votre navigateur (format A4).',
    keyTitle: 'En bref',
    kMeetings: 'Rencontres tenues',
    kAttendance: 'Habitants présents (comptés)',
    kReceived: 'Signalements reçus',
    kResolved: 'dont résolus',
    kRaised: 'Préoccupations relevées',
    kActions: 'Actions réalisées',
    activity: 'Activité de la police municipale et du programme',
    activityLead:
      'Ce ne sont pas des chiffres de délinquance : ils décrivent le travail du service et du programme de proximité.',
    noActivity: 'Aucun compteur d’activité publié pour cette période.',
    indicator: 'Indicateur',
    periodCol: 'Période',
    value: 'Valeur',
    source: 'Source',
    notPublished: 'non communiqué',
    nc: '<abbr title="non communiqué">n.c.</abbr>',
    ncLegend: (min: number) =>
      `n.c. : non communiqué — un chiffre calculé sur moins de ${min} signalements n’est pas publié.`,
    meetings: 'Rencontres tenues',
    noMeetings: 'Aucune rencontre tenue pendant cette période.',
    date: 'Date',
    meeting: 'Rencontre',
    place: 'Lieu',
    attendance: 'Présents',
    topics: 'Sujets',
    notCounted: 'non compté',
    noReport: 'compte rendu à venir',
    priorities: 'Vous avez dit, nous avons fait',
    noPriorities: 'Aucune préoccupation relevée ni action menée pendant cette période.',
    issue: 'Ce qui a été relevé',
    raisedOn: 'Relevé le',
    concerns: 'Signalements',
    actions: 'Ce qui a été fait',
    noAction: 'Aucune action dans la période',
    actionStatus: { done: 'fait', 'in-progress': 'en cours', planned: 'prévu' } as Record<string, string>,
    responses: 'Délais de réponse des services',
    noResponses: 'Aucun signalement reçu pendant cette période.',
    service: 'Service',
    quarter: 'Trimestre',
    received: 'Reçus',
    firstAnswer: 'Première réponse (médiane)',
    resolution: 'Résolution (médiane)',
    target: 'Objectif publié',
    within: 'Dans l’objectif',
    notResolved: 'Non résolu selon l’habitant',
    none: 'aucun',
    days: (n: number, unit: string) =>
      `${fmt(n, 'fr')} ${unit === 'calendar-days' ? (n > 1 ? 'jours' : 'jour') : n > 1 ? 'jours ouvrés' : 'jour ouvré'}`,
    method: 'Méthode',
    sources: 'Sources et provenance',
    demoSource: '(données de démonstration)',
    footer:
      'Document établi automatiquement par Proximité à partir des données publiques du service ; aucune donnée personnelle.',
  },
  en: {
    title: (p: string, area: string) => `Public activity report — ${p} — ${area}`,
    period: (p: string) => (p.length === 4 ? `year ${p}` : `${p.slice(5)} ${p.slice(0, 4)}`),
    provisional: 'Period still running: provisional figures, as of',
    generated: 'Produced on',
    demo: 'Demo data: these figures are illustrative, not those of a real city.',
    other: 'Version française',
    json: 'The same data as JSON',
    print: 'To print it or save it as a PDF, use your browser’s Print command (A4).',
    keyTitle: 'At a glance',
    kMeetings: 'Meetings held',
    kAttendance: 'Residents present (counted)',
    kReceived: 'Concerns received',
    kResolved: 'of which resolved',
    kRaised: 'Issues raised',
    kActions: 'Actions carried out',
    activity: 'Municipal police and programme activity',
    activityLead: 'These are not crime figures: they describe the work of the service and of the programme.',
    noActivity: 'No activity counter published for this period.',
    indicator: 'Indicator',
    periodCol: 'Period',
    value: 'Value',
    source: 'Source',
    notPublished: 'not published',
    nc: '<abbr title="not published">n.p.</abbr>',
    ncLegend: (min: number) =>
      `n.p.: not published — a figure computed over fewer than ${min} concerns is not published.`,
    meetings: 'Meetings held',
    noMeetings: 'No meeting held in this period.',
    date: 'Date',
    meeting: 'Meeting',
    place: 'Place',
    attendance: 'Present',
    topics: 'Topics',
    notCounted: 'not counted',
    noReport: 'report to come',
    priorities: 'You said, we did',
    noPriorities: 'No issue raised and no action taken in this period.',
    issue: 'What was raised',
    raisedOn: 'Raised on',
    concerns: 'Concerns',
    actions: 'What was done',
    noAction: 'No action in the period',
    actionStatus: { done: 'done', 'in-progress': 'in progress', planned: 'planned' } as Record<
      string,
      string
    >,
    responses: 'How fast each service answers',
    noResponses: 'No concern received in this period.',
    service: 'Service',
    quarter: 'Quarter',
    received: 'Received',
    firstAnswer: 'First answer (median)',
    resolution: 'Resolution (median)',
    target: 'Published target',
    within: 'Within target',
    notResolved: 'Not resolved, says the resident',
    none: 'none',
    days: (n: number, unit: string) =>
      `${fmt(n, 'en')} ${unit === 'calendar-days' ? (n === 1 ? 'day' : 'days') : n === 1 ? 'working day' : 'working days'}`,
    method: 'Method',
    sources: 'Sources and provenance',
    demoSource: '(demo data)',
    footer: 'Produced automatically by Proximité from the service’s public data; no personal data.',
  },
} as const;

function fmt(n: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: 1 }).format(n);
}

/** A share as a percentage, or « n.c. » (HTML). */
function share(n: number | null, lang: Lang, t: (typeof T)[Lang]): string {
  return n === null
    ? t.nc
    : esc(
        new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'fr-FR', {
          style: 'percent',
          maximumFractionDigits: 0,
        }).format(n),
      );
}

/**
 * A table in a region that scrolls sideways on a narrow screen (focusable, so a keyboard can
 * scroll it, and named by the table's caption); printed whole.
 */
function table(id: string, caption: string, head: string, rows: string): string {
  return `<div class="scroll" role="region" tabindex="0" aria-labelledby="${id}"><table><caption id="${id}">${caption}</caption><thead><tr>${head}</tr></thead><tbody>
${rows}
</tbody></table></div>`;
}

const pick = (text: LocalizedText, lang: Lang) => (lang === 'en' ? (text.en ?? text.fr) : text.fr);

function day(iso: string, lang: Lang): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  const text = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'fr-FR', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
  // French writes the first of the month as an ordinal: « 1er juillet ».
  return lang === 'fr' && d === 1 ? text.replace(/^1 /, '1er ') : text;
}

function responseRow(f: ServiceResponseFigures, lang: Lang, t: (typeof T)[Lang]): string {
  const median = (n: number | null) => (n === null ? t.nc : esc(t.days(n, f.unit)));
  return `<tr><th scope="row">${esc(pick(f.serviceName, lang))}</th><td>${esc(f.period)}</td>
<td class="num">${f.received}</td><td>${median(f.medianDaysToFirstAnswer)}</td>
<td>${median(f.medianDaysToResolution)}</td>
<td>${f.target === null ? t.none : esc(t.days(f.target.days, f.target.unit))}</td>
<td class="num">${share(f.withinTargetShare, lang, t)}</td>
<td class="num">${share(f.notResolvedShare, lang, t)}</td></tr>`;
}

/**
 * The report as a complete HTML document. `links` are the URLs of the other language's page and of
 * the JSON, and a function giving a district's name.
 */
export function renderReportHtml(
  report: PublicReport,
  lang: Lang,
  links: { otherLanguage: string; json: string; districtName: (id: string) => string | undefined },
): string {
  const t = T[lang];
  const periodName = t.period(report.period.id);
  const title = t.title(periodName, report.area.name);
  const district = (id: string | null) => (id === null ? '' : (links.districtName(id) ?? id));
  const { meetings, priorities, responses } = report;

  const activity =
    report.activity.length === 0
      ? `<p>${t.noActivity}</p>`
      : table(
          'activity-table',
          t.activity,
          `<th scope="col">${t.indicator}</th><th scope="col">${t.periodCol}</th><th scope="col" class="num">${t.value}</th><th scope="col">${t.source}</th>`,
          report.activity
            .map((c) => {
              const label = METRICS[c.metric]?.[lang === 'en' ? 1 : 0] ?? c.metric;
              const value = c.value === null ? t.nc : esc(fmt(c.value, lang));
              return `<tr><th scope="row">${esc(label)}</th><td>${esc(c.period)}</td><td class="num">${value}</td><td>${esc(c.source.title)}</td></tr>`;
            })
            .join('\n'),
        );

  const meetingRows = meetings.items
    .map(
      (m) => `<tr><td>${esc(day(m.start, lang))}</td><th scope="row">${esc(pick(m.title, lang))}</th>
<td>${esc(m.placeName)}${m.districtId === null ? '' : ` (${esc(district(m.districtId))})`}</td>
<td class="num">${m.attendance === null ? (m.hasReport ? t.notCounted : t.noReport) : m.attendance}</td>
<td class="num">${m.hasReport ? m.topicCount : '—'}</td></tr>`,
    )
    .join('\n');
  const meetingsPart =
    meetings.items.length === 0
      ? `<p>${t.noMeetings}</p>`
      : table(
          'meetings-table',
          `${t.meetings} (${meetings.held})`,
          `<th scope="col">${t.date}</th><th scope="col">${t.meeting}</th><th scope="col">${t.place}</th><th scope="col" class="num">${t.attendance}</th><th scope="col" class="num">${t.topics}</th>`,
          meetingRows,
        );

  const priorityRows = priorities.items
    .map((p) => {
      const actions =
        p.actions.length === 0
          ? `<p>${t.noAction}</p>`
          : `<ul class="actions">${p.actions
              .map(
                (a) =>
                  `<li>${esc(pick(a.text, lang))} — ${esc(t.actionStatus[a.status] ?? a.status)}, ${esc(day(a.date, lang))}</li>`,
              )
              .join('')}</ul>`;
      const where = p.districtId === null ? '' : ` (${esc(district(p.districtId))})`;
      return `<tr><th scope="row">${esc(pick(p.issue, lang))}${where}<br><span class="note">${t.raisedOn} ${esc(day(p.issueDate, lang))}</span></th>
<td class="num">${p.concernCount}</td><td>${actions}</td></tr>`;
    })
    .join('\n');
  const prioritiesPart =
    priorities.items.length === 0
      ? `<p>${t.noPriorities}</p>`
      : table(
          'priorities-table',
          t.priorities,
          `<th scope="col">${t.issue}</th><th scope="col" class="num">${t.concerns}</th><th scope="col">${t.actions}</th>`,
          priorityRows,
        );

  const responsesPart =
    responses.figures.length === 0
      ? `<p>${t.noResponses}</p>`
      : `${table(
          'responses-table',
          t.responses,
          `<th scope="col">${t.service}</th><th scope="col">${t.quarter}</th><th scope="col" class="num">${t.received}</th><th scope="col">${t.firstAnswer}</th><th scope="col">${t.resolution}</th><th scope="col">${t.target}</th><th scope="col" class="num">${t.within}</th><th scope="col" class="num">${t.notResolved}</th>`,
          responses.figures.map((f) => responseRow(f, lang, t)).join('\n'),
        )}<p class="note">${esc(t.ncLegend(responses.minimum))}</p>`;

  const sources = report.sources
    .map(
      (s) =>
        `<li>${s.url === undefined || !isSafeUrl(s.url) ? esc(pick(s.title, lang)) : `<a href="${esc(s.url)}">${esc(pick(s.title, lang))}</a>`}${s.demo ? ` ${t.demoSource}` : ''}</li>`,
    )
    .join('\n');

  const status = report.period.complete
    ? `${t.generated} ${esc(day(report.generatedAt, lang))}.`
    : `${t.provisional} ${esc(day(report.generatedAt, lang))}.`;

  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${esc(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
<h1>${esc(title)}</h1>
<p class="meta">${esc(day(report.period.start, lang))} – ${esc(day(report.period.end, lang))}. ${status}</p>
<ul class="nav"><li><a href="${esc(links.otherLanguage)}" hreflang="${lang === 'en' ? 'fr' : 'en'}" lang="${lang === 'en' ? 'fr' : 'en'}">${t.other}</a></li><li><a href="${esc(links.json)}" type="application/json">${t.json}</a></li></ul>
<p class="note screen-only">${t.print}</p>
</header>
<main>
${report.demo ? `<p class="demo" role="note">${t.demo}</p>` : ''}
<section><h2 id="key">${t.keyTitle}</h2>
<dl class="key">
<div><dt>${t.kMeetings}</dt><dd>${meetings.held}</dd></div>
<div><dt>${t.kAttendance}</dt><dd>${meetings.attendance === null ? t.notCounted : meetings.attendance}</dd></div>
<div><dt>${t.kReceived}</dt><dd>${report.concerns.received}</dd></div>
<div><dt>${t.kResolved}</dt><dd>${report.concerns.resolved}</dd></div>
<div><dt>${t.kRaised}</dt><dd>${priorities.raised}</dd></div>
<div><dt>${t.kActions}</dt><dd>${priorities.actionsDone}</dd></div>
</dl></section>
<section><h2 id="activity">${t.activity}</h2>
<p class="note">${t.activityLead}</p>
${activity}
</section>
<section><h2 id="meetings">${t.meetings}</h2>
${meetingsPart}
</section>
<section><h2 id="priorities">${t.priorities}</h2>
${prioritiesPart}
</section>
<section><h2 id="responses">${t.responses}</h2>
${responsesPart}
<h3>${t.method}</h3>
<p class="note">${esc(pick(responses.method, lang))}</p>
</section>
<section><h2 id="sources">${t.sources}</h2>
<ul>
${sources}
</ul>
</section>
</main>
<footer><p>${t.footer}</p></footer>
</body>
</html>
`;
}
