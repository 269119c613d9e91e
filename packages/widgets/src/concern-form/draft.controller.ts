import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { parseDraft, serializeDraft, type Draft, type FormState, type Step } from './form-model.js';

/**
 * Keeps the resident's draft in `localStorage` so that nothing typed is lost (a reload, a closed
 * tab, a dead battery). Nothing is written before the resident interacts (requirement R12): the
 * host calls {@link save} only from user input. Drafts expire after 24 h; an expired or malformed
 * one is removed when read. Storage may be unavailable (private mode, blocked): the form still works.
 */
export class DraftController implements ReactiveController {
  /** Whether a draft of this form is stored on the device (shows « Supprimer mon brouillon »). */
  stored = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly key: () => string,
    private readonly now: () => number = Date.now,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  private get storage(): Storage | undefined {
    try {
      return globalThis.localStorage;
    } catch {
      return undefined;
    }
  }

  /** The stored draft, if any and still valid (reading creates nothing). */
  load(): Draft | null {
    let text: string | null = null;
    try {
      text = this.storage?.getItem(this.key()) ?? null;
    } catch {
      return null;
    }
    const draft = parseDraft(text, this.now());
    if (text !== null && !draft) this.clear();
    this.stored = draft !== null;
    return draft;
  }

  save(state: FormState, step: Step): void {
    try {
      this.storage?.setItem(this.key(), serializeDraft(state, step, this.now()));
      if (!this.stored) {
        this.stored = true;
        this.host.requestUpdate();
      }
    } catch {
      // Quota exceeded or storage blocked: keep working from memory.
    }
  }

  /** The outbox id of the submission made from this draft, kept until it is delivered. */
  loadPending(): string | undefined {
    try {
      return this.storage?.getItem(`${this.key()}:pending`) ?? undefined;
    } catch {
      return undefined;
    }
  }

  savePending(id: string | undefined): void {
    try {
      if (id) this.storage?.setItem(`${this.key()}:pending`, id);
      else this.storage?.removeItem(`${this.key()}:pending`);
    } catch {
      // Storage blocked: the outbox still delivers; only the reload view is lost.
    }
  }

  clear(): void {
    try {
      this.storage?.removeItem(this.key());
    } catch {
      // Nothing to do: there is nothing we could remove.
    }
    if (this.stored) {
      this.stored = false;
      this.host.requestUpdate();
    }
  }
}
