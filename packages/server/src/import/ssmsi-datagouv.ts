/**
 * `proximite import-ssmsi data.gouv --area 80021`: one area's rows of the SSMSI recorded-crime base
 * read from data.gouv.fr, without downloading the whole file (the commune file is 40 MB gzipped,
 * 5 million rows; one commune is about 150 of them).
 *
 * - The dataset « Bases statistiques communale, départementale et régionale de la délinquance
 *   enregistrée par la police et la gendarmerie nationales » (SSMSI, Licence Ouverte 2.0) is
 *   `621df2954fa5a3b5a023e23c`. Its resources' ids change with every release, so the current file
 *   is found through the dataset API (https://www.data.gouv.fr/api/1/datasets/{id}/): the commune
 *   file is `donnee-data.gouv-…`, the département file `donnee-dep-data.gouv-…`, the région file
 *   `donnee-reg-data.gouv-…`; the newest of its level is taken.
 * - The rows come from data.gouv.fr's tabular API (https://tabular-api.data.gouv.fr/api/, no key):
 *   `GET resources/{rid}/profile/` gives the file's header, then
 *   `GET resources/{rid}/data/?{code column}__exact={area}&page_size=50` its rows, pages followed
 *   through `links.next`. Each row is a JSON object whose keys are the file's columns.
 *
 * The rows are written back as the file's own lines (`;`, quoted, decimal comma, `NA`) and read by
 * the same `SsmsiReader` as a downloaded file, so both paths give the same dataset.
 */
import { SsmsiImportError, SsmsiReader, buildStatsDataset } from '@proximite/content/stats/index.js';
import type { StatsDataset } from '@proximite/contract';
import { AREA_CODE, type SsmsiFileOptions } from './ssmsi.js';

/** The SSMSI dataset on data.gouv.fr (its API page). */
export const SSMSI_DATASET_API = 'https://www.data.gouv.fr/api/1/datasets/621df2954fa5a3b5a023e23c/';
/** data.gouv.fr's tabular API. */
export const TABULAR_API = 'https://tabular-api.data.gouv.fr/api/';

export interface DataGouvOptions extends SsmsiFileOptions {
  /** The dataset's API URL (default `SSMSI_DATASET_API`). */
  datasetUrl?: string;
  /** The tabular API's base URL (default `TABULAR_API`). */
  tabularUrl?: string;
  /** A resource id to read instead of the newest file of the area's level. */
  resourceId?: string;
  /** Stop after this many pages (a guard against a runaway `next`; default 50, i.e. 10,000 rows). */
  maxPages?: number;
  fetch?: typeof fetch;
}

interface DataGouvResource {
  id: string;
  title?: string;
  url?: string;
  format?: string;
  last_modified?: string;
}

interface TabularPage {
  data: Record<string, unknown>[];
  links?: { next?: string | null };
}

/** The tabular API's largest page (`PAGE_SIZE_MAX` of datagouv/api-tabular). */
const PAGE_SIZE = 50;
/** The official file name of each level's resource (the commune file has no level in its name). */
const FILE_NAMES = {
  commune: /^donnee-data\.gouv-.*\.csv(?:\.gz)?$/,
  departement: /^donnee-dep-data\.gouv-.*\.csv(?:\.gz)?$/,
  region: /^donnee-reg-data\.gouv-.*\.csv(?:\.gz)?$/,
} as const;
/** The columns holding the area's code, by layout (commune files: `CODGEO_<geography year>`). */
const CODE_COLUMN = /^(?:CODGEO_\d{4}|Code_departement|Code_region)$/;

const fileName = (url: string | undefined) => {
  try {
    return url ? decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '') : '';
  } catch {
    return '';
  }
};

/** The level of an INSEE code as the SSMSI files split them: 5 characters are a commune. */
function levelOf(area: string): keyof typeof FILE_NAMES {
  if (area.length === 5) return 'commune';
  if (area.length <= 3) return 'departement';
  return 'region';
}

async function getJson<T>(fetcher: typeof fetch, url: string, what: string): Promise<T> {
  let response: Response;
  try {
    response = await fetcher(url, { headers: { accept: 'application/json' } });
  } catch (error) {
    throw new SsmsiImportError(
      'AREA_NOT_FOUND',
      `${what}: cannot reach ${new URL(url).host} (${(error as Error).message}); import a downloaded file instead`,
    );
  }
  if (!response.ok)
    throw new SsmsiImportError('AREA_NOT_FOUND', `${what}: ${url} answered ${response.status}`);
  return (await response.json()) as T;
}

