/**
 * `/v1/admin` sub-app. Each route is declared by its contract operation id: the method, path and
 * scopes come from the contract's operation table, and the authentication middleware checks them
 * before the handler runs. Every change goes through the audited services (services/).
 */
import {
  ActivityCountersInput,
  AdminConcernExportQuery,
  AdminConcernListQuery,
  AdminTokenCreateInput,
  AuditListQuery,
  CafeCancelInput,
  CafeDuplicateInput,
  CafeImportInput,
  CafeInput,
  CafeListQuery,
  CONTACT_EXPORT_ROLES,
  ConcernBulkInput,
  MeetingReportInput,
  ConcernShareInput,
  ConcernTriageInput,
  OversightConcernListQuery,
  PriorityInput,
  RightsOverrides,
  StaffInviteInput,
  StaffUpdateInput,
  getOperation,
  problemFor,
} from '@proximite/contract';
import type { ConcernBulkOutcome, OperationId, ServiceRef } from '@proximite/contract';
import { Hono } from 'hono';
import type { Handler } from 'hono';
import { AppError } from '../errors.js';
import * as cafes from '../services/cafes.js';
import { defaultWindow, importIcs, parseWindowBound } from '../import/ics.js';
import type { IcsImportResult } from '../import/ics.js';
import * as concerns from '../services/concerns.js';
import * as content from '../services/content.js';
import * as staff from '../services/staff.js';
import * as tokens from '../services/tokens.js';
import { listAudit, verifyAudit } from '../store/audit.js';
import { getOversightConcern, listOversightConcerns, reaches } from '../store/concerns.js';
import { assignableStaff, countInbox, exportInbox, listInbox } from '../store/inbox.js';
import { concernsCsv } from '../concerns-csv.js';
import type { InboxReader } from '../store/inbox.js';
import { getStaff, listStaff } from '../store/staff.js';
import { getCafe, getRightsOverrides, listAdminPriorities, listCafes, publicCafe } from '../store/content.js';
import { publishPriority } from '../services/priority-notices.js';
import { getStatsDataset } from '../store/stats.js';
import { getStoredMeetingReport } from '../store/meetings.js';
import { listAdminTokens } from '../store/tokens.js';
import { deliveryOperations } from './admin-delivery.js';
import { fieldOperations } from './admin-field.js';
import { templateOperations } from './admin-templates.js';
import { getTemplate } from '../store/templates.js';
import { principalOf, requireScopes } from './auth.js';
import type { AppDeps } from './context.js';
import type { AppEnv, Principal } from './env.js';
import { baseUrl, jsonResponse, noContent, pathId, pathReference, routePath } from './shared.js';
import { parseJsonBody, parseQuery } from './validate.js';

/** Where this sub-app is mounted. */
export const ADMIN_PREFIX = '/v1/admin';

/** What the inbox needs of the caller: the concerns it reaches and, for a staff member, who `me` is. */
export function readerOf(principal: Principal): InboxReader {
  return {
    reach: principal,
    staffId: principal.actor.kind === 'staff' ? principal.actor.id : undefined,
  };
}

