/** Pure helpers of the status lookup: the lifecycle stages and the reference and code rules. */
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
  // The resident said the problem is not solved: back with the service.
  'reopen-requested': 'processing',
};

/** The stage index (0–2) of a status, or -1 for a status this version does not know (never hidden: its raw name is shown). */
export function stageIndex(status: ConcernStatusValue): number {
  return isKnown(CONCERN_STATUSES, status) ? STATUS_STAGES.indexOf(STAGE_OF[status]) : -1;
}

export const isReference = (text: string) => CONCERN_REFERENCE_PATTERN.test(text);
/** The contract's status token rule. */
export const isStatusToken = (text: string) => /^[A-Za-z0-9_-]{16,128}$/.test(text);
