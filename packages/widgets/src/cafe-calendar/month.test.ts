import { expect } from '@open-wc/testing';
import { groupByDay } from './agenda.js';
import { monthMessages } from './month-view.messages.js';
import { cafe } from './test-fixtures/cafe.js';
import { addMonths, daysWithCafes, firstDayOfWeek, formatMonth, monthGrid, weekdayNames } from './month.js';

describe('month: grid', () => {
  it('starts weeks on Monday for French and British English, Sunday for US English', () => {
    expect(firstDayOfWeek('fr-FR')).to.equal(1);
    expect(firstDayOfWeek('fr')).to.equal(1);
    expect(firstDayOfWeek('en-GB')).to.equal(1);
    expect(firstDayOfWeek('en-US')).to.equal(7);
  });

  it('lays out May 2026 from Monday 27 April to Sunday 31 May', () => {
    const weeks = monthGrid({ year: 2026, month: 5 }, 1);
    expect(weeks).to.have.length(5);
    expect(weeks[0]![0]).to.deep.equal({ date: '2026-04-27', day: 27, inMonth: false, weekday: 1 });
    expect(weeks[0]![4]).to.deep.equal({ date: '2026-05-01', day: 1, inMonth: true, weekday: 5 });
    expect(weeks[4]![6]).to.deep.equal({ date: '2026-05-31', day: 31, inMonth: true, weekday: 7 });
    expect(weeks.flat().filter((c) => c.inMonth)).to.have.length(31);
  });

  it('lays out weeks starting on Sunday, and a February that fits in four weeks', () => {
    const may = monthGrid({ year: 2026, month: 5 }, 7);
    expect(may[0]![0]!.date).to.equal('2026-04-26');
    expect(may[0]!.map((c) => c.weekday)).to.deep.equal([7, 1, 2, 3, 4, 5, 6]);
    const feb = monthGrid({ year: 2027, month: 2 }, 1);
    expect(feb).to.have.length(4);
    expect(feb.flat().every((c) => c.inMonth)).to.equal(true);
  });

  it('moves between months across years', () => {
    expect(addMonths({ year: 2026, month: 12 }, 1)).to.deep.equal({ year: 2027, month: 1 });
    expect(addMonths({ year: 2026, month: 1 }, -1)).to.deep.equal({ year: 2025, month: 12 });
    expect(addMonths({ year: 2026, month: 5 }, -17)).to.deep.equal({ year: 2024, month: 12 });
  });

  it('names weekdays and months through Intl', () => {
    expect(weekdayNames('fr-FR', 1).map((d) => d.long)).to.deep.equal([
      'lundi',
      'mardi',
      'mercredi',
      'jeudi',
      'vendredi',
      'samedi',
      'dimanche',
    ]);
    expect(weekdayNames('en-GB', 7)[0]).to.deep.equal({ long: 'Sunday', short: 'Sun' });
    expect(formatMonth({ year: 2026, month: 5 }, 'fr-FR')).to.equal('mai 2026');
    expect(formatMonth({ year: 2026, month: 5 }, 'en-GB')).to.equal('May 2026');
  });

  it('finds which days of a month have cafés', () => {
    const groups = groupByDay([
      cafe({ id: 'a', start: '2026-05-12T10:00:00+02:00', end: '2026-05-12T11:00:00+02:00' }),
      cafe({ id: 'b', start: '2026-06-02T10:00:00+02:00', end: '2026-06-02T11:00:00+02:00' }),
    ]);
    expect([...daysWithCafes(groups, { year: 2026, month: 5 }).keys()]).to.deep.equal(['2026-05-12']);
    expect([...daysWithCafes(groups, { year: 2026, month: 6 }).keys()]).to.deep.equal(['2026-06-02']);
    expect(daysWithCafes(groups, { year: 2026, month: 7 }).size).to.equal(0);
  });
});

