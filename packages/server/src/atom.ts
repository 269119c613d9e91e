/**
 * The Atom feed (RFC 4287, https://www.rfc-editor.org/rfc/rfc4287) of the actions taken on
 * priorities: one entry per action carried out, newest first, with the issue it answers.
 * Identifiers are tag URIs (RFC 4151) that never change for an action, so feed readers do not
 * show an entry twice.
 */
import type { LocalizedText, Priority } from '@proximite/contract';
import { CITY_TIME_ZONE } from './store/content.js';
import { isoInZone, zonedToDate } from './util.js';
import { escapeXml } from './xml.js';

export interface AtomOptions {
  /** The tag URIs' authority (a domain name the city controls). */
  domain: string;
  /** This feed's own URL (`rel="self"`). */
  selfUrl: string;
  /** Where the priorities are read (`rel="alternate"` of each entry). */
  listUrl: string;
  lang: 'fr' | 'en';
  /** The district the feed is limited to, if any (part of the feed's id). */
  district?: string | undefined;
  /** When nothing was ever published: the feed's `updated`. */
  now: Date;
}

const text = (t: LocalizedText | undefined, lang: 'fr' | 'en') => (lang === 'en' ? (t?.en ?? t?.fr) : t?.fr) ?? '';

/** Noon of a day in the city's zone, as an RFC 3339 date-time with its offset. */
function dayTime(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return isoInZone(zonedToDate(CITY_TIME_ZONE, y, m, d, 12, 0), CITY_TIME_ZONE);
}

interface Entry {
  id: string;
  title: string;
  updated: string;
  summary: string;
  content: string;
  district?: string | undefined;
  link: string;
}

/** The entries of the feed: each action carried out (`done`) of each priority, newest first. */
export function feedEntries(priorities: readonly Priority[], o: AtomOptions): Entry[] {
  const entries: (Entry & { sortKey: string })[] = [];
  for (const p of priorities) {
    const actions = p.actions?.length
      ? p.actions
      : p.action !== undefined && p.actionDate !== undefined
        ? [{ text: p.action, date: p.actionDate, status: 'done' }]
        : [];
    actions.forEach((a, i) => {
      if (a.status !== 'done') return;
      const issue = text(p.issue, o.lang);
      const action = text(a.text, o.lang);
      const raised =
        o.lang === 'en'
          ? `Raised on ${p.issueDate}${p.sources.concernCount ? ` (${p.sources.concernCount} concern(s))` : ''}.`
          : `Signalé le ${p.issueDate}${p.sources.concernCount ? ` (${p.sources.concernCount} signalement(s))` : ''}.`;
      entries.push({
        id: `tag:${o.domain},${p.issueDate}:priority/${p.id}/action/${i}`,
        title: issue,
        updated: dayTime(a.date),
        summary: action,
        content: `${o.lang === 'en' ? 'You said' : 'Vous avez dit'} : ${issue}\n${raised}\n${
          o.lang === 'en' ? 'We did' : 'Nous avons fait'
        } (${a.date}) : ${action}`,
        district: p.districtId,
        link: `${o.listUrl}#${encodeURIComponent(p.id)}`,
        sortKey: `${a.date}\u0000${p.id}\u0000${String(i).padStart(3, '0')}`,
      });
    });
  }
  return entries.sort((a, b) => (a.sortKey < b.sortKey ? 1 : a.sortKey > b.sortKey ? -1 : 0));
}

/** The feed document. */
export function buildPrioritiesFeed(priorities: readonly Priority[], o: AtomOptions): string {
  const entries = feedEntries(priorities, o);
  const updated = entries[0]?.updated ?? isoInZone(o.now, CITY_TIME_ZONE);
  const title = o.lang === 'en' ? 'You said, we did — Proximité' : 'Vous avez dit, nous avons fait — Proximité';
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${o.lang}">`,
    `  <id>${escapeXml(`tag:${o.domain},2026:priorities${o.district !== undefined ? `/${o.district}` : ''}`)}</id>`,
    `  <title type="text">${escapeXml(title)}</title>`,
    `  <updated>${updated}</updated>`,
    `  <author><name>${escapeXml(o.lang === 'en' ? 'The city and its police' : 'La ville et sa police')}</name></author>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(o.selfUrl)}"/>`,
    `  <link rel="alternate" type="application/json" href="${escapeXml(o.listUrl)}"/>`,
    '  <generator>Proximité</generator>',
  ];
  for (const e of entries) {
    lines.push(
      '  <entry>',
      `    <id>${escapeXml(e.id)}</id>`,
      `    <title type="text">${escapeXml(e.title)}</title>`,
      `    <updated>${e.updated}</updated>`,
      `    <published>${e.updated}</published>`,
      `    <link rel="alternate" type="application/json" href="${escapeXml(e.link)}"/>`,
      ...(e.district !== undefined ? [`    <category term="${escapeXml(e.district)}"/>`] : []),
      `    <summary type="text">${escapeXml(e.summary)}</summary>`,
      `    <content type="text">${escapeXml(e.content)}</content>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
