/**
 * The status view of <prox-concern-form> (`mode="status"`, or a page opened from a « Suivre ce
 * signalement » link), loaded the first time it is shown: most visits only report, so the lookup
 * form, the lifecycle, the public updates, their texts and their styles stay out of the first view.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { normalizeTrackingCode } from '@proximite/contract/tracking-code.js';
import type { ConcernStatusView } from '@proximite/contract';
import { isSafeUrl } from '@proximite/contract/checks.js';
import { ids, renderFieldMessage, renderSummary } from './fields.js';
import type {
  FormLocalize,
  Lookup,
  LookupError,
  MailDraft,
  VerdictDraft,
  VerdictState,
} from './form-context.js';
import { normalizeReference } from './status-link.js';
import { STATUS_STAGES, isReference, isStatusToken, stageIndex } from './status.js';
import { statusMessages, type StatusMessages } from './status-view.messages.js';

export { renderReceiptActions } from './receipt.js';

/** What the status view reads and calls. */
export interface StatusViewContext {
  localize: FormLocalize;
  reference: string;
  token: string;
  lookup: Lookup;
  errors: readonly LookupError[];
  setReference(value: string): void;
  setToken(value: string): void;
  /** « Voir le suivi ». */
  submit(): void;
  /** Moves focus to a field of the lookup (the summary's links). */
  focus(id: string): void;
  /** The backend collects verdicts (the client has `concerns.feedback`). */
  canGiveVerdict: boolean;
  verdict: VerdictState;
  verdictDraft: VerdictDraft;
  setVerdict(draft: VerdictDraft): void;
  /** « Envoyer ma réponse ». */
  sendVerdict(): void;
  /** The backend sends updates by e-mail on request (the client has `concerns.addEmail`). */
  canAddEmail: boolean;
  mail: VerdictState;
  mailDraft: MailDraft;
  setMail(draft: MailDraft): void;
  /** « Recevoir les nouvelles ». */
  sendMail(): void;
}

const messages = (localize: FormLocalize): StatusMessages => statusMessages[localize.lang];

/** A status in words; a status this version does not know is shown as it is, never hidden. */
export function statusLabel(localize: FormLocalize, status: string): string {
  const label = (messages(localize) as Record<string, string | undefined>)[`status_${status}`];
  return label ?? status;
}

/** The reference and code as typed, normalised, and what is wrong with them. */
export function checkLookup(
  localize: FormLocalize,
  reference: string,
  token: string,
): { reference: string; token: string; errors: LookupError[] } {
  const t = messages(localize);
  const normalized = normalizeReference(reference);
  // The short tracking code of the receipt (as typed: any case, spaces, dashes) or the long token of a link.
  const code = normalizeTrackingCode(token) ?? token.trim();
  const errors: LookupError[] = [];
  if (!isReference(normalized)) errors.push({ field: 'reference', message: t.referenceInvalid });
  if (!isStatusToken(code) && normalizeTrackingCode(code) === undefined)
    errors.push({ field: 'token', message: t.tokenInvalid });
  return { reference: normalized, token: code, errors };
}

/** What the live region says while looking up, and once found. */
export function lookupAnnouncement(localize: FormLocalize, view?: ConcernStatusView): string {
  const t = messages(localize);
  return view ? `${t.currentStatus}${localize.t('colon')}${statusLabel(localize, view.status)}` : t.lookingUp;
}

/** Why a verdict was not recorded, in the resident's words (409: already given). */
export function verdictFailure(localize: FormLocalize, error: unknown): string {
  const status = (error as { status?: unknown } | null)?.status;
  return status === 409 ? messages(localize).verdictAlready : messages(localize).verdictFailed;
}

/** « Choisissez oui ou non »: the verdict was sent with no choice. */
export const verdictUnchosen = (localize: FormLocalize): string => messages(localize).verdictChoose;

/** What the live region says once the verdict is recorded. */
export function verdictAnnouncement(localize: FormLocalize, resolved: boolean): string {
  const t = messages(localize);
  return resolved ? t.verdictThanksYes : t.verdictThanksNo;
}

