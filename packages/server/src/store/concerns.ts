/** Concerns: intake (with anti-spam signals), public status, triage, Open311 listing, retention. */
import {
  CLOSED_STATUSES,
  CONCERN_STATUSES,
  DEFAULT_PAGE_LIMIT,
  MAX_ANSWER_LENGTH,
  VERDICT_STATUSES,
  checkAnswers,
  findEmergency,
  transitionAllowed,
} from '@proximite/contract';
import type { AnswerError } from '@proximite/contract';
import type {
  RaisedAtCafe,
  AdminConcern,
  ConcernCategory,
  ConcernContactInput,
  ConcernStatusView,
  ConcernTriageInput,
  ConcernVerdict,
  LocalizedText,
  OversightConcern,
  OversightConcernListQuery,
  ProblemFieldError,
  PublicUpdate,
  ServiceRef,
  ServiceTarget,
} from '@proximite/contract';
import type { Queryable } from '../db/database.js';
import { dueDate } from '../delivery/due.js';
import { AppError } from '../errors.js';
import {
  newId,
  newReference,
  newTrackingCode,
  randomSecret,
  sameHex,
  sha256Hex,
  toIso,
  toIsoOrNull,
  trackingCodeHash,
} from '../util.js';
import { getCategory, parseBound } from './content.js';
import { decodeCursor, encodeCursor, isPairCursor } from './context.js';
import { refreshDueDates } from './due.js';
import { assignableStaff, concernHistory } from './inbox.js';
import { reaches } from './reach.js';
import type { Reach } from './reach.js';
import { readNewConcern } from './routing.js';
import type { CategoryCache } from './routing.js';
import type { ServiceRecord } from './services.js';

export { CLOSED_STATUSES, transitionAllowed };
export const OPEN_STATUSES: readonly string[] = CONCERN_STATUSES.filter((s) => !CLOSED_STATUSES.includes(s));

export type AttributeValue = string | number | string[];

export interface NewConcern {
  categoryCode: string;
  description: string;
  location: { address?: string; lat?: number; lon?: number; districtId?: string; addressId?: string };
  attributes?: Record<string, AttributeValue> | undefined;
  contact?: ConcernContactInput | undefined;
  lang?: string | undefined;
  quarantineReasons: string[];
  channel: 'api' | 'open311' | 'cafe';
  /** Café mode: the café it was raised at (a copy of its day and place) and who noted it. */
  raisedAt?: { cafe: RaisedAtCafe; notedBy: string; consentBy: string; consent: boolean } | undefined;
  /** Where the routing rules sent it (default: the category's own service). */
  service?: ServiceRef | undefined;
  /** A conduct complaint, seen by its (independent) service's members alone. */
  restricted?: boolean | undefined;
}

export interface CreatedConcern {
  id: string;
  reference: string;
  statusToken: string;
  /** The short code of the receipt (`XXXXX-XXXXX`); only its hash is stored. */
  trackingCode: string;
  open311Token: string;
  service: ServiceRef;
  status: string;
  submittedAt: string;
}

/** The server's words for each answer problem (`ProblemFieldError.message`). */
const ANSWER_PROBLEMS: Record<AnswerError['problem'], string> = {
  unknown: 'unknown field for this category',
  required: 'required',
  choice: 'not an allowed value',
  number: 'expected number',
  datetime: 'expected an ISO 8601 date or date-time',
  text: 'expected string',
  tooLong: `at most ${MAX_ANSWER_LENGTH} characters`,
};

/**
 * Checks the answers against the category with the contract's rules (`checkAnswers`, the ones the
 * concern form applies before sending): required fields present, list values known, no unknown
 * field, and no emergency (the category's stopper or a field's) — an emergency is refused with its
 * message, since this channel is not watched in real time.
 */
export function checkAgainstCategory(
  category: ConcernCategory,
  attributes: Record<string, AttributeValue> | undefined,
  basePath = 'attributes',
  options: { requiredFields?: boolean } = {},
): void {
  const emergency = findEmergency(category, attributes);
  if (emergency?.source === 'field') {
    throw new AppError('validation', emergency.message.fr, {
      errors: [{ path: `${basePath}.${emergency.field.code}`, message: 'emergency: call the numbers shown' }],
    });
  }
  if (emergency?.source === 'category') {
    const numbers = category.emergency?.numbers ?? [];
    throw new AppError('validation', emergency.message.fr, {
      errors: [{ path: 'categoryCode', message: `emergency: ${numbers.join(', ')}` }],
    });
  }
  const errors: ProblemFieldError[] = checkAnswers(category, attributes, options).map((e) => ({
    path: `${basePath}.${e.code}`,
    message: ANSWER_PROBLEMS[e.problem],
  }));
  if (errors.length > 0)
    throw new AppError('validation', 'Some answers do not match the category.', { errors });
}

/** A new concern checked against its category and district, with where the routing rules send it. */
export interface PreparedConcern {
  category: ConcernCategory;
  /**
   * The service the routing rules choose for it (`undefined`: not installed), read with the
   * category; services/routing.ts's `routeOf` decides from it where the concern goes.
   */
  routed: ServiceRecord | undefined;
}

