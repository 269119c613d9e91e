import { expect } from '@open-wc/testing';
import type { Priority } from '@proximite/contract';
import {
  actionsOf,
  concernCount,
  daysBetween,
  daysToDone,
  isStatusFilter,
  lastActivity,
  selectPriorities,
  statusCounts,
} from './priorities-view.js';

const priority = (id: string, extra: Partial<Priority> = {}): Priority => ({
  id,
  issue: { fr: id },
  issueDate: '2026-03-01',
  status: 'raised',
  sources: { concernReferences: [], cafeIds: [] },
  ...extra,
});

describe('priorities view (pure)', () => {
  it('lists actions oldest first, and reads the data.police.uk pair as one action carried out', () => {
    const p = priority('a', {
      actions: [
        { text: { fr: 'b' }, date: '2026-04-10', status: 'done' },
        { text: { fr: 'a' }, date: '2026-03-15', status: 'done' },
      ],
    });
    expect(actionsOf(p).map((a) => a.date)).to.deep.equal(['2026-03-15', '2026-04-10']);
    const pair = priority('b', { action: { fr: 'fait' }, actionDate: '2026-03-20', status: 'done' });
    expect(actionsOf(pair)).to.deep.equal([{ text: { fr: 'fait' }, date: '2026-03-20', status: 'done' }]);
    expect(actionsOf(priority('c'))).to.deep.equal([]);
  });

  it('counts concerns: the server’s count, else the recorded references', () => {
    expect(
      concernCount(
        priority('a', { sources: { concernReferences: ['X', 'Y'], cafeIds: [], concernCount: 9 } }),
      ),
    ).to.equal(9);
    expect(concernCount(priority('b', { sources: { concernReferences: ['X', 'Y'], cafeIds: [] } }))).to.equal(
      2,
    );
  });

  it('orders by the latest activity (a planned action is not activity), then the day raised, then id', () => {
    const items = [
      priority('old', { issueDate: '2026-01-05' }),
      priority('planned', {
        issueDate: '2026-02-01',
        actions: [{ text: { fr: 'x' }, date: '2026-12-01', status: 'planned' }],
      }),
      priority('acted', {
        issueDate: '2026-01-10',
        actions: [{ text: { fr: 'x' }, date: '2026-03-01', status: 'in-progress' }],
      }),
      priority('b-tie', { issueDate: '2026-02-01' }),
    ];
    expect(lastActivity(items[1]!)).to.equal('2026-02-01');
    expect(selectPriorities(items, 'all').map((p) => p.id)).to.deep.equal([
      'acted',
      'b-tie',
      'planned',
      'old',
    ]);
  });

  it('filters by status and counts each filter (unknown statuses only in « all »)', () => {
    const items = [
      priority('a', { status: 'done' }),
      priority('b', { status: 'in-progress' }),
      priority('c', { status: 'in-progress' }),
      priority('d', { status: 'archived' }),
    ];
    expect(selectPriorities(items, 'in-progress').map((p) => p.id)).to.deep.equal(['b', 'c']);
    expect(statusCounts(items)).to.deep.equal({ all: 4, raised: 0, 'in-progress': 2, done: 1 });
    expect(isStatusFilter('done')).to.equal(true);
    expect(isStatusFilter('archived')).to.equal(false);
  });

  it('counts calendar days across months, a leap day and the change to summer time', () => {
    expect(daysBetween('2026-03-01', '2026-03-31')).to.equal(30);
    expect(daysBetween('2028-02-28', '2028-03-01')).to.equal(2);
    expect(daysBetween('2026-03-28', '2026-03-30')).to.equal(2);
    expect(daysBetween('2026-04-02', '2026-04-01')).to.equal(-1);
  });

  it('says how long a done priority took: to its latest action carried out', () => {
    const done = priority('a', {
      status: 'done',
      issueDate: '2026-03-02',
      actions: [
        { text: { fr: 'a' }, date: '2026-03-10', status: 'done' },
        { text: { fr: 'b' }, date: '2026-04-06', status: 'done' },
        { text: { fr: 'c' }, date: '2026-06-01', status: 'planned' },
      ],
    });
    expect(daysToDone(done)).to.equal(35);
    expect(daysToDone({ ...done, status: 'in-progress' })).to.equal(undefined);
    expect(daysToDone(priority('b', { status: 'done' }))).to.equal(undefined);
  });
});