/** The question « Le problème est-il réglé ? » (yes / no, an optional comment), or its answer once given. */
function renderVerdict(ctx: StatusViewContext, view: ConcernStatusView): TemplateResult | typeof nothing {
  const { localize } = ctx;
  const t = messages(localize);
  if (view.verdict !== undefined)
    return html`<p class="verdict-given" id="verdict-result" tabindex="-1">
      ${view.verdict.resolved ? t.verdictThanksYes : t.verdictThanksNo}
    </p>`;
  if (view.verdictOpen !== true || !ctx.canGiveVerdict) return nothing;
  const draft = ctx.verdictDraft;
  const sending = ctx.verdict.kind === 'sending';
  const choice = (resolved: boolean) => {
    const id = resolved ? 'f-verdict-yes' : 'f-verdict-no';
    return html`<label class="choice">
      <input
        id=${id}
        type="radio"
        name="verdict"
        .checked=${live(draft.resolved === resolved)}
        aria-invalid=${ifDefined(draft.error ? 'true' : undefined)}
        @change=${() => ctx.setVerdict({ ...draft, resolved, error: undefined })}
      />
      <span class="text">${resolved ? t.verdictYes : t.verdictNo}</span>
    </label>`;
  };
  return html`<form
    class="verdict"
    novalidate
    @submit=${(e: Event) => (e.preventDefault(), ctx.sendVerdict())}
  >
    <fieldset
      class=${draft.error ? 'has-error' : ''}
      aria-describedby=${ifDefined(ids('h-verdict', draft.error && 'e-verdict'))}
    >
      <legend class="verdict-title">${t.verdictTitle}</legend>
      <p class="hint" id="h-verdict">${t.verdictHint}</p>
      ${draft.error ? renderFieldMessage('e-verdict', localize.t('errorPrefix'), draft.error) : nothing}
      ${choice(true)} ${choice(false)}
    </fieldset>
    <div class="field">
      <label class="label" for="f-verdict-comment">${t.verdictCommentLabel}</label>
      <span class="hint" id="h-verdict-comment">${t.verdictCommentHint}</span>
      <textarea
        id="f-verdict-comment"
        name="comment"
        rows="3"
        maxlength="1000"
        aria-describedby="h-verdict-comment"
        .value=${live(draft.comment)}
        @input=${(e: Event) => ctx.setVerdict({ ...draft, comment: (e.target as HTMLTextAreaElement).value })}
      ></textarea>
    </div>
    <div class="actions">
      <button type="submit" class="button" ?disabled=${sending}>
        ${sending ? t.verdictSending : t.verdictSend}
      </button>
    </div>
    ${
      ctx.verdict.kind === 'error'
        ? html`<div class="panel panel--failed" part="panel" role="alert" id="verdict-error" tabindex="-1">
            <p>${ctx.verdict.message}</p>
          </div>`
        : nothing
    }
  </form>`;
}

/** « Saisissez une adresse e-mail »: what is wrong with the address typed, if anything. */
export function mailProblem(localize: FormLocalize, email: string): string | undefined {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim()) ? undefined : messages(localize).mailInvalid;
}

/** Why the address was not saved, and what the live region says once it is. */
export const mailFailure = (localize: FormLocalize): string => messages(localize).mailFailed;
export const mailAnnouncement = (localize: FormLocalize): string => messages(localize).mailOn;