/**
 * Validates the category and district of a concern and reads the service the routing rules choose,
 * in one statement ({@link readNewConcern}; `categories`: its cache of categories' data).
 * `requiredFields: false` for a note taken at a café, where the agent writes what was said, not the
 * form's questions (the service asks what it needs).
 * Call it in the transaction that stores the concern, so that the route is the one stored.
 */
export async function prepareConcern(
  db: Queryable,
  input: Pick<NewConcern, 'categoryCode' | 'attributes' | 'location'>,
  options: { requiredFields?: boolean; categories?: CategoryCache } = {},
): Promise<PreparedConcern> {
  const districtId = input.location.districtId;
  const read = await readNewConcern(db, input.categoryCode, districtId, options.categories);
  if (read === undefined) {
    throw new AppError('validation', 'Unknown category.', {
      errors: [{ path: 'categoryCode', message: 'unknown category' }],
    });
  }
  checkAgainstCategory(read.category, input.attributes, 'attributes', options);
  if (!read.districtKnown) {
    throw new AppError('validation', 'Unknown district.', {
      errors: [{ path: 'location.districtId', message: 'unknown district' }],
    });
  }
  return { category: read.category, routed: read.service };
}

/**
 * Inserts a concern (and its contact details, apart). Draws another reference on a collision.
 * `target`: its service's response-time target when the caller has read it (the due date is then
 * stored with the row); without it, the due date is computed from the services table after.
 */
