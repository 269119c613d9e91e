/**
 * Importer of the official SSMSI files « Bases statistiques communale, départementale et régionale
 * de la délinquance enregistrée » (data.gouv.fr, Licence Ouverte 2.0) into the contract's
 * StatsDataset. Pure: text (or lines) in, data out; no I/O.
 *
 * Both column layouts are read:
 * - current (July 2025 on): `CODGEO_<year>` | `Code_departement` [`Code_region`] | `Code_region`,
 *   `annee`, `indicateur`, `unite_de_compte`, `nombre`, `taux_pour_mille`, `est_diffuse`,
 *   `insee_pop`, `insee_pop_millesime`, `insee_log`, `insee_log_millesime`,
 *   `complement_info_nombre`, `complement_info_taux`;
 * - pre-2025: `CODGEO_2024`, `annee` (2 digits), `classe`, `unité.de.compte`, `valeur.publiée`,
 *   `faits`, `tauxpourmille`, `complementinfoval`, `complementinfotaux`, `POP`, `millPOP`, `LOG`,
 *   `millLOG` (département files: `Code.département`, `Code.région`).
 *
 * `;` separator (`,` accepted when the header has no `;`), optional double quotes, decimal comma,
 * `NA` for a missing value, an optional UTF-8 BOM, LF or CRLF line endings.
 *
 * Statistical secrecy: an `ndiff` row becomes `published: false, count: null, rate: null,
 * suppression: 'ndiff'`. The `complement_info_*` columns (the mean of the département's unpublished
 * communes) are never read: they are not the area's value.
 */
import type { StatsArea, StatsDataset, StatsPoint, StatsSeries } from '@proximite/contract';

type Caveat = StatsDataset['caveats'][number];
import {
  VIOLENCE_INDICATORS,
  findIndicator,
  fold,
  indicatorOrder,
  normalizeUnit,
  slugify,
} from './indicators.js';

export type SsmsiLayout = 'current' | 'pre-2025';
export type SsmsiLevel = 'commune' | 'departement' | 'region';

export type SsmsiErrorCode =
  | 'EMPTY_FILE'
  | 'UNKNOWN_LAYOUT'
  | 'MISSING_COLUMNS'
  | 'BAD_ROW'
  | 'BAD_NUMBER'
  | 'BAD_YEAR'
  | 'BAD_FLAG'
  | 'UNTERMINATED_QUOTE'
  | 'DUPLICATE_ROW'
  | 'AREA_REQUIRED'
  | 'AREA_NOT_FOUND'
  | 'MISSING_EDITION';

/** A malformed or unusable file. `line` is 1-based (the header is line 1); `column` is the header name. */
export class SsmsiImportError extends Error {
  override readonly name = 'SsmsiImportError';
  constructor(
    readonly code: SsmsiErrorCode,
    message: string,
    readonly line?: number,
    readonly column?: string,
  ) {
    super(line === undefined ? message : `line ${line}${column ? `, column ${column}` : ''}: ${message}`);
  }
}

/** One row of an SSMSI file, read and typed. */
export interface SsmsiRow {
  line: number;
  /** INSEE code of the commune, département or région. */
  code: string;
  year: number;
  /** The official label (`indicateur`, or `classe` in pre-2025 files). */
  indicator: string;
  /** The official unit of count (`unite_de_compte`). */
  unit: string;
  published: boolean;
  count: number | null;
  /** Per 1,000 residents, or dwellings for burglaries. */
  rate: number | null;
  population: number | null;
  populationVintage: number | null;
  dwellings: number | null;
  dwellingsVintage: number | null;
}

export interface SsmsiHeader {
  layout: SsmsiLayout;
  level: SsmsiLevel;
  /** The `<year>` of `CODGEO_<year>`: the geography (COG) the commune codes follow. */
  geographyVintage: number | null;
  separator: ';' | ',';
  columns: string[];
}

