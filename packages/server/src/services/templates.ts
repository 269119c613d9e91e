/**
 * Response templates (edited by coordinators, audited) and the preview of what a resident will
 * receive for a triage — the public update and the e-mail — before it is sent (changes nothing).
 */
import type {
  ConcernPreview,
  ConcernPreviewInput,
  LocalizedText,
  ResponseTemplate,
  ResponseTemplateInput,
  ServiceRef,
} from '@proximite/contract';
import type { Queryable } from '../db/database.js';
import type { Outbox } from '../delivery/outbox.js';
import { residentLang, residentMailData } from '../delivery/resident.js';
import { renderMail } from '../delivery/templates.js';
import { AppError } from '../errors.js';
import { CLOSED_STATUSES, defaultUpdateText, reaches } from '../store/concerns.js';
import type { Reach } from '../store/concerns.js';
import { deleteTemplate, fillTemplate, getTemplate, saveTemplate, templateFor } from '../store/templates.js';
import type { Actor } from './actor.js';
import { audited } from './audited.js';
import type { ServiceContext } from './audited.js';

export function createTemplate(
  ctx: ServiceContext,
  now: Date,
  actor: Actor,
  input: ResponseTemplateInput,
): Promise<ResponseTemplate> {
  return audited(ctx, now, actor, async (u) => {
    const saved = await saveTemplate(u.tx, now, input);
    if (saved === undefined) throw new Error('unreachable: an insert returns its row');
    await u.audit({ action: 'template.create', target: `template:${saved.id}`, detail: input });
    return saved;
  });
}

export function updateTemplate(
  ctx: ServiceContext,
  now: Date,
  actor: Actor,
  id: string,
  input: ResponseTemplateInput,
): Promise<ResponseTemplate | undefined> {
  return audited(ctx, now, actor, async (u) => {
    const saved = await saveTemplate(u.tx, now, input, id);
    if (saved !== undefined)
      await u.audit({ action: 'template.update', target: `template:${id}`, detail: input });
    return saved;
  });
}

export function removeTemplate(ctx: ServiceContext, now: Date, actor: Actor, id: string): Promise<boolean> {
  return audited(ctx, now, actor, async (u) => {
    const gone = await deleteTemplate(u.tx, id);
    if (gone) await u.audit({ action: 'template.delete', target: `template:${id}` });
    return gone;
  });
}

/** The masked key of the preview's links (the real one opens the concern). */
const MASKED = '•••';

/**
 * What the resident of `reference` will receive for a triage to `input.status` with
 * `input.publicUpdate` (else the template `input.templateId`, else the status's template, else its
 * default text): the public update, and the e-mail when they get e-mail updates. `undefined` when
 * there is no such concern within `reach`.
 */
export async function previewUpdate(
  db: Queryable,
  outbox: Outbox,
  reference: string,
  input: ConcernPreviewInput,
  reach?: Reach,
): Promise<ConcernPreview | undefined> {
  const rows = await db.query<{
    id: string;
    reference: string;
    category_code: string;
    status: string;
    service: ServiceRef;
    restricted: boolean;
    lang: string | null;
    submitted_at: Date | string;
    mail: boolean | null;
  }>(
    `SELECT c.id, c.reference, c.category_code, c.status, c.service, c.restricted, c.lang, c.submitted_at,
            (SELECT cc.email IS NOT NULL AND cc.email_updates AND cc.unsubscribed_at IS NULL
               FROM concern_contacts cc WHERE cc.concern_id = c.id) AS mail
       FROM concerns c WHERE c.reference = $1`,
    [reference],
  );
  const row = rows[0];
  if (row === undefined || !reaches(reach, row)) return undefined;
  const status = input.status ?? row.status;
  let text: LocalizedText;
  if (input.publicUpdate !== undefined) text = input.publicUpdate;
  else if (input.templateId !== undefined) {
    const template = await getTemplate(db, input.templateId);
    if (template === undefined) throw new AppError('notFound', 'No such template.');
    text = fillTemplate(template.text, row.reference, row.service.name);
  } else {
    const template = await templateFor(db, row.category_code, status);
    text =
      template !== undefined
        ? fillTemplate(template.text, row.reference, row.service.name)
        : defaultUpdateText(status);
  }
  const links = outbox.residents;
  let email: ConcernPreview['email'] = null;
  if (row.mail === true && links !== undefined) {
    const kind = status !== row.status && CLOSED_STATUSES.includes(status) ? 'closure' : 'update';
    const lang = residentLang(row.lang);
    const data = await residentMailData(
      db,
      links,
      row,
      { kind, at: '', status, text },
      {
        status: MASKED,
        unsubscribe: MASKED,
      },
    );
    email = { kind, lang, ...renderMail('resident-update', data, [lang]) };
  }
  return { update: { status, text }, email };
}
