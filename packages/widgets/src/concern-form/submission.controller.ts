import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ConcernInput, ConcernReceipt } from '@proximite/contract';
import type { Outbox, OutboxEvent, OutboxFailure } from '@proximite/sdk/core.js';

export type SubmissionState =
  | { kind: 'idle' }
  | { kind: 'sending'; id?: string }
  | { kind: 'queued'; id: string; error?: OutboxFailure }
  /** Kept on the device: the backend answers reads but refuses this page's origin (CORS). */
  | { kind: 'refused'; id: string }
  | { kind: 'sent'; id: string; receipt: ConcernReceipt }
  | { kind: 'failed'; id?: string; reason: OutboxFailure | unknown };

export interface SubmissionCallbacks {
  /** The outbox holds the submission durably (the form may forget its draft's pending id only after `sent`). */
  accepted(id: string): void;
  queued(id: string): void;
  sent(receipt: ConcernReceipt): void;
  changed(state: SubmissionState): void;
  /**
   * Whether the backend answers a read now. After a send failed with no response while the browser
   * is online, a read that succeeds means the backend refused this page (a CORS refusal looks like
   * a network failure to the page), not that the resident is offline.
   */
  reachable(): Promise<boolean>;
}

const offline = () => typeof navigator !== 'undefined' && navigator.onLine === false;

/**
 * Sends the concern through the SDK outbox, which stores it with one idempotency key before any
 * network: queued while offline, sent later, exactly once. This controller follows the one entry
 * the form submitted and turns the outbox's events into the form's states: sending, queued
 * (offline or the backend unreachable), refused (the backend does not accept this page's origin:
 * still kept, and sent if that changes), sent with its receipt, failed with the reason.
 */
export class SubmissionController implements ReactiveController {
  state: SubmissionState = { kind: 'idle' };
  private outbox?: Outbox;
  private unsubscribe?: () => void;
  private announcedQueued = false;
  /** The entry whose refusal is being checked (one check at a time). */
  private checking?: string;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly getOutbox: () => Promise<Outbox>,
    private readonly callbacks: SubmissionCallbacks,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.outbox && !this.unsubscribe) this.unsubscribe = this.outbox.subscribe((e) => this.onEvent(e));
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.outbox?.close();
    this.outbox = undefined;
  }

  /** The outbox being made (the SDK is a lazy chunk): a wake and a submit meanwhile share it. */
  private opening?: Promise<Outbox> | undefined;

  private async ensureOutbox(): Promise<Outbox> {
    if (!this.outbox) {
      const opening = (this.opening ??= this.getOutbox());
      let outbox: Outbox;
      try {
        outbox = await opening;
      } finally {
        // A failed load is tried again on the next call.
        if (this.opening === opening) this.opening = undefined;
      }
      if (!this.outbox) {
        this.outbox = outbox;
        this.unsubscribe = outbox.subscribe((e) => this.onEvent(e));
      }
    }
    return this.outbox;
  }

  private set(state: SubmissionState): void {
    this.state = state;
    this.callbacks.changed(state);
    this.host.requestUpdate();
  }

  private get currentId(): string | undefined {
    return 'id' in this.state ? this.state.id : undefined;
  }

  private onEvent(event: OutboxEvent): void {
    if (event.id !== this.currentId || this.state.kind === 'sent') return;
    switch (event.state) {
      case 'sent':
        if (event.receipt) {
          this.set({ kind: 'sent', id: event.id, receipt: event.receipt });
          this.callbacks.sent(event.receipt);
        }
        break;
      case 'failed':
        this.set({ kind: 'failed', id: event.id, reason: event.error });
        break;
      case 'sending':
        // A retry in the background would flicker: the queued or refused message stays until
        // something changes.
        if (this.state.kind !== 'queued' && this.state.kind !== 'refused')
          this.set({ kind: 'sending', id: event.id });
        break;
      default:
        // Stored and about to be sent (online), or waiting after an attempt (offline, 5xx, 429…).
        if (event.error?.network && !offline()) void this.check(event.id, event.error);
        else if (event.error || offline()) this.queue(event.id, event.error);
    }
  }

  /** No response while online: offline after all, the backend down, or a refusal of this origin? */
  private async check(id: string, error: OutboxFailure): Promise<void> {
    if (this.checking === id || (this.state.kind === 'refused' && this.state.id === id)) return;
    this.checking = id;
    const refused = await this.callbacks.reachable().catch(() => false);
    this.checking = undefined;
    if (this.currentId !== id || this.state.kind === 'sent' || this.state.kind === 'failed') return;
    if (!refused) return this.queue(id, error);
    this.set({ kind: 'refused', id });
    if (!this.announcedQueued) {
      this.announcedQueued = true;
      this.callbacks.queued(id);
    }
  }

  private queue(id: string, error?: OutboxFailure): void {
    this.set({ kind: 'queued', id, ...(error && { error }) });
    if (!this.announcedQueued) {
      this.announcedQueued = true;
      this.callbacks.queued(id);
    }
  }

  /** Hands the input to the outbox (stored durably first), which sends it. */
  async submit(input: ConcernInput): Promise<void> {
    this.announcedQueued = false;
    this.set({ kind: 'sending' });
    try {
      const outbox = await this.ensureOutbox();
      // The id is known only once stored; events before that are matched by it below.
      const pending = outbox.submit(input);
      const { id } = await pending;
      this.callbacks.accepted(id);
      if (this.state.kind === 'sending' && this.state.id === undefined) {
        this.state = { kind: 'sending', id };
        if (offline()) this.queue(id);
      }
    } catch (reason) {
      this.set({ kind: 'failed', reason });
    }
  }

  /** Opens the outbox (it flushes what earlier visits left queued). */
  async wake(): Promise<void> {
    await this.ensureOutbox();
  }

  /**
   * Follows an entry submitted before a reload: queued or failed as stored; one that is no longer
   * stored was delivered meanwhile (`false`).
   */
  async resume(id: string): Promise<boolean> {
    const outbox = await this.ensureOutbox();
    this.state = { kind: 'queued', id };
    this.announcedQueued = true;
    const entry = (await outbox.entries()).find((e) => e.id === id);
    if ((this.state as SubmissionState).kind === 'sent') return true;
    if (!entry) {
      this.set({ kind: 'idle' });
      return false;
    }
    if (entry.state === 'failed') this.set({ kind: 'failed', id, reason: entry.error });
    else this.set({ kind: 'queued', id, ...(entry.error && { error: entry.error }) });
    if (entry.error?.network && !offline()) void this.check(id, entry.error);
    return true;
  }

  /**
   * Tries again. A queued entry is flushed now (same idempotency key). A failed one was refused or
   * expired: it is discarded and `resubmit` sends the corrected form as a new submission.
   */
  async retry(resubmit: () => Promise<void>): Promise<void> {
    const id = this.currentId;
    const outbox = this.outbox;
    if (!outbox || !id) return resubmit();
    if (this.state.kind === 'failed') {
      await outbox.discard(id);
      return resubmit();
    }
    this.set({ kind: 'sending', id });
    await outbox.flush();
  }

  /**
   * Back to the form. A failed or refused entry is discarded (the form still holds everything, and
   * sending it again makes a new one: the old one must not be delivered as well).
   */
  async reset(): Promise<void> {
    const id = this.currentId;
    if ((this.state.kind === 'failed' || this.state.kind === 'refused') && id) await this.outbox?.discard(id);
    this.set({ kind: 'idle' });
  }
}
