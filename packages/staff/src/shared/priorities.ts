/**
 * What the concern view and the priorities section share about a priority: the replacement body
 * that links one more concern to it (« Lier à une priorité »), kept in the console's core so that
 * neither section's chunk carries the other's code.
 */
import type { AdminPriority, PriorityInput, PriorityStatus } from '@proximite/contract';

/** `p` as a replacement body with `reference` among its concerns (« Lier à une priorité »). */
export function linkReference(p: AdminPriority, reference: string): PriorityInput {
  const input: PriorityInput = {
    issue: p.issue,
    issueDate: p.issueDate,
    status: p.status as PriorityStatus & PriorityInput['status'],
    ...(p.districtId !== undefined ? { districtId: p.districtId } : {}),
    ...(p.actions !== undefined && p.actions.length > 0
      ? { actions: p.actions.map((a) => ({ text: a.text, date: a.date, status: a.status as 'done' })) }
      : {}),
    ...(p.action !== undefined ? { action: p.action } : {}),
    ...(p.actionDate !== undefined ? { actionDate: p.actionDate } : {}),
    sources: {
      concernReferences: [...new Set([...p.sources.concernReferences, reference])],
      cafeIds: p.sources.cafeIds,
    },
  };
  return input;
}
