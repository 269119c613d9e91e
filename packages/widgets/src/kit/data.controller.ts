import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { Task, type TaskStatus } from '@lit/task';
import { LocalizeController } from './localize.js';
import { kitMessages } from './kit.messages.js';

export interface DataControllerOptions<Args extends readonly unknown[], T> {
  /** Loads the data; must honour the signal (aborted when args change or the host disconnects). */
  load: (args: Args, signal: AbortSignal) => Promise<T>;
  /** The inputs the data depends on; a change reloads. */
  args: () => Args;
  /** Whether a loaded value counts as empty (renders the empty state). Default: empty array. */
  isEmpty?: (value: T) => boolean;
}

export interface RenderStates<T> {
  complete: (value: T) => unknown;
  /** Replaces the default empty message; receives the loaded value. */
  empty?: (value: T) => unknown;
  /** Extra content under the error message (e.g. a link to the source). */
  errorExtra?: () => unknown;
}

/**
 * Loads a widget's data through @lit/task, passing an AbortSignal down to the SDK, and renders
 * loading, empty and error states the same way in every widget: a polite status while loading,
 * an alert with the reason and a retry button on error.
 */
export class DataController<Args extends readonly unknown[], T> {
  readonly task: Task<Args, T>;
  private readonly localize: LocalizeController<(typeof kitMessages)['fr']>;

  constructor(
    host: ReactiveControllerHost & HTMLElement,
    private readonly options: DataControllerOptions<Args, T>,
  ) {
    this.localize = new LocalizeController(host, kitMessages);
    this.task = new Task<Args, T>(host, {
      task: (args, { signal }) => options.load(args, signal),
      args: options.args,
    });
  }

  get value(): T | undefined {
    return this.task.value;
  }

  get status(): TaskStatus {
    return this.task.status;
  }

  /** Runs the load again with the current args (the retry button calls it). */
  reload(): Promise<void> {
    return this.task.run();
  }

  isEmpty(value: T): boolean {
    return this.options.isEmpty ? this.options.isEmpty(value) : Array.isArray(value) && value.length === 0;
  }

  render(states: RenderStates<T>): unknown {
    return this.task.render({
      initial: () => this.renderLoading(),
      pending: () =>
        this.task.value === undefined ? this.renderLoading() : states.complete(this.task.value),
      complete: (value) =>
        this.isEmpty(value)
          ? states.empty
            ? states.empty(value)
            : this.renderEmpty()
          : states.complete(value),
      error: (error) => this.renderError(error, states.errorExtra?.()),
    });
  }

  renderLoading(): TemplateResult {
    return html`<div class="state" part="state" role="status" aria-busy="true">
      ${this.localize.t('loading')}
    </div>`;
  }

  renderEmpty(message?: unknown): TemplateResult {
    return html`<div class="state" part="state">${message ?? this.localize.t('empty')}</div>`;
  }

  /** The error state; its button runs `retry` (default: the load again). */
  renderError(error: unknown, extra?: unknown, retry: () => unknown = () => this.reload()): TemplateResult {
    const detail = describeError(error, this.localize.t.bind(this.localize));
    return html`<div class="state state--error" part="state error" role="alert">
      <p class="state__title">${this.localize.t('errorTitle')}</p>
      ${detail ? html`<p>${detail}</p>` : nothing} ${extra ?? nothing}
      <button type="button" class="button" @click=${retry}>${this.localize.t('retry')}</button>
    </div>`;
  }
}

/** An error whose message is already written for residents, in their language (a widget's own). */
export class WidgetError extends Error {
  override name = 'WidgetError';
}

const logged = new WeakSet<object>();

/**
 * What residents read about an error, in their language: offline, the service not answering or
 * unavailable, not found, unreadable data — never a URL, an HTTP status title or a server's own
 * words. The technical detail goes to the console once, for the webmaster. Errors are told apart by
 * their name and status (the SDK's classes), so the kit does not carry the SDK.
 */
export function describeError(
  error: unknown,
  t: (key: 'offline' | 'unreachable' | 'unavailable' | 'notFound' | 'unreadable') => string,
): string {
  const e = (error ?? {}) as { name?: unknown; status?: unknown; message?: unknown };
  if (typeof error === 'object' && error && !logged.has(error)) {
    logged.add(error);
    console.warn('proximite:', error);
  }
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return t('offline');
  if (e.name === 'WidgetError' || e.name === 'MissingSourceError') return String(e.message);
  if (e.name === 'NetworkError' || e.name === 'TimeoutError') return t('unreachable');
  if (e.name === 'ResponseValidationError') return t('unreadable');
  const status = Number(e.status);
  return status === 404 ? t('notFound') : status === 429 || status >= 500 ? t('unavailable') : '';
}
