/**
 * The e-mails the server sends, in French and English, each as plain text and HTML: a concern for
 * a service (new, or handed over from another service), a staff member's invitation or
 * password-reset link, and the daily summary of failed deliveries. Another module registers its own
 * with {@link registerTemplate} (residents' messages) and sends them through the same queue.
 *
 * The HTML is plain, inline-styled markup (mail clients ignore style sheets) and every value is
 * escaped; the text part says the same for clients that show text only.
 */
import type { DeliveredConcern, LocalizedText, ServiceRef } from '@proximite/contract';
import { zonedParts } from '../util.js';
import { DUE_TIME_ZONE } from './due.js';

export type MailLang = 'fr' | 'en';

/** A rendered message. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** A template: data → message in one language. */
export type MailTemplate<D> = (data: D, lang: MailLang) => RenderedMail;

const registry = new Map<string, MailTemplate<never>>();

/** Makes a template available to the queue under `name` (the delivery's `payload.template`). */
export function registerTemplate<D>(name: string, template: MailTemplate<D>): void {
  registry.set(name, template as MailTemplate<never>);
}

/** Renders `name` with `data` in `langs` (two languages: French first, then English, in one message). */
export function renderMail(name: string, data: unknown, langs: readonly MailLang[]): RenderedMail {
  const template = registry.get(name) as MailTemplate<unknown> | undefined;
  if (template === undefined) throw new Error(`no mail template named ${name}`);
  const parts = langs.map((l) => template(data, l));
  if (parts.length === 1) return parts[0] as RenderedMail;
  return {
    subject: parts.map((p) => p.subject).join(' / '),
    text: parts.map((p) => p.text).join('\n\n———\n\n'),
    html: parts.map((p) => p.html).join('<hr style="margin:2em 0;border:0;border-top:1px solid #ccc">'),
  };
}

// ---------------------------------------------------------------------------
// Helpers