/** The newest resource of the area's level in the dataset, with its official file name. */
export async function findSsmsiResource(
  area: string,
  options: Pick<DataGouvOptions, 'datasetUrl' | 'fetch'> = {},
): Promise<{ id: string; name: string }> {
  const fetcher = options.fetch ?? fetch;
  const dataset = await getJson<{ resources?: DataGouvResource[] }>(
    fetcher,
    options.datasetUrl ?? SSMSI_DATASET_API,
    'the SSMSI dataset',
  );
  const pattern = FILE_NAMES[levelOf(area)];
  const found = (dataset.resources ?? [])
    .map((r) => ({ ...r, name: fileName(r.url) }))
    .filter((r) => typeof r.id === 'string' && pattern.test(r.name))
    .sort((a, b) => (b.last_modified ?? '').localeCompare(a.last_modified ?? ''));
  const newest = found[0];
  if (newest === undefined)
    throw new SsmsiImportError(
      'AREA_NOT_FOUND',
      `the SSMSI dataset has no ${levelOf(area)} file (names like ${pattern.source})`,
    );
  return { id: newest.id, name: newest.name };
}

/** A value of the tabular API written as the file writes it. */
function cell(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'NA';
  if (typeof value === 'number') return `"${String(value).replace('.', ',')}"`;
  return `"${String(value).replace(/"/g, '""')}"`;
}

/** Reads one area's rows through the tabular API and returns its StatsDataset. */
export async function fetchSsmsiArea(options: DataGouvOptions): Promise<StatsDataset> {
  const { area } = options;
  if (!AREA_CODE.test(area) || area === 'FR')
    throw new RangeError(`--area expects an INSEE code (80021, 80, 32), got "${area}"`);
  const fetcher = options.fetch ?? fetch;
  const resource =
    options.resourceId !== undefined
      ? { id: options.resourceId, name: '' }
      : await findSsmsiResource(area, options);
  const base = new URL(options.tabularUrl ?? TABULAR_API);
  const data = new URL(`resources/${encodeURIComponent(resource.id)}/data/`, base);

  // The code column is named after the geography year: read the header first.
  const profile = await getJson<{ profile?: { header?: unknown } }>(
    fetcher,
    new URL(`resources/${encodeURIComponent(resource.id)}/profile/`, base).href,
    'the tabular API',
  );
  const header = profile.profile?.header;
  const columns = Array.isArray(header) ? header.filter((c): c is string => typeof c === 'string') : [];
  const codeColumn = columns.find((c) => CODE_COLUMN.test(c));
  if (codeColumn === undefined)
    throw new SsmsiImportError('AREA_NOT_FOUND', `resource ${resource.id} has no area code column`);

  const reader = new SsmsiReader(area);
  reader.push(columns.map((c) => `"${c}"`).join(';'));
  const width = levelOf(area) === 'commune' ? 5 : 2;
  let next: string | null | undefined =
    `${data.href}?${encodeURIComponent(`${codeColumn}__exact`)}=${encodeURIComponent(area)}&page_size=${PAGE_SIZE}`;
  for (let page = 0; next; page += 1) {
    if (page >= (options.maxPages ?? 50))
      throw new SsmsiImportError('AREA_NOT_FOUND', `more than ${page} pages for area ${area}: stopped`);
    const answer: TabularPage = await getJson<TabularPage>(fetcher, next, 'the tabular API');
    for (const row of answer.data) {
      reader.push(
        columns
          // The API may type a code as a number: give it back its leading zeros.
          .map((c) =>
            c === codeColumn && typeof row[c] === 'number'
              ? cell(String(row[c]).padStart(width, '0'))
              : cell(row[c]),
          )
          .join(';'),
      );
    }
    next = answer.links?.next;
  }
  const rows = reader.rows();
  if (rows.length === 0)
    throw new SsmsiImportError('AREA_NOT_FOUND', `no rows for area ${area} in ${resource.id}`);
  const {
    area: code,
    datasetUrl: _d,
    tabularUrl: _t,
    resourceId: _r,
    maxPages: _m,
    fetch: _f,
    ...rest
  } = options;
  return buildStatsDataset(reader.header!, rows, {
    ...rest,
    code,
    dataset: {
      ...(resource.name !== '' && { resource: resource.name }),
      retrievedAt: new Date().toISOString(),
      ...rest.dataset,
    },
  });
}
