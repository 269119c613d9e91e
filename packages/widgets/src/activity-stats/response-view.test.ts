import { expect } from '@open-wc/testing';
import type { ResponseTimes, ServiceResponseFigures } from '@proximite/contract';
import { defaultQuarter, quartersOf, responseTable, type ResponseText } from './response-view.js';

const figure = (extra: Partial<ServiceResponseFigures>): ServiceResponseFigures => ({
  serviceId: 'voirie',
  serviceName: { fr: 'Voirie', en: 'Roads' },
  period: '2026-Q2',
  received: 40,
  unit: 'working-days',
  medianDaysToFirstAnswer: 3.5,
  medianDaysToResolution: 21,
  target: { days: 5, unit: 'working-days' },
  withinTargetShare: 0.8,
  notResolvedShare: null,
  suppressed: false,
  ...extra,
});

const rt: ResponseTimes = {
  figures: [
    figure({}),
    figure({ period: '2026-Q3' }),
    figure({
      serviceId: 'mediation',
      serviceName: { fr: 'Médiation' },
      received: 7,
      suppressed: true,
      medianDaysToFirstAnswer: null,
      medianDaysToResolution: null,
      withinTargetShare: null,
    }),
    figure({
      serviceId: 'proprete',
      serviceName: { fr: 'Propreté' },
      target: null,
      withinTargetShare: null,
      notResolvedShare: 0.25,
    }),
  ],
  minimum: 10,
  method: { fr: 'Méthode.' },
  computedAt: '2026-10-01T00:00:00Z',
};

const text: ResponseText = {
  name: (f) => f.serviceName.fr,
  count: (n) => String(n),
  days: (n, unit) => `${n} ${unit}`,
  share: (n) => `${Math.round(n * 100)} %`,
  target: (n, unit) => `≤ ${n} ${unit}`,
  suppressed: 'non communiqué',
  noTarget: 'pas d’objectif',
  head: ['S', 'R', 'F', 'Res', 'T', 'W', 'V'],
};

describe('response figures view (pure)', () => {
  it('lists quarters newest first, and shows the last one that is over', () => {
    expect(quartersOf(rt)).to.deep.equal(['2026-Q3', '2026-Q2']);
    expect(defaultQuarter(['2026-Q3', '2026-Q2'], '2026-08-15')).to.equal('2026-Q2');
    expect(defaultQuarter(['2026-Q3', '2026-Q2'], '2026-10-01')).to.equal('2026-Q3');
    expect(defaultQuarter(['2026-Q3'], '2026-08-15')).to.equal('2026-Q3');
    expect(defaultQuarter([], '2026-08-15')).to.equal(undefined);
  });

  it('one row per service by name; suppressed reads « non communiqué », never 0', () => {
    const table = responseTable(rt, '2026-Q2', text);
    expect(table.head).to.deep.equal(['S', 'R', 'F', 'Res', 'T', 'W', 'V']);
    expect(table.rows).to.deep.equal([
      [
        'Médiation',
        '7',
        'non communiqué',
        'non communiqué',
        '≤ 5 working-days',
        'non communiqué',
        'non communiqué',
      ],
      ['Propreté', '40', '3.5 working-days', '21 working-days', 'pas d’objectif', 'pas d’objectif', '25 %'],
      ['Voirie', '40', '3.5 working-days', '21 working-days', '≤ 5 working-days', '80 %', 'non communiqué'],
    ]);
    expect(JSON.stringify(table.rows)).not.to.match(/"0"|"0 %"/);
  });
});
