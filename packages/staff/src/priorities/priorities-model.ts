/**
 * The priorities section's pure logic: a priority's form ↔ the contract's `PriorityInput`, the
 * concern references typed or chosen in the inbox, and what stops a save. No DOM.
 */
import type {
  AdminMeetingReport,
  AdminPriority,
  LocalizedText,
  MeetingReportInput,
  PriorityInput,
} from '@proximite/contract';
import { actionsOf, keptSources } from '../shared/priorities.js';

const REFERENCE = /^PRX-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** The references of a text (commas, spaces or lines between them), upper-cased, each once. */
export function parseReferences(text: string): { references: string[]; invalid: string[] } {
  const words = text
    .split(/[\s,;]+/)
    .map((w) => w.trim().toUpperCase())
    .filter((w) => w !== '');
  const references = [...new Set(words.filter((w) => REFERENCE.test(w)))];
  const invalid = [...new Set(words.filter((w) => !REFERENCE.test(w)))];
  return { references, invalid };
}

/** What the form holds, as typed. */
export interface PriorityFields {
  issueFr: string;
  issueEn: string;
  issueDate: string;
  status: string;
  districtId: string;
  references: string;
  actionFr: string;
  actionEn: string;
  actionDate: string;
  publishNow: boolean;
}

export type PriorityError =
  'errorIssue' | 'errorIssueDate' | 'errorReferences' | 'errorAction' | 'errorActionDate';

/** The field each error points at (its id in the form). */
export const ERROR_FIELD: Record<PriorityError, string> = {
  errorIssue: 'issue-fr',
  errorIssueDate: 'issue-date',
  errorReferences: 'references',
  errorAction: 'action-fr',
  errorActionDate: 'action-date',
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A text as typed (French, English when given), keeping what the form does not show of the stored
 * one — its « facile à lire » (`fr-falc`) version — while its French is unchanged: saving an
 * unchanged form changes nothing, and a new French text drops an easy-read version of the old one.
 */
function textOf(was: LocalizedText | undefined, fr: string, en: string): PriorityInput['issue'] {
  const falc = was?.fr === fr ? was['fr-falc'] : undefined;
  return {
    fr,
    ...(en.trim() !== '' ? { en: en.trim() } : {}),
    ...(falc !== undefined ? { 'fr-falc': falc } : {}),
  };
}

/**
 * The `PriorityInput` of the form, or what stops it. `existing`: the priority edited (its cafés
 * and unrecorded concerns are kept; a replacement never changes whether it is published).
 */
export function inputFromFields(
  f: PriorityFields,
  existing?: AdminPriority,
  cafeIds: readonly string[] = [],
): { input: PriorityInput } | { errors: PriorityError[] } {
  const errors: PriorityError[] = [];
  const issueFr = f.issueFr.trim();
  const actionFr = f.actionFr.trim();
  const { references, invalid } = parseReferences(f.references);
  if (issueFr === '') errors.push('errorIssue');
  if (!DAY.test(f.issueDate)) errors.push('errorIssueDate');
  if (invalid.length > 0) errors.push('errorReferences');
  if (f.status === 'done' && actionFr === '') errors.push('errorAction');
  if (actionFr !== '' && (!DAY.test(f.actionDate) || f.actionDate < f.issueDate))
    errors.push('errorActionDate');
  if (errors.length > 0) return { errors };
  const input: PriorityInput = {
    issue: textOf(existing?.issue, issueFr, f.issueEn),
    issueDate: f.issueDate,
    status: f.status as PriorityInput['status'],
    ...(f.districtId !== '' ? { districtId: f.districtId } : {}),
    sources: (() => {
      const kept = keptSources(existing);
      return { ...kept, concernReferences: references, cafeIds: [...new Set([...kept.cafeIds, ...cafeIds])] };
    })(),
  };
  // The actions already recorded are kept; the one typed is added when it is new.
  const actions = actionsOf(existing);
  if (actionFr !== '') {
    input.action = textOf(existing?.action, actionFr, f.actionEn);
    input.actionDate = f.actionDate;
    if (!actions.some((a) => a.text.fr === actionFr && a.date === f.actionDate))
      actions.push({ text: input.action, date: f.actionDate, status: 'done' });
  }
  if (actions.length > 0) input.actions = actions;
  if (existing === undefined && !f.publishNow) input.draft = true;
  return { input };
}

/**
 * The form's fields for `p` (or a new priority from `references`, dated `today`, its issue titled
 * and placed as `issue` says — a café's topic).
 */
export function fieldsOf(
  p: AdminPriority | undefined,
  today: string,
  references: string[] = [],
  issue: { fr?: string | undefined; en?: string | undefined; districtId?: string | undefined } = {},
): PriorityFields {
  return {
    issueFr: p?.issue.fr ?? issue.fr ?? '',
    issueEn: p?.issue.en ?? issue.en ?? '',
    issueDate: p?.issueDate ?? today,
    status: p?.status ?? 'raised',
    districtId: p?.districtId ?? (p ? '' : (issue.districtId ?? '')),
    references: (p?.sources.concernReferences ?? references).join('\n'),
    actionFr: p?.action?.fr ?? '',
    actionEn: p?.action?.en ?? '',
    actionDate: p?.actionDate ?? '',
    publishNow: false,
  };
}

/**
 * A café's stored report with its topic titled `topicFr` (the first one not linked yet) now feeding
 * the priority `priorityId` — so the public report points at it and the cafés section offers « Voir
 * la priorité » instead of a second one — or undefined when no such topic is left.
 */
export function linkTopic(
  report: AdminMeetingReport['report'],
  topicFr: string,
  priorityId: string,
): MeetingReportInput | undefined {
  const index = report.topics.findIndex((t) => t.title.fr === topicFr && t.priorityId === undefined);
  if (index < 0) return undefined;
  return {
    ...report,
    topics: report.topics.map((t, i) => (i === index ? { ...t, priorityId } : t)),
  };
}
