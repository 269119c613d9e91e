// The SSMSI importer on hand-written fixtures in both column layouts. The Amiens (80021) figures in
// the fixtures are realistic but invented for the tests; only the shapes follow the official files.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { StatsDataset } from '@proximite/contract';
import {
  SsmsiImportError,
  SsmsiReader,
  importSsmsiCsv,
  parseFrenchNumber,
  parseSsmsiCsv,
  splitCsvLine,
  type SsmsiImportOptions,
} from '@proximite/content/stats/index.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const current = fixture('ssmsi-com-2026-amiens.csv');
const pre2025 = fixture('ssmsi-com-2024-amiens-pre2025.csv');
const dep = fixture('ssmsi-dep-2025-somme.csv');
const malformed = fixture('ssmsi-com-malformed.csv');

const amiens: SsmsiImportOptions = {
  code: '80021',
  name: 'Amiens',
  dataset: { resource: 'donnee-data.gouv-2025-geographie2026-produit-le2026-06-25.csv' },
};

const series = (d: StatsDataset, id: string) => {
  const s = d.series.find((x) => x.indicatorId === id);
  assert.ok(s, `series ${id}`);
  return s;
};

function assertImportError(fn: () => unknown, code: string, line?: number, column?: string) {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof SsmsiImportError, `expected an SsmsiImportError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    assert.equal(error.line, line);
    if (column) assert.equal(error.column, column);
    if (line !== undefined) assert.match(error.message, new RegExp(`^line ${line}\\b`));
    return true;
  });
}

describe('importSsmsiCsv: current layout (commune file, CODGEO_2026, quoted, CRLF)', () => {
  const d = importSsmsiCsv(current, amiens);

  it('returns a dataset the contract accepts', () => {
    const result = StatsDataset.safeParse(d);
    assert.ok(result.success, JSON.stringify(!result.success && result.error.issues));
  });

  it('keeps only the chosen area, with its level, name, population and geography year', () => {
    assert.deepEqual(d.area, {
      level: 'commune',
      code: '80021',
      name: 'Amiens',
      population: { value: 133625, vintage: 2023 },
    });
    assert.equal(d.dataset.geographyVintage, 2026);
    assert.equal(d.dataset.edition, '2026-06-25', 'edition read from the official file name');
    assert.equal(d.dataset.licence.id, 'lov2');
    assert.equal(d.dataset.publisher, "SSMSI – Ministère de l'Intérieur");
    for (const s of d.series)
      for (const p of s.points) assert.notEqual(p.count, 101, '80001 rows are left out');
  });

  it('reads decimal commas and quoted fields; the burglary rate is per 1,000 dwellings', () => {
    const burglary = series(d, 'cambriolages-logement');
    assert.deepEqual(burglary.rate, { per: 1000, denominator: 'dwellings' });
    assert.equal(burglary.unitOfCount, 'infraction');
    assert.deepEqual(
      burglary.points.map((p) => [p.year, p.count, p.rate]),
      [
        [2023, 612, 7.21],
        [2024, 590, 6.95],
        [2025, 574, 6.76],
      ],
    );
    assert.deepEqual(series(d, 'violences-physiques-hors-famille').rate, {
      per: 1000,
      denominator: 'residents',
    });
  });

  it('turns ndiff rows into unpublished points, never 0 and never the complement_info mean', () => {
    const afd = series(d, 'usage-stupefiants-afd');
    assert.deepEqual(afd.points[0], {
      year: 2023,
      count: null,
      rate: null,
      published: false,
      suppression: 'ndiff',
    });
    assert.deepEqual(afd.points[1], {
      year: 2024,
      count: null,
      rate: null,
      published: false,
      suppression: 'ndiff',
    });
    // A true, published zero stays a zero.
    assert.deepEqual(afd.points[2], { year: 2025, count: 0, rate: 0, published: true, suppression: null });
    assert.equal(afd.additiveAcrossAreas, false, 'drug indicators do not add up across areas');
    assert.equal(afd.unitOfCount, 'mis-en-cause');
    assert.ok(!JSON.stringify(d).includes('4.2'), 'the complement_info value never appears');
  });

  it('labels the indicators in French and English and lists the caveats', () => {
    const theft = series(d, 'vols-vehicules');
    assert.deepEqual(theft.label, { fr: 'Vols de véhicule', en: 'Vehicle theft' });
    assert.equal(theft.unitOfCount, 'vehicule');
    assert.deepEqual(d.caveats, [
      'recorded-not-actual',
      'place-of-offence',
      'ndiff-not-zero',
      'no-cross-unit-sum',
      'series-break-2025-violence',
      'drugs-not-additive',
    ]);
    assert.deepEqual(d.activity, []);
  });

  it('orders series as the official files do', () => {
    assert.deepEqual(
      d.series.map((s) => s.indicatorId),
      [
        'violences-physiques-hors-famille',
        'cambriolages-logement',
        'vols-vehicules',
        'usage-stupefiants-afd',
      ],
    );
  });

  it('filters by indicator and years, and marks provisional years', () => {
    const some = importSsmsiCsv(current, {
      ...amiens,
      indicators: ['cambriolages-logement'],
      from: 2024,
      to: 2025,
      provisionalYears: [2025],
    });
    assert.deepEqual(
      some.series.map((s) => s.points.map((p) => [p.year, p.provisional ?? false])),
      [
        [
          [2024, false],
          [2025, true],
        ],
      ],
    );
    assert.ok(some.caveats.includes('provisional'));
    assert.ok(!some.caveats.includes('series-break-2025-violence'));
  });

  it('reads the same file from an iterable of lines (for files too large for one string)', () => {
    const fromLines = importSsmsiCsv(current.split('\n'), amiens);
    assert.deepEqual(fromLines, d);
  });
});

describe('importSsmsiCsv: pre-2025 layout (CODGEO_2024, 2-digit years, BOM, LF)', () => {
  const d = importSsmsiCsv(pre2025, { ...amiens, dataset: { edition: '2024-07-18' } });

  it('validates against the contract', () => {
    const result = StatsDataset.safeParse(d);
    assert.ok(result.success, JSON.stringify(!result.success && result.error.issues));
  });

  it('reads the BOM-prefixed header, the geography year and 2-digit years', () => {
    assert.equal(d.dataset.geographyVintage, 2024);
    assert.equal(d.dataset.edition, '2024-07-18');
    assert.deepEqual(
      series(d, 'cambriolages-logement').points.map((p) => [p.year, p.count, p.rate]),
      [
        [2021, 701, 8.362],
        [2022, 655, 7.813],
      ],
    );
    assert.deepEqual(d.area.population, { value: 133891, vintage: 2020 });
  });

  it('maps plural units and former indicators, and suppresses ndiff rows', () => {
    assert.equal(series(d, 'vols-sans-violence-personnes').unitOfCount, 'victime-entendue');
    assert.equal(series(d, 'vols-accessoires-vehicules').unitOfCount, 'vehicule');
    assert.equal(series(d, 'coups-blessures-volontaires').unitOfCount, 'victime');
    assert.equal(series(d, 'trafic-stupefiants').points[0]?.rate, 0.7245);
    assert.deepEqual(series(d, 'vols-avec-armes').points, [
      { year: 2022, count: null, rate: null, published: false, suppression: 'ndiff' },
    ]);
    assert.ok(d.caveats.includes('series-break-2025-violence'));
  });

  it('keeps another commune apart', () => {
    const small = importSsmsiCsv(pre2025, { code: '80556', dataset: { edition: '2024-07-18' } });
    assert.equal(small.area.name, '80556');
    assert.deepEqual(small.series[0]?.points[0], {
      year: 2022,
      count: null,
      rate: null,
      published: false,
      suppression: 'ndiff',
    });
  });
});

describe('importSsmsiCsv: département file (Code_departement, BOM, CRLF, unquoted)', () => {
  it('reads the Somme and matches the published figures', () => {
    const d = importSsmsiCsv(dep, {
      code: '80',
      name: 'Somme',
      dataset: {
        resource: 'donnee-dep-data.gouv-2025-geographie2025-produit-le2026-01-22.csv',
        geographyVintage: 2025,
      },
    });
    assert.equal(d.area.level, 'departement');
    assert.equal(d.dataset.geographyVintage, 2025);
    const burglary = series(d, 'cambriolages-logement');
    assert.deepEqual(burglary.points[0], {
      year: 2024,
      count: 1192,
      rate: 3.8539079,
      published: true,
      suppression: null,
    });
    assert.ok(!d.caveats.includes('ndiff-not-zero'), 'a département file publishes every value');
  });

  it('asks for an area when the file holds several', () => {
    assertImportError(() => importSsmsiCsv(dep, { dataset: { edition: '2026-01-29' } }), 'AREA_REQUIRED');
    assertImportError(
      () => importSsmsiCsv(dep, { code: '75', dataset: { edition: '2026-01-29' } }),
      'AREA_NOT_FOUND',
    );
  });
});

describe('importSsmsiCsv: malformed files give typed errors with the line', () => {
  it('a bad number', () => {
    assertImportError(() => importSsmsiCsv(malformed, amiens), 'BAD_NUMBER', 4, 'nombre');
  });

  it('an unknown layout', () => {
    assertImportError(() => importSsmsiCsv('code;year;value\n80021;2024;3\n', amiens), 'UNKNOWN_LAYOUT', 1);
  });

  it('missing columns of a known layout', () => {
    assertImportError(
      () => importSsmsiCsv('CODGEO_2026;annee;indicateur;unite_de_compte;nombre\n', amiens),
      'MISSING_COLUMNS',
      1,
    );
    assert.throws(
      () => importSsmsiCsv('CODGEO_2026;annee;indicateur;unite_de_compte;nombre;taux_pour_mille\n', amiens),
      /est_diffuse/,
      'a commune file must say which values are secret',
    );
  });

  it('a row with too few fields, a bad flag, a bad year, an open quote, a duplicate', () => {
    const head =
      'CODGEO_2026;annee;indicateur;unite_de_compte;nombre;taux_pour_mille;est_diffuse\n' +
      '80021;2024;Vols avec armes;Infraction;12;0,09;diff\n';
    assertImportError(
      () => importSsmsiCsv(`${head}80021;2025;Vols avec armes;Infraction;12\n`, amiens),
      'BAD_ROW',
      3,
    );
    assertImportError(
      () => importSsmsiCsv(`${head}80021;2025;Vols avec armes;Infraction;12;0,09;oui\n`, amiens),
      'BAD_FLAG',
      3,
      'est_diffuse',
    );
    assertImportError(
      () => importSsmsiCsv(`${head}80021;25e;Vols avec armes;Infraction;12;0,09;diff\n`, amiens),
      'BAD_YEAR',
      3,
      'annee',
    );
    assertImportError(
      () => importSsmsiCsv(`${head}80021;2025;"Vols avec armes;Infraction;12;0,09;diff\n`, amiens),
      'UNTERMINATED_QUOTE',
      3,
    );
    assertImportError(
      () => importSsmsiCsv(`${head}\n80021;2024;Vols avec armes;Infraction;13;0,1;diff\n`, amiens),
      'DUPLICATE_ROW',
      4,
    );
    assertImportError(
      () => importSsmsiCsv(`${head}80021;2025;Vols avec armes;Infraction;NA;NA;diff\n`, amiens),
      'BAD_NUMBER',
      3,
      'nombre',
    );
  });

  it('an empty file, and a file without an edition date', () => {
    assertImportError(() => importSsmsiCsv('', amiens), 'EMPTY_FILE', 1);
    assertImportError(() => importSsmsiCsv('\ufeff\r\n', amiens), 'EMPTY_FILE', 1);
    assertImportError(() => importSsmsiCsv(current, { code: '80021' }), 'MISSING_EDITION');
  });
});

