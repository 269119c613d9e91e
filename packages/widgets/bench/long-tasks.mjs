// Long tasks of the widgets on a throttled CPU (4×, a mid-range phone), from Chromium's own trace:
// every task the page's main thread ran from the page's start (first renders) or from the
// interaction's start mark (other cases) to its end mark, with its wall time (what the resident
// waits for) and its thread time (the CPU it took, which the other processes of a loaded machine
// change less). A task over 50 ms is a "long task" (https://w3c.github.io/longtasks/).
//
// The bench pages are the current tree's (packages/widgets/bench/*.html); the bundles they load are
// those of each tree measured (this one, and a baseline commit's unpacked by scripts/baseline.mjs),
// so a "before" and an "after" of one figure come from the same run, taking turns.
//
//   node --conditions=source --import tsx packages/widgets/bench/long-tasks.mjs [--samples 3] [--baseline <dir>] [--only <regexp of case names>] [--explain]
//
// `--explain` prints, for each sample, what the longest task was made of: the trace's events inside
// it (script evaluation, function calls with their script and line, style, layout, paint), longest
// first, each with its own thread time — where to look when a task is over the line.
//
// (tsx: the rights content and the concern categories served to the widgets are @proximite/content's
// TypeScript sources.)
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { districts, makeCafes } from './cafes-data.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..', '..');

/**
 * The pages measured: a name, the page and its query, the User Timing name it ends with. A first
 * render counts every task from the page's start, unless the case says `fromStart: false` (its
 * start mark then comes before the page imports the bundle).
 */
export const CASES = [
  {
    name: 'calendar, first render, 60 cafés from the API (SDK validation included)',
    page: 'cafe-calendar.html',
    query: 'api=/api/60',
    mark: 'prox-cafe-calendar:first-render',
    // From the end of the host page's own script (its parsing and Intl warm-up are not the widget's)
    // until its first page of cafés is laid out and painted (the measure stops at the first café).
    marks: ['prox-cafe-calendar:page-ready', 'prox-cafe-calendar:complete'],
    fromStart: false,
  },
  {
    name: 'calendar, first render, 500 cafés from the API (SDK validation included)',
    page: 'cafe-calendar.html',
    query: 'api=/api/500',
    mark: 'prox-cafe-calendar:first-render',
    // From the end of the host page's own script (its parsing and Intl warm-up are not the widget's)
    // until its first page of cafés is laid out and painted (the measure stops at the first café).
    marks: ['prox-cafe-calendar:page-ready', 'prox-cafe-calendar:complete'],
    fromStart: false,
  },
  {
    name: 'calendar, « Voir plus » until all 60 cafés are listed',
    page: 'cafe-calendar.html',
    query: 'more',
    mark: 'prox-cafe-calendar:more',
  },
  {
    name: 'calendar, month view opened (lazy chunk included), 60 cafés',
    page: 'cafe-calendar.html',
    query: 'month',
    mark: 'prox-cafe-calendar:month-view',
  },
  {
    name: 'calendar, month view opened, 500 cafés',
    page: 'cafe-calendar.html',
    query: 'month&count=500',
    mark: 'prox-cafe-calendar:month-view',
  },
  {
    name: 'calendar, next month shown in the month view, 60 cafés',
    page: 'cafe-calendar.html',
    query: 'month&next',
    mark: 'prox-cafe-calendar:month-change',
  },
  {
    name: 'calendar, next month shown in the month view, 500 cafés',
    page: 'cafe-calendar.html',
    query: 'month&next&count=500',
    mark: 'prox-cafe-calendar:month-change',
  },
  {
    name: 'calendar, district chosen in the filter, 60 cafés',
    page: 'cafe-calendar.html',
    query: 'filter',
    mark: 'prox-cafe-calendar:filter',
  },
  {
    name: 'calendar, district chosen in the filter, 500 cafés',
    page: 'cafe-calendar.html',
    query: 'filter&count=500',
    mark: 'prox-cafe-calendar:filter',
  },
  {
    name: 'stats, first render, 10 years × 15 indicators',
    page: 'activity-stats.html',
    query: '',
    mark: 'prox-activity-stats:first-render',
    // This page marks its end under the widget's name, and the start of the tasks counted before it
    // imports the bundle (its own preparation, the dataset and Intl's locale data, comes before).
    // Its tasks are counted until every part of the first render is shown and painted (its
    // measure stays the time to the chart).
    marks: ['prox-activity-stats:bundle', 'prox-activity-stats:complete'],
    fromStart: false,
  },
  {
    name: 'stats, indicator changed, 10 years × 15 indicators',
    page: 'activity-stats.html',
    query: 'indicator',
    mark: 'prox-activity-stats:indicator',
  },
  {
    name: 'stats, data table opened, 10 years × 15 indicators',
    page: 'activity-stats.html',
    query: 'table',
    mark: 'prox-activity-stats:table',
  },
  {
    name: 'rights explainer, first render, French content from the API (SDK validation included)',
    page: 'rights-explainer.html',
    query: 'api=/api/0',
    mark: 'prox-rights-explainer:first-render',
    // Its start mark comes before the page imports the bundle, after the page's own work; its
    // tasks are counted until every part of the first render is shown and painted.
    marks: ['prox-rights-explainer:first-render:start', 'prox-rights-explainer:complete'],
    fromStart: false,
  },
  {
    name: 'rights explainer, « fouille » typed in the search (lazy stemmer included)',
    page: 'rights-explainer.html',
    query: 'api=/api/0&search',
    mark: 'prox-rights-explainer:search',
  },
  {
    name: 'concern form, first render, categories from the API (SDK validation included)',
    page: 'concern-form.html',
    query: 'api=/api/0',
    mark: 'prox-concern-form:first-render',
    // Its start mark comes before the page imports the bundle, after the page's own work; its
    // tasks are counted until every part of the first render is shown and painted.
    marks: ['prox-concern-form:first-render:start', 'prox-concern-form:complete'],
    fromStart: false,
  },
  {
    name: 'concern form, « Continuer » from the category to the next step',
    page: 'concern-form.html',
    query: 'api=/api/0&step',
    mark: 'prox-concern-form:step',
  },
  {
    // Issue 21's reference: the same 500 cafés, the same API answer, FullCalendar 6's list view (a
    // dev dependency of this bench only); its measure is from the calendar's creation to its first
    // event row, as the widget's first render is from its connection to its first café. Run once
    // (it does not depend on the bundles measured).
    name: 'FullCalendar 6 list view, first render, the same 500 cafés from the API (reference)',
    page: 'fullcalendar.html',
    query: 'api=/api/500',
    mark: 'fullcalendar:first-render',
    once: true,
  },
];

