import { expect } from '@open-wc/testing';
import type { AuditEntry } from '@proximite/contract';
import {
  actionFamilies,
  filtersFromParams,
  isFiltered,
  matching,
  paramsFromFilters,
  queryOf,
  shortHash,
  showEntry,
  staffId,
  verdictOf,
} from './audit-model.js';

const entry = (seq: number, actor: string, action: string, target: string): AuditEntry => ({
  seq,
  at: '2026-12-01T09:00:00Z',
  actor,
  action,
  target,
  hashPrev: '0'.repeat(64),
  hash: 'ab'.repeat(32),
});

const ENTRIES = [
  entry(1, 'staff:stf-1', 'staff.sign-in', 'staff:stf-1'),
  entry(2, 'staff:stf-1', 'concern.triage', 'PRX-AAAA-0001'),
  entry(3, 'token:tok-1 (import)', 'stats.activity.put', 'stats:activity'),
  entry(4, 'staff:stf-2', 'concern.routed', 'PRX-AAAA-0002'),
];

describe('audit log model', () => {
  it('reads and writes the view in the fragment', () => {
    expect(
      filtersFromParams({ after: '40', actor: ' Dominique ', action: 'concern.', target: '' }),
    ).to.deep.equal({
      after: 40,
      actor: 'Dominique',
      action: 'concern.',
    });
    expect(filtersFromParams({ after: '-3' })).to.deep.equal({});
    expect(filtersFromParams({ after: '1e9' })).to.deep.equal({});
    expect(paramsFromFilters({ target: 'PRX', after: 50 })).to.deep.equal({ after: '50', target: 'PRX' });
    expect(queryOf({ after: 50, actor: 'x' })).to.deep.equal({ limit: 50, after: 50 });
    expect(queryOf({})).to.deep.equal({ limit: 50 });
    expect(isFiltered({ after: 3 })).to.equal(false);
    expect(isFiltered({ target: 'PRX' })).to.equal(true);
  });

  it('filters a page by action start, actor and target words, names included', () => {
    expect(matching(ENTRIES, { action: 'concern' }).map((e) => e.seq)).to.deep.equal([2, 4]);
    expect(matching(ENTRIES, { target: 'prx-aaaa-0002' }).map((e) => e.seq)).to.deep.equal([4]);
    expect(matching(ENTRIES, { actor: 'import' }).map((e) => e.seq)).to.deep.equal([3]);
    const names = new Map([['stf-2', 'Hélène Agent']]);
    expect(matching(ENTRIES, { actor: 'helene' }, names).map((e) => e.seq)).to.deep.equal([4]);
    expect(matching(ENTRIES, {}).length).to.equal(4);
    expect(actionFamilies(ENTRIES)).to.deep.equal(['staff', 'concern', 'stats']);
    expect(staffId('staff:stf-2')).to.equal('stf-2');
    expect(staffId('token:tok-1 (import)')).to.equal(undefined);
  });

  it('says what a verification found', () => {
    expect(verdictOf({ ok: true, checked: 12, firstBrokenSeq: null })).to.deep.equal({
      kind: 'intact',
      checked: 12,
    });
    expect(verdictOf({ ok: true, checked: 0, firstBrokenSeq: null })).to.deep.equal({ kind: 'empty' });
    expect(verdictOf({ ok: false, checked: 56, firstBrokenSeq: 57 })).to.deep.equal({
      kind: 'broken',
      checked: 56,
      at: 57,
    });
    expect(showEntry(57)).to.deep.equal({ after: 56 });
    expect(showEntry(1)).to.deep.equal({});
    expect(shortHash('abcdef0123456789')).to.equal('abcdef012345');
  });
});
