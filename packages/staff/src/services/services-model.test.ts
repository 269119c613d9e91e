import { expect } from '@open-wc/testing';
import type { Service } from '@proximite/contract';
import {
  addresses,
  checkForm,
  checkRules,
  createInputOf,
  formOf,
  inputOf,
  rowsOf,
  rulesInputOf,
  upsert,
} from './services-model.js';

const WEBHOOK: Service = {
  id: 'voirie',
  name: { fr: 'Voirie', en: 'Roads' },
  contact: { email: 'voirie@ville.test' },
  members: ['stf-2'],
  target: { days: 5, unit: 'working-days' },
  delivery: { method: 'webhook', url: 'https://voirie.ville.test/hook', secretSet: true },
  police: false,
  restricted: false,
  contactAccess: true,
};

describe('services model', () => {
  it('fills the form from a service, secrets left empty (write-only)', () => {
    const f = formOf(WEBHOOK);
    expect(f).to.include({
      id: 'voirie',
      nameFr: 'Voirie',
      targetDays: '5',
      method: 'webhook',
      secret: '',
      contactAccess: true,
    });
    expect(f.webhookUrl).to.equal('https://voirie.ville.test/hook');
    expect(formOf()).to.include({ id: '', method: 'none', targetDays: '' });
  });

  it('sends a stored secret back only when a new one is typed or asked for', () => {
    const f = formOf(WEBHOOK);
    expect(inputOf(f)).to.deep.equal({
      name: { fr: 'Voirie', en: 'Roads' },
      contact: { email: 'voirie@ville.test' },
      members: ['stf-2'],
      target: { days: 5, unit: 'working-days' },
      delivery: { method: 'webhook', url: 'https://voirie.ville.test/hook' },
      contactAccess: true,
      police: false,
      restricted: false,
    });
    expect(inputOf({ ...f, regenerateSecret: true }).delivery).to.deep.equal({
      method: 'webhook',
      url: 'https://voirie.ville.test/hook',
      regenerateSecret: true,
    });
    const email = {
      ...formOf(),
      id: 'proprete',
      nameFr: 'Propreté',
      method: 'email',
      to: 'a@ville.test,  b@ville.test\nc@ville.test',
      targetDays: '',
    };
    expect(createInputOf(email)).to.deep.include({
      id: 'proprete',
      delivery: { method: 'email', to: ['a@ville.test', 'b@ville.test', 'c@ville.test'], lang: 'fr' },
      target: null,
    });
    const o = inputOf({
      ...formOf(),
      nameFr: 'Ville',
      method: 'open311',
      endpoint: 'https://311.test/v2',
      serviceCode: '12',
      apiKey: '',
    });
    expect(o.delivery).to.deep.equal({
      method: 'open311',
      endpoint: 'https://311.test/v2',
      serviceCode: '12',
      format: 'json',
      updates: 'auto',
    });
    expect(addresses(' a@b.c ; d@e.f ')).to.deep.equal(['a@b.c', 'd@e.f']);
  });

  it('checks what the server would refuse', () => {
    expect(checkForm(formOf(WEBHOOK), false)).to.deep.equal({});
    const bad = {
      ...formOf(WEBHOOK),
      id: 'Bad Id',
      nameFr: '',
      targetDays: '0',
      webhookUrl: 'ftp://x',
      secret: 'nope',
      police: true,
      restricted: true,
    };
    expect(checkForm(bad, true)).to.deep.equal({
      id: 'id',
      'name-fr': 'name',
      'target-days': 'days',
      'webhook-url': 'url',
      secret: 'secret',
      restricted: 'policeRestricted',
    });
    expect(
      checkForm({ ...formOf(), nameFr: 'X', method: 'email', to: 'pas-une-adresse' }, false),
    ).to.deep.equal({ to: 'to' });
  });

  it('puts a saved service in the list, without its one-time secret', () => {
    const list = upsert([WEBHOOK], {
      ...WEBHOOK,
      name: { fr: 'Voirie et espaces verts' },
      webhookSecret: 'whsec_x',
    });
    expect(list[0]!.name.fr).to.equal('Voirie et espaces verts');
    expect('webhookSecret' in list[0]!).to.equal(false);
    expect(upsert(list, { id: 'animaux', name: { fr: 'Animaux' } }).map((s) => s.id)).to.deep.equal([
      'animaux',
      'voirie',
    ]);
  });

  it('edits routing rules as rows, and finds incomplete and repeated ones', () => {
    const rows = rowsOf([
      { categoryCode: 'bruit', districtId: null, serviceId: 'voirie' },
      { categoryCode: 'bruit', districtId: 'etouvie', serviceId: 'mediation' },
    ]);
    expect(rows[0]).to.deep.equal({ categoryCode: 'bruit', districtId: '', serviceId: 'voirie' });
    expect(checkRules(rows)).to.deep.equal({ incomplete: [], duplicates: [] });
    expect(
      checkRules([
        ...rows,
        { categoryCode: 'bruit', districtId: '', serviceId: 'x' },
        { categoryCode: '', districtId: '', serviceId: '' },
      ]),
    ).to.deep.equal({
      incomplete: [3],
      duplicates: [2],
    });
    expect(rulesInputOf(rows).rules[0]).to.deep.equal({
      categoryCode: 'bruit',
      districtId: null,
      serviceId: 'voirie',
    });
  });
});
