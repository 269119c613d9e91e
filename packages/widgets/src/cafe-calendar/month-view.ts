/**
 * The month view of <prox-cafe-calendar>, loaded the first time a resident asks for it (the agenda
 * list comes first, and most visits never leave it): its template, its styles and its navigation.
 *
 * The month is a data table (caption, column headers for the weekdays), NOT the ARIA grid pattern:
 * the APG grid is meant for date pickers, where arrow keys move a single focus. Here residents
 * browse events, so each day that has cafés is an ordinary link (Tab reaches it) that moves focus to
 * that day's cafés, listed under the table; days without cafés are plain text. Screen readers
 * announce row and column headers natively, and the list below holds the content.
 */
import { css, html, nothing, render, type TemplateResult } from 'lit';
import type { Cafe } from '@proximite/contract';
import { DEFAULT_TIME_ZONE, formatDay, groupByDay, type DayGroup, type YearMonth } from './agenda.js';
import {
  addMonths,
  daysWithCafes,
  firstDayOfWeek,
  formatMonth,
  monthGrid,
  monthKey,
  weekdayNames,
} from './month.js';
import type { Lang } from '../kit/localize.js';
import { afterNextFrame } from '../kit/frame.js';
import { monthMessages } from './month-view.messages.js';

/** What the month view needs from the calendar. */
export interface MonthViewContext {
  cafes: Cafe[];
  /** The month shown. */
  month: YearMonth;
  /** Today in the cafés' zone (`YYYY-MM-DD`). */
  today: string;
  locale: string;
  /** The language shown, for the month view's own messages. */
  lang: Lang;
  /** What the live region says (empty until the resident navigates). */
  announcement: string;
  /** Shows the month `delta` months away. */
  navigate: (delta: number) => void;
  /** Moves focus to a day's cafés under the table. */
  focusDay: (event: Event, date: string) => void;
  /** A day of the agenda, as the list view renders it. */
  renderDay: (group: DayGroup) => TemplateResult;
  /**
   * How many cafés the list under the table shows in this render: it renders a few more per task,
   * as the agenda list does (issue 21: no long task on a phone), the days after them waiting.
   * Below 0, the table shows only its first {@link FIRST_WEEKS} weeks and no list yet.
   */
  rendered: number;
  /** Called when days were left for the next step. */
  pending: () => void;
}

const DAY_MS = 86_400_000;

/**
 * The weeks of the table in its first step: the table is built, styled and laid out in two halves,
 * a frame apart (weeks 1–3, then 4–6). The whole table in one task and one frame took 60–77 ms of
 * thread time at 4× CPU throttling (issue 21: no task over 50 ms on a phone).
 */
export const FIRST_WEEKS = 3;

/**
 * The cafés that may fall in month `m` in their own zones: those whose instants meet the month
 * widened by two days on each side (no zone is a day or more away from UTC). Only these have their
 * days computed (each a few Intl calls), not the whole list: 500 cafés took 20 ms of the task that
 * opened the month at 4× CPU throttling (issue 21).
 */
export function nearMonth(cafes: readonly Cafe[], m: YearMonth): Cafe[] {
  const from = Date.UTC(m.year, m.month - 1, 1) - 2 * DAY_MS;
  const to = Date.UTC(m.year, m.month, 1) + 2 * DAY_MS;
  return cafes.filter((c) => Date.parse(c.end) >= from && Date.parse(c.start) < to);
}

/** The month `delta` months after `from`, and what the live region says of it. */
export function stepMonth(
  from: YearMonth,
  delta: number,
  cafes: Cafe[],
  locale: string,
  lang: Lang,
): { month: YearMonth; announcement: string } {
  const month = addMonths(from, delta);
  const count = new Set(
    groupByDay(nearMonth(cafes, month))
      .filter((g) => g.date.startsWith(monthKey(month)))
      .flatMap((g) => g.entries.map((e) => e.cafe.id)),
  ).size;
  return { month, announcement: monthMessages[lang].monthStatus(formatMonth(month, locale), count) };
}