/** What the caller knows that the file does not say. Every field has a documented default. */
export interface SsmsiImportOptions {
  /** The area to keep (INSEE code). Required when the file holds several areas. */
  code?: string;
  /** The area's name (the files carry codes only). Default: the code. */
  name?: string;
  /** Areas the widget should compare this one with (their series come through `comparisons`). */
  compareWith?: StatsArea['compareWith'];
  /** Police zone (`zone_competence` ZPN/ZGN) if known. */
  zoneCompetence?: string | null;
  /** Keep only these indicator ids (kebab-case). Default: all. */
  indicators?: readonly string[];
  from?: number;
  to?: number;
  /** Years whose figures may still be revised (the January edition's last year). Default: none. */
  provisionalYears?: readonly number[];
  dataset?: {
    /**
     * Publisher's release date of the file (ISO date). Default: the `produit-le<date>` part of
     * `resource` (the official file names carry it); an error if neither is given.
     */
    edition?: string;
    /** The file name or URL the figures were read from. */
    resource?: string;
    /** When the file was downloaded (ISO date-time). */
    retrievedAt?: string;
    /** Overrides the département/région files' geography year (they have no `CODGEO_<year>`). */
    geographyVintage?: number | null;
    page?: string;
    publisher?: string;
    id?: string;
    licence?: { id: string; url: string };
  };
}

export const SSMSI_DATASET_PAGE = 'https://www.data.gouv.fr/datasets/621df2954fa5a3b5a023e23c';
export const SSMSI_PUBLISHER = "SSMSI – Ministère de l'Intérieur";
export const LICENCE_OUVERTE_2 = {
  id: 'lov2',
  url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence',
};

// ---------------------------------------------------------------------------
// CSV

/** Splits one CSV line; fields may be double-quoted (`""` is a quote inside a quoted field). */
export function splitCsvLine(text: string, separator: string, line: number): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (text[i] === '"') {
      let value = '';
      i += 1;
      for (;;) {
        const close = text.indexOf('"', i);
        if (close === -1)
          throw new SsmsiImportError('UNTERMINATED_QUOTE', 'a quoted field is not closed', line);
        value += text.slice(i, close);
        if (text[close + 1] === '"') {
          value += '"';
          i = close + 2;
        } else {
          i = close + 1;
          break;
        }
      }
      fields.push(value);
      if (i === text.length) return fields;
      if (text[i] !== separator)
        throw new SsmsiImportError(
          'BAD_ROW',
          `unexpected text after a quoted field: ${JSON.stringify(text.slice(i, i + 20))}`,
          line,
        );
      i += 1;
    } else {
      const end = text.indexOf(separator, i);
      if (end === -1) {
        fields.push(text.slice(i));
        return fields;
      }
      fields.push(text.slice(i, end));
      i = end + 1;
    }
  }
}

/** `1 192`, `3,85`, `NA`, `` → number | null; anything else throws with the line and column. */
export function parseFrenchNumber(raw: string, line: number, column: string): number | null {
  const value = raw.trim();
  if (value === '' || value === 'NA' || value === 'NaN') return null;
  const normalized = value.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!/^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/.test(normalized))
    throw new SsmsiImportError('BAD_NUMBER', `not a number: ${JSON.stringify(raw)}`, line, column);
  return Number(normalized);
}

function parseYear(raw: string, line: number, column: string): number {
  const value = raw.trim();
  if (/^\d{4}$/.test(value)) return Number(value);
  // Pre-2025 files write 2-digit years (`16` for 2016).
  if (/^\d{2}$/.test(value)) return 2000 + Number(value);
  throw new SsmsiImportError('BAD_YEAR', `not a year: ${JSON.stringify(raw)}`, line, column);
}

function parseVintage(raw: string | undefined, line: number, column: string): number | null {
  if (raw === undefined) return null;
  const value = raw.trim();
  if (value === '' || value === 'NA') return null;
  return parseYear(value, line, column);
}

// ---------------------------------------------------------------------------
// Header

