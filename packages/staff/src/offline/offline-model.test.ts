import { expect } from '@open-wc/testing';
import {
  CACHE_PREFIX,
  cacheKeyOf,
  cacheNameOf,
  linkedFiles,
  staleCaches,
  strategyOf,
} from './offline-model.js';

const scope = new URL('https://city.example/staff/');
const at = (path: string) => new URL(path, scope);

describe('the console service worker’s rules', () => {
  it('never answers an API request, whatever its place', () => {
    expect(strategyOf(at('/v1/staff/session'), scope)).to.equal(undefined);
    expect(strategyOf(at('/v1/admin/concerns?q=x'), scope)).to.equal(undefined);
    expect(strategyOf(at('/open311/v2/requests.json'), scope)).to.equal(undefined);
    expect(strategyOf(at('/staff/v1/anything'), scope)).to.equal(undefined);
  });

  it('takes the page and its files from the network first', () => {
    expect(strategyOf(at('/staff/'), scope)).to.equal('network-first');
    expect(strategyOf(at('/staff/staff.css'), scope)).to.equal('network-first');
    expect(strategyOf(at('/bundles/cdn/prox-staff-console.js'), scope)).to.equal('network-first');
  });

  it('takes the console’s hashed chunks from the cache first', () => {
    expect(strategyOf(at('/bundles/cdn/staff/console-AbC123.js'), scope)).to.equal('cache-first');
    expect(strategyOf(at('/bundles/cdn/staff/field-x1.js'), scope)).to.equal('cache-first');
  });

  it('leaves other files, other origins and source maps to the network', () => {
    expect(strategyOf(at('/bundles/cdn/proximite.js'), scope)).to.equal(undefined);
    expect(strategyOf(at('/bundles/cdn/staff/console-AbC123.js.map'), scope)).to.equal(undefined);
    expect(strategyOf(at('/staff/x.js.map'), scope)).to.equal(undefined);
    expect(strategyOf(at('/'), scope)).to.equal(undefined);
    expect(strategyOf(new URL('https://cdn.example/staff/'), scope)).to.equal(undefined);
  });

  it('keeps the page once, whatever its query, and other files without their query', () => {
    expect(cacheKeyOf(at('/staff/?lang=en'), scope)).to.equal('https://city.example/staff/');
    expect(cacheKeyOf(at('/staff/index.html'), scope)).to.equal('https://city.example/staff/');
    expect(cacheKeyOf(at('/staff/staff.css?v=2'), scope)).to.equal('https://city.example/staff/staff.css');
  });

  it('finds what the page links to that it keeps', () => {
    const html = `<link rel="icon" href="data:," /><link rel="stylesheet" href="/staff/staff.css" />
      <script type="module" src="/bundles/cdn/prox-staff-console.js"></script>
      <script type="module" src="register.js"></script><a href="https://elsewhere.example/">x</a>
      <a href="/v1/priorities">y</a>`;
    expect(linkedFiles(html, scope)).to.deep.equal([
      'https://city.example/staff/staff.css',
      'https://city.example/bundles/cdn/prox-staff-console.js',
      'https://city.example/staff/register.js',
    ]);
  });

  it('deletes the older builds’ caches only', () => {
    const current = cacheNameOf('b2');
    expect(current).to.equal(`${CACHE_PREFIX}b2`);
    expect(
      staleCaches([cacheNameOf('a1'), current, 'someone-else', cacheNameOf('c3')], current),
    ).to.deep.equal([cacheNameOf('a1'), cacheNameOf('c3')]);
  });
});