const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.css': 'text/css',
};

/** What `/api/<count>/v1/rights?lang=…` and `/v1/concern-categories` serve: @proximite/content's defaults. */
async function contentBody(resource, lang) {
  if (resource === 'rights') {
    const { rightsFor } = await import('@proximite/content/rights/index.js');
    return JSON.stringify(rightsFor(lang === 'en' ? 'en' : 'fr'));
  }
  const { defaultCategories } = await import('@proximite/content/categories.js');
  return JSON.stringify({ items: defaultCategories });
}

/**
 * One page of `/api/<count>/v1/cafes`, paged as the server pages `GET /v1/cafes`: `limit` (default
 * 50, at most 200), `cursor` the previous page's `nextCursor` (here an offset; the server's is
 * opaque too). Each page's JSON is made once (`pages`).
 */
function cafesPage(pages, count, query) {
  const limit = Math.min(Math.max(Number(query.get('limit') ?? 50) || 50, 1), 200);
  const offset = Math.max(Number(query.get('cursor') ?? 0) || 0, 0);
  const key = `${count}/${offset}/${limit}`;
  if (!pages.has(key)) {
    if (!pages.has(count)) pages.set(count, makeCafes(count));
    const items = pages.get(count).slice(offset, offset + limit);
    const nextCursor = offset + limit < count ? String(offset + limit) : null;
    pages.set(key, JSON.stringify({ items, nextCursor }));
  }
  return pages.get(key);
}

/**
 * Serves `/<tree>/packages/widgets/bench/…` from this tree, `/<tree>/bundles/…` from that tree's
 * bundles, and `/api/<count>/v1/cafes|districts|rights|concern-categories` as a backend would
 * answer the widgets' SDK.
 */