export function escapeHtml(s: string): string {
  return s
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** The text of `t` in `lang` (French when there is no English). */
export function pick(t: LocalizedText | undefined, lang: MailLang): string {
  if (t === undefined) return '';
  return lang === 'en' ? (t.en ?? t.fr) : t.fr;
}

const MONTHS: Record<MailLang, string[]> = {
  fr: [
    'janvier',
    'février',
    'mars',
    'avril',
    'mai',
    'juin',
    'juillet',
    'août',
    'septembre',
    'octobre',
    'novembre',
    'décembre',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

/** « 3 décembre 2026 à 17 h 30 » / "3 December 2026 at 17:30", in the city's zone. */
export function formatDateTime(iso: string, lang: MailLang, withTime = true): string {
  const p = zonedParts(new Date(iso), DUE_TIME_ZONE);
  const date = `${lang === 'fr' && p.day === 1 ? '1er' : p.day} ${MONTHS[lang][p.month - 1]} ${p.year}`;
  if (!withTime) return date;
  const mm = String(p.minute).padStart(2, '0');
  return lang === 'fr' ? `${date} à ${p.hour} h ${mm}` : `${date} at ${p.hour}:${mm}`;
}

/** A simple HTML page around `body`. */
export function page(lang: MailLang, title: string, body: string, footer: string): string {
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:1.5em;font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff">
<div style="max-width:40em;margin:0 auto">
${body}
<p style="margin-top:2em;font-size:14px;color:#555555">${footer}</p>
</div></body></html>`;
}

export function table(rows: [string, string][]): string {
  return `<table role="presentation" style="border-collapse:collapse;margin:1em 0">${rows
    .map(
      ([k, v]) =>
        `<tr><th scope="row" style="text-align:left;vertical-align:top;padding:.25em 1em .25em 0;font-weight:600">${escapeHtml(k)}</th><td style="padding:.25em 0">${escapeHtml(v).replaceAll('\n', '<br>')}</td></tr>`,
    )
    .join('')}</table>`;
}

export function button(url: string, label: string): string {
  return `<p style="margin:1.5em 0"><a href="${escapeHtml(url)}" style="display:inline-block;padding:.6em 1.2em;background:#0b4f9c;color:#ffffff;text-decoration:none;border-radius:4px">${escapeHtml(label)}</a></p>`;
}

// ---------------------------------------------------------------------------
// A concern for a service

export interface ConcernMailData {
  event: 'concern.created' | 'concern.routed';
  concern: DeliveredConcern;
  service: ServiceRef;
  previousService?: ServiceRef | undefined;
  /** When an answer is due (the service's handling-time target), if it has one. */
  dueAt?: string | null | undefined;
}

const CONCERN_TEXT = {
  fr: {
    subjectNew: (ref: string, cat: string, where: string) =>
      `[Proximité] Nouveau signalement ${ref} : ${cat}${where}`,
    subjectRouted: (ref: string, cat: string, where: string) =>
      `[Proximité] Signalement ${ref} transmis : ${cat}${where}`,
    introNew: (service: string) => `Un signalement a été orienté vers votre service (${service}).`,
    introRouted: (service: string, from: string) =>
      `Le service ${from} a transmis ce signalement à votre service (${service}).`,
    reference: 'Référence',
    category: 'Catégorie',
    submitted: 'Déposé le',
    due: 'Réponse attendue avant le',
    place: 'Lieu',
    district: 'Quartier',
    point: 'Position',
    description: 'Description',
    answers: 'Réponses du formulaire',
    contact: 'Contact',
    noContact: 'Anonyme, ou coordonnées non communiquées à ce service.',
    preferred: 'préfère être contacté·e par',
    open: 'Ouvrir le signalement dans la console',
    footer:
      'Message envoyé par Proximité pour le compte de la ville. Répondez au résident depuis la console (mise à jour publique) : ne répondez pas à ce message.',
    email: 'courriel',
    phone: 'téléphone',
  },
  en: {
    subjectNew: (ref: string, cat: string, where: string) => `[Proximité] New report ${ref}: ${cat}${where}`,
    subjectRouted: (ref: string, cat: string, where: string) =>
      `[Proximité] Report ${ref} handed over: ${cat}${where}`,
    introNew: (service: string) => `A report was routed to your service (${service}).`,
    introRouted: (service: string, from: string) =>
      `${from} handed this report over to your service (${service}).`,
    reference: 'Reference',
    category: 'Category',
    submitted: 'Submitted',
    due: 'Answer due by',
    place: 'Place',
    district: 'District',
    point: 'Position',
    description: 'Description',
    answers: 'Answers',
    contact: 'Contact',
    noContact: 'Anonymous, or contact details not shared with this service.',
    preferred: 'prefers',
    open: 'Open the report in the console',
    footer:
      'Sent by Proximité on behalf of the city. Answer the resident from the console (public update): do not reply to this message.',
    email: 'e-mail',
    phone: 'phone',
  },
} as const;

/** The rows describing a concern (shared by the text and HTML parts). */
function concernRows(data: ConcernMailData, lang: MailLang): [string, string][] {
  const t = CONCERN_TEXT[lang];
  const c = data.concern;
  const rows: [string, string][] = [
    [t.reference, c.reference],
    [t.category, pick(c.category.label, lang)],
    [t.submitted, formatDateTime(c.submittedAt, lang)],
  ];
  if (data.dueAt) rows.push([t.due, formatDateTime(data.dueAt, lang, false)]);
  if (c.location.address) rows.push([t.place, c.location.address]);
  if (c.location.district) rows.push([t.district, c.location.district]);
  if (c.location.lat !== undefined && c.location.lon !== undefined)
    rows.push([
      t.point,
      `${c.location.lat.toFixed(5)}, ${c.location.lon.toFixed(5)} — https://www.openstreetmap.org/?mlat=${c.location.lat}&mlon=${c.location.lon}#map=18/${c.location.lat}/${c.location.lon}`,
    ]);
  return rows;
}

function contactLines(data: ConcernMailData, lang: MailLang): string[] {
  const t = CONCERN_TEXT[lang];
  const contact = data.concern.contact;
  if (contact === undefined) return [t.noContact];
  const lines: string[] = [];
  if (contact.name) lines.push(contact.name);
  if (contact.email) lines.push(contact.email);
  if (contact.phone) lines.push(contact.phone);
  if (contact.preferred === 'email' || contact.preferred === 'phone')
    lines.push(`(${t.preferred} ${t[contact.preferred]})`);
  return lines.length > 0 ? lines : [t.noContact];
}

export const concernForService: MailTemplate<ConcernMailData> = (data, lang) => {
  const t = CONCERN_TEXT[lang];
  const c = data.concern;
  const category = pick(c.category.label, lang);
  const where = c.location.district ? ` — ${c.location.district}` : '';
  const serviceName = pick(data.service.name, lang);
  const subject =
    data.event === 'concern.routed'
      ? t.subjectRouted(c.reference, category, where)
      : t.subjectNew(c.reference, category, where);
  const intro =
    data.event === 'concern.routed' && data.previousService !== undefined
      ? t.introRouted(serviceName, pick(data.previousService.name, lang))
      : t.introNew(serviceName);
  const rows = concernRows(data, lang);
  const sep = lang === 'fr' ? ' : ' : ': ';
  const answers = c.answers.map((a) => `${pick(a.label, lang)}${sep}${a.value}`);
  const contact = contactLines(data, lang);
  const text = [
    intro,
    '',
    ...rows.map(([k, v]) => `${k}${sep}${v}`),
    '',
    `${t.description}${lang === 'fr' ? ' :' : ':'}`,
    c.description,
    ...(answers.length > 0
      ? ['', `${t.answers}${lang === 'fr' ? ' :' : ':'}`, ...answers.map((a) => `- ${a}`)]
      : []),
    '',
    `${t.contact}${lang === 'fr' ? ' :' : ':'}`,
    ...contact,
    '',
    `${t.open}${lang === 'fr' ? ' :' : ':'} ${c.url}`,
    '',
    '—',
    t.footer,
  ].join('\n');
  const html = page(
    lang,
    subject,
    `<p>${escapeHtml(intro)}</p>
${table(rows)}
<h2 style="font-size:1.1em;margin:1.5em 0 .5em">${escapeHtml(t.description)}</h2>
<p style="white-space:pre-wrap;margin:0">${escapeHtml(c.description)}</p>
${
  answers.length > 0
    ? `<h2 style="font-size:1.1em;margin:1.5em 0 .5em">${escapeHtml(t.answers)}</h2><ul>${answers.map((a) => `<li>${escapeHtml(a)}</li>`).join('')}</ul>`
    : ''
}
<h2 style="font-size:1.1em;margin:1.5em 0 .5em">${escapeHtml(t.contact)}</h2>
<p style="margin:0">${contact.map(escapeHtml).join('<br>')}</p>
${button(c.url, t.open)}`,
    escapeHtml(t.footer),
  );
  return { subject, text, html };
};
registerTemplate('concern-for-service', concernForService);

// ---------------------------------------------------------------------------
// Staff links

export interface StaffLinkMailData {
  kind: 'invitation' | 'password-reset';
  displayName: string;
  url: string;
  expiresAt: string;
}

export const staffLink: MailTemplate<StaffLinkMailData> = (data, lang) => {
  const expires = formatDateTime(data.expiresAt, lang);
  const fr = lang === 'fr';
  const subject =
    data.kind === 'invitation'
      ? fr
        ? 'Votre accès à Proximité'
        : 'Your access to Proximité'
      : fr
        ? 'Choisir un nouveau mot de passe Proximité'
        : 'Choose a new Proximité password';
  const lines =
    data.kind === 'invitation'
      ? fr
        ? [
            `Bonjour ${data.displayName},`,
            'Un compte Proximité a été créé pour vous. Ouvrez ce lien pour choisir votre mot de passe :',
          ]
        : [
            `Hello ${data.displayName},`,
            'A Proximité account was created for you. Open this link to choose your password:',
          ]
      : fr
        ? [`Bonjour ${data.displayName},`, 'Ouvrez ce lien pour choisir un nouveau mot de passe :']
        : [`Hello ${data.displayName},`, 'Open this link to choose a new password:'];
  const note = fr
    ? `Ce lien ne sert qu’une fois et expire le ${expires}. Si vous n’attendiez pas ce message, ignorez-le.`
    : `This link works once and expires on ${expires}. If you did not expect this message, ignore it.`;
  const action = fr ? 'Choisir mon mot de passe' : 'Choose my password';
  return {
    subject,
    text: [...lines, '', data.url, '', note].join('\n'),
    html: page(
      lang,
      subject,
      `${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n')}${button(data.url, action)}<p style="font-size:14px;word-break:break-all">${escapeHtml(data.url)}</p>`,
      escapeHtml(note),
    ),
  };
};
registerTemplate('staff-link', staffLink);

// ---------------------------------------------------------------------------
// Daily summary of failed deliveries

export interface FailureSummaryData {
  date: string;
  displayName: string;
  consoleUrl: string;
  items: {
    service: LocalizedText | null;
    reference: string | null;
    method: string;
    event: string;
    attempts: number;
    lastError: string | null;
    createdAt: string;
  }[];
}

export const failureSummary: MailTemplate<FailureSummaryData> = (data, lang) => {
  const fr = lang === 'fr';
  const n = data.items.length;
  const subject = fr
    ? `[Proximité] ${n} envoi${n > 1 ? 's' : ''} en échec`
    : `[Proximité] ${n} failed deliver${n > 1 ? 'ies' : 'y'}`;
  const intro = fr
    ? `Bonjour ${data.displayName}, ces messages n’ont pas pu être remis malgré les nouvelles tentatives. Corrigez l’adresse ou le réglage du service, puis relancez-les depuis le journal des envois.`
    : `Hello ${data.displayName}, these messages could not be delivered despite retries. Fix the service's address or settings, then retry them from the delivery log.`;
  const line = (i: FailureSummaryData['items'][number]) =>
    [
      i.reference ?? (fr ? '(sans signalement)' : '(no report)'),
      i.service ? pick(i.service, lang) : '—',
      `${i.method} ${i.event}`,
      fr
        ? `${i.attempts} tentative${i.attempts > 1 ? 's' : ''}`
        : `${i.attempts} attempt${i.attempts > 1 ? 's' : ''}`,
      i.lastError ?? '',
    ].join(' — ');
  const action = fr ? 'Ouvrir le journal des envois' : 'Open the delivery log';
  return {
    subject,
    text: [intro, '', ...data.items.map((i) => `- ${line(i)}`), '', `${action}: ${data.consoleUrl}`].join(
      '\n',
    ),
    html: page(
      lang,
      subject,
      `<p>${escapeHtml(intro)}</p><ul>${data.items.map((i) => `<li>${escapeHtml(line(i))}</li>`).join('')}</ul>${button(data.consoleUrl, action)}`,
      escapeHtml(fr ? `Résumé quotidien du ${data.date}.` : `Daily summary of ${data.date}.`),
    ),
  };
};
registerTemplate('failure-summary', failureSummary);
