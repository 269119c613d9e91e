/** Pure helpers of the status lookup: the lifecycle stages and the reference/token from a URL. */
import {
  CONCERN_REFERENCE_PATTERN,
  CONCERN_STATUSES,
  isKnown,
  type ConcernStatusValue,
} from '@proximite/contract';

/** The three stages the step indicator shows. */
export const STATUS_STAGES = ['received', 'processing', 'done'] as const;
export type StatusStage = (typeof STATUS_STAGES)[number];

const STAGE_OF: Record<(typeof CONCERN_STATUSES)[number], StatusStage> = {
  received: 'received',
  'in-progress': 'processing',
  'action-scheduled': 'processing',
  referred: 'processing',
  resolved: 'done',
  closed: 'done',
  duplicate: 'done',
  'not-responsible': 'done',
};

/** The stage index (0–2) of a status, or -1 for a status this version does not know (never hidden: its raw name is shown). */
export function stageIndex(status: ConcernStatusValue): number {
  return isKnown(CONCERN_STATUSES, status) ? STATUS_STAGES.indexOf(STAGE_OF[status]) : -1;
}

/** A concern reference as typed by a resident: trimmed, upper-cased, with the dashes it may have lost. */
export function normalizeReference(text: string): string {
  const compact = text.trim().toUpperCase().replace(/[\s-]/g, '');
  if (/^PRX[0-9A-Z]{8}$/.test(compact)) return `PRX-${compact.slice(3, 7)}-${compact.slice(7)}`;
  return text.trim().toUpperCase();
}

export const isReference = (text: string) => CONCERN_REFERENCE_PATTERN.test(text);
/** The contract's status token rule. */
export const isStatusToken = (text: string) => /^[A-Za-z0-9_-]{16,128}$/.test(text);

/** `ref` and `token` from a query string (`?ref=PRX-…&token=…`); empty strings when absent. */
export function readStatusParams(search: string): { reference: string; token: string } {
  const params = new URLSearchParams(search);
  return {
    reference: normalizeReference(params.get('ref') ?? ''),
    token: (params.get('token') ?? '').trim(),
  };
}

/** A link to this page in status mode for a receipt (the page's own URL with `ref` and `token`). */
export function statusPageUrl(pageUrl: string, reference: string, token: string): string {
  const url = new URL(pageUrl);
  url.hash = '';
  url.searchParams.set('ref', reference);
  url.searchParams.set('token', token);
  return url.href;
}
