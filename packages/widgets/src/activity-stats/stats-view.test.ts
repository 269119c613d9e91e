import { expect } from '@open-wc/testing';
import type { StatsDataset, StatsSeries } from '@proximite/contract';
import {
  buildTable,
  filterDataset,
  keyFigure,
  parseIndicators,
  summarize,
  toCsv,
  type ViewText,
} from './stats-view.js';

const s: StatsSeries = {
  indicatorId: 'vols-avec-armes',
  sourceLabel: 'Vols avec armes',
  label: { fr: 'Vols avec armes' },
  unitOfCount: 'infraction',
  rate: { per: 1000, denominator: 'residents' },
  placeBasis: 'offence',
  additiveAcrossAreas: true,
  points: [
    { year: 2025, count: 12, rate: 0.09, published: true, suppression: null, provisional: true },
    { year: 2023, count: 10, rate: 0.07, published: true, suppression: null },
    { year: 2024, count: null, rate: null, published: false, suppression: 'ndiff' },
  ],
};
const dataset = {
  series: [s, { ...s, indicatorId: 'other' }],
  comparisons: [
    {
      area: { level: 'france', code: 'FR', name: 'France' },
      series: [{ ...s, points: [{ year: 2023, count: 1, rate: 0.5, published: true, suppression: null }] }],
    },
  ],
} as unknown as StatsDataset;

const text: ViewText = {
  count: (v) => `#${v}`,
  rate: (v) => `${v}‰`,
  suppressed: 'secret',
  missing: '—',
  year: 'Year',
  provisional: (y) => `${y}p`,
  countHeader: () => 'Count',
  rateHeader: () => 'Rate',
  comparisonHeader: (n) => `Rate ${n}`,
};

describe('activity-stats view logic', () => {
  it('parses the indicators attribute', () => {
    expect(parseIndicators(' a, b ,,c ')).to.deep.equal(['a', 'b', 'c']);
    expect(parseIndicators('')).to.equal(undefined);
    expect(parseIndicators(null)).to.equal(undefined);
  });

  it('filters by indicators and years and sorts the points', () => {
    const f = filterDataset(dataset, { indicators: ['vols-avec-armes'], from: 2024 });
    expect(f.series.map((x) => x.indicatorId)).to.deep.equal(['vols-avec-armes']);
    expect(f.series[0]!.points.map((p) => p.year)).to.deep.equal([2024, 2025]);
    expect(f.comparisons![0]!.series[0]!.points).to.deep.equal([]);
    expect(dataset.series[0]!.points[0]!.year, 'input untouched').to.equal(2025);
  });

  it('computes the change only between two published years', () => {
    const sorted = filterDataset(dataset, {}).series[0]!;
    expect(keyFigure(sorted).change).to.equal(null);
    // 10 → 12: a small count, so a difference and no percentage.
    const k = keyFigure({ ...sorted, points: [sorted.points[0]!, sorted.points[2]!] });
    expect(k.change).to.deep.equal({ absolute: 2, relative: null });
    const large = keyFigure({
      ...sorted,
      points: [
        { ...sorted.points[0]!, count: 1099 },
        { ...sorted.points[2]!, count: 1192 },
      ],
    });
    expect(large.change).to.deep.equal({ absolute: 93, relative: 93 / 1099 });
    const fromZero = keyFigure({
      ...sorted,
      points: [{ ...sorted.points[0]!, count: 0 }, sorted.points[2]!],
    });
    expect(fromZero.change).to.deep.equal({ absolute: 12, relative: null });
  });

  it('builds the table with the suppression text, never 0, and the comparison rate', () => {
    const sorted = filterDataset(dataset, {}).series[0]!;
    expect(buildTable(dataset, sorted, text)).to.deep.equal({
      head: ['Year', 'Count', 'Rate', 'Rate France'],
      rows: [
        ['2023', '#10', '0.07‰', '0.5‰'],
        ['2024', 'secret', 'secret', '—'],
        ['2025p', '#12', '0.09‰', '—'],
      ],
    });
    expect(
      buildTable({ ...dataset, comparisons: undefined }, { ...sorted, rate: null }, text).head,
    ).to.deep.equal(['Year', 'Count']);
  });

  it('writes CSV with quoting, CRLF and formula-looking cells defused', () => {
    const csv = toCsv(
      {
        head: ['a;b', 'say "hi"'],
        rows: [
          ['=SUM(A1)', '-5'],
          ['@x', '-x'],
        ],
      },
      ';',
    );
    expect(csv).to.equal('"a;b";"say ""hi"""\r\n\'=SUM(A1);-5\r\n\'@x;\'-x\r\n');
    expect(toCsv({ head: ['1,192'], rows: [] }, ',')).to.equal('"1,192"\r\n');
  });

  it('summarizes the published counts and counts suppressed years', () => {
    expect(summarize(filterDataset(dataset, {}).series[0]!)).to.deep.equal({
      min: { year: 2023, count: 10 },
      max: { year: 2025, count: 12 },
      last: { year: 2025, count: 12 },
      suppressed: 1,
    });
    expect(summarize({ ...s, points: [s.points[2]!] })).to.deep.equal({ suppressed: 1 });
  });
});