/** The month table, its navigation and the cafés of the month. */
export function renderMonth(ctx: MonthViewContext): TemplateResult {
  const { month, today, locale } = ctx;
  const t = monthMessages[ctx.lang];
  const groups = groupByDay(nearMonth(ctx.cafes, month));
  const days = daysWithCafes(groups, month);
  const firstDay = firstDayOfWeek(locale);
  const monthGroups = groups.filter((g) => days.has(g.date));
  const half = ctx.rendered < 0;
  const weeks = monthGrid(month, firstDay);
  if (half) ctx.pending();
  let budget = ctx.rendered;
  return html`<div class="month-view">
    <div class="month-nav">
      <button
        type="button"
        class="button button--secondary month-nav__button"
        aria-label=${t.previousMonth}
        @click=${() => ctx.navigate(-1)}
      >
        <span aria-hidden="true">‹</span>
      </button>
      <h3 class="month-nav__title" id="month-title">${formatMonth(month, locale)}</h3>
      <button
        type="button"
        class="button button--secondary month-nav__button"
        aria-label=${t.nextMonth}
        @click=${() => ctx.navigate(1)}
      >
        <span aria-hidden="true">›</span>
      </button>
    </div>
    <p class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${ctx.announcement}</p>
    <table class="month" part="month" aria-labelledby="month-title">
      <thead>
        <tr>
          ${weekdayNames(locale, firstDay).map(
            (n) =>
              html`<th scope="col">
                <span aria-hidden="true">${n.short}</span><span class="visually-hidden">${n.long}</span>
              </th>`,
          )}
        </tr>
      </thead>
      <tbody>
        ${(half ? weeks.slice(0, FIRST_WEEKS) : weeks).map(
          (week) =>
            html`<tr>
              ${week.map((cell) => {
                if (!cell.inMonth)
                  return html`<td class="cell cell--outside">
                    <span aria-hidden="true">${cell.day}</span>
                  </td>`;
                const entries = days.get(cell.date);
                const isToday = cell.date === today;
                if (!entries)
                  return html`<td class="cell ${isToday ? 'cell--today' : ''}">
                    <time datetime=${cell.date} aria-current=${isToday ? 'date' : nothing}>${cell.day}</time>
                  </td>`;
                const count = new Set(entries.map((e) => e.cafe.id)).size;
                const cancelled = new Set(
                  entries.filter((e) => e.cafe.status === 'cancelled').map((e) => e.cafe.id),
                ).size;
                const cancelledOnly = cancelled === count;
                return html`<td class="cell cell--cafe ${isToday ? 'cell--today' : ''}">
                  <a
                    class="day-link ${cancelledOnly ? 'day-link--cancelled' : ''}"
                    href="#day-${cell.date}"
                    aria-current=${isToday ? 'date' : nothing}
                    @click=${(e: Event) => ctx.focusDay(e, cell.date)}
                    ><span aria-hidden="true">${cell.day}</span><span class="marker" aria-hidden="true"></span
                    ><span class="visually-hidden"
                      >${t.dayLink(formatDay(cell.date, locale), count, cancelled)}</span
                    ></a
                  >
                </td>`;
              })}
            </tr>`,
        )}
      </tbody>
    </table>
    ${
      half
        ? nothing
        : monthGroups.length
          ? html`<div class="agenda">
              ${monthGroups.map((group) => {
                if (budget <= 0) {
                  ctx.pending();
                  return nothing;
                }
                budget -= group.entries.length;
                return ctx.renderDay(group);
              })}
            </div>`
          : html`<p class="month-empty">${t.noCafeThisMonth}</p>`
    }
  </div>`;
}

/**
 * What the month view prepares before its first render, each step in a task of its own (the
 * calendar runs them once the view's chunk has loaded, before showing it): its Intl formatters,
 * then its templates, the first weeks of a month with a café rendered off the document (Lit
 * prepares a template once per page). The first month shown then renders in a task of about half
 * the time (issue 21). Last, the month's own fonts (its headers', its days' and its arrows' sizes
 * and weights, its tabular digits; its title's is the days' headings') are looked up and its texts
 * shaped in a frame of their own: a hidden sample in `root`'s `.base`, removed after that frame. In
 * a trace at 4× CPU throttling, the month's first frame spent 15–30 ms of its 45–75 ms of layout
 * finding these fonts and shaping.
 */
