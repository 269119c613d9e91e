/**
 * Public reports sub-app: `GET /v1/reports/{period}` (JSON) and `GET /v1/reports/{period}.html`
 * (a page that prints on A4) — the « compte rendu public d'activité » of a year or a quarter.
 */
import { PublicReportQuery, REPORT_PERIOD_PATTERN } from '@proximite/contract';
import { Hono } from 'hono';
import { AppError } from '../errors.js';
import { renderReportHtml, REPORT_CSP } from '../report-html.js';
import { listActivityCounters, listDistricts } from '../store/content.js';
import { buildPublicReport } from '../store/reports.js';
import { localDay } from '../store/response-times.js';
import { getStatsDataset } from '../store/stats.js';
import { cachedPublic } from './cache.js';
import type { ResponseCache } from './cache.js';
import type { AppDeps } from './context.js';
import type { AppEnv } from './env.js';
import { statsFor } from './public.js';
import { baseUrl, jsonBody, lang } from './shared.js';
import { parseQuery } from './validate.js';

const NOT_A_PERIOD =
  'Not a report period (a year such as 2026, or a quarter such as 2026-Q3), or one that has not started.';

export function reportsApp(deps: AppDeps, cache: ResponseCache): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // The report says whether its period is over and when it was produced: it changes with the day.
  const today = () => localDay(deps.clock());

  app.get('/v1/reports/:period', async (c) => {
    const raw = c.req.param('period');
    const html = raw.endsWith('.html');
    const period = html ? raw.slice(0, -'.html'.length) : raw;
    const q = parseQuery(c, PublicReportQuery);
    if (!REPORT_PERIOD_PATTERN.test(period)) throw new AppError('notFound', NOT_A_PERIOD);
    const l = lang(q.lang);
    return cachedPublic(
      c,
      deps,
      cache,
      ['cafes', 'priorities', 'stats', 'responses'],
      async () => {
        const dataset = (await getStatsDataset(deps.db, deps.stats.area.code)) ?? deps.stats;
        const city = statsFor(dataset, await listActivityCounters(deps.db, dataset.area.code), {});
        const report = await buildPublicReport(deps.db, period, city, deps.clock());
        if (report === undefined) throw new AppError('notFound', NOT_A_PERIOD);
        if (!html) return jsonBody(report);
        const names = new Map((await listDistricts(deps.db, l)).map((d) => [d.id, d.name]));
        const self = `${baseUrl(deps, c)}/v1/reports/${period}`;
        return {
          body: renderReportHtml(report, l, {
            otherLanguage: `${self}.html${l === 'fr' ? '?lang=en' : ''}`,
            json: self,
            districtName: (id) => names.get(id),
          }),
          contentType: 'text/html; charset=utf-8',
        };
      },
      {
        extraKey: today,
        headers: html ? { 'Content-Security-Policy': REPORT_CSP, 'Content-Language': l } : {},
      },
    );
  });

  return app;
}
