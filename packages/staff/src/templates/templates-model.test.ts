import { expect } from '@open-wc/testing';
import type { ResponseTemplate } from '@proximite/contract';
import {
  EMPTY_TEMPLATE,
  checkTemplate,
  formOf,
  inputOf,
  sortTemplates,
  unknownPlaceholders,
  upsert,
} from './templates-model.js';

const t = (id: string, categoryCode: string | null, status: string): ResponseTemplate =>
  ({
    id,
    categoryCode,
    status,
    text: { fr: `Texte ${id}` },
    updatedAt: '2026-12-01T09:00:00Z',
  }) as ResponseTemplate;

describe('response templates model', () => {
  it('lists shared templates first, then by category and status order', () => {
    const list = sortTemplates([
      t('a', 'bruit', 'closed'),
      t('b', null, 'resolved'),
      t('c', 'bruit', 'received'),
      t('d', null, 'received'),
    ]);
    expect(list.map((x) => x.id)).to.deep.equal(['d', 'b', 'c', 'a']);
    expect(upsert(list, { ...t('a', null, 'in-progress') }).map((x) => x.id)).to.deep.equal([
      'd',
      'a',
      'b',
      'c',
    ]);
  });

  it('checks and builds a template, shared when no category is chosen', () => {
    expect(checkTemplate(EMPTY_TEMPLATE)).to.deep.equal({ 'text-fr': 'required' });
    expect(checkTemplate({ ...EMPTY_TEMPLATE, fr: 'x', en: 'y'.repeat(2001) })).to.deep.equal({
      'text-en': 'long',
    });
    expect(inputOf({ categoryCode: '', status: 'closed', fr: ' Clos. ', en: '' })).to.deep.equal({
      categoryCode: null,
      status: 'closed',
      text: { fr: 'Clos.' },
    });
    expect(formOf({ ...t('a', 'bruit', 'closed'), text: { fr: 'F', en: 'E' } })).to.deep.equal({
      categoryCode: 'bruit',
      status: 'closed',
      fr: 'F',
      en: 'E',
    });
  });

  it('finds placeholders that would reach residents as written', () => {
    expect(unknownPlaceholders('Votre signalement {reference} est transmis au {service}.')).to.deep.equal([]);
    expect(unknownPlaceholders('Signalement {reference} — {référence} {ref}')).to.deep.equal([
      '{référence}',
      '{ref}',
    ]);
  });
});
