import { expect } from '@open-wc/testing';
import {
  ariaSort,
  filtersFromParams,
  isFiltered,
  nextSort,
  paramsFromFilters,
  queryOf,
  toRow,
  toggle,
} from './inbox-model.js';

describe('inbox model', () => {
  it('reads the default view from an empty fragment and writes it back as nothing', () => {
    const f = filtersFromParams({});
    expect(f).to.deep.include({ status: 'open', overdue: false, quarantined: false, sort: '-received' });
    expect(paramsFromFilters(f)).to.deep.equal({});
    expect(isFiltered(f)).to.equal(false);
  });

  it('keeps every filter through the fragment, in a stable order', () => {
    const params = {
      q: 'dépôt sauvage',
      status: 'in-progress',
      category: 'depots-sauvages',
      service: 'proprete-urbaine',
      district: 'etouvie',
      assignee: 'me',
      overdue: 'true',
      quarantined: 'true',
      sort: 'due',
      cursor: 'abc123',
    };
    const f = filtersFromParams(params);
    expect(paramsFromFilters(f)).to.deep.equal(params);
    expect(Object.keys(paramsFromFilters(f))).to.deep.equal(Object.keys(params));
    expect(isFiltered(f)).to.equal(true);
  });

  it('drops what it does not know or what is malformed', () => {
    const f = filtersFromParams({
      status: 'nonsense',
      category: '<script>',
      sort: 'sideways',
      overdue: 'yes',
      q: '   ',
      cursor: 'x'.repeat(501),
    });
    expect(paramsFromFilters(f)).to.deep.equal({});
  });

  it('asks the API for the open statuses by default and keeps the quarantine apart', () => {
    expect(queryOf(filtersFromParams({}))).to.deep.equal({
      limit: 25,
      status: 'received,in-progress,action-scheduled,referred,reopen-requested',
      quarantined: 'false',
    });
    expect(
      queryOf(filtersFromParams({ status: 'all', quarantined: 'true', q: 'PRX-7KQ2' }), 50),
    ).to.deep.equal({
      limit: 50,
      quarantined: 'true',
      q: 'PRX-7KQ2',
    });
  });

  it('sorts by a column, then the other way, and says so in aria-sort', () => {
    expect(nextSort('-received', 'received')).to.equal('received');
    expect(nextSort('received', 'received')).to.equal('-received');
    expect(nextSort('-received', 'due')).to.equal('due');
    expect(nextSort('due', 'due')).to.equal('-due');
    expect(ariaSort('-received', 'received')).to.equal('descending');
    expect(ariaSort('due', 'due')).to.equal('ascending');
    expect(ariaSort('due', 'received')).to.equal('none');
  });

  it('reads a row from the inbox item, the older admin item and the observers’ item alike', () => {
    const now = new Date('2026-12-02T12:00:00Z');
    const inbox = toRow(
      {
        reference: 'PRX-AAAA-BBBB',
        categoryCode: 'bruit',
        category: { fr: 'Bruit', en: 'Noise' },
        districtId: 'etouvie',
        district: 'Étouvie',
        service: { id: 'tranquillite-publique', name: { fr: 'Tranquillité publique' } },
        status: 'received',
        receivedAt: '2026-11-29T09:00:00Z',
        updatedAt: '2026-11-29T09:00:00Z',
        ageDays: 3,
        dueAt: '2026-12-01T17:00:00Z',
        overdue: true,
        assignee: { id: 'stf-1', displayName: 'Alex Agent' },
        quarantined: false,
        duplicateOf: null,
        excerpt: 'Musique forte',
      },
      now,
    );
    expect(inbox).to.deep.include({
      district: 'Étouvie',
      ageDays: 3,
      overdue: true,
      excerpt: 'Musique forte',
    });
    expect(inbox.assignee).to.deep.equal({ id: 'stf-1', displayName: 'Alex Agent' });

    const older = toRow(
      {
        reference: 'PRX-CCCC-DDDD',
        categoryCode: 'voisinage',
        service: { id: 'mediation', name: { fr: 'Médiation' } },
        status: 'in-progress',
        submittedAt: '2026-11-30T12:00:00Z',
        location: { districtId: 'amiens-nord' },
        description: 'x'.repeat(300),
        quarantined: true,
        internalNotes: [],
      },
      now,
    );
    expect(older).to.deep.include({
      districtId: 'amiens-nord',
      ageDays: 2,
      dueAt: null,
      overdue: false,
      assignee: null,
    });
    expect(older.excerpt).to.have.length(160);

    const observed = toRow(
      { reference: 'PRX-E', categoryCode: 'bruit', status: 'closed', submittedAt: 'bad' },
      now,
    );
    expect(observed).to.deep.include({ ageDays: 0, service: null, excerpt: '' });
  });

  it('toggles a selection without changing the one it was given', () => {
    const a = new Set(['A']);
    const b = toggle(a, 'B', true);
    expect([...b]).to.deep.equal(['A', 'B']);
    expect([...toggle(b, 'A', false)]).to.deep.equal(['B']);
    expect([...a]).to.deep.equal(['A']);
  });
});