function startServer(trees) {
  const pages = new Map();
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const content = /^\/api\/\d+\/v1\/(rights|concern-categories)$/.exec(url.pathname);
    if (content) {
      response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(await contentBody(content[1], url.searchParams.get('lang')));
      return;
    }
    const api = /^\/api\/(\d+)\/v1\/(cafes|districts)$/.exec(url.pathname);
    if (api) {
      const body =
        api[2] === 'cafes'
          ? cafesPage(pages, Number(api[1]), url.searchParams)
          : JSON.stringify({ items: districts });
      response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(body);
      return;
    }
    const [, tree, ...rest] = url.pathname.split('/');
    // A tree's name may have spaces and parentheses (`before (e8f8f5e)`): the URL encodes them.
    const dir = trees.get(decodeURIComponent(tree ?? ''));
    const path = normalize(rest.join('/'));
    if (dir === undefined || path.startsWith('..')) {
      response.writeHead(404).end();
      return;
    }
    const file = path.startsWith('bundles/') ? join(dir, path) : join(root, path);
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${server.address().port}` }),
    ),
  );
}

/** The tasks of the page's main thread within the measured window, from a Chromium trace. */
function tasksOf(trace, [startMark, endMark], fromStart) {
  const events = trace.traceEvents ?? trace;
  const end = events.find((e) => e.name === endMark);
  if (end === undefined) throw new Error(`no ${endMark} in the trace`);
  const start = events.find((e) => e.name === startMark);
  const main = (e) => e.pid === end.pid && e.tid === end.tid;
  const tasks = events.filter((e) => e.ph === 'X' && e.name === 'RunTask' && main(e));
  const from = fromStart ? Math.min(...tasks.map((t) => t.ts)) : (start?.ts ?? 0);
  // The task the start mark is in counts from the mark on (its earlier part belongs to what came
  // before the interaction), its thread time in proportion.
  return tasks
    .filter((t) => t.ts + t.dur >= from && t.ts <= end.ts)
    .map((t) => {
      const share = t.ts >= from || t.dur === 0 ? 1 : (t.ts + t.dur - from) / t.dur;
      return { wall: (t.dur * share) / 1000, thread: ((t.tdur ?? 0) * share) / 1000, event: t };
    });
}

/**
 * What the longest task was made of: its direct children in the trace (script evaluation, function
 * calls with their script, style, layout, paint…), summed by kind, longest first, and the thread time
 * no child accounts for (the task's own work: microtasks, garbage collection, the parser).
 */
function explainTask(trace, task) {
  const events = trace.traceEvents ?? trace;
  const end = (e) => e.ts + (e.dur ?? 0);
  const inside = events
    .filter((e) => e.ph === 'X' && e !== task && e.pid === task.pid && e.tid === task.tid)
    .filter((e) => e.ts >= task.ts && end(e) <= end(task))
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const children = [];
  for (const e of inside) {
    const last = children.at(-1);
    if (last === undefined || e.ts >= end(last)) children.push(e);
  }
  const label = (e) => {
    const d = e.args?.data ?? e.args?.beginData ?? {};
    const where = d.url ? ` ${String(d.url).split('/').slice(-2).join('/')}` : '';
    const fn = d.functionName ? ` ${d.functionName}` : '';
    const type = d.type ? ` (${d.type})` : '';
    return `${e.name}${type}${fn}${where}`;
  };
  const sums = new Map();
  for (const e of children) {
    const k = label(e);
    const s = sums.get(k) ?? { thread: 0, count: 0 };
    s.thread += (e.tdur ?? e.dur) / 1000;
    s.count += 1;
    sums.set(k, s);
  }
  const accounted = [...sums.values()].reduce((a, s) => a + s.thread, 0);
  return [
    ...[...sums]
      .sort((a, b) => b[1].thread - a[1].thread)
      .slice(0, 20)
      .map(([k, s]) => `    ${s.thread.toFixed(1).padStart(6)} ms thread  ×${s.count}  ${k}`),
    `    ${((task.tdur ?? task.dur) / 1000 - accounted).toFixed(1).padStart(6)} ms thread  in the task itself`,
  ];
}

/** One page load of `c` with the bundles of `tree`: its tasks and its measure. */
async function sample(browser, base, tree, c, explain = false) {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await browser.startTracing(page, {
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'],
    });
    const query = c.query.replace(/api=\//, `api=${base}/`);
    await page.goto(`${base}/${tree}/packages/widgets/bench/${c.page}${query ? `?${query}` : ''}`);
    // Waits in the page's own world through CDP: Playwright's waitForFunction would inject its
    // selector engine, a task of 40–70 ms at 4× inside the measured window that is not the widget's.
    await cdp.send('Runtime.evaluate', {
      expression: `new Promise((resolve, reject) => {
        const end = Date.now() + 300000;
        (function check() {
          if (window.tachometerResult !== undefined || window.benchError) resolve(true);
          else if (Date.now() > end) reject(new Error('the bench page did not finish'));
          else setTimeout(check, 100);
        })();
      })`,
      awaitPromise: true,
    });
    const failed = await page.evaluate(() => window.benchError);
    if (failed) throw new Error(`${c.name} (${tree}): ${failed}`);
    const measure = await page.evaluate(() => window.tachometerResult);
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
    const marks = c.marks ?? [`${c.mark}:start`, `${c.mark}:end`];
    const tasks = tasksOf(trace, marks, c.fromStart ?? c.mark.endsWith(':first-render'));
    if (explain && tasks.length > 0) {
      const longest = tasks.reduce((a, b) => (b.thread > a.thread ? b : a));
      console.error(
        [
          `  longest task of ${c.name} (${tree}): ${longest.thread.toFixed(1)} ms thread`,
          ...explainTask(trace, longest.event),
        ].join('\n'),
      );
    }
    return {
      measure,
      longestWall: Math.max(0, ...tasks.map((t) => t.wall)),
      longestThread: Math.max(0, ...tasks.map((t) => t.thread)),
      over50: tasks.filter((t) => t.wall > 50).length,
    };
  } finally {
    await context.close();
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Runs every case on every tree (`trees`: version → the directory holding its `bundles/`), the trees
 * taking turns sample after sample. Returns one row per case and tree, medians of the samples.
 */
export async function runLongTasks({
  trees,
  samples = 3,
  cases = CASES,
  log = () => undefined,
  explain = false,
}) {
  const { server, url } = await startServer(new Map(Object.entries(trees)));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const rows = [];
  try {
    for (const c of cases) {
      // A reference case (`once`) does not load the bundles measured: the first tree's page only.
      const names = c.once ? Object.keys(trees).slice(0, 1) : Object.keys(trees);
      const results = Object.fromEntries(names.map((t) => [t, []]));
      for (let s = 0; s < samples; s++)
        for (const tree of names) {
          log(`long tasks: ${c.name} — ${tree} (${s + 1}/${samples})…`);
          results[tree].push(await sample(browser, url, tree, c, explain));
        }
      for (const tree of names) {
        const rs = results[tree];
        log(`long tasks: ${c.name} — ${tree}: ${JSON.stringify(rs)}`);
        rows.push({
          case: c.name,
          tree,
          measure: median(rs.map((r) => r.measure)),
          longestWall: median(rs.map((r) => r.longestWall)),
          longestThread: median(rs.map((r) => r.longestThread)),
          over50: median(rs.map((r) => r.over50)),
        });
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  return rows;
}

/**
 * Issue 21's « first café visible in at most one third of FullCalendar's list view time »: the
 * widget's first render of 500 cafés from the API beside FullCalendar's on the same answer, per tree.
 */
export function firstCafeComparison(rows) {
  const reference = rows.find((r) => r.case.startsWith('FullCalendar'));
  const ours = rows.filter((r) => r.case.startsWith('calendar, first render, 500 cafés'));
  if (reference === undefined || ours.length === 0) return '';
  const parts = ours.map((r) => {
    const ratio = r.measure / reference.measure;
    return `${r.tree}: ${r.measure.toFixed(0)} ms, ${ratio.toFixed(2)}× (${ratio <= 1 / 3 ? 'met' : 'NOT met'})`;
  });
  return (
    `First café visible, 500 cafés from the API, beside FullCalendar 6's list view on the same answer ` +
    `(${reference.measure.toFixed(0)} ms; goal ≤ 0.33×): ${parts.join('; ')}.`
  );
}

/** A Markdown table of the rows. */
export function formatLongTasks(rows) {
  const ms = (n) => n.toFixed(0);
  return [
    '| case | bundles | measure (ms) | longest task, wall (ms) | longest task, thread (ms) | tasks > 50 ms |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.case} | ${r.tree} | ${ms(r.measure)} | ${ms(r.longestWall)} | ${ms(r.longestThread)} | ${r.over50} |`,
    ),
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name) => {
    const i = process.argv.indexOf(`--${name}`);
    return i === -1 ? undefined : process.argv[i + 1];
  };
  const trees = { after: root };
  if (arg('baseline')) trees.before = arg('baseline');
  const only = arg('only');
  const rows = await runLongTasks({
    trees,
    samples: Number(arg('samples') ?? 3),
    cases: only ? CASES.filter((c) => new RegExp(only).test(c.name)) : CASES,
    log: (line) => console.error(line),
    explain: process.argv.includes('--explain'),
  });
  console.log(formatLongTasks(rows));
}
