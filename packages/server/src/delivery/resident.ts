/**
 * A resident's e-mails about their concern, when they chose « Me tenir informé·e par e-mail »
 * (issue 15): an acknowledgement (reference, tracking code, the service it went to, what happens
 * next and when), one message per public update, per hand-off to another service and at closure,
 * then the verdict question a while after closure. Each one in the resident's language, text and
 * HTML, through the durable queue, with a one-click `List-Unsubscribe` (RFC 8058) that stops them.
 *
 * Links: the status page carries the reference and a key in its fragment (`#ref=…&token=…`; a
 * fragment never travels in a Referer); the key is derived from the server's secret (HMAC), so
 * nothing more is stored, and the queued message holding it is emptied once sent.
 */
import { VERDICT_STATUSES } from '@proximite/contract';
import type { LocalizedText, ServiceRef } from '@proximite/contract';
import type { Database, Queryable } from '../db/database.js';
import { statusLabel } from '../feed.js';
import { getServiceRecord } from '../store/services.js';
import { hmacHex, toIso } from '../util.js';
import { dueDate } from './due.js';
import { enqueueMail } from './outbox.js';
import type { Outbox } from './outbox.js';
import { button, escapeHtml, formatDateTime, page, pick, registerTemplate, table } from './templates.js';
import type { MailLang, MailTemplate } from './templates.js';

/** What a derived key of a concern opens: its feed (read-only), its status, its unsubscribe link. */
export type ConcernKeyPurpose = 'feed' | 'status' | 'unsubscribe';

/** A concern's derived key (HMAC-SHA256 with the server's secret): 32 hex characters. */
export function concernKey(salt: string, purpose: ConcernKeyPurpose, reference: string): string {
  return hmacHex(salt, `concern-${purpose}:${reference}`).slice(0, 32);
}

export type ResidentMailKind = 'acknowledgement' | 'update' | 'handoff' | 'closure' | 'verdict' | 'priority';

export interface ResidentMailData {
  kind: ResidentMailKind;
  reference: string;
  /** The tracking code (the acknowledgement, when known). */
  code?: string | undefined;
  service: LocalizedText;
  status: string;
  /** The public update's text. */
  text?: LocalizedText | undefined;
  /** When the service's target says an answer is due (the acknowledgement). */
  dueAt?: string | undefined;
  /** « Vous avez dit, nous avons fait »: the priority the concern fed, and what was done. */
  priority?: { issue: LocalizedText; action: LocalizedText; actionDate?: string | undefined } | undefined;
  statusUrl: string;
  unsubscribeUrl: string;
}

const T = {
  fr: {
    subject: {
      acknowledgement: (ref: string) => `Signalement ${ref} reçu`,
      update: (ref: string, status: string) => `Signalement ${ref} : ${status}`,
      handoff: (ref: string, service: string) => `Signalement ${ref} transmis au service ${service}`,
      closure: (ref: string, status: string) => `Signalement ${ref} : ${status}`,
      verdict: (ref: string) => `Le problème est-il réglé ? (signalement ${ref})`,
      priority: (ref: string) => `Vous avez dit, nous avons fait (signalement ${ref})`,
    },
    intro: {
      acknowledgement: (service: string) =>
        `Votre signalement a bien été reçu. Il a été transmis au service ${service}.`,
      update: (service: string) => `Le service ${service} a publié une nouvelle sur votre signalement.`,
      handoff: (service: string) =>
        `Votre signalement a été transmis au service ${service}, qui le prend en charge.`,
      closure: (service: string) => `Le service ${service} a clos votre signalement.`,
      verdict: () =>
        'Votre signalement a été clos il y a quelque temps. Le problème est-il réglé ? Votre réponse (oui ou non, avec un commentaire si vous le souhaitez) aide le service et compte dans les chiffres publics. Si vous répondez non, le signalement est rouvert.',
      priority: () =>
        'Ce que vous avez signalé fait partie d’une priorité du quartier. Voici ce qui a été fait.',
    },
    issue: 'Vous avez dit',
    done: (date: string | undefined) =>
      date !== undefined ? `Nous avons fait (le ${date})` : 'Nous avons fait',
    next: (due: string | undefined) =>
      due !== undefined
        ? `Et ensuite ? Le service examine votre signalement et s’est engagé à y répondre avant le ${due}. Vous recevrez un message à chaque nouvelle publique.`
        : 'Et ensuite ? Le service examine votre signalement et publie ses réponses. Vous recevrez un message à chaque nouvelle publique.',
    keep: 'Gardez la référence et le code de suivi : ils suffisent pour suivre votre signalement sans compte, en ligne ou par téléphone.',
    reference: 'Référence',
    code: 'Code de suivi',
    service: 'Service',
    status: 'État',
    follow: 'Suivre mon signalement',
    answer: 'Répondre sur la page de suivi',
    footer: (url: string) =>
      `Vous recevez ce message parce que vous avez demandé à être tenu·e informé·e de ce signalement. Pour ne plus rien recevoir à son sujet : ${url}`,
    stop: 'Ne plus recevoir de messages sur ce signalement',
  },
  en: {
    subject: {
      acknowledgement: (ref: string) => `Report ${ref} received`,
      update: (ref: string, status: string) => `Report ${ref}: ${status}`,
      handoff: (ref: string, service: string) => `Report ${ref} passed to ${service}`,
      closure: (ref: string, status: string) => `Report ${ref}: ${status}`,
      verdict: (ref: string) => `Is the problem solved? (report ${ref})`,
      priority: (ref: string) => `You said, we did (report ${ref})`,
    },
    intro: {
      acknowledgement: (service: string) => `Your report was received. It was passed to ${service}.`,
      update: (service: string) => `${service} posted news about your report.`,
      handoff: (service: string) => `Your report was passed to ${service}, which takes it on.`,
      closure: (service: string) => `${service} closed your report.`,
      verdict: () =>
        'Your report was closed a while ago. Is the problem solved? Your answer (yes or no, with a comment if you wish) helps the service and counts in the public figures. If you answer no, the report is reopened.',
      priority: () => 'What you reported is part of a neighbourhood priority. Here is what was done.',
    },
    issue: 'You said',
    done: (date: string | undefined) => (date !== undefined ? `We did (on ${date})` : 'We did'),
    next: (due: string | undefined) =>
      due !== undefined
        ? `What next? The service looks into your report and has committed to answer by ${due}. You will get a message at each public update.`
        : 'What next? The service looks into your report and posts its answers. You will get a message at each public update.',
    keep: 'Keep the reference and the tracking code: they are all you need to follow your report without an account, online or over the phone.',
    reference: 'Reference',
    code: 'Tracking code',
    service: 'Service',
    status: 'Status',
    follow: 'Follow my report',
    answer: 'Answer on the status page',
    footer: (url: string) =>
      `You get this message because you asked to be kept informed about this report. To receive nothing more about it: ${url}`,
    stop: 'Stop the messages about this report',
  },
} as const;