export async function insertConcern(
  tx: Queryable,
  now: Date,
  category: ConcernCategory,
  input: NewConcern,
  target?: ServiceTarget | null,
): Promise<CreatedConcern> {
  const statusToken = randomSecret(24);
  const trackingCode = newTrackingCode();
  const open311Token = randomSecret(12);
  const id = newId();
  const submittedAt = now.toISOString();
  const due = target === undefined ? undefined : (dueDate(target, now)?.toISOString() ?? null);
  for (let attempt = 0; ; attempt++) {
    const reference = newReference();
    // A reference already taken inserts nothing (no error, so no savepoint to roll back to).
    const inserted = await tx.query(
      `INSERT INTO concerns (id, reference, category_code, service, status, description, location, district_id,
         attributes, lang, quarantined, quarantine_reasons, status_token_hash, open311_token, channel,
         submitted_at, updated_at, tracking_code_hash, restricted, cafe_id, raised_at, noted_by, due_at)
       VALUES ($1, $2, $3, $4::jsonb, 'received', $5, $6::jsonb, $7, $8::jsonb, $9, $10, $11::jsonb, $12, $13, $14, $15, $15, $16, $17,
         $18, $19::jsonb, $20, $21)
       ON CONFLICT (reference) DO NOTHING RETURNING id`,
      [
        id,
        reference,
        category.code,
        JSON.stringify(input.service ?? category.service),
        input.description,
        JSON.stringify(input.location),
        input.location.districtId ?? null,
        input.attributes === undefined ? null : JSON.stringify(input.attributes),
        input.lang ?? null,
        input.quarantineReasons.length > 0,
        JSON.stringify(input.quarantineReasons),
        sha256Hex(statusToken),
        open311Token,
        input.channel,
        submittedAt,
        trackingCodeHash(reference, trackingCode),
        input.restricted === true,
        input.raisedAt?.cafe.cafeId ?? null,
        input.raisedAt === undefined ? null : JSON.stringify(input.raisedAt.cafe),
        input.raisedAt?.notedBy ?? null,
        due ?? null,
      ],
    );
    if (inserted.length === 0) {
      if (attempt < 5) continue;
      throw new Error('no free concern reference after 6 draws');
    }
    if (due === undefined) await refreshDueDates(tx, { concernId: id });
    const c = input.contact;
    if (c !== undefined && (c.name ?? c.email ?? c.phone) !== undefined) {
      await tx.query(
        `INSERT INTO concern_contacts (concern_id, name, email, phone, preferred, created_at, email_updates,
           consent_at, consent_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          id,
          c.name ?? null,
          c.email ?? null,
          c.phone ?? null,
          c.preferred ?? null,
          submittedAt,
          c.emailUpdates === true && c.email !== undefined,
          input.raisedAt?.consent === true ? submittedAt : null,
          input.raisedAt?.consent === true ? input.raisedAt.consentBy : null,
        ],
      );
    }
    return {
      id,
      reference,
      statusToken,
      trackingCode,
      open311Token,
      service: input.service ?? category.service,
      status: 'received',
      submittedAt,
    };
  }
}

interface ConcernRow {
  id: string;
  reference: string;
  category_code: string;
  service: ServiceRef;
  status: string;
  description: string;
  location: NewConcern['location'];
  attributes: Record<string, AttributeValue> | null;
  lang: string | null;
  quarantined: boolean;
  shareable: boolean;
  duplicate_of: string | null;
  district_id: string | null;
  restricted: boolean;
  status_token_hash: string;
  tracking_code_hash: string | null;
  open311_token: string | null;
  submitted_at: Date | string;
  updated_at: Date | string;
  closed_at: Date | string | null;
  assignee_id: string | null;
  due_at: Date | string | null;
  raised_at: RaisedAtCafe | null;
}

const CONCERN_COLUMNS =
  'id, reference, category_code, service, status, description, location, attributes, lang, quarantined, shareable, duplicate_of, district_id, restricted, status_token_hash, tracking_code_hash, open311_token, submitted_at, updated_at, closed_at, assignee_id, due_at, raised_at';

export { reaches, reachSql } from './reach.js';
export type { Reach } from './reach.js';

async function publicUpdates(db: Queryable, concernId: string): Promise<PublicUpdate[]> {
  const rows = await db.query<{
    id: string;
    at: Date;
    status: string;
    text: LocalizedText;
    service: ServiceRef | null;
  }>('SELECT id, at, status, text, service FROM concern_updates WHERE concern_id = $1 ORDER BY at, id', [
    concernId,
  ]);
  return rows.map((r) => ({
    id: r.id,
    at: toIso(r.at),
    status: r.status,
    text: r.text,
    ...(r.service !== null ? { service: r.service } : {}),
  }));
}

/** The resident's verdict on a concern, if given; its comment only when `withComment` (staff). */
export async function verdictOf(
  db: Queryable,
  concernId: string,
  withComment: boolean,
): Promise<ConcernVerdict | undefined> {
  const rows = await db.query<{ resolved: boolean; comment: string | null; at: Date | string }>(
    'SELECT resolved, comment, at FROM concern_verdicts WHERE concern_id = $1',
    [concernId],
  );
  const v = rows[0];
  if (v === undefined) return undefined;
  return {
    resolved: v.resolved,
    at: toIso(v.at),
    ...(withComment && v.comment !== null ? { comment: v.comment } : {}),
  };
}

function statusView(row: ConcernRow, updates: PublicUpdate[], verdict?: ConcernVerdict): ConcernStatusView {
  return {
    reference: row.reference,
    categoryCode: row.category_code,
    service: row.service,
    status: row.status,
    submittedAt: toIso(row.submitted_at),
    updatedAt: toIso(row.updated_at),
    updates,
    ...(verdict !== undefined ? { verdict } : {}),
    ...(row.raised_at !== null && row.raised_at !== undefined ? { raisedAt: row.raised_at } : {}),
  };
}

/**
 * What opens a concern's public status: the long status token, the short tracking code
 * (normalised), or `{ key: true }` when the caller checked a derived key of its own (the status
 * key of a resident's e-mail links).
 */
export type StatusSecret = { token: string } | { code: string } | { key: true };

/** Whether `secret` opens the concern of `row` (compared in constant time). */
export function opens(
  row: Pick<ConcernRow, 'reference' | 'status_token_hash' | 'tracking_code_hash'>,
  secret: StatusSecret,
) {
  if ('key' in secret) return secret.key;
  if ('token' in secret) return sameHex(row.status_token_hash, sha256Hex(secret.token));
  return (
    row.tracking_code_hash !== null &&
    sameHex(row.tracking_code_hash, trackingCodeHash(row.reference, secret.code))
  );
}

/** The concern's id when `secret` opens it (a wrong secret looks like an unknown reference). */
export async function concernIdFor(
  db: Queryable,
  reference: string,
  secret: StatusSecret,
): Promise<string | undefined> {
  const rows = await db.query<
    Pick<ConcernRow, 'id' | 'reference' | 'status_token_hash' | 'tracking_code_hash'>
  >('SELECT id, reference, status_token_hash, tracking_code_hash FROM concerns WHERE reference = $1', [
    reference,
  ]);
  const row = rows[0];
  return row !== undefined && opens(row, secret) ? row.id : undefined;
}

/**
 * Public status and the concern's language, with no secret checked: for a caller that checked
 * another key (the feed's).
 */
export async function getConcernStatusUnchecked(
  db: Queryable,
  reference: string,
): Promise<(ConcernStatusView & { lang: string | null }) | undefined> {
  const rows = await db.query<ConcernRow>(`SELECT ${CONCERN_COLUMNS} FROM concerns WHERE reference = $1`, [
    reference,
  ]);
  const row = rows[0];
  if (row === undefined) return undefined;
  return { ...statusView(row, await publicUpdates(db, row.id)), lang: row.lang };
}

/** Public status: only with the right token or code (a wrong one looks like an unknown reference). */
export async function getConcernStatus(
  db: Queryable,
  reference: string,
  secret: StatusSecret,
): Promise<ConcernStatusView | undefined> {
  const rows = await db.query<ConcernRow>(`SELECT ${CONCERN_COLUMNS} FROM concerns WHERE reference = $1`, [
    reference,
  ]);
  const row = rows[0];
  if (row === undefined || !opens(row, secret)) return undefined;
  // The holder of the secret sees whether the verdict was given, or may be (never its comment),
  // and whether e-mail updates are on (never the address).
  const verdict = await verdictOf(db, row.id, false);
  const mail = await db.query<{ on: boolean }>(
    `SELECT email IS NOT NULL AND email_updates AND unsubscribed_at IS NULL AS on
       FROM concern_contacts WHERE concern_id = $1`,
    [row.id],
  );
  return {
    ...statusView(row, await publicUpdates(db, row.id), verdict),
    verdictOpen: verdict === undefined && VERDICT_STATUSES.includes(row.status),
    emailUpdates: mail[0]?.on === true,
  };
}

async function adminView(
  db: Queryable,
  row: ConcernRow,
  options: { now?: Date | undefined; history?: boolean } = {},
): Promise<AdminConcern> {
  const contacts = await db.query<{
    name: string | null;
    email: string | null;
    phone: string | null;
    preferred: string | null;
    consent_at: Date | string | null;
    consent_by: string | null;
  }>(
    'SELECT name, email, phone, preferred, consent_at, consent_by FROM concern_contacts WHERE concern_id = $1',
    [row.id],
  );
  const notes = await db.query<{ id: string; at: Date; author: string; text: string }>(
    'SELECT id, at, author, text FROM concern_notes WHERE concern_id = $1 ORDER BY at, id',
    [row.id],
  );
  const view: AdminConcern = {
    ...statusView(row, await publicUpdates(db, row.id), await verdictOf(db, row.id, true)),
    description: row.description,
    location: {
      ...(row.location.address !== undefined ? { address: row.location.address } : {}),
      ...(row.location.lat !== undefined ? { lat: row.location.lat } : {}),
      ...(row.location.lon !== undefined ? { lon: row.location.lon } : {}),
      ...(row.location.districtId !== undefined ? { districtId: row.location.districtId } : {}),
    },
    quarantined: row.quarantined,
    shareable: row.shareable,
    duplicateOf: row.duplicate_of,
    internalNotes: notes.map((n) => ({ id: n.id, at: toIso(n.at), author: n.author, text: n.text })),
  };
  if (row.attributes !== null) view.attributes = row.attributes;
  if (row.lang !== null) view.lang = row.lang;
  const now = options.now ?? new Date();
  const due = row.due_at === null ? null : new Date(row.due_at);
  view.dueAt = due?.toISOString() ?? null;
  view.overdue = row.closed_at === null && due !== null && due.getTime() < now.getTime();
  view.assignee = null;
  if (row.assignee_id !== null) {
    const staff = await db.query<{ display_name: string }>('SELECT display_name FROM staff WHERE id = $1', [
      row.assignee_id,
    ]);
    view.assignee = { id: row.assignee_id, displayName: staff[0]?.display_name ?? row.assignee_id };
  }
  if (options.history === true) {
    // Merged concerns: listed, and their history and notes kept here.
    const merged = await db.query<{
      id: string;
      reference: string;
      status: string;
      submitted_at: Date | string;
    }>(
      'SELECT id, reference, status, submitted_at FROM concerns WHERE duplicate_of = $1 ORDER BY submitted_at, id',
      [row.reference],
    );
    view.duplicates = merged.map((m) => ({
      reference: m.reference,
      status: m.status,
      receivedAt: toIso(m.submitted_at),
    }));
    view.history = await concernHistory(
      db,
      row.reference,
      merged.map((m) => m.reference),
    );
    if (merged.length > 0) {
      const mergedNotes = await db.query<{
        id: string;
        at: Date;
        author: string;
        text: string;
        reference: string;
      }>(
        `SELECT n.id, n.at, n.author, n.text, c.reference FROM concern_notes n JOIN concerns c ON c.id = n.concern_id
          WHERE c.duplicate_of = $1`,
        [row.reference],
      );
      view.internalNotes = [
        ...view.internalNotes,
        ...mergedNotes.map((n) => ({
          id: n.id,
          at: toIso(n.at),
          author: n.author,
          text: n.text,
          reference: n.reference,
        })),
      ].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
    }
  }
  const c = contacts[0];
  if (c !== undefined) {
    const contact: NonNullable<AdminConcern['contact']> = {};
    if (c.name !== null) contact.name = c.name;
    if (c.email !== null) contact.email = c.email;
    if (c.phone !== null) contact.phone = c.phone;
    if (c.preferred !== null) contact.preferred = c.preferred;
    if (c.consent_at !== null) contact.consent = { at: toIso(c.consent_at), by: c.consent_by ?? '' };
    view.contact = contact;
  }
  return view;
}

/** One concern for staff (`undefined` when unknown or out of `reach`). */
export async function getAdminConcern(
  db: Queryable,
  reference: string,
  reach?: Reach,
  now?: Date,
): Promise<AdminConcern | undefined> {
  const rows = await db.query<ConcernRow>(`SELECT ${CONCERN_COLUMNS} FROM concerns WHERE reference = $1`, [
    reference,
  ]);
  return rows[0] === undefined || !reaches(reach, rows[0])
    ? undefined
    : adminView(db, rows[0], { now, history: true });
}

/** Whether a concern exists within `reach`, locking it (`FOR UPDATE`) for a change. */
export async function lockConcernInReach(tx: Queryable, reference: string, reach?: Reach): Promise<boolean> {
  const rows = await tx.query<{ service: ServiceRef; restricted: boolean }>(
    'SELECT service, restricted FROM concerns WHERE reference = $1 FOR UPDATE',
    [reference],
  );
  return rows[0] !== undefined && reaches(reach, rows[0]);
}

/** Lets observers read (or stop reading) a concern's text; `false` when there is no such concern. */
export async function setShareable(tx: Queryable, reference: string, shareable: boolean): Promise<boolean> {
  // Not a public change: the concern's `updatedAt` stays as it was.
  const rows = await tx.query('UPDATE concerns SET shareable = $2 WHERE reference = $1 RETURNING id', [
    reference,
    shareable,
  ]);
  return rows.length > 0;
}

async function oversightView(db: Queryable, row: ConcernRow): Promise<OversightConcern> {
  const view: OversightConcern = {
    // Observers see the verdict, never its comment (the resident's own words may name people).
    ...statusView(row, await publicUpdates(db, row.id), await verdictOf(db, row.id, false)),
    districtId: row.district_id,
    shareable: row.shareable,
    duplicateOf: row.duplicate_of,
  };
  if (row.shareable) {
    view.description = row.description;
    if (row.location.address !== undefined) view.address = row.location.address;
    if (row.attributes !== null) view.attributes = row.attributes;
  }
  return view;
}

/** Concerns as observers see them (pseudonymised; quarantined ones never), newest first. */
export async function listOversightConcerns(
  db: Queryable,
  q: OversightConcernListQuery,
): Promise<{ items: OversightConcern[]; nextCursor: string | null }> {
  const limit = q.limit ?? DEFAULT_PAGE_LIMIT;
  const params: unknown[] = [];
  // Observers never see a conduct complaint (they are for its independent instance alone).
  const where: string[] = ['quarantined = false', 'restricted = false'];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (q.status !== undefined) add('status = ?', q.status);
  if (q.category !== undefined) add('category_code = ?', q.category);
  if (q.district !== undefined) add('district_id = ?', q.district);
  if (q.from !== undefined) add('submitted_at >= ?', parseBound(q.from).toISOString());
  if (q.to !== undefined) add('submitted_at <= ?', parseBound(q.to, true).toISOString());
  if (q.cursor !== undefined) {
    const c = decodeCursor(q.cursor, isPairCursor);
    if (c === undefined)
      throw new AppError('badRequest', 'Invalid cursor.', {
        errors: [{ path: 'cursor', message: 'invalid cursor' }],
      });
    params.push(c[0], c[1]);
    where.push(`(submitted_at, id) < ($${params.length - 1}::timestamptz, $${params.length})`);
  }
  params.push(limit + 1);
  const rows = await db.query<ConcernRow>(
    `SELECT ${CONCERN_COLUMNS} FROM concerns WHERE ${where.join(' AND ')}
     ORDER BY submitted_at DESC, id DESC LIMIT $${params.length}`,
    params,
  );
  const page = rows.slice(0, limit);
  const items: OversightConcern[] = [];
  for (const row of page) items.push(await oversightView(db, row));
  const last = page[page.length - 1];
  return {
    items,
    nextCursor:
      rows.length > limit && last !== undefined ? encodeCursor([toIso(last.submitted_at), last.id]) : null,
  };
}

export async function getOversightConcern(
  db: Queryable,
  reference: string,
): Promise<OversightConcern | undefined> {
  const rows = await db.query<ConcernRow>(
    `SELECT ${CONCERN_COLUMNS} FROM concerns WHERE reference = $1 AND quarantined = false AND restricted = false`,
    [reference],
  );
  return rows[0] === undefined ? undefined : oversightView(db, rows[0]);
}

/**
 * Applies a triage. `route` is where a re-categorisation or referral sends the concern (decided by
 * services/routing.ts); the hand-off itself (public update, audit, messages) is recorded there too.
 */
export async function triageConcern(
  tx: Queryable,
  now: Date,
  reference: string,
  input: ConcernTriageInput,
  author: string,
  route?: { service: ServiceRef; restricted: boolean },
): Promise<
  | {
      concern: AdminConcern;
      changes: string[];
      /** The assignee before and after, when it changed. */
      assignment: { from: string | null; to: string | null } | undefined;
    }
  | undefined
> {
  const rows = await tx.query<ConcernRow>(
    `SELECT ${CONCERN_COLUMNS} FROM concerns WHERE reference = $1 FOR UPDATE`,
    [reference],
  );
  const row = rows[0];
  if (row === undefined) return undefined;
  const at = now.toISOString();
  const changes: string[] = [];
  let status = row.status;
  // `duplicateOf` alone marks a duplicate.
  const wanted = input.status ?? (input.duplicateOf !== undefined ? 'duplicate' : undefined);
  if (wanted !== undefined && wanted !== row.status) {
    if (!transitionAllowed(row.status, wanted)) {
      throw new AppError('conflict', `A concern cannot go from ${row.status} to ${wanted}.`);
    }
    status = wanted;
    changes.push(`status:${row.status}->${status}`);
  }
  let duplicateOf = row.duplicate_of;
  if (input.duplicateOf !== undefined) {
    // Merged into the concern that is followed: the end of a chain of duplicates.
    const root = await followedConcern(tx, input.duplicateOf);
    if (root === undefined || root === reference) {
      throw new AppError('validation', 'duplicateOf must be another existing concern.', {
        errors: [
          {
            path: 'duplicateOf',
            message: root === reference ? 'it is a duplicate of this one' : 'unknown concern',
          },
        ],
      });
    }
    if (root !== row.duplicate_of) changes.push(`duplicateOf:${root}`);
    duplicateOf = root;
  } else if (status !== 'duplicate' && row.duplicate_of !== null) {
    // Reopened: no longer merged.
    duplicateOf = null;
    changes.push('duplicateOf:null');
  }
  let categoryCode = row.category_code;
  let service = row.service;
  if (input.categoryCode !== undefined && input.categoryCode !== row.category_code) {
    const category = await getCategory(tx, input.categoryCode);
    if (category === undefined) {
      throw new AppError('validation', 'Unknown category.', {
        errors: [{ path: 'categoryCode', message: 'unknown category' }],
      });
    }
    categoryCode = category.code;
    changes.push(`category:${row.category_code}->${categoryCode}`);
  }
  let restricted = row.restricted;
  if (route !== undefined && route.service.id !== row.service.id) {
    changes.push(`service:${row.service.id}->${route.service.id}`);
    service = route.service;
    restricted = route.restricted;
  }
  // Assignment: to someone who can handle the concern (where it is going); a hand-off the assignee
  // cannot follow (an agent of the former service) unassigns it.
  let assigneeId = row.assignee_id;
  if (input.assigneeId !== undefined && input.assigneeId !== row.assignee_id) {
    if (
      input.assigneeId !== null &&
      (await assignableStaff(tx, { service, restricted }, input.assigneeId)).length === 0
    )
      throw new AppError('validation', 'This staff member cannot be assigned this concern.', {
        errors: [
          {
            path: 'assigneeId',
            message: 'not assignable: unknown, disabled, without triage, or not a member of its service',
          },
        ],
      });
    assigneeId = input.assigneeId;
  } else if (
    assigneeId !== null &&
    service.id !== row.service.id &&
    (await assignableStaff(tx, { service, restricted }, assigneeId)).length === 0
  ) {
    assigneeId = null;
  }
  const assignment = assigneeId !== row.assignee_id ? { from: row.assignee_id, to: assigneeId } : undefined;
  let quarantined = row.quarantined;
  if (input.quarantined !== undefined && input.quarantined !== row.quarantined) {
    quarantined = input.quarantined;
    changes.push(`quarantined:${String(quarantined)}`);
  }
  const closedAt = CLOSED_STATUSES.includes(status)
    ? CLOSED_STATUSES.includes(row.status)
      ? (toIsoOrNull(row.closed_at) ?? at)
      : at
    : null;
  await tx.query(
    `UPDATE concerns SET status = $2, duplicate_of = $3, category_code = $4, service = $5::jsonb, quarantined = $6,
       updated_at = $7, closed_at = $8, restricted = $9, assignee_id = $10 WHERE id = $1`,
    [
      row.id,
      status,
      duplicateOf,
      categoryCode,
      JSON.stringify(service),
      quarantined,
      at,
      closedAt,
      restricted,
      assigneeId,
    ],
  );
  // The due date follows the service's target.
  if (service.id !== row.service.id) await refreshDueDates(tx, { concernId: row.id });
  // Public priorities leave out restricted concerns: refresh their cached lists.
  if (restricted !== row.restricted)
    await tx.query(`UPDATE content_versions SET version = version + 1 WHERE name = 'priorities'`);
  // Merged: the concerns merged into this one follow it to the one it joins (no chains).
  if (duplicateOf !== null && duplicateOf !== row.duplicate_of) {
    const moved = await tx.query(
      'UPDATE concerns SET duplicate_of = $2 WHERE duplicate_of = $1 RETURNING id',
      [reference, duplicateOf],
    );
    if (moved.length > 0) changes.push(`duplicatesMoved:${moved.length}`);
  }
  // The resident of a duplicate is told which concern is followed in its place.
  const joined =
    duplicateOf !== null && duplicateOf !== row.duplicate_of ? duplicateNotice(duplicateOf) : undefined;
  if (input.publicUpdate !== undefined || status !== row.status || joined !== undefined) {
    if (input.publicUpdate !== undefined) changes.push('publicUpdate');
    const text =
      joined === undefined
        ? (input.publicUpdate ?? defaultUpdateText(status))
        : input.publicUpdate === undefined
          ? joined
          : joinTexts(joined, input.publicUpdate);
    await tx.query(
      'INSERT INTO concern_updates (id, concern_id, at, status, text) VALUES ($1, $2, $3, $4, $5::jsonb)',
      [newId(), row.id, at, status, JSON.stringify(text)],
    );
  }
  if (input.internalNote !== undefined) {
    changes.push('internalNote');
    await tx.query(
      'INSERT INTO concern_notes (id, concern_id, at, author, text) VALUES ($1, $2, $3, $4, $5)',
      [newId(), row.id, at, author, input.internalNote],
    );
  }
  const concern = await getAdminConcern(tx, reference, undefined, now);
  return concern === undefined ? undefined : { concern, changes, assignment };
}

const STATUS_TEXT: Record<string, LocalizedText> = {
  received: { fr: 'Signalement reçu.', en: 'Report received.' },
  'in-progress': { fr: 'Signalement pris en charge.', en: 'Report being handled.' },
  'action-scheduled': { fr: 'Une action est programmée.', en: 'An action is scheduled.' },
  referred: { fr: 'Transmis au service compétent.', en: 'Referred to the competent service.' },
  resolved: { fr: 'Le problème a été traité.', en: 'The problem has been dealt with.' },
  closed: { fr: 'Signalement clos.', en: 'Report closed.' },
  duplicate: {
    fr: 'Déjà signalé : suivi dans un autre signalement.',
    en: 'Already reported: followed in another report.',
  },
  'not-responsible': {
    fr: 'Ce sujet ne relève pas de la commune ; transmis ou réorienté.',
    en: 'Not a city matter; passed on or redirected.',
  },
  'reopen-requested': {
    fr: 'Selon la personne qui l’a signalé, le problème n’est pas réglé : le signalement est rouvert.',
    en: 'The person who reported it says the problem is not solved: the report is open again.',
  },
};

/**
 * Records the resident's verdict on the locked concern `row` (its status one of
 * `VERDICT_STATUSES`, no verdict yet — the caller checked). « Non » reopens it: status
 * `reopen-requested`, no closure date, and a public update that says so. Returns whether it reopened.
 */
export async function recordVerdict(
  tx: Queryable,
  now: Date,
  concernId: string,
  verdict: { resolved: boolean; comment?: string | undefined },
): Promise<{ reopened: boolean; at: string }> {
  const at = now.toISOString();
  await tx.query('INSERT INTO concern_verdicts (concern_id, resolved, comment, at) VALUES ($1, $2, $3, $4)', [
    concernId,
    verdict.resolved,
    verdict.comment ?? null,
    at,
  ]);
  if (verdict.resolved) return { reopened: false, at };
  await tx.query(
    `UPDATE concerns SET status = 'reopen-requested', closed_at = NULL, updated_at = $2 WHERE id = $1`,
    [concernId, at],
  );
  await tx.query(
    'INSERT INTO concern_updates (id, concern_id, at, status, text) VALUES ($1, $2, $3, $4, $5::jsonb)',
    [newId(), concernId, at, 'reopen-requested', JSON.stringify(defaultUpdateText('reopen-requested'))],
  );
  return { reopened: true, at };
}

/** What the resident of a duplicate reads: the concern followed in its place. */
export function duplicateNotice(reference: string): LocalizedText {
  return {
    fr: `Ce signalement rejoint le signalement ${reference}, qui est suivi à sa place.`,
    en: `This report joins report ${reference}, which is followed in its place.`,
  };
}

/** Two public texts as one (each language; a language one lacks takes the French). */
function joinTexts(a: LocalizedText, b: LocalizedText): LocalizedText {
  const out: LocalizedText = { fr: `${a.fr} ${b.fr}` };
  if (a.en !== undefined || b.en !== undefined) out.en = `${a.en ?? a.fr} ${b.en ?? b.fr}`;
  return out;
}

/**
 * The concern followed for `reference`: itself, or the end of its chain of duplicates
 * (`undefined` when there is no such concern, or the chain loops).
 */
export async function followedConcern(db: Queryable, reference: string): Promise<string | undefined> {
  let current = reference;
  for (let hops = 0; hops < 20; hops++) {
    const rows = await db.query<{ duplicate_of: string | null }>(
      'SELECT duplicate_of FROM concerns WHERE reference = $1',
      [current],
    );
    const row = rows[0];
    if (row === undefined) return undefined;
    if (row.duplicate_of === null) return current;
    current = row.duplicate_of;
  }
  return undefined;
}

/** The public text of a status change when staff write none (and no template applies). */
export function defaultUpdateText(status: string): LocalizedText {
  return STATUS_TEXT[status] ?? { fr: 'Statut mis à jour.', en: 'Status updated.' };
}

/** Adds a public update (seeding). */
export async function addPublicUpdate(
  tx: Queryable,
  concernId: string,
  at: Date,
  status: string,
  text: LocalizedText,
): Promise<void> {
  await tx.query(
    'INSERT INTO concern_updates (id, concern_id, at, status, text) VALUES ($1, $2, $3, $4, $5::jsonb)',
    [newId(), concernId, at.toISOString(), status, JSON.stringify(text)],
  );
}

// ---------------------------------------------------------------------------
// Open311 listing

export interface Open311Row {
  reference: string;
  category_code: string;
  service: ServiceRef;
  status: string;
  description: string;
  location: NewConcern['location'];
  submitted_at: Date | string;
  updated_at: Date | string;
  last_update: LocalizedText | null;
  category_label: LocalizedText | null;
}

const OPEN311_SELECT = `SELECT c.reference, c.category_code, c.service, c.status, c.description, c.location, c.submitted_at,
  c.updated_at, cat.data->'label' AS category_label,
  (SELECT u.text FROM concern_updates u WHERE u.concern_id = c.id ORDER BY u.at DESC, u.id DESC LIMIT 1) AS last_update
  FROM concerns c LEFT JOIN categories cat ON cat.code = c.category_code`;

export async function listOpen311Requests(
  db: Queryable,
  q: {
    references?: string[] | undefined;
    serviceCodes?: string[] | undefined;
    start: Date;
    end: Date;
    statuses?: readonly string[] | undefined;
    limit: number;
    offset: number;
  },
): Promise<Open311Row[]> {
  const params: unknown[] = [];
  // Conduct complaints are never in Open311 lists.
  const where = ['c.quarantined = false', 'c.restricted = false'];
  if (q.references !== undefined) {
    params.push(JSON.stringify(q.references));
    where.push(`c.reference IN (SELECT jsonb_array_elements_text($${params.length}::jsonb))`);
  } else {
    params.push(q.start.toISOString(), q.end.toISOString());
    where.push(`c.submitted_at >= $${params.length - 1} AND c.submitted_at <= $${params.length}`);
    if (q.serviceCodes !== undefined) {
      params.push(JSON.stringify(q.serviceCodes));
      where.push(`c.category_code IN (SELECT jsonb_array_elements_text($${params.length}::jsonb))`);
    }
    if (q.statuses !== undefined) {
      params.push(JSON.stringify(q.statuses));
      where.push(`c.status IN (SELECT jsonb_array_elements_text($${params.length}::jsonb))`);
    }
  }
  params.push(q.limit, q.offset);
  return db.query<Open311Row>(
    `${OPEN311_SELECT} WHERE ${where.join(' AND ')} ORDER BY c.submitted_at DESC, c.id DESC
     LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
}

export async function getOpen311Request(db: Queryable, reference: string): Promise<Open311Row | undefined> {
  const rows = await db.query<Open311Row>(
    `${OPEN311_SELECT} WHERE c.quarantined = false AND c.restricted = false AND c.reference = $1`,
    [reference],
  );
  return rows[0];
}

export async function referenceForOpen311Token(db: Queryable, token: string): Promise<string | undefined> {
  const rows = await db.query<{ reference: string }>(
    'SELECT reference FROM concerns WHERE open311_token = $1',
    [token],
  );
  return rows[0]?.reference;
}

// ---------------------------------------------------------------------------
// Retention

export interface PurgeResult {
  contactsErased: number;
  concernsDeleted: number;
  idempotencyKeysDeleted: number;
  rateLimitWindowsDeleted: number;
}

export async function purge(
  tx: Queryable,
  now: Date,
  days: { contactAfterClose: number; contactMax: number; closed: number; idempotencyHours: number },
): Promise<PurgeResult> {
  const ago = (d: number) => new Date(now.getTime() - d * 86400_000).toISOString();
  // The residents' e-mails go with their address: the ones not sent are dropped, the ones sent
  // keep their trace without the recipient (or their content, already emptied).
  const erased = `SELECT cc.concern_id FROM concern_contacts cc JOIN concerns c ON c.id = cc.concern_id
       WHERE (c.closed_at IS NOT NULL AND c.closed_at < $1) OR c.submitted_at < $2`;
  await tx.query(
    `DELETE FROM deliveries WHERE recipient IS NOT NULL AND status <> 'sent' AND concern_id IN (${erased})`,
    [ago(days.contactAfterClose), ago(days.contactMax)],
  );
  await tx.query(
    `UPDATE deliveries SET recipient = NULL, sent_to = NULL, payload = '{}'::jsonb
      WHERE recipient IS NOT NULL AND status = 'sent' AND concern_id IN (${erased})`,
    [ago(days.contactAfterClose), ago(days.contactMax)],
  );
  const contacts = await tx.query(
    `DELETE FROM concern_contacts cc USING concerns c WHERE cc.concern_id = c.id
       AND ((c.closed_at IS NOT NULL AND c.closed_at < $1) OR c.submitted_at < $2) RETURNING cc.concern_id`,
    [ago(days.contactAfterClose), ago(days.contactMax)],
  );
  // The verdict's comment is the resident's own words: erased on the contact details' schedule.
  await tx.query(
    `UPDATE concern_verdicts v SET comment = NULL FROM concerns c WHERE v.concern_id = c.id
       AND v.comment IS NOT NULL
       AND ((c.closed_at IS NOT NULL AND c.closed_at < $1) OR c.submitted_at < $2)`,
    [ago(days.contactAfterClose), ago(days.contactMax)],
  );
  const concerns = await tx.query(
    'DELETE FROM concerns WHERE closed_at IS NOT NULL AND closed_at < $1 RETURNING id',
    [ago(days.closed)],
  );
  const keys = await tx.query('DELETE FROM idempotency_keys WHERE created_at < $1 RETURNING key', [
    new Date(now.getTime() - days.idempotencyHours * 3600_000).toISOString(),
  ]);
  const windows = await tx.query('DELETE FROM rate_limits WHERE window_start < $1 RETURNING bucket', [
    new Date(now.getTime() - 3600_000).toISOString(),
  ]);
  return {
    contactsErased: contacts.length,
    concernsDeleted: concerns.length,
    idempotencyKeysDeleted: keys.length,
    rateLimitWindowsDeleted: windows.length,
  };
}
