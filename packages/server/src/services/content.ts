/** Published content staff edit: priorities, the rights overrides, activity counters, statistics datasets. */
import type {
  ActivityCounter,
  ActivityCountersInput,
  Priority,
  PriorityInput,
  RightsOverrides,
  StatsDataset,
} from '@proximite/contract';
import {
  createPriority as storeCreatePriority,
  deletePriority as storeDeletePriority,
  putActivityCounters as storePutCounters,
  putRightsOverrides as storePutOverrides,
  updatePriority as storeUpdatePriority,
} from '../store/content.js';
import type { Outbox } from '../delivery/outbox.js';
import { putStatsDataset } from '../store/stats.js';
import { tellResidents } from './priority-notices.js';
import type { Actor } from './actor.js';
import { audited } from './audited.js';
import type { ServiceContext } from './audited.js';

export function createPriority(
  ctx: ServiceContext & { outbox?: Outbox },
  now: Date,
  actor: Actor,
  input: PriorityInput,
): Promise<Priority> {
  return audited(ctx, now, actor, async (u) => {
    const p = await storeCreatePriority(u.tx, now, input);
    await u.audit({ action: 'priority.create', target: `priority:${p.id}` });
    // Published at once with an action carried out: its residents are told now.
    if (ctx.outbox !== undefined) await tellResidents(u.tx, now, ctx.outbox, p.id);
    return p;
  });
}

/** Replaces a priority; `undefined` when there is no such priority. */
export function updatePriority(
  ctx: ServiceContext & { outbox?: Outbox },
  now: Date,
  actor: Actor,
  id: string,
  input: PriorityInput,
): Promise<Priority | undefined> {
  return audited(ctx, now, actor, async (u) => {
    const p = await storeUpdatePriority(u.tx, now, id, input);
    if (p !== undefined) await u.audit({ action: 'priority.update', target: `priority:${id}` });
    // A published priority given its first action carried out: its residents are told now.
    if (p !== undefined && ctx.outbox !== undefined) await tellResidents(u.tx, now, ctx.outbox, id);
    return p;
  });
}

/** Deletes a priority; `false` when there is no such priority. */
export function deletePriority(ctx: ServiceContext, now: Date, actor: Actor, id: string): Promise<boolean> {
  return audited(ctx, now, actor, async (u) => {
    if (!(await storeDeletePriority(u.tx, id))) return false;
    await u.audit({ action: 'priority.delete', target: `priority:${id}` });
    return true;
  });
}

export function putRightsOverrides(
  ctx: ServiceContext,
  now: Date,
  actor: Actor,
  overrides: RightsOverrides,
): Promise<void> {
  return audited(ctx, now, actor, async (u) => {
    await storePutOverrides(u.tx, now, overrides);
    await u.audit({ action: 'rights.overrides.put', target: 'rights:overrides' });
  });
}

/** Stores municipal police activity counters of `area`; returns every counter of the area. */
export function putActivityCounters(
  ctx: ServiceContext,
  now: Date,
  actor: Actor,
  area: string,
  input: ActivityCountersInput,
): Promise<ActivityCounter[]> {
  return audited(ctx, now, actor, async (u) => {
    const list = await storePutCounters(u.tx, now, area, input);
    await u.audit({
      action: 'stats.activity.put',
      target: `area:${area}`,
      detail: input.counters.map((x) => `${x.metric}:${x.period}`),
    });
    return list;
  });
}

/** Stores an imported statistics dataset (replacing an earlier import of its area). */
export function importStatsDataset(
  ctx: ServiceContext,
  now: Date,
  actor: Actor,
  dataset: StatsDataset,
): Promise<void> {
  return audited(ctx, now, actor, async (u) => {
    await putStatsDataset(u.tx, now, dataset);
    await u.audit({
      action: 'stats.dataset.import',
      target: `area:${dataset.area.code}`,
      detail: {
        resource: dataset.dataset.resource,
        edition: dataset.dataset.edition,
        level: dataset.area.level,
        series: dataset.series.length,
      },
    });
  });
}
