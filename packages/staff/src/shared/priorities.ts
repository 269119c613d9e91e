/**
 * What the concern view and the priorities section share about a priority: the replacement body
 * that links one more concern to it (« Lier à une priorité »), kept in the console's core so that
 * neither section's chunk carries the other's code.
 */
import type { AdminPriority, PriorityInput, PriorityStatus } from '@proximite/contract';

/** What a replacement keeps of `p`'s sources: its cafés and the concerns only noted at cafés. */
export function keptSources(p: AdminPriority | undefined): {
  concernReferences: string[];
  cafeIds: string[];
  unrecordedConcerns?: number;
} {
  const references = p?.sources.concernReferences ?? [];
  // The public count is the linked concerns plus those noted at cafés without a record.
  const unrecorded = (p?.sources.concernCount ?? references.length) - references.length;
  return {
    concernReferences: references,
    cafeIds: p?.sources.cafeIds ?? [],
    ...(unrecorded > 0 ? { unrecordedConcerns: unrecorded } : {}),
  };
}

/** `p`'s actions as a replacement sends them. */
export function actionsOf(p: AdminPriority | undefined): NonNullable<PriorityInput['actions']> {
  return (p?.actions ?? []).map((a) => ({
    // Every text of the action, its « facile à lire » version (`fr-falc`) included.
    text: {
      fr: a.text.fr,
      ...(a.text.en !== undefined ? { en: a.text.en } : {}),
      ...(a.text['fr-falc'] !== undefined ? { 'fr-falc': a.text['fr-falc'] } : {}),
    },
    date: a.date,
    status: (['planned', 'in-progress', 'done'].includes(a.status) ? a.status : 'done') as 'done',
  }));
}

/** `p` as a replacement body with `reference` among its concerns (« Lier à une priorité »). */
export function linkReference(p: AdminPriority, reference: string): PriorityInput {
  const sources = keptSources(p);
  const actions = actionsOf(p);
  return {
    issue: p.issue,
    issueDate: p.issueDate,
    status: p.status as PriorityStatus & PriorityInput['status'],
    ...(p.districtId !== undefined ? { districtId: p.districtId } : {}),
    ...(actions.length > 0 ? { actions } : {}),
    ...(p.action !== undefined ? { action: p.action } : {}),
    ...(p.actionDate !== undefined ? { actionDate: p.actionDate } : {}),
    sources: { ...sources, concernReferences: [...new Set([...sources.concernReferences, reference])] },
  };
}