export function adminApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { db } = deps;

  /** Registers the handler of a contract operation behind its scopes. */
  const operation = (id: OperationId, handler: Handler<AppEnv>): void => {
    const op = getOperation(id);
    if (op.scopes === undefined) throw new Error(`${id} is not an admin operation`);
    app.on(
      op.method.toUpperCase(),
      routePath(op.path, ADMIN_PREFIX),
      requireScopes(deps, op.scopes),
      handler,
    );
  };

  // ---- tokens
  operation('listAdminTokens', async () => jsonResponse({ items: await listAdminTokens(db) }));

  operation('createAdminToken', async (c) => {
    const principal = principalOf(c);
    const { value } = await parseJsonBody(c, AdminTokenCreateInput);
    const beyond = value.scopes.filter((s) => !principal.scopes.includes(s));
    if (beyond.length > 0)
      throw new AppError('forbidden', `A token cannot grant scopes it does not hold: ${beyond.join(', ')}.`);
    const now = deps.clock();
    if (value.expiresAt !== undefined && Date.parse(value.expiresAt) <= now.getTime()) {
      throw new AppError('validation', 'expiresAt is in the past.', {
        errors: [{ path: 'expiresAt', message: 'must be in the future' }],
      });
    }
    return jsonResponse(await tokens.createToken(deps, now, principal.actor, value), 201);
  });

  operation('revokeAdminToken', async (c) => {
    const id = pathId(c, 'id');
    if (!(await tokens.revokeToken(deps, deps.clock(), principalOf(c).actor, id)))
      throw new AppError('notFound', 'No such token.');
    return noContent();
  });

  // ---- cafés
  operation('createCafe', async (c) => {
    const { value } = await parseJsonBody(c, CafeInput);
    const cafe = await cafes.createCafe(deps, deps.clock(), principalOf(c).actor, value);
    return jsonResponse(cafe, 201, { Location: `/v1/cafes/${encodeURIComponent(cafe.id)}` });
  });

  operation('updateCafe', async (c) => {
    const id = pathId(c, 'id');
    const { value } = await parseJsonBody(c, CafeInput);
    const cafe = await cafes.updateCafe(deps, deps.clock(), principalOf(c).actor, id, value);
    if (cafe === undefined) throw new AppError('notFound', 'No such café.');
    return jsonResponse(cafe);
  });

  operation('cancelCafe', async (c) => {
    const id = pathId(c, 'id');
    const { value } = await parseJsonBody(c, CafeCancelInput);
    const cafe = await cafes.cancelCafe(deps, deps.clock(), principalOf(c).actor, id, value);
    if (cafe === undefined) throw new AppError('notFound', 'No such café.');
    return jsonResponse(cafe);
  });

  operation('listAdminCafes', async (c) => jsonResponse(await listCafes(deps, parseQuery(c, CafeListQuery))));

  operation('getAdminCafe', async (c) => {
    const cafe = await getCafe(db, pathId(c, 'id'));
    if (cafe === undefined) throw new AppError('notFound', 'No such café.');
    return jsonResponse(publicCafe(cafe));
  });

  operation('duplicateCafe', async (c) => {
    const id = pathId(c, 'id');
    const { value } = await parseJsonBody(c, CafeDuplicateInput);
    const cafe = await cafes.duplicateCafe(deps, deps.clock(), principalOf(c).actor, id, value.start);
    if (cafe === undefined) throw new AppError('notFound', 'No such café.');
    return jsonResponse(cafe, 201, { Location: `/v1/cafes/${encodeURIComponent(cafe.id)}` });
  });

  // The CLI's `proximite import-ics`, on a text sent by the console (same reader, same audit).
  operation('importCafes', async (c) => {
    const { value } = await parseJsonBody(c, CafeImportInput);
    const now = deps.clock();
    const window = defaultWindow(now);
    const from = value.from !== undefined ? parseWindowBound(value.from, 'from') : window.from;
    const to = value.to !== undefined ? parseWindowBound(value.to, 'to', true) : window.to;
    if (to.getTime() <= from.getTime())
      throw new AppError('validation', 'The window ends before it starts.', {
        errors: [{ path: 'to', message: 'must be after from' }],
      });
    let r: IcsImportResult;
    try {
      r = await importIcs(db, now, value.calendar, {
        from,
        to,
        district: value.districtId,
        organizer: value.organizer,
        timeZone: value.timeZone,
        source: 'console',
        actor: principalOf(c).actor,
      });
    } catch (error) {
      if (error instanceof RangeError)
        throw new AppError('validation', error.message, {
          errors: [{ path: 'districtId', message: error.message }],
        });
      // The reader refuses a text that is not iCalendar at all (no BEGIN:VCALENDAR).
      if (error instanceof TypeError)
        throw new AppError('validation', 'Not an iCalendar text.', {
          errors: [{ path: 'calendar', message: error.message }],
        });
      throw error;
    }
    return jsonResponse({
      found: r.found,
      created: r.created,
      updated: r.updated,
      cancelled: r.cancelled,
      unchanged: r.unchanged,
      keptCancelled: r.keptCancelled,
      skipped: r.skipped,
      warnings: r.warnings.map((w) => ({
        ...(w.event !== undefined && { event: w.event }),
        message: w.message,
        ...(w.line !== undefined && { line: w.line }),
      })),
    });
  });

  operation('deleteCafe', async (c) => {
    const id = pathId(c, 'id');
    if (!(await cafes.deleteCafe(deps, deps.clock(), principalOf(c).actor, id)))
      throw new AppError('notFound', 'No such café.');
    return noContent();
  });

  // ---- concerns
  // Agents reach only the concerns of their services; a concern beyond is "not found".
  operation('listAdminConcerns', async (c) => {
    const q = parseQuery(c, AdminConcernListQuery);
    const principal = principalOf(c);
    return jsonResponse(await listInbox(db, q, readerOf(principal), deps.clock()));
  });

  // The inbox as CSV: checked and audited before the first byte, then streamed page by page.
  operation('exportAdminConcerns', async (c) => {
    const principal = principalOf(c);
    const { contacts, lang = 'fr', ...filters } = parseQuery(c, AdminConcernExportQuery);
    const withContacts = contacts === 'true';
    const role = principal.staff?.record.role;
    if (withContacts && (role === undefined || !CONTACT_EXPORT_ROLES.includes(role)))
      throw new AppError(
        'forbidden',
        'Contact details are exported only by an admin or a coordinator, signed in (contacts=true).',
      );
    const reader = readerOf(principal);
    const now = deps.clock();
    const rows = await countInbox(db, filters, reader, now);
    await concerns.recordExport(deps, now, principal.actor, { filters, rows, contacts: withContacts });
    const day = now.toISOString().slice(0, 10);
    const file = `${lang === 'fr' ? 'signalements' : 'concerns'}-${day}.csv`;
    return new Response(
      concernsCsv(exportInbox(db, filters, reader, now, withContacts), { lang, withContacts }),
      {
        headers: {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="${file}"`,
          'Cache-Control': 'no-store',
        },
      },
    );
  });

  // Each concern on its own (its own transaction and audit entries): one that cannot be changed
  // keeps its problem in the answer and does not undo the others.
  operation('bulkTriageConcerns', async (c) => {
    const principal = principalOf(c);
    const { value } = await parseJsonBody(c, ConcernBulkInput);
    const { references, templateId, ...change } = value;
    const template = templateId === undefined ? undefined : await getTemplate(db, templateId);
    if (templateId !== undefined && template === undefined)
      throw new AppError('validation', 'No such template.', {
        errors: [{ path: 'templateId', message: 'unknown template' }],
      });
    const items: ConcernBulkOutcome[] = [];
    for (const reference of references) {
      const instance = `${ADMIN_PREFIX}/concerns/${reference}`;
      try {
        // A template is filled in with each concern's own reference and service (under its lock).
        const concern = await concerns.triageConcern(
          deps,
          deps.clock(),
          principal.actor,
          reference,
          change,
          principal,
          template?.text,
        );
        items.push(
          concern === undefined
            ? {
                reference,
                ok: false,
                problem: problemFor('notFound', { instance, detail: 'No such concern.' }),
              }
            : { reference, ok: true, status: concern.status, assignee: concern.assignee ?? null },
        );
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        const problem = problemFor(error.key, {
          instance,
          ...(error.detail !== undefined ? { detail: error.detail } : {}),
          ...(error.errors !== undefined ? { errors: error.errors } : {}),
        });
        items.push({ reference, ok: false, problem });
      }
    }
    const succeeded = items.filter((i) => i.ok).length;
    return jsonResponse({ items, succeeded, failed: items.length - succeeded });
  });

  operation('listConcernAssignees', async (c) => {
    const ref = pathReference(c, 'No such concern.');
    const rows = await db.query<{ service: ServiceRef; restricted: boolean }>(
      'SELECT service, restricted FROM concerns WHERE reference = $1',
      [ref],
    );
    const row = rows[0];
    if (row === undefined || !reaches(principalOf(c), row))
      throw new AppError('notFound', 'No such concern.');
    return jsonResponse({ items: await assignableStaff(db, row) });
  });

  operation('getAdminConcern', async (c) => {
    const principal = principalOf(c);
    const ref = pathReference(c, 'No such concern.');
    const concern = await concerns.readConcern(deps, deps.clock(), principal.actor, ref, principal);
    if (concern === undefined) throw new AppError('notFound', 'No such concern.');
    return jsonResponse(concern);
  });

  operation('triageConcern', async (c) => {
    const principal = principalOf(c);
    const ref = pathReference(c, 'No such concern.');
    const { value } = await parseJsonBody(c, ConcernTriageInput);
    const concern = await concerns.triageConcern(deps, deps.clock(), principal.actor, ref, value, principal);
    if (concern === undefined) throw new AppError('notFound', 'No such concern.');
    return jsonResponse(concern);
  });

  operation('shareConcern', async (c) => {
    const principal = principalOf(c);
    const ref = pathReference(c, 'No such concern.');
    const { value } = await parseJsonBody(c, ConcernShareInput);
    const concern = await concerns.shareConcern(
      deps,
      deps.clock(),
      principal.actor,
      ref,
      value.shareable,
      principal,
    );
    if (concern === undefined) throw new AppError('notFound', 'No such concern.');
    return jsonResponse(concern);
  });

  // ---- oversight (observers): pseudonymised
  operation('listOversightConcerns', async (c) =>
    jsonResponse(await listOversightConcerns(db, parseQuery(c, OversightConcernListQuery))),
  );

  operation('getOversightConcern', async (c) => {
    const concern = await getOversightConcern(db, pathReference(c, 'No such concern.'));
    if (concern === undefined) throw new AppError('notFound', 'No such concern.');
    return jsonResponse(concern);
  });

  // ---- staff accounts, services
  operation('listStaff', async () => jsonResponse({ items: await listStaff(db) }));

  operation('inviteStaff', async (c) => {
    const { value } = await parseJsonBody(c, StaffInviteInput);
    const created = await staff.createAccount(
      deps,
      deps.clock(),
      principalOf(c).actor,
      value,
      baseUrl(deps, c),
    );
    const invitation = created.invitation;
    if (invitation === undefined) throw new Error('an invited account has an invitation link');
    return jsonResponse({ staff: created.staff, link: invitation.link }, 201, {
      Location: `${ADMIN_PREFIX}/staff/${encodeURIComponent(created.staff.id)}`,
    });
  });

  operation('getStaff', async (c) => {
    const found = await getStaff(db, pathId(c, 'id'));
    if (found === undefined) throw new AppError('notFound', 'No such account.');
    return jsonResponse(found.member);
  });

  operation('updateStaff', async (c) => {
    const id = pathId(c, 'id');
    const { value } = await parseJsonBody(c, StaffUpdateInput);
    const updated = await staff.updateAccount(deps, deps.clock(), principalOf(c).actor, id, {
      displayName: value.displayName,
      role: value.role,
      services: value.services,
      disabled: value.status === undefined ? undefined : value.status === 'disabled',
    });
    if (updated === undefined) throw new AppError('notFound', 'No such account.');
    return jsonResponse(updated);
  });

  operation('resetStaffPassword', async (c) => {
    const issued = await staff.issuePasswordReset(
      deps,
      deps.clock(),
      principalOf(c).actor,
      pathId(c, 'id'),
      baseUrl(deps, c),
    );
    if (issued === undefined) throw new AppError('notFound', 'No such account, or a disabled one.');
    return jsonResponse(issued.link.link);
  });

  operation('resetStaffTotp', async (c) => {
    const member = await staff.resetSecondFactor(deps, deps.clock(), principalOf(c).actor, pathId(c, 'id'));
    if (member === undefined) throw new AppError('notFound', 'No such account.');
    return jsonResponse(member);
  });

  // ---- services, routing rules, deliveries
  deliveryOperations(operation, deps);
  templateOperations(operation, deps);
  fieldOperations(operation, deps);

  // ---- meeting reports
  operation('getAdminCafeReport', async (c) => {
    const found = await getStoredMeetingReport(db, pathId(c, 'id'));
    if (found === undefined) throw new AppError('notFound', 'No such café, or no report.');
    return jsonResponse(found);
  });

  operation('putCafeReport', async (c) => {
    const id = pathId(c, 'id');
    const { value } = await parseJsonBody(c, MeetingReportInput);
    const meeting = await cafes.putCafeReport(deps, deps.clock(), principalOf(c).actor, id, value);
    if (meeting === undefined) throw new AppError('notFound', 'No such café.');
    return jsonResponse(meeting);
  });

  operation('deleteCafeReport', async (c) => {
    const id = pathId(c, 'id');
    if (!(await cafes.deleteCafeReport(deps, deps.clock(), principalOf(c).actor, id)))
      throw new AppError('notFound', 'No such café, or no report.');
    return noContent();
  });

  // ---- priorities
  operation('createPriority', async (c) => {
    const { value } = await parseJsonBody(c, PriorityInput);
    const priority = await content.createPriority(deps, deps.clock(), principalOf(c).actor, value);
    return jsonResponse(priority, 201, { Location: `/v1/priorities#${encodeURIComponent(priority.id)}` });
  });

  operation('updatePriority', async (c) => {
    const id = pathId(c, 'id');
    const { value } = await parseJsonBody(c, PriorityInput);
    const priority = await content.updatePriority(deps, deps.clock(), principalOf(c).actor, id, value);
    if (priority === undefined) throw new AppError('notFound', 'No such priority.');
    return jsonResponse(priority);
  });

  operation('listAdminPriorities', async () => jsonResponse({ items: await listAdminPriorities(db) }));

  operation('publishPriority', async (c) => {
    const priority = await publishPriority(deps, deps.clock(), principalOf(c).actor, pathId(c, 'id'));
    if (priority === undefined) throw new AppError('notFound', 'No such priority.');
    return jsonResponse(priority);
  });

  operation('deletePriority', async (c) => {
    const id = pathId(c, 'id');
    if (!(await content.deletePriority(deps, deps.clock(), principalOf(c).actor, id)))
      throw new AppError('notFound', 'No such priority.');
    return noContent();
  });

  // ---- stats, rights
  operation('putActivityCounters', async (c) => {
    const { value } = await parseJsonBody(c, ActivityCountersInput);
    const area = value.area ?? deps.stats.area.code;
    if (area !== deps.stats.area.code && (await getStatsDataset(db, area)) === undefined) {
      const detail = `This server publishes figures for area ${deps.stats.area.code} and the areas imported with proximite import-ssmsi.`;
      throw new AppError('validation', detail, {
        errors: [{ path: 'area', message: 'unknown area' }],
      });
    }
    const items = await content.putActivityCounters(deps, deps.clock(), principalOf(c).actor, area, value);
    return jsonResponse({ items });
  });

  operation('getRightsOverrides', async () => jsonResponse(await getRightsOverrides(db)));

  operation('putRightsOverrides', async (c) => {
    const { value } = await parseJsonBody(c, RightsOverrides);
    await content.putRightsOverrides(deps, deps.clock(), principalOf(c).actor, value);
    return jsonResponse(value);
  });

  // ---- audit
  operation('listAudit', async (c) => {
    const q = parseQuery(c, AuditListQuery);
    let after = q.after ?? 0;
    if (q.cursor !== undefined) {
      if (!/^\d{1,15}$/.test(q.cursor))
        throw new AppError('badRequest', 'Invalid cursor.', {
          errors: [{ path: 'cursor', message: 'invalid cursor' }],
        });
      after = Math.max(after, Number(q.cursor));
    }
    return jsonResponse(await listAudit(db, after, q.limit ?? 50));
  });

  operation('verifyAudit', async () => jsonResponse(await verifyAudit(db)));

  return app;
}