export function monthWarmUps(locale: string, lang: Lang, root?: ParentNode): (() => unknown)[] {
  // April 2026 begins on a Wednesday: its first week holds days of March whatever the first day of
  // the week (Monday, Sunday or Saturday), then plain days and a day with a café.
  const month: YearMonth = { year: 2026, month: 4 };
  const cafe = {
    id: '-',
    title: { fr: '-' },
    start: '2026-04-02T17:00:00Z',
    end: '2026-04-02T18:00:00Z',
    timeZone: DEFAULT_TIME_ZONE,
    allDay: false,
    status: 'scheduled',
  } as Cafe;
  const firstDay = firstDayOfWeek(locale);
  const none = () => undefined;
  return [
    () => weekdayNames(locale, firstDay),
    () => formatMonth(month, locale),
    () =>
      render(
        renderMonth({
          cafes: [cafe],
          month,
          today: '2026-04-03',
          locale,
          lang,
          announcement: '',
          navigate: none,
          focusDay: none,
          renderDay: () => html``,
          // Its first weeks only, as a month's first render: they hold every kind of cell (days of
          // another month, plain days, a day with a café), and Lit prepares a template once.
          rendered: -1,
          pending: none,
        }),
        document.createDocumentFragment(),
      ),
    async () => {
      const base = root?.querySelector('.base');
      if (!base) return;
      const sample = document.createElement('div');
      const digits = Array.from({ length: 31 }, (_, i) => i + 1).join(' ');
      render(
        html`<span class="month-nav__button">‹›</span>
          <table class="month">
            <tr>
              ${weekdayNames(locale, firstDay).map((n) => html`<th>${n.short}</th>`)}
            </tr>
            <tr>
              <td class="cell cell--outside">${digits}</td>
              <td class="cell"><span class="day-link">${digits}</span></td>
            </tr>
          </table>`,
        sample,
      );
      sample.className = 'month-fonts';
      sample.ariaHidden = 'true';
      base.append(sample);
      await afterNextFrame();
      sample.remove();
    },
  ];
}

/** Styles of the month view, adopted by the calendar's shadow root when the view loads. */
export const monthStyles = css`
  .month-view > * + * {
    margin-block-start: var(--_gap);
  }
  .month-fonts {
    position: absolute;
    inline-size: 20rem;
    visibility: hidden;
  }
  .month-nav {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
  }
  .month-nav__title {
    font-size: 1.125em;
    text-align: center;
  }
  .month-nav__title::first-letter {
    text-transform: uppercase;
  }
  .month-nav__button {
    font-size: 1.25em;
    line-height: 1;
    padding: 0.25rem 0.75rem;
  }
  .month {
    inline-size: 100%;
    border-collapse: collapse;
    table-layout: fixed;
    text-align: center;
    font-variant-numeric: tabular-nums;
  }
  .month th {
    padding-block: 0.25rem;
    font-size: 0.8125em;
    font-weight: 600;
    color: var(--_prox-fg-muted);
    overflow: hidden;
    text-overflow: clip;
  }
  .cell {
    block-size: 2.5rem;
    padding: 1px;
    border: 1px solid color-mix(in srgb, var(--_prox-border) 40%, transparent);
    vertical-align: middle;
  }
  .cell--outside {
    color: var(--_prox-fg-muted);
    font-size: 0.875em;
  }
  .cell--today > time,
  .cell--today > .day-link {
    outline: 2px solid var(--_prox-fg);
    outline-offset: -3px;
    border-radius: 50%;
  }
  .cell > time {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    inline-size: 2rem;
    block-size: 2rem;
  }
  .day-link {
    position: relative;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    min-block-size: 2.375rem;
    min-inline-size: 1.5rem;
    border-radius: var(--_prox-radius);
    background: var(--_marker);
    color: var(--_prox-accent-fg);
    font-weight: 700;
    text-decoration: none;
  }
  .cell--today > .day-link {
    border-radius: var(--_prox-radius);
    outline-color: var(--_prox-fg);
  }
  .marker {
    inline-size: 0.375rem;
    block-size: 0.375rem;
    border-radius: 50%;
    background: currentColor;
  }
  .day-link--cancelled {
    background: transparent;
    color: var(--_cancelled);
    border: 2px dashed var(--_cancelled);
    text-decoration: line-through;
  }
  .day-link:hover {
    text-decoration: underline;
  }
  .month-empty {
    color: var(--_prox-fg-muted);
  }

  @container (min-width: 30rem) {
    .cell {
      block-size: 3rem;
    }
    .day-link {
      min-block-size: 2.75rem;
    }
  }
  @container (min-width: 48rem) {
    .month th {
      font-size: 0.9375em;
    }
    .cell {
      block-size: 3.5rem;
    }
  }
  @media (forced-colors: active) {
    .day-link {
      forced-color-adjust: none;
      background: LinkText;
      color: Canvas;
    }
    .day-link--cancelled {
      background: Canvas;
      color: LinkText;
      border-color: LinkText;
    }
    .cell--today > time,
    .cell--today > .day-link {
      outline-color: CanvasText;
    }
  }
`;
