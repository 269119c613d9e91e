// The shipped demo dataset: the real Somme figures (open-data.md) and the illustrative activity counters.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ACTIVITY_METRICS, StatsDataset, isSafeUrl } from '@proximite/contract';
import { SOMME_SOURCE, demoStats } from '@proximite/content/stats/index.js';

const reference = JSON.parse(
  readFileSync(new URL('./fixtures/ssmsi-somme-80.json', import.meta.url), 'utf8'),
) as {
  source: string;
  records: {
    annee: number;
    indicateur: string;
    uniteDeCompte: string;
    nombre: number;
    tauxPourMille: number;
  }[];
};

const point = (id: string, year: number) => {
  const p = demoStats.series.find((s) => s.indicatorId === id)?.points.find((x) => x.year === year);
  assert.ok(p, `${id} ${year}`);
  return p;
};

describe('demoStats', () => {
  it('validates against the contract', () => {
    const result = StatsDataset.safeParse(demoStats);
    assert.ok(result.success, JSON.stringify(!result.success && result.error.issues));
  });

  it('describes the Somme with its provenance and licence', () => {
    assert.equal(demoStats.area.level, 'departement');
    assert.equal(demoStats.area.code, '80');
    assert.equal(demoStats.area.name, 'Somme');
    assert.equal(demoStats.area.population?.value, 565413);
    assert.equal(demoStats.dataset.resource, reference.source);
    assert.equal(SOMME_SOURCE, reference.source);
    assert.deepEqual(demoStats.dataset.licence, {
      id: 'lov2',
      url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence',
    });
    assert.ok(isSafeUrl(demoStats.dataset.page));
    assert.equal(demoStats.dataset.edition, '2026-01-29');
    assert.equal(demoStats.dataset.geographyVintage, 2025);
    assert.ok(demoStats.dataset.retrievedAt);
  });

  it('holds every one of the 180 reference records, value for value', () => {
    assert.equal(demoStats.series.length, 18);
    let n = 0;
    for (const record of reference.records) {
      const series = demoStats.series.find((s) => s.sourceLabel === record.indicateur);
      assert.ok(series, record.indicateur);
      const p = series.points.find((x) => x.year === record.annee);
      assert.deepEqual([p?.count, p?.rate, p?.published], [record.nombre, record.tauxPourMille, true]);
      n += 1;
    }
    assert.equal(n, 180);
  });

  it("matches open-data.md's table for 2023–2025 (count, rate ‰ rounded to 2 decimals)", () => {
    const table: [string, [number, number][]][] = [
      [
        'cambriolages-logement',
        [
          [1099, 3.55],
          [1192, 3.85],
          [1118, 3.61],
        ],
      ],
      [
        'destructions-degradations',
        [
          [5434, 9.61],
          [5435, 9.61],
          [5265, 9.31],
        ],
      ],
      [
        'vols-sans-violence-personnes',
        [
          [3990, 7.06],
          [3994, 7.06],
          [3808, 6.74],
        ],
      ],
      [
        'violences-physiques-intrafamiliales',
        [
          [2632, 4.66],
          [2765, 4.89],
          [2769, 4.9],
        ],
      ],
      [
        'violences-physiques-hors-famille',
        [
          [1811, 3.2],
          [1936, 3.42],
          [1840, 3.25],
        ],
      ],
      [
        'violences-sexuelles',
        [
          [1174, 2.08],
          [1401, 2.48],
          [1389, 2.46],
        ],
      ],
      [
        'usage-stupefiants',
        [
          [1905, 3.37],
          [2028, 3.59],
          [2190, 3.87],
        ],
      ],
    ];
    for (const [id, values] of table) {
      values.forEach(([count, rate], i) => {
        const p = point(id, 2023 + i);
        assert.equal(p.count, count, `${id} ${2023 + i}`);
        // Within half a hundredth plus the table's double rounding (6.7349 is printed 6.74 there).
        assert.ok(Math.abs((p.rate ?? NaN) - rate) <= 0.0055, `${id} ${2023 + i} rate ${p.rate} ≈ ${rate}`);
      });
    }
  });

  it('gives each indicator its unit and denominator (burglaries per 1,000 dwellings)', () => {
    const byId = new Map(demoStats.series.map((s) => [s.indicatorId, s]));
    assert.deepEqual(byId.get('cambriolages-logement')?.rate, { per: 1000, denominator: 'dwellings' });
    assert.equal(byId.get('cambriolages-logement')?.unitOfCount, 'infraction');
    assert.equal(byId.get('vols-sans-violence-personnes')?.unitOfCount, 'victime-entendue');
    assert.equal(byId.get('escroqueries')?.placeBasis, 'victim-residence');
    for (const id of [
      'usage-stupefiants',
      'usage-stupefiants-afd',
      'usage-stupefiants-hors-afd',
      'trafic-stupefiants',
    ]) {
      assert.equal(byId.get(id)?.additiveAcrossAreas, false, id);
      assert.equal(byId.get(id)?.unitOfCount, 'mis-en-cause', id);
    }
    for (const s of demoStats.series) {
      assert.match(s.indicatorId, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      assert.ok(s.label.en, `${s.indicatorId} has an English label`);
      if (s.indicatorId !== 'cambriolages-logement') assert.equal(s.rate?.denominator, 'residents');
    }
  });

  it('marks 2025 provisional (January edition) and lists the caveats, incl. the 2025 violence break', () => {
    assert.equal(point('homicides', 2025).provisional, true);
    assert.equal(point('homicides', 2024).provisional, undefined);
    for (const caveat of [
      'recorded-not-actual',
      'place-of-offence',
      'no-cross-unit-sum',
      'series-break-2025-violence',
      'drugs-not-additive',
      'provisional',
    ])
      assert.ok(demoStats.caveats.includes(caveat), caveat);
  });

  it('keeps the activity counters apart and labels them as illustrative demo figures', () => {
    assert.deepEqual(
      demoStats.activity.map((c) => c.metric).sort(),
      [...ACTIVITY_METRICS].sort(),
      'one counter per metric',
    );
    for (const c of demoStats.activity) {
      assert.equal(c.source.type, 'demo');
      assert.match(c.source.title, /démonstration/);
      assert.match(c.source.title, /not the real figures of Amiens/);
      assert.equal(c.source.url, undefined, 'no link that would suggest an official source');
      assert.ok(typeof c.value === 'number' && c.value >= 0);
    }
  });
});
