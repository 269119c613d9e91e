import type { ReactiveControllerHost } from 'lit';
import { Task, initialState } from '@lit/task';
import type {
  AdminConcern,
  Delivery,
  OversightConcern,
  ResponseTemplate,
  StaffRef,
} from '@proximite/contract';
import type { StaffContext } from '../shared/context.js';
import { pseudonymised, withSession } from '../shared/session.js';

/** A concern as the view shows it: the staff's view, or the observers' mapped onto it. */
export interface ConcernDetail {
  concern: AdminConcern;
  /** Observers' view: no contact, no notes; text only when shared. */
  pseudonymised: boolean;
  /** Its hand-offs and their state (empty when the role may not read them). */
  deliveries: Delivery[];
  /** Who it can be assigned to (empty when the role may not assign). */
  assignees: StaffRef[];
  /** The response templates of its category and the shared ones (empty when unavailable). */
  templates: ResponseTemplate[];
}

/** The observers' view of a concern, in the staff view's shape (what they may not see is absent). */
export function fromOversight(o: OversightConcern): AdminConcern {
  return {
    ...o,
    description: o.description ?? '',
    location: {
      ...(o.address !== undefined ? { address: o.address } : {}),
      ...(o.districtId !== null ? { districtId: o.districtId } : {}),
    },
    ...(o.attributes !== undefined ? { attributes: o.attributes } : {}),
    quarantined: false,
    shareable: o.shareable,
    duplicateOf: o.duplicateOf,
    internalNotes: [],
  };
}

/**
 * Loads one concern (with its hand-offs and who may take it) through @lit/task when the route's id
 * changes; a refused session is signed in again first.
 */
export class ConcernController {
  readonly task: Task<[StaffContext | undefined, string | undefined], ConcernDetail>;

  constructor(
    host: ReactiveControllerHost & HTMLElement,
    view: () => { context: StaffContext | undefined; reference: string | undefined },
  ) {
    this.task = new Task(host, {
      args: () => {
        const { context, reference } = view();
        return [context, reference] as [StaffContext | undefined, string | undefined];
      },
      task: async ([context, reference], { signal }) => {
        if (!context || !reference) return initialState;
        if (pseudonymised(context)) {
          const o = await withSession(context, () => context.client.oversight.get(reference, { signal }));
          return {
            concern: fromOversight(o),
            pseudonymised: true,
            deliveries: [],
            assignees: [],
            templates: [],
          };
        }
        const triage = context.can('concerns:triage');
        const [concern, deliveries, assignees] = await Promise.all([
          withSession(context, () => context.client.concerns.get(reference, { signal })),
          triage
            ? context.client.deliveries
                .list({ concern: reference, limit: 50 }, { signal })
                .then((p) => p.items)
                .catch(() => [])
            : Promise.resolve([]),
          triage
            ? context.client.concerns.assignees(reference, { signal }).catch(() => [])
            : Promise.resolve([]),
        ]);
        const templates = triage
          ? await context.client.templates
              .list({ category: concern.categoryCode }, { signal })
              .catch(() => [])
          : [];
        return { concern, pseudonymised: false, deliveries, assignees, templates };
      },
    });
  }

  reload(): Promise<void> {
    return this.task.run();
  }
}