describe('month: day links in words', () => {
  it('say how many cafés a day has, and how many of them are cancelled, in both languages', () => {
    const { fr, en } = monthMessages;
    expect(fr.dayLink('mardi 12 mai 2026', 2, 0)).to.equal('mardi 12 mai 2026\u00a0: 2 cafés');
    expect(fr.dayLink('mardi 12 mai 2026', 1, 1)).to.equal('mardi 12 mai 2026\u00a0: 1 café, annulé');
    expect(fr.dayLink('mardi 12 mai 2026', 2, 2)).to.equal('mardi 12 mai 2026\u00a0: 2 cafés, annulés');
    expect(fr.dayLink('mardi 12 mai 2026', 3, 1)).to.equal('mardi 12 mai 2026\u00a0: 3 cafés, dont 1 annulé');
    expect(fr.dayLink('mardi 12 mai 2026', 3, 2)).to.equal(
      'mardi 12 mai 2026\u00a0: 3 cafés, dont 2 annulés',
    );
    expect(en.dayLink('Tuesday 12 May 2026', 1, 1)).to.equal('Tuesday 12 May 2026: 1 café, cancelled');
    expect(en.dayLink('Tuesday 12 May 2026', 3, 1)).to.equal('Tuesday 12 May 2026: 3 cafés, 1 cancelled');
  });
});

describe('month view: the list under the table renders in steps (issue 21)', () => {
  const may = [12, 14, 19, 21].map((day) =>
    cafe({ id: `c${day}`, start: `2026-05-${day}T17:30:00+02:00`, end: `2026-05-${day}T19:00:00+02:00` }),
  );

  async function listed(rendered: number): Promise<{ days: string[]; pending: number }> {
    const { renderMonth } = await import('./month-view.js');
    const { html, render } = await import('lit');
    let pending = 0;
    const root = document.createElement('div');
    render(
      renderMonth({
        cafes: may,
        month: { year: 2026, month: 5 },
        today: '2026-05-03',
        locale: 'fr-FR',
        lang: 'fr',
        announcement: '',
        navigate: () => undefined,
        focusDay: () => undefined,
        renderDay: (group) => html`<section class="day" data-date=${group.date}></section>`,
        rendered,
        pending: () => (pending += 1),
      }),
      root,
    );
    const days = [...root.querySelectorAll<HTMLElement>('.agenda .day')].map((d) => d.dataset.date!);
    // Every day of the month still has its link in the table.
    expect(root.querySelectorAll('a.day-link')).to.have.length(4);
    return { days, pending };
  }

  it('lists the first cafés and says the rest waits, then lists them all', async () => {
    expect(await listed(2)).to.deep.equal({ days: ['2026-05-12', '2026-05-14'], pending: 2 });
    expect(await listed(4)).to.deep.equal({
      days: ['2026-05-12', '2026-05-14', '2026-05-19', '2026-05-21'],
      pending: 0,
    });
  });
});

describe('month view: only the cafés near the month have their days computed', () => {
  it('keeps what may fall in the month in its own zone, drops what cannot', async () => {
    const { nearMonth } = await import('./month-view.js');
    const kept = nearMonth(
      [
        // 30 April 11:00 UTC is 1 May 01:00 at Kiritimati (UTC+14).
        cafe({
          id: 'kiritimati',
          start: '2026-04-30T11:00:00Z',
          end: '2026-04-30T12:00:00Z',
          timeZone: 'Pacific/Kiritimati',
        }),
        cafe({ id: 'march', start: '2026-03-20T17:00:00Z', end: '2026-03-20T18:00:00Z' }),
        cafe({ id: 'spanning', start: '2026-04-01T08:00:00Z', end: '2026-06-01T08:00:00Z' }),
        cafe({ id: 'july', start: '2026-07-02T17:00:00Z', end: '2026-07-02T18:00:00Z' }),
      ],
      { year: 2026, month: 5 },
    ).map((c) => c.id);
    expect(kept).to.deep.equal(['kiritimati', 'spanning']);
  });
});