describe('SSMSI parsing helpers', () => {
  it('splits quoted and unquoted fields, with escaped quotes and separators inside quotes', () => {
    assert.deepEqual(splitCsvLine('"a;b";c;"d ""e""";;NA', ';', 1), ['a;b', 'c', 'd "e"', '', 'NA']);
    assert.deepEqual(splitCsvLine('1,"2,5",3', ',', 1), ['1', '2,5', '3']);
  });

  it('reads French numbers, NA and empty values', () => {
    assert.equal(parseFrenchNumber('3,85', 2, 'x'), 3.85);
    assert.equal(parseFrenchNumber('1 192', 2, 'x'), 1192);
    assert.equal(parseFrenchNumber('0', 2, 'x'), 0);
    assert.equal(parseFrenchNumber('NA', 2, 'x'), null);
    assert.equal(parseFrenchNumber('', 2, 'x'), null);
    assert.throws(() => parseFrenchNumber('3,8,5', 7, 'taux'), /line 7, column taux/);
  });

  it('detects the CODGEO year dynamically and the layout', () => {
    const { header } = parseSsmsiCsv(current.replace('CODGEO_2026', 'CODGEO_2031'), '80021');
    assert.equal(header.geographyVintage, 2031);
    assert.equal(header.layout, 'current');
    assert.equal(parseSsmsiCsv(pre2025).header.layout, 'pre-2025');
    assert.equal(parseSsmsiCsv(dep).header.level, 'departement');
  });

  it('skips other areas line by line and still lists them', () => {
    const reader = new SsmsiReader('80021');
    for (const line of current.split('\n')) reader.push(line);
    assert.ok(reader.rows().every((r) => r.code === '80021'));
    assert.deepEqual(reader.areaCodes().sort(), ['80001', '80021']);
  });
});
