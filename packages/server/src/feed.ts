/**
 * The private Atom feed of a concern (RFC 4287, https://www.rfc-editor.org/rfc/rfc4287): its
 * public updates, for a resident who follows it in a feed reader without giving anything. No
 * personal data: the status, the service and the texts the service made public — never the
 * description, the address, the contact or an internal note.
 */
import type { ConcernStatusView, LocalizedText } from '@proximite/contract';
import { escapeXml } from './xml.js';

type Lang = 'fr' | 'en';

/** A status in words, as residents read it (an unknown status is shown as it is). */
export const STATUS_LABELS: Record<Lang, Record<string, string>> = {
  fr: {
    received: 'Reçu',
    'in-progress': 'En cours de traitement',
    'action-scheduled': 'Intervention programmée',
    referred: 'Transmis à un autre service',
    resolved: 'Résolu',
    closed: 'Clos',
    duplicate: 'Déjà signalé (doublon)',
    'not-responsible': 'Hors de la compétence du service',
    'reopen-requested': 'Réouverture demandée',
  },
  en: {
    received: 'Received',
    'in-progress': 'Being handled',
    'action-scheduled': 'Action scheduled',
    referred: 'Referred to another service',
    resolved: 'Resolved',
    closed: 'Closed',
    duplicate: 'Already reported (duplicate)',
    'not-responsible': 'Not within the service’s remit',
    'reopen-requested': 'Reopening requested',
  },
};

export const statusLabel = (lang: Lang, status: string): string => STATUS_LABELS[lang][status] ?? status;

const pick = (text: LocalizedText, lang: Lang): string => (lang === 'en' ? (text.en ?? text.fr) : text.fr);

const FEED_TEXT = {
  fr: {
    title: (ref: string) => `Suivi du signalement ${ref}`,
    subtitle: 'Les mises à jour publiques de ce signalement. Ce flux est privé : ne le partagez pas.',
    received: (service: string) => `Votre signalement a été reçu et transmis à : ${service}.`,
  },
  en: {
    title: (ref: string) => `Updates on report ${ref}`,
    subtitle: 'The public updates on this report. This feed is private: do not share it.',
    received: (service: string) => `Your report was received and sent to: ${service}.`,
  },
} as const;

export interface FeedOptions {
  /** The feed's own URL (its `self` link). */
  selfUrl: string;
  /** The host name that mints the feed's and entries' `tag:` URIs (RFC 4151). */
  authority: string;
  lang: Lang;
}

/** The Atom document of a concern's public status. */
export function buildConcernFeed(view: ConcernStatusView, options: FeedOptions): string {
  const { lang } = options;
  const t = FEED_TEXT[lang];
  const tag = (specific: string) => `tag:${options.authority},2026:${specific}`;
  const service = pick(view.service.name, lang);
  const entry = (id: string, at: string, title: string, text: string) =>
    [
      '  <entry>',
      `    <id>${escapeXml(id)}</id>`,
      `    <title>${escapeXml(title)}</title>`,
      `    <updated>${at}</updated>`,
      `    <content type="text">${escapeXml(text)}</content>`,
      '  </entry>',
    ].join('\n');
  const updates = [...view.updates].sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id));
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}">`,
    `  <id>${escapeXml(tag(`concern/${view.reference}`))}</id>`,
    `  <title>${escapeXml(t.title(view.reference))}</title>`,
    `  <subtitle>${escapeXml(t.subtitle)}</subtitle>`,
    `  <updated>${view.updatedAt}</updated>`,
    `  <author><name>${escapeXml(service)}</name></author>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(options.selfUrl)}"/>`,
    ...updates.map((u) =>
      entry(
        tag(`concern/${view.reference}/update/${u.id}`),
        u.at,
        statusLabel(lang, u.status),
        pick(u.text, lang),
      ),
    ),
    entry(
      tag(`concern/${view.reference}/received`),
      view.submittedAt,
      statusLabel(lang, 'received'),
      t.received(service),
    ),
    '</feed>',
    '',
  ].join('\n');
}
