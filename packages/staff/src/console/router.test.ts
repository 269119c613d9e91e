import { expect } from '@open-wc/testing';
import { formatRoute, parseRoute, sameRoute } from './router.js';

describe('console routes', () => {
  it('reads a section, an id and parameters from the fragment', () => {
    expect(parseRoute('#/inbox?status=received&q=bruit')).to.deep.equal({
      section: 'inbox',
      params: { status: 'received', q: 'bruit' },
    });
    expect(parseRoute('#/concern/PRX-7KQ2-M4XD')).to.deep.equal({
      section: 'concern',
      id: 'PRX-7KQ2-M4XD',
      params: {},
    });
  });

  it('falls back to the first section for an empty or foreign fragment', () => {
    expect(parseRoute('')).to.deep.equal({ section: 'inbox', params: {} });
    expect(parseRoute('#top')).to.deep.equal({ section: 'inbox', params: {} });
    expect(parseRoute('#/')).to.deep.equal({ section: 'inbox', params: {} });
    expect(parseRoute('#/%E0%A4%A', 'cafes')).to.deep.equal({ section: 'cafes', params: {} });
    expect(parseRoute('#/<script>')).to.deep.equal({ section: 'inbox', params: {} });
  });

  it('drops empty parameters and ids that are not tokens', () => {
    expect(parseRoute('#/inbox?status=&q=x')).to.deep.equal({ section: 'inbox', params: { q: 'x' } });
    expect(parseRoute('#/concern/a b')).to.deep.equal({ section: 'concern', params: {} });
  });

  it('writes routes that read back the same, words and accents included', () => {
    const route = { section: 'inbox', params: { q: 'dépôt sauvage & tags', sort: '-submitted', empty: '' } };
    const hash = formatRoute(route);
    expect(hash).to.equal('#/inbox?q=d%C3%A9p%C3%B4t+sauvage+%26+tags&sort=-submitted');
    expect(parseRoute(hash)).to.deep.equal({
      section: 'inbox',
      params: { q: 'dépôt sauvage & tags', sort: '-submitted' },
    });
    expect(formatRoute({ section: 'concern', id: 'PRX-7KQ2-M4XD', params: {} })).to.equal(
      '#/concern/PRX-7KQ2-M4XD',
    );
  });

  it('compares routes regardless of parameter order', () => {
    const a = { section: 'inbox', params: { a: '1', b: '2' } };
    expect(sameRoute(a, { section: 'inbox', params: { b: '2', a: '1' } })).to.equal(true);
    expect(sameRoute(a, { section: 'inbox', params: { a: '1' } })).to.equal(false);
    expect(sameRoute(a, { section: 'inbox', id: 'x', params: { a: '1', b: '2' } })).to.equal(false);
    expect(sameRoute(a, { section: 'inbox', params: { a: '1', b: '2', c: '' } })).to.equal(true);
  });
});