/** « Recevoir les nouvelles par e-mail » (when not on yet), or that they are on. */
function renderMail(ctx: StatusViewContext, view: ConcernStatusView): TemplateResult | typeof nothing {
  const { localize } = ctx;
  const t = messages(localize);
  if (view.emailUpdates === true)
    return html`<p class="mail-on" id="mail-result" tabindex="-1">${t.mailOn}</p>`;
  if (view.emailUpdates !== false || !ctx.canAddEmail) return nothing;
  const draft = ctx.mailDraft;
  return html`<form class="mail" novalidate @submit=${(e: Event) => (e.preventDefault(), ctx.sendMail())}>
    <h4>${t.mailTitle}</h4>
    <div class="field ${draft.error ? 'has-error' : ''}">
      <label class="label" for="f-mail">${t.mailLabel}</label>
      <span class="hint" id="h-mail">${t.mailHint}</span>
      ${draft.error ? renderFieldMessage('e-mail', localize.t('errorPrefix'), draft.error) : nothing}
      <input
        id="f-mail"
        name="email"
        type="email"
        autocomplete="email"
        aria-describedby=${ifDefined(ids('h-mail', draft.error && 'e-mail'))}
        aria-invalid=${ifDefined(draft.error ? 'true' : undefined)}
        .value=${live(draft.email)}
        @input=${(e: Event) => ctx.setMail({ email: (e.target as HTMLInputElement).value, error: undefined })}
      />
    </div>
    <div class="actions">
      <button type="submit" class="button" ?disabled=${ctx.mail.kind === 'sending'}>${t.mailSend}</button>
    </div>
    ${
      ctx.mail.kind === 'error'
        ? html`<div class="panel panel--failed" part="panel" role="alert" id="mail-error" tabindex="-1">
            <p>${ctx.mail.message}</p>
          </div>`
        : nothing
    }
  </form>`;
}

/** Why a lookup failed, in the resident's words. */
export function lookupFailure(localize: FormLocalize, _error: unknown): string {
  return messages(localize).notFound;
}

function renderStatus(ctx: StatusViewContext, view: ConcernStatusView): TemplateResult {
  const { localize } = ctx;
  const t = messages(localize);
  const current = stageIndex(view.status);
  const date = (iso: string) => localize.date(iso, { dateStyle: 'long', timeStyle: 'short' });
  return html`<section class="status-view" id="status-result" tabindex="-1" aria-labelledby="status-ref">
    <h3 id="status-ref">${view.reference}</h3>
    <dl>
      <dt>${t.currentStatus}</dt>
      <dd><strong>${statusLabel(localize, view.status)}</strong></dd>
      <dt>${localize.t('sentService')}</dt>
      <dd>${localize.pick(view.service.name)}</dd>
      <dt>${t.submittedOn}</dt>
      <dd><time datetime=${view.submittedAt}>${date(view.submittedAt)}</time></dd>
      <dt>${t.updatedOn}</dt>
      <dd><time datetime=${view.updatedAt}>${date(view.updatedAt)}</time></dd>
    </dl>
    ${
      view.raisedAt
        ? html`<p class="raised-at">
            ${t.raisedAt}
            ${localize.date(view.raisedAt.start, {
              day: 'numeric',
              month: 'long',
              timeZone: view.raisedAt.timeZone,
            })},
            ${view.raisedAt.place}
          </p>`
        : nothing
    }
    ${
      current >= 0
        ? html`<ol class="stages">
            ${STATUS_STAGES.map((stage, i) => {
              const where = i < current ? t.stageDone : i === current ? t.stageCurrent : t.stageTodo;
              return html`<li
                class=${i < current ? 'done' : i === current ? '' : 'todo-stage'}
                aria-current=${ifDefined(i === current ? 'step' : undefined)}
              >
                ${t[`stage_${stage}`]}
                <span class="visually-hidden">(${where})</span>
              </li>`;
            })}
          </ol>`
        : nothing
    }
    <h4>${t.updatesTitle}</h4>
    ${
      view.updates.length
        ? html`<ol class="updates">
            ${[...view.updates]
              .sort((a, b) => a.at.localeCompare(b.at))
              .map(
                (u) =>
                  html`<li>
                    <time datetime=${u.at}>${date(u.at)}</time> —
                    <strong>${statusLabel(localize, u.status)}</strong>
                    <p>${localize.pick(u.text)}</p>
                  </li>`,
              )}
          </ol>`
        : html`<p>${t.noUpdates}</p>`
    }
    ${renderVerdict(ctx, view)} ${renderMail(ctx, view)}
    ${
      view.feedUrl && isSafeUrl(view.feedUrl)
        ? html`<h4>${t.feedTitle}</h4>
            <p>${t.feedText}</p>
            <p><a class="feed" href=${view.feedUrl} rel="noreferrer">${t.feedLink}</a></p>`
        : nothing
    }
  </section>`;
}

