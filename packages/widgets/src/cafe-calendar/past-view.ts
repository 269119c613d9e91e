/**
 * « Rencontres passées » of <prox-cafe-calendar>, loaded the first time a resident asks for it
 * (upcoming cafés stay the default): the meetings held, most recent first, each with its public
 * report (attendance, topics, answers, follow-ups) behind a disclosure button. Its loader, template
 * and styles.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import type { PastMeeting } from '@proximite/contract';
import type { ClientOptions, MeetingsApi } from '@proximite/sdk/core.js';
import { createMeetingsResource } from '@proximite/sdk/meetings.js';
import { defineMessages, type Lang } from '../kit/localize.js';
import { renderReport, reportStyles } from '../meeting-report/meeting-report.js';
import { datetimeAttr, formatDay, pickText, fallbackLang, cafeSpan } from './agenda.js';

export const pastMessages = defineMessages({
  fr: {
    noSource: 'Cette source ne publie pas de comptes rendus de rencontres.',
    empty: 'Aucun compte rendu de rencontre publié pour l’instant.',
    emptyDistrict: 'Aucun compte rendu de rencontre publié pour ce quartier.',
    report: 'Compte rendu',
    hide: 'Masquer le compte rendu',
    more: 'Voir des rencontres plus anciennes',
  },
  en: {
    noSource: 'This source publishes no meeting reports.',
    empty: 'No meeting report published yet.',
    emptyDistrict: 'No meeting report published for this district.',
    report: 'Report',
    hide: 'Hide the report',
    more: 'Show older meetings',
  },
});

/** The meetings of a page, and the cursor of the next (older) one. */
export interface PastPage {
  items: PastMeeting[];
  nextCursor: string | null;
}

/**
 * The past meetings of the calendar's source: the client's own `meetings` resource, else one on
 * the same base URL (a cafés client of the reference API). `undefined`: the source has none (a
 * static file, an iCalendar feed, Open311).
 */
export function meetingsOf(client: unknown): MeetingsApi | undefined {
  const c = client as { meetings?: MeetingsApi; options?: ClientOptions } | undefined;
  if (c?.meetings) return c.meetings;
  return typeof c?.options?.baseUrl === 'string' ? createMeetingsResource(c.options) : undefined;
}

/** One page of past meetings (20), the most recent first. */
export async function loadPast(
  meetings: MeetingsApi,
  district: string | undefined,
  cursor: string | undefined,
  signal: AbortSignal,
): Promise<PastPage> {
  const page = await meetings.list(
    { limit: 20, ...(district ? { district } : {}), ...(cursor ? { cursor } : {}) },
    { signal },
  );
  return { items: page.items, nextCursor: page.nextCursor };
}

export interface PastViewContext {
  /** `undefined`: the source publishes no reports. */
  meetings: PastMeeting[] | undefined;
  hasMore: boolean;
  district: string | undefined;
  locale: string;
  lang: Lang;
  /** The ids of the meetings whose report is open. */
  open: ReadonlySet<string>;
  toggle: (id: string) => void;
  more: () => void;
  districtName: (id: string) => string;
}

export function renderPast(ctx: PastViewContext): TemplateResult {
  const m = pastMessages[ctx.lang];
  if (ctx.meetings === undefined) return html`<div class="state" part="state"><p>${m.noSource}</p></div>`;
  if (!ctx.meetings.length)
    return html`<div class="state" part="state"><p>${ctx.district ? m.emptyDistrict : m.empty}</p></div>`;
  return html`<ol class="past">
      ${ctx.meetings.map(({ cafe, report }, i) => {
        const open = ctx.open.has(cafe.id);
        const title = pickText(cafe.title, ctx.lang);
        const id = `past-report-${i}`;
        return html`<li class="event past__meeting" part="event">
          <article aria-labelledby="past-title-${i}">
            <h3 class="event__title" part="event-title" id="past-title-${i}">
              <span lang=${fallbackLang(cafe.title, ctx.lang) ?? nothing}>${title}</span>
            </h3>
            <p class="when">
              <time datetime=${datetimeAttr(cafe, 'start')}
                >${formatDay(cafeSpan(cafe).first, ctx.locale)}</time
              >
              — ${cafe.place.name}${cafe.districtId ? ` (${ctx.districtName(cafe.districtId)})` : ''}
            </p>
            <button
              type="button"
              class="disclosure"
              aria-expanded=${open ? 'true' : 'false'}
              aria-controls=${id}
              @click=${() => ctx.toggle(cafe.id)}
            >
              ${open ? m.hide : m.report}<span
                class="visually-hidden"
                >: ${title}</span
              >
            </button>
            <div id=${id} ?hidden=${!open}>${open ? renderReport(report, ctx.lang, 4) : nothing}</div>
          </article>
        </li>`;
      })}
    </ol>
    ${
      ctx.hasMore
        ? html`<p class="more">
            <button type="button" class="button button--secondary" @click=${ctx.more}>${m.more}</button>
          </p>`
        : nothing
    }`;
}

/** The view's styles, added to the calendar's when the view loads. */
export const pastStyles = [
  reportStyles,
  css`
    .past {
      display: grid;
      gap: var(--_gap);
      margin: 0;
      padding: 0;
      list-style: none;
    }
  `,
];