export const residentUpdate: MailTemplate<ResidentMailData> = (data, lang) => {
  const t = T[lang];
  const service = pick(data.service, lang);
  const status = statusLabel(lang, data.status);
  const ref = data.reference;
  const subject =
    data.kind === 'handoff'
      ? t.subject.handoff(ref, service)
      : data.kind === 'update' || data.kind === 'closure'
        ? t.subject[data.kind](ref, status)
        : t.subject[data.kind](ref);
  const intro = t.intro[data.kind](service);
  const rows: [string, string][] = [[t.reference, ref]];
  if (data.code !== undefined) rows.push([t.code, data.code]);
  rows.push([t.service, service]);
  if (data.kind !== 'acknowledgement' && data.kind !== 'verdict' && data.kind !== 'priority')
    rows.push([t.status, status]);
  const sep = lang === 'fr' ? ' : ' : ': ';
  const p = data.priority;
  const update =
    p !== undefined
      ? `${t.issue}${sep}${pick(p.issue, lang)}\n\n${t.done(p.actionDate === undefined ? undefined : formatDateTime(p.actionDate, lang, false))}${sep}${pick(p.action, lang)}`
      : data.text !== undefined
        ? pick(data.text, lang)
        : '';
  const due = data.dueAt !== undefined ? formatDateTime(data.dueAt, lang, false) : undefined;
  const after = data.kind === 'acknowledgement' ? [t.next(due), t.keep] : [];
  const action = data.kind === 'verdict' ? t.answer : t.follow;
  const text = [
    intro,
    '',
    ...rows.map(([k, v]) => `${k}${sep}${v}`),
    ...(update !== '' ? ['', update] : []),
    ...after.flatMap((line) => ['', line]),
    '',
    `${action}${sep}${data.statusUrl}`,
    '',
    '—',
    t.footer(data.unsubscribeUrl),
  ].join('\n');
  const html = page(
    lang,
    subject,
    `<p>${escapeHtml(intro)}</p>
${table(rows)}
${update !== '' ? `<p style="white-space:pre-wrap;border-inline-start:4px solid #0b4f9c;padding-inline-start:.75em">${escapeHtml(update)}</p>` : ''}
${after.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n')}
${button(data.statusUrl, action)}`,
    `${escapeHtml(t.footer('')).replace(/\s*:\s*$/, '.')} <a href="${escapeHtml(data.unsubscribeUrl)}" style="color:#555555">${escapeHtml(t.stop)}</a>`,
  );
  return { subject, text, html };
};
registerTemplate('resident-update', residentUpdate);

/** What a message is about. */
export interface ResidentEvent {
  kind: ResidentMailKind;
  /** The instant of what it announces (one message per event: the queue's key). */
  at: string;
  text?: LocalizedText | undefined;
  /** The status it announces (else the concern's now). */
  status?: string | undefined;
  /** The receipt's secrets, when the caller has them (the acknowledgement). */
  code?: string | undefined;
  token?: string | undefined;
  /** The priority and its action (`priority` messages). */
  priority?: ResidentMailData['priority'];
}

/** The language of a resident's messages: the one they used. */
export const residentLang = (lang: string | null): MailLang => (lang === 'en' ? 'en' : 'fr');