/** The lookup form (reference + code) and what it found. */
export function renderStatusView(ctx: StatusViewContext): TemplateResult {
  const { localize } = ctx;
  const t = messages(localize);
  const validated = ctx.errors.length > 0 || ctx.lookup.kind !== 'idle';
  const field = (
    key: LookupError['field'],
    label: string,
    hint: string,
    value: string,
    set: (v: string) => void,
  ) => {
    const error = ctx.errors.find((e) => e.field === key);
    return html`<div class="field ${error ? 'has-error' : ''}">
      <label class="label" for=${`f-${key}`}>${label}</label>
      <span class="hint" id=${`h-${key}`}>${hint}</span>
      ${error ? renderFieldMessage(`e-${key}`, localize.t('errorPrefix'), error.message) : nothing}
      <input
        id=${`f-${key}`}
        name=${key}
        type="text"
        autocomplete="off"
        spellcheck="false"
        aria-describedby=${ifDefined(ids(`h-${key}`, error && `e-${key}`))}
        aria-invalid=${ifDefined(validated ? (error ? 'true' : 'false') : undefined)}
        .value=${live(value)}
        @input=${(e: Event) => set((e.target as HTMLInputElement).value)}
      />
    </div>`;
  };
  return html`<form novalidate @submit=${(e: Event) => (e.preventDefault(), ctx.submit())}>
      ${renderSummary(
        localize.t('errorSummaryTitle', ctx.errors.length),
        ctx.errors.map((e) => ({
          target: `f-${e.field}`,
          message: e.message,
          follow: (event: Event) => {
            event.preventDefault();
            ctx.focus(`f-${e.field}`);
          },
        })),
      )}
      ${field('reference', t.referenceLabel, t.referenceHint, ctx.reference, (v) => ctx.setReference(v))}
      ${field('token', t.tokenLabel, t.tokenHint, ctx.token, (v) => ctx.setToken(v))}
      <div class="actions">
        <button type="submit" class="button" ?disabled=${ctx.lookup.kind === 'loading'}>${t.lookup}</button>
      </div>
    </form>
    ${
      ctx.lookup.kind === 'error'
        ? html`<div class="panel panel--failed" part="panel" role="alert" id="lookup-error" tabindex="-1">
            <p>${ctx.lookup.message}</p>
          </div>`
        : ctx.lookup.kind === 'done'
          ? renderStatus(ctx, ctx.lookup.view)
          : nothing
    }`;
}

/** The status view's own styles (adopted with the element's when the module loads). */
export const statusStyles = css`
  .status-view {
    margin-block-start: var(--_prox-cf-gap);
  }
  .status-view dl {
    margin: 0;
  }
  .stages {
    display: flex;
    gap: 0.5rem;
    margin: 0 0 var(--_prox-cf-gap);
    padding: 0;
    list-style: none;
    counter-reset: stage;
  }
  .stages li {
    flex: 1;
    padding: 0.5rem;
    border: 2px solid var(--_prox-border);
    border-radius: var(--_prox-radius);
    text-align: center;
    font-size: 0.9375em;
  }
  .stages li::before {
    display: block;
    font-weight: 700;
    counter-increment: stage;
    content: counter(stage);
  }
  .stages li.done::before {
    content: '✓';
  }
  .stages li.todo-stage {
    border-style: dashed;
    color: var(--_prox-fg-muted);
  }
  .stages li[aria-current='step'] {
    border-color: var(--_prox-accent);
    border-width: 3px;
    font-weight: 700;
  }
  .updates {
    padding-inline-start: 1.25rem;
  }
  .updates li {
    margin-block-end: 0.75rem;
  }
  .verdict fieldset {
    margin: 0 0 var(--_prox-cf-gap);
    padding: 0;
    border: 0;
  }
  .verdict-title {
    padding: 0;
    font-weight: 700;
    font-size: 1.0625em;
  }
  .verdict-given {
    font-weight: 700;
  }
`;
