import { expect } from '@open-wc/testing';
import {
  GUIDE_FORCES,
  SITUATIONS,
  whoToContact,
  type Body,
  type GuideForce,
  type Situation,
} from './guide.js';

const DDD = 'defenseur-des-droits';

describe('rights guide: who do I contact?', () => {
  // [situation, force, bodies, warnings]
  const table: [Situation, GuideForce, Body[], string[]][] = [
    [
      'witness',
      'police-nationale',
      ['igpn', DDD],
      ['emergency', 'report-not-complaint', 'no-deadline-suspension'],
    ],
    [
      'witness',
      'gendarmerie',
      ['iggn', DDD],
      ['emergency', 'report-not-complaint', 'no-deadline-suspension'],
    ],
    ['witness', 'police-municipale', [DDD, 'mayor', 'procureur'], ['emergency', 'no-deadline-suspension']],
    ['witness', 'private-security', [DDD], ['emergency', 'no-deadline-suspension']],
    ['witness', 'unknown', [DDD], ['emergency', 'no-deadline-suspension']],
    [
      'mistreated',
      'police-nationale',
      ['igpn', DDD, 'procureur'],
      ['emergency', 'report-not-complaint', 'no-deadline-suspension'],
    ],
    [
      'mistreated',
      'gendarmerie',
      ['iggn', DDD, 'procureur'],
      ['emergency', 'report-not-complaint', 'no-deadline-suspension'],
    ],
    ['mistreated', 'police-municipale', [DDD, 'mayor', 'procureur'], ['emergency', 'no-deadline-suspension']],
    ['mistreated', 'private-security', [DDD, 'procureur'], ['emergency', 'no-deadline-suspension']],
    ['mistreated', 'unknown', [DDD, 'procureur'], ['emergency', 'no-deadline-suspension']],
    [
      'complaint-refused',
      'police-nationale',
      ['igpn', DDD, 'procureur'],
      ['emergency', 'report-not-complaint', 'complaint-must-be-received', 'no-deadline-suspension'],
    ],
    [
      'complaint-refused',
      'gendarmerie',
      ['iggn', DDD, 'procureur'],
      ['emergency', 'report-not-complaint', 'complaint-must-be-received', 'no-deadline-suspension'],
    ],
    [
      'complaint-refused',
      'police-municipale',
      [DDD, 'mayor', 'procureur'],
      ['emergency', 'complaint-must-be-received', 'no-deadline-suspension'],
    ],
    [
      'complaint-refused',
      'private-security',
      [DDD, 'procureur'],
      ['emergency', 'complaint-must-be-received', 'no-deadline-suspension'],
    ],
    [
      'complaint-refused',
      'unknown',
      [DDD, 'procureur'],
      ['emergency', 'complaint-must-be-received', 'no-deadline-suspension'],
    ],
  ];

  it('covers every situation × force', () => {
    expect(table.length).to.equal(SITUATIONS.length * GUIDE_FORCES.length);
  });

  for (const [situation, force, bodies, warnings] of table) {
    it(`${situation} + ${force} → ${bodies.join(', ')}`, () => {
      expect(whoToContact(situation, force)).to.deep.equal({ bodies, warnings });
    });
  }

  it('keeps the competences right whatever the situation', () => {
    for (const situation of SITUATIONS) {
      for (const force of GUIDE_FORCES) {
        const { bodies, warnings } = whoToContact(situation, force);
        // The IGPN only for the police nationale, the IGGN only for the gendarmerie.
        expect(bodies.includes('igpn')).to.equal(force === 'police-nationale');
        expect(bodies.includes('iggn')).to.equal(force === 'gendarmerie');
        // The Défenseur des droits for every force; the emergency numbers always.
        expect(bodies).to.include(DDD);
        expect(warnings[0]).to.equal('emergency');
        expect(new Set(bodies).size).to.equal(bodies.length);
      }
    }
  });
});
