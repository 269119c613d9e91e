import type { PropertyDeclarations } from 'lit';
import { ProxElement } from '@proximite/widgets/kit/base-element.js';
import type { Route } from '../console/router.js';
import type { StaffContext } from './context.js';

/**
 * The base of every section of `<prox-staff-console>`: the shell sets `context` (the admin client,
 * who is signed in, navigation) and `route` (the view's id and parameters), and moves focus to the
 * section's `h1` when the section changes. A section renders its `h1` (with `tabindex="-1"`) in every
 * state, loading and error included.
 */
export class StaffSection extends ProxElement {
  static override properties: PropertyDeclarations = {
    ...ProxElement.properties,
    context: { attribute: false },
    route: { attribute: false },
  };

  /** Set by the console before the section is shown. */
  declare context?: StaffContext;
  /** The view to show: its id (a concern's reference) and parameters (filters, sort, page). */
  declare route?: Route;

  /** Moves focus to the section's main heading (the console calls it when the section changes). */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }
}
