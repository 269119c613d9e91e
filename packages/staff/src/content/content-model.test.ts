import { expect } from '@open-wc/testing';
import type { RightsOverrides } from '@proximite/contract';
import { EMPTY_ROW, checkForm, formOf, idFor, overridesOf } from './content-model.js';

const BEFORE: RightsOverrides = {
  localContacts: [
    { id: 'pm-amiens', kind: 'police-municipale', name: 'Police municipale', phone: '03 22 00 00 00' },
  ],
  contacts: [{ id: 'extra', label: { fr: 'Extra' }, channels: ['phone'] }],
  disclaimer: { fr: 'Avertissement', en: 'Disclaimer' },
};

describe('content model', () => {
  it('edits the overrides as rows and keeps the extra contacts as they were', () => {
    const f = formOf(BEFORE);
    expect(f.contacts[0]).to.include({ id: 'pm-amiens', phone: '03 22 00 00 00', email: '' });
    expect(f.disclaimerEn).to.equal('Disclaimer');
    f.contacts.push({
      ...EMPTY_ROW,
      kind: 'maison-justice-droit',
      name: 'Maison de la justice et du droit d’Amiens',
    });
    expect(overridesOf(f, BEFORE)).to.deep.equal({
      localContacts: [
        { id: 'pm-amiens', kind: 'police-municipale', name: 'Police municipale', phone: '03 22 00 00 00' },
        {
          id: 'maison-de-la-justice-et-du-droit-d-amiens',
          kind: 'maison-justice-droit',
          name: 'Maison de la justice et du droit d’Amiens',
        },
      ],
      contacts: BEFORE.contacts,
      disclaimer: { fr: 'Avertissement', en: 'Disclaimer' },
    });
    expect(overridesOf({ ...f, disclaimerFr: '', disclaimerEn: '' }, {}).disclaimer).to.equal(undefined);
  });

  it('makes unique ids from names', () => {
    expect(idFor('Police municipale', new Set(['police-municipale']))).to.equal('police-municipale-2');
    expect(idFor('!!!', new Set())).to.equal('contact');
  });

  it('checks names, phones, addresses and the disclaimer', () => {
    const f = formOf(BEFORE);
    expect(checkForm(f)).to.deep.equal({});
    f.contacts.push({ ...EMPTY_ROW, name: '', phone: 'abc', email: 'x', url: 'http://insecure.test' });
    expect(checkForm({ ...f, disclaimerFr: '', disclaimerEn: 'Only English' })).to.deep.equal({
      'contact-1-name': 'name',
      'contact-1-phone': 'phone',
      'contact-1-email': 'email',
      'contact-1-url': 'url',
      'disclaimer-fr': 'frFirst',
    });
  });
});