/** What a resident's message says (the preview shows the same, its keys masked). */
export async function residentMailData(
  db: Queryable,
  links: Pick<NonNullable<Outbox['residents']>, 'apiUrl' | 'statusPageUrl'>,
  r: { reference: string; service: ServiceRef; status: string; submitted_at: Date | string },
  event: ResidentEvent,
  keys: { status: string; unsubscribe: string },
): Promise<ResidentMailData> {
  const statusUrl = new URL(links.statusPageUrl);
  statusUrl.hash = new URLSearchParams({ ref: r.reference, token: keys.status }).toString();
  let dueAt: string | undefined;
  if (event.kind === 'acknowledgement') {
    const service = await getServiceRecord(db, r.service.id);
    dueAt = dueDate(service?.target, new Date(r.submitted_at))?.toISOString();
  }
  return {
    kind: event.kind,
    reference: r.reference,
    ...(event.code !== undefined ? { code: event.code } : {}),
    service: r.service.name,
    status: event.status ?? r.status,
    ...(event.text !== undefined ? { text: event.text } : {}),
    ...(dueAt !== undefined ? { dueAt } : {}),
    ...(event.priority !== undefined ? { priority: event.priority } : {}),
    statusUrl: statusUrl.href,
    unsubscribeUrl: `${links.apiUrl}/v1/concerns/${r.reference}/unsubscribe?key=${keys.unsubscribe}`,
  };
}

/**
 * Queues the message of `event` to the resident of `concernId` — when they chose e-mail updates,
 * have not stopped them, and retention kept their address; otherwise nothing. In the caller's
 * transaction. Returns whether a message was queued.
 */
export async function notifyResident(
  tx: Queryable,
  now: Date,
  outbox: Outbox,
  concernId: string,
  event: ResidentEvent,
): Promise<boolean> {
  const links = outbox.residents;
  if (links === undefined) return false;
  const rows = await tx.query<{
    reference: string;
    lang: string | null;
    status: string;
    service: ServiceRef;
    submitted_at: Date | string;
    restricted: boolean;
    email: string | null;
    email_updates: boolean;
    unsubscribed_at: Date | string | null;
  }>(
    `SELECT c.reference, c.lang, c.status, c.service, c.submitted_at, c.restricted,
            cc.email, cc.email_updates, cc.unsubscribed_at
       FROM concerns c JOIN concern_contacts cc ON cc.concern_id = c.id
      WHERE c.id = $1`,
    [concernId],
  );
  const r = rows[0];
  if (r === undefined || r.email === null || !r.email_updates || r.unsubscribed_at !== null) return false;
  const salt = await links.salt(tx);
  const data = await residentMailData(tx, links, r, event, {
    status: event.token ?? concernKey(salt, 'status', r.reference),
    unsubscribe: concernKey(salt, 'unsubscribe', r.reference),
  });
  const { unsubscribeUrl } = data;
  const lang = residentLang(r.lang);
  const id = await enqueueMail(tx, now, outbox, {
    dedupeKey: `resident.${event.kind}:${concernId}:${event.at}`,
    event: `resident.${event.kind}`,
    to: r.email,
    template: 'resident-update',
    data,
    langs: [lang],
    concernId,
    // Its links open the concern: emptied once sent.
    secret: true,
    headers: {
      'List-Unsubscribe': `<${unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  });
  return id !== undefined;
}

/**
 * Queues the verdict question (« Le problème est-il réglé ? ») of every concern resolved or closed
 * at least `verdictDelayDays` ago whose resident gets e-mail updates and has not answered yet: once
 * per concern (`verdict_asked_at`), each in its own transaction. Returns how many were queued.
 */
export async function runVerdictQuestions(db: Database, now: Date, outbox: Outbox): Promise<number> {
  const links = outbox.residents;
  if (links === undefined) return 0;
  const before = new Date(now.getTime() - links.verdictDelayDays * 86_400_000).toISOString();
  const due = await db.query<{ id: string }>(
    `SELECT c.id FROM concerns c JOIN concern_contacts cc ON cc.concern_id = c.id
      WHERE c.status IN (SELECT jsonb_array_elements_text($2::jsonb)) AND c.closed_at <= $1
        AND c.verdict_asked_at IS NULL AND cc.email IS NOT NULL AND cc.email_updates
        AND cc.unsubscribed_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM concern_verdicts v WHERE v.concern_id = c.id)
      ORDER BY c.closed_at LIMIT 200`,
    [before, JSON.stringify(VERDICT_STATUSES)],
  );
  let queued = 0;
  for (const { id } of due) {
    await db.transaction(async (tx) => {
      const won = await tx.query(
        'UPDATE concerns SET verdict_asked_at = $2 WHERE id = $1 AND verdict_asked_at IS NULL RETURNING id',
        [id, now.toISOString()],
      );
      if (won.length > 0 && (await notifyResident(tx, now, outbox, id, { kind: 'verdict', at: toIso(now) })))
        queued += 1;
    });
  }
  return queued;
}
