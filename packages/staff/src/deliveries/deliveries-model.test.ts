import { expect } from '@open-wc/testing';
import type { Delivery } from '@proximite/contract';
import {
  canRetry,
  failedFirst,
  filtersFromParams,
  isFiltered,
  paramsFromFilters,
  pinsFailed,
  queryOf,
  replaceDelivery,
} from './deliveries-model.js';

const d = (id: string, status: string): Delivery => ({ id, status }) as unknown as Delivery;

describe('delivery log model', () => {
  it('reads and writes the view in the fragment, dropping unknown statuses', () => {
    const f = filtersFromParams({ status: 'failed', service: 'voirie', concern: ' PRX-1 ', junk: 'x' });
    expect(f).to.deep.equal({ status: 'failed', service: 'voirie', concern: 'PRX-1' });
    expect(filtersFromParams({ status: 'lost' })).to.deep.equal({});
    expect(paramsFromFilters({ concern: 'PRX-1', status: 'held', cursor: '' })).to.deep.equal({
      status: 'held',
      concern: 'PRX-1',
    });
    expect(queryOf({ status: 'sent', cursor: 'c2' })).to.deep.equal({
      limit: 25,
      status: 'sent',
      cursor: 'c2',
    });
    expect(isFiltered({})).to.equal(false);
    expect(isFiltered({ service: 'voirie' })).to.equal(true);
  });

  it('pins failed sends on the first page of an unfiltered status only', () => {
    expect(pinsFailed({})).to.equal(true);
    expect(pinsFailed({ service: 'voirie' })).to.equal(true);
    expect(pinsFailed({ status: 'sent' })).to.equal(false);
    expect(pinsFailed({ cursor: 'c2' })).to.equal(false);
  });

  it('lists failed sends first, each once, the rest in the API order', () => {
    const rows = failedFirst(
      [d('f1', 'failed'), d('f2', 'failed')],
      [d('a', 'sent'), d('f2', 'failed'), d('f3', 'failed'), d('b', 'pending')],
    );
    expect(rows.map((r) => r.id)).to.deep.equal(['f1', 'f2', 'f3', 'a', 'b']);
  });

  it('offers a retry for failed, waiting and held sends only', () => {
    expect(
      ['failed', 'pending', 'held', 'sending', 'sent'].map((s) => canRetry({ status: s })),
    ).to.deep.equal([true, true, true, false, false]);
    expect(
      replaceDelivery([d('a', 'failed'), d('b', 'sent')], d('a', 'pending')).map((r) => r.status),
    ).to.deep.equal(['pending', 'sent']);
  });
});
