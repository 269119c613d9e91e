import { LitElement, adoptStyles, type PropertyDeclarations } from 'lit';
import { tokenStyles } from './tokens.styles.js';

export type Theme = 'auto' | 'light' | 'dark';

/**
 * What every Proximité widget shares: the theme tokens and the `theme` attribute. Widgets extend it
 * and add their own styles after `ProxElement.styles`.
 * (A static declaration rather than a decorator keeps the kit's own bundle within its budget.)
 */
export class ProxElement extends LitElement {
  static override styles = [tokenStyles];
  static override properties: PropertyDeclarations = { theme: { reflect: true } };

  /** Colour scheme: `auto` follows the visitor's system setting; `light` or `dark` force one. */
  declare theme: Theme;

  /**
   * Whether the first update waits for a task of its own. The page evaluates a bundle and connects
   * its element in one task, and that task and the first render's would add up to a long one on a
   * phone (issue 21); later updates are not delayed. `updateComplete` still waits for it.
   */
  protected static firstUpdateInOwnTask = false;

  /**
   * With {@link firstUpdateInOwnTask}: whether the element's styles are parsed and adopted in a
   * task of their own after connection, before the first update, instead of on connection. The
   * shadow root is there on connection all the same (empty until the first update, so nothing is
   * shown unstyled). A widget that adopts more styles later (a lazy view's) does so after its
   * first update.
   */
  protected static stylesInOwnTask = false;

  constructor() {
    super();
    this.theme = 'auto';
  }

  protected override scheduleUpdate(): void | Promise<unknown> {
    const ctor = this.constructor as typeof ProxElement;
    if (this.hasUpdated || !ctor.firstUpdateInOwnTask) return super.scheduleUpdate();
    return newTask()
      .then(() => {
        if (!ctor.stylesInOwnTask) return;
        adoptStyles(this.renderRoot as ShadowRoot, ctor.elementStyles);
        return newTask();
      })
      .then(() => this.beforeFirstUpdate())
      .then(() => super.scheduleUpdate());
  }

  /** On connection, the shadow root, and its styles unless {@link stylesInOwnTask}. */
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const ctor = this.constructor as typeof ProxElement;
    return ctor.firstUpdateInOwnTask && ctor.stylesInOwnTask
      ? (this.shadowRoot ?? this.attachShadow(ctor.shadowRootOptions))
      : super.createRenderRoot();
  }

  /**
   * What a widget with {@link firstUpdateInOwnTask} does before its first update, in a task of its
   * own when it returns a promise that resolves in a new task.
   */
  protected beforeFirstUpdate(): void | Promise<void> {}

  /**
   * Rendering still to come after an update: the next steps of a list drawn a few items per frame,
   * a focus moved in the next frame. `updateComplete` waits for it, and for the update it causes.
   */
  protected pendingRender(): Promise<unknown> | undefined {
    return undefined;
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    let complete = await this.updateRendered();
    for (let pending = this.pendingRender(); pending; pending = this.pendingRender()) {
      await pending;
      complete = await this.updateRendered();
    }
    return complete;
  }

  /** Resolves once the current update is rendered, without waiting for {@link pendingRender}. */
  protected updateRendered(): Promise<boolean> {
    return super.getUpdateComplete();
  }
}

/** Resolves in a new task: `setTimeout` always starts one (a `scheduler.yield()` continuation may not). */
export const newTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
