import { expect } from '@open-wc/testing';
import type { ActivityCounter } from '@proximite/contract';
import {
  checkDraft,
  countersOf,
  defaultPeriod,
  draftFor,
  inputOf,
  parseCount,
  periodsOf,
  previewOf,
} from './figures-model.js';

const source = {
  type: 'city-report',
  title: 'Rapport annuel de la police municipale',
  url: 'https://ville.test/rapport',
};
const c = (metric: string, period: string, value: number | null, unit = 'interventions'): ActivityCounter =>
  ({ metric, period, value, unit, source }) as ActivityCounter;
const PUBLISHED = [
  c('pm-interventions', '2025', 12000),
  c('pm-calls', '2025', null, 'appels'),
  c('pm-calls', '2024', 18000, 'appels'),
];

describe('activity figures model', () => {
  it('lists periods newest first and starts on the newest', () => {
    expect(periodsOf([...PUBLISHED, c('pm-calls', '2026-Q1', 5)])).to.deep.equal(['2026-Q1', '2025', '2024']);
    expect(defaultPeriod(PUBLISHED, new Date('2026-12-03T00:00:00Z'))).to.equal('2025');
    expect(defaultPeriod([], new Date('2026-12-03T00:00:00Z'))).to.equal('2026');
  });

  it('prefills a period’s draft with what is published, every metric listed', () => {
    const d = draftFor(PUBLISHED, '2025');
    expect(d.rows).to.have.length(12);
    expect(d.rows[0]).to.deep.equal({
      metric: 'pm-interventions',
      value: '12000',
      suppressed: false,
      unit: 'interventions',
    });
    expect(d.rows[1]).to.deep.equal({ metric: 'pm-calls', value: '', suppressed: true, unit: 'appels' });
    expect(d.rows[2]).to.deep.equal({
      metric: 'pm-tickets-traffic',
      value: '',
      suppressed: false,
      unit: 'avis de contravention',
    });
    expect(d.source).to.deep.equal(source);
    // Demonstration figures never lend their source to real ones.
    const demo = draftFor(
      [{ ...c('pm-calls', '2025', 1), source: { type: 'demo', title: 'Démo' } } as ActivityCounter],
      '2025',
    );
    expect(demo.source).to.deep.equal({ type: 'city-report', title: '', url: '' });
  });

  it('reads counts typed with spaces, and refuses the rest', () => {
    expect(parseCount('12 000')).to.equal(12000);
    expect(parseCount('12\u202f000')).to.equal(12000);
    expect(parseCount('0')).to.equal(0);
    expect(parseCount('-3')).to.equal(undefined);
    expect(parseCount('1,5')).to.equal(undefined);
    expect(parseCount('2000000000')).to.equal(undefined);
  });

  it('checks the period, the counts, the units and the source', () => {
    const d = draftFor(PUBLISHED, '2025');
    expect(checkDraft(d)).to.deep.equal({});
    const bad = {
      ...d,
      period: '2025-13',
      rows: d.rows.map((r, i) => (i === 0 ? { ...r, value: 'douze' } : i === 1 ? { ...r, unit: '' } : r)),
      source: { ...d.source, title: ' ', url: 'javascript:alert(1)' },
    };
    expect(checkDraft(bad)).to.deep.equal({
      period: 'period',
      'value:pm-interventions': 'count',
      'unit:pm-calls': 'unit',
      title: 'title',
      url: 'url',
    });
    const empty = draftFor([], '2026');
    expect(checkDraft({ ...empty, source: source }).rows).to.equal('nothing');
  });

  it('publishes only the metrics filled in, suppressed ones as null, and previews the result', () => {
    const d = draftFor(PUBLISHED, '2025');
    d.rows[0]!.value = '12 500';
    d.rows[8]!.value = '24';
    expect(inputOf(d)).to.deep.equal({
      counters: [
        { metric: 'pm-interventions', period: '2025', value: 12500, unit: 'interventions', source },
        { metric: 'pm-calls', period: '2025', value: null, unit: 'appels', source },
        { metric: 'cafes-held', period: '2025', value: 24, unit: 'cafés', source },
      ],
    });
    const preview = previewOf(PUBLISHED, d);
    expect(preview.map((p) => `${p.metric}|${p.period}|${p.value}`)).to.deep.equal([
      'pm-calls|2024|18000',
      'pm-interventions|2025|12500',
      'pm-calls|2025|null',
      'cafes-held|2025|24',
    ]);
    expect(countersOf({ ...d, source: { ...source, url: '' } })[0]!.source).to.deep.equal({
      type: 'city-report',
      title: 'Rapport annuel de la police municipale',
    });
  });
});
