/**
 * The public report of a past meeting (attendance, topics, answers given on the spot, follow-ups),
 * as <prox-priorities> and the calendar's « Rencontres passées » show it. A template function, not
 * an element: each widget renders it in its own shadow root with its own styles (`reportStyles`).
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import type { LocalizedText, MeetingReport } from '@proximite/contract';
import { defineMessages, type Lang } from '../kit/localize.js';

const s = (n: number, one: string, many: string) => (n > 1 ? many : one);

export const reportMessages = defineMessages({
  fr: {
    attendance: 'Participants\u00a0:',
    attendanceCount: (n: number, shown: string) => `${shown} ${s(n, 'personne', 'personnes')}`,
    notCounted: 'non compté',
    topics: 'Sujets évoqués',
    topicConcerns: (n: number) => `${n} ${s(n, 'signalement', 'signalements')}`,
    answers: 'Réponses données sur place',
    followUps: 'Suites données',
    none: 'aucun',
    demo: 'Compte rendu fictif (démonstration).',
  },
  en: {
    attendance: 'Attendance:',
    attendanceCount: (n: number, shown: string) => `${shown} ${s(n, 'person', 'people')}`,
    notCounted: 'not counted',
    topics: 'Topics raised',
    topicConcerns: (n: number) => `${n} ${s(n, 'concern', 'concerns')}`,
    answers: 'Answers given on the spot',
    followUps: 'Follow-ups',
    none: 'none',
    demo: 'Illustrative report (demo).',
  },
});

/** The text in `lang`, falling back to French, with the `lang` attribute the fallback needs. */
function text(t: LocalizedText, lang: Lang): TemplateResult {
  const own = lang === 'en' ? t.en : t.fr;
  return own ? html`${own}` : html`<span lang="fr">${t.fr}</span>`;
}

/**
 * One report. `headingLevel` is the level of its section headings (the caller's heading + 1), so
 * the outline stays right wherever it is shown.
 */
export function renderReport(report: MeetingReport, lang: Lang, headingLevel: 3 | 4 | 5): TemplateResult {
  const m = reportMessages[lang];
  const number = (n: number) => new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB').format(n);
  const heading = (label: string) =>
    headingLevel === 3
      ? html`<h3 class="report__heading">${label}</h3>`
      : headingLevel === 4
        ? html`<h4 class="report__heading">${label}</h4>`
        : html`<h5 class="report__heading">${label}</h5>`;
  const list = (items: readonly { text: LocalizedText }[]) =>
    items.length
      ? html`<ul class="report__list">
          ${items.map((i) => html`<li>${text(i.text, lang)}</li>`)}
        </ul>`
      : html`<p class="report__none">${m.none}</p>`;
  return html`<div class="report">
    ${report.demo ? html`<p class="report__demo">${m.demo}</p>` : nothing}
    <p class="report__attendance">
      <strong>${m.attendance}</strong>
      ${report.attendance === null ? m.notCounted : m.attendanceCount(report.attendance, number(report.attendance))}
    </p>
    ${heading(m.topics)}
    ${
      report.topics.length
        ? html`<ul class="report__list">
            ${report.topics.map(
              (t) =>
                html`<li>
                  ${text(t.title, lang)}${
                    t.concernCount > 0
                      ? html` <span class="report__muted">(${m.topicConcerns(t.concernCount)})</span>`
                      : nothing
                  }
                </li>`,
            )}
          </ul>`
        : html`<p class="report__none">${m.none}</p>`
    }
    ${heading(m.answers)} ${list(report.answers)} ${heading(m.followUps)} ${list(report.followUps)}
  </div>`;
}

/** The report's styles, added by the widget that shows one. */
export const reportStyles = css`
  .report {
    display: grid;
    gap: 0.5rem;
    padding: 0.75rem;
    border-inline-start: 4px solid var(--_prox-accent);
    background: var(--_prox-bg);
  }
  .report__heading {
    font-size: 1em;
    margin: 0.25rem 0 0;
  }
  .report__list {
    margin: 0;
    padding-inline-start: 1.25rem;
  }
  .report p {
    margin: 0;
  }
  .report__muted,
  .report__none {
    color: var(--_prox-fg-muted);
  }
  .report__demo {
    font-style: italic;
    color: var(--_prox-fg-muted);
  }
`;