/** `unité.de.compte` → `unite_de_compte`, `Code.département` → `code_departement`. */
function columnKey(name: string): string {
  return fold(name)
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

interface ColumnMap {
  code: number;
  year: number;
  indicator: number;
  unit: number;
  count: number;
  rate: number;
  flag: number | undefined;
  population: number | undefined;
  populationVintage: number | undefined;
  dwellings: number | undefined;
  dwellingsVintage: number | undefined;
}

interface ParsedHeader extends SsmsiHeader {
  map: ColumnMap;
}

function readHeader(raw: string): ParsedHeader {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (text.trim() === '') throw new SsmsiImportError('EMPTY_FILE', 'the file is empty', 1);
  const separator = text.includes(';') ? ';' : ',';
  const columns = splitCsvLine(text, separator, 1).map((c) => c.trim());
  const keys = columns.map(columnKey);
  const index = (...names: string[]): number | undefined => {
    for (const name of names) {
      const i = keys.indexOf(name);
      if (i !== -1) return i;
    }
    return undefined;
  };

  const layout: SsmsiLayout | undefined =
    index('indicateur') !== undefined
      ? 'current'
      : index('classe') !== undefined && index('faits') !== undefined
        ? 'pre-2025'
        : undefined;
  if (!layout)
    throw new SsmsiImportError(
      'UNKNOWN_LAYOUT',
      `not an SSMSI file: expected an "indicateur" column (current layout) or "classe" and "faits" (pre-2025 layout); found ${columns.join(', ')}`,
      1,
    );

  let level: SsmsiLevel;
  let code: number | undefined;
  let geographyVintage: number | null = null;
  const codgeo = keys.findIndex((k) => /^codgeo(?:_\d{4})?$/.test(k));
  if (codgeo !== -1) {
    level = 'commune';
    code = codgeo;
    const year = /_(\d{4})$/.exec(keys[codgeo] ?? '')?.[1];
    geographyVintage = year ? Number(year) : null;
  } else if ((code = index('code_departement')) !== undefined) {
    level = 'departement';
  } else if ((code = index('code_region')) !== undefined) {
    level = 'region';
  } else {
    throw new SsmsiImportError(
      'MISSING_COLUMNS',
      'missing the area code column: CODGEO_<year>, Code_departement or Code_region',
      1,
    );
  }

  const names =
    layout === 'current'
      ? {
          indicator: 'indicateur',
          count: 'nombre',
          rate: 'taux_pour_mille',
          flag: 'est_diffuse',
          population: 'insee_pop',
          populationVintage: 'insee_pop_millesime',
          dwellings: 'insee_log',
          dwellingsVintage: 'insee_log_millesime',
        }
      : {
          indicator: 'classe',
          count: 'faits',
          rate: 'tauxpourmille',
          flag: 'valeur_publiee',
          population: 'pop',
          populationVintage: 'millpop',
          dwellings: 'log',
          dwellingsVintage: 'milllog',
        };
  const required = {
    year: 'annee',
    indicator: names.indicator,
    unit: 'unite_de_compte',
    count: names.count,
    rate: names.rate,
  };
  const missing = Object.values(required).filter((name) => index(name) === undefined);
  // Commune files must say which values are secret; département and région files publish everything.
  if (level === 'commune' && index(names.flag) === undefined) missing.push(names.flag);
  if (missing.length)
    throw new SsmsiImportError(
      'MISSING_COLUMNS',
      `missing column(s) of the ${layout} layout: ${missing.join(', ')}`,
      1,
    );

  const map: ColumnMap = {
    code,
    year: index('annee')!,
    indicator: index(names.indicator)!,
    unit: index('unite_de_compte')!,
    count: index(names.count)!,
    rate: index(names.rate)!,
    flag: index(names.flag),
    population: index(names.population),
    populationVintage: index(names.populationVintage),
    dwellings: index(names.dwellings),
    dwellingsVintage: index(names.dwellingsVintage),
  };
  return { layout, level, geographyVintage, separator, columns, map };
}

// ---------------------------------------------------------------------------
// Rows

function readRow(header: ParsedHeader, text: string, line: number): SsmsiRow {
  const fields = splitCsvLine(text, header.separator, line);
  if (fields.length !== header.columns.length)
    throw new SsmsiImportError(
      'BAD_ROW',
      `expected ${header.columns.length} fields, found ${fields.length}`,
      line,
    );
  const { map, columns } = header;
  const at = (i: number) => fields[i] ?? '';
  const num = (i: number | undefined) =>
    i === undefined ? null : parseFrenchNumber(at(i), line, columns[i]!);

  let published = true;
  if (map.flag !== undefined) {
    const flag = at(map.flag).trim().toLowerCase();
    if (flag === 'ndiff') published = false;
    else if (flag !== 'diff')
      throw new SsmsiImportError(
        'BAD_FLAG',
        `expected "diff" or "ndiff", found ${JSON.stringify(at(map.flag))}`,
        line,
        columns[map.flag],
      );
  }
  const count = published ? num(map.count) : null;
  const rate = published ? num(map.rate) : null;
  if (published && count === null)
    throw new SsmsiImportError('BAD_NUMBER', 'a published row has no count', line, columns[map.count]);
  const indicator = at(map.indicator).trim();
  if (indicator === '')
    throw new SsmsiImportError('BAD_ROW', 'the indicator is empty', line, columns[map.indicator]);

  return {
    line,
    code: at(map.code).trim(),
    year: parseYear(at(map.year), line, columns[map.year]!),
    indicator,
    unit: at(map.unit).trim(),
    published,
    count,
    rate,
    population: num(map.population),
    populationVintage:
      map.populationVintage === undefined
        ? null
        : parseVintage(at(map.populationVintage), line, columns[map.populationVintage]!),
    dwellings: num(map.dwellings),
    dwellingsVintage:
      map.dwellingsVintage === undefined
        ? null
        : parseVintage(at(map.dwellingsVintage), line, columns[map.dwellingsVintage]!),
  };
}

/**
 * A line-by-line reader, for files too large to hold as one string (the commune file is ~5 million
 * rows): feed it the lines in order, then call `rows()`. With `code`, other areas' rows are skipped
 * before they are parsed.
 */
export class SsmsiReader {
  header: SsmsiHeader | undefined;
  private parsed: ParsedHeader | undefined;
  private line = 0;
  private readonly kept: SsmsiRow[] = [];
  private readonly codes = new Set<string>();
  private readonly prefixes: string[];

  constructor(private readonly code?: string) {
    this.prefixes = code === undefined ? [] : [`${code};`, `"${code}";`, `${code},`, `"${code}",`];
  }

  /** Reads the next line of the file (without its line ending; a trailing `\r` is removed). */
  push(rawLine: string): void {
    this.line += 1;
    const text = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (!this.parsed) {
      this.parsed = readHeader(text);
      const { layout, level, geographyVintage, separator, columns } = this.parsed;
      this.header = { layout, level, geographyVintage, separator, columns };
      return;
    }
    if (text.trim() === '') return;
    // Fast path for the big commune file: the code is the first column.
    if (
      this.code !== undefined &&
      this.parsed.map.code === 0 &&
      !this.prefixes.some((p) => text.startsWith(p))
    ) {
      this.codes.add(text.slice(0, text.indexOf(this.parsed.separator)).replace(/"/g, ''));
      return;
    }
    const row = readRow(this.parsed, text, this.line);
    this.codes.add(row.code);
    if (this.code === undefined || row.code === this.code) this.kept.push(row);
  }

  /** The rows read (of the selected area if a code was given). Throws on an empty file. */
  rows(): SsmsiRow[] {
    if (!this.parsed) throw new SsmsiImportError('EMPTY_FILE', 'the file is empty', 1);
    return this.kept;
  }

  /** Every area code met, including those skipped. */
  areaCodes(): string[] {
    return [...this.codes];
  }
}

function* lines(text: string): Generator<string> {
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    if (end === -1) {
      if (start < text.length) yield text.slice(start);
      return;
    }
    yield text.slice(start, end);
    start = end + 1;
  }
}

/** Reads a whole file (string) or its lines into typed rows, without choosing an area. */
export function parseSsmsiCsv(
  input: string | Iterable<string>,
  code?: string,
): { header: SsmsiHeader; rows: SsmsiRow[]; areaCodes: string[] } {
  const reader = new SsmsiReader(code);
  for (const line of typeof input === 'string' ? lines(input) : input) reader.push(line);
  const rows = reader.rows();
  return { header: reader.header!, rows, areaCodes: reader.areaCodes() };
}

// ---------------------------------------------------------------------------
// Dataset

const point = (row: SsmsiRow, provisional: boolean): StatsPoint => {
  const p: StatsPoint = row.published
    ? { year: row.year, count: row.count, rate: row.rate, published: true, suppression: null }
    : { year: row.year, count: null, rate: null, published: false, suppression: 'ndiff' };
  if (provisional) p.provisional = true;
  return p;
};

/** Turns the rows of one area into a StatsDataset (see {@link importSsmsiCsv} for the options). */
export function buildStatsDataset(
  header: Pick<SsmsiHeader, 'level' | 'geographyVintage'>,
  rows: readonly SsmsiRow[],
  options: SsmsiImportOptions = {},
): StatsDataset {
  const codes = [...new Set(rows.map((r) => r.code))];
  const code = options.code ?? codes[0];
  if (code === undefined) throw new SsmsiImportError('AREA_NOT_FOUND', 'the file has no data rows');
  if (options.code === undefined && codes.length > 1)
    throw new SsmsiImportError(
      'AREA_REQUIRED',
      `the file holds ${codes.length} areas (${codes.slice(0, 5).join(', ')}…): choose one with the code option`,
    );
  const mine = rows.filter((r) => r.code === code);
  if (mine.length === 0) throw new SsmsiImportError('AREA_NOT_FOUND', `no rows for area ${code}`);

  const provisional = new Set(options.provisionalYears ?? []);
  const wanted = options.indicators ? new Set(options.indicators) : undefined;
  const series = new Map<string, StatsSeries>();
  const seen = new Set<string>();
  for (const row of mine) {
    const known = findIndicator(row.indicator);
    const id = known?.id ?? slugify(row.indicator);
    const key = `${id}|${row.year}`;
    if (seen.has(key))
      throw new SsmsiImportError(
        'DUPLICATE_ROW',
        `a second row for ${row.indicator} in ${row.year}`,
        row.line,
      );
    seen.add(key);
    if (wanted && !wanted.has(id)) continue;
    if (
      (options.from !== undefined && row.year < options.from) ||
      (options.to !== undefined && row.year > options.to)
    )
      continue;
    let s = series.get(id);
    if (!s) {
      s = {
        indicatorId: id,
        sourceLabel: row.indicator,
        label: known ? { ...known.label } : { fr: row.indicator },
        unitOfCount: normalizeUnit(row.unit),
        rate: { per: 1000, denominator: known?.denominator ?? 'residents' },
        placeBasis: known?.placeBasis ?? 'offence',
        additiveAcrossAreas: known?.additiveAcrossAreas ?? true,
        points: [],
      };
      series.set(id, s);
    }
    s.points.push(point(row, provisional.has(row.year)));
  }
  const list = [...series.values()].sort(
    (a, b) => indicatorOrder(a.indicatorId) - indicatorOrder(b.indicatorId),
  );
  for (const s of list) s.points.sort((a, b) => a.year - b.year);

  // The area's population: the latest year's, with its vintage.
  const latest = mine.reduce((a, b) => (b.year > a.year && b.population !== null ? b : a));
  const population =
    latest.population === null ? undefined : { value: latest.population, vintage: latest.populationVintage };

  const caveats: Caveat[] = ['recorded-not-actual', 'place-of-offence'];
  if (header.level === 'commune' || list.some((s) => s.points.some((p) => !p.published)))
    caveats.push('ndiff-not-zero');
  caveats.push('no-cross-unit-sum');
  if (list.some((s) => VIOLENCE_INDICATORS.has(s.indicatorId))) caveats.push('series-break-2025-violence');
  if (list.some((s) => !s.additiveAcrossAreas)) caveats.push('drugs-not-additive');
  if (list.some((s) => s.points.some((p) => p.provisional))) caveats.push('provisional');

  const d = options.dataset ?? {};
  const edition = d.edition ?? /produit-le(\d{4}-\d{2}-\d{2})/.exec(d.resource ?? '')?.[1];
  if (edition === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(edition))
    throw new SsmsiImportError(
      'MISSING_EDITION',
      'give the edition date of the file (dataset.edition, YYYY-MM-DD) or its official file name (dataset.resource)',
    );
  const area: StatsArea = { level: header.level, code, name: options.name ?? code };
  if (population) area.population = population;
  if (options.zoneCompetence !== undefined) area.zoneCompetence = options.zoneCompetence;
  if (options.compareWith) area.compareWith = options.compareWith;
  const dataset: StatsDataset['dataset'] = {
    id: d.id ?? 'ssmsi-delinquance',
    publisher: d.publisher ?? SSMSI_PUBLISHER,
    page: d.page ?? SSMSI_DATASET_PAGE,
    resource: d.resource ?? '',
    licence: d.licence ?? { ...LICENCE_OUVERTE_2 },
    edition,
    geographyVintage: d.geographyVintage !== undefined ? d.geographyVintage : header.geographyVintage,
  };
  if (d.retrievedAt) dataset.retrievedAt = d.retrievedAt;
  return { schemaVersion: '1.0', dataset, area, series: list, caveats, activity: [] };
}

/**
 * Reads an official SSMSI CSV file (commune, département or région; current or pre-2025 layout)
 * and returns the StatsDataset of one area. `input` is the whole text or an iterable of its lines.
 *
 * @throws SsmsiImportError with a `code`, and the `line` and `column` when a row is at fault.
 */
export function importSsmsiCsv(
  input: string | Iterable<string>,
  options: SsmsiImportOptions = {},
): StatsDataset {
  const { header, rows } = parseSsmsiCsv(input, options.code);
  if (rows.length === 0)
    throw new SsmsiImportError(
      'AREA_NOT_FOUND',
      options.code === undefined ? 'the file has no data rows' : `no rows for area ${options.code}`,
    );
  return buildStatsDataset(header, rows, options);
}
