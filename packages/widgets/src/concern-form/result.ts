/** The panels after « Envoyer »: sending, kept on the device, sent (the receipt), or refused. */
import { html, nothing, type TemplateResult } from 'lit';
import type { ConcernReceipt } from '@proximite/contract';
import { isSafeUrl } from '@proximite/contract/checks.js';
import type { FormLocalize } from './form-context.js';
import { renderHelp, type HelpContact } from './help.js';
import { statusPageUrl } from './status-link.js';
import type { SubmissionState } from './submission.controller.js';

/** What the result panels read and call. */
export interface ResultContext {
  localize: FormLocalize;
  /** The deployment's human contact, beside the emergency numbers when the form cannot help. */
  contact: HelpContact | undefined;
  /** Why a submission failed, in the resident's words. */
  reason(reason: unknown): string;
  /** « Modifier »: back to the form (a refused entry is discarded; the form still holds everything). */
  edit(): void;
  /** « Réessayer ». */
  retry(): void;
  /** « Faire un autre signalement ». */
  newConcern(): void;
  /**
   * The receipt's copy and print buttons, from the status view's module (loaded while the
   * report is sent: most visits that report never need them before); `undefined` until it loads.
   */
  receiptActions?: ((receipt: ConcernReceipt, link: string | undefined) => TemplateResult) | undefined;
}

export function renderResult(
  ctx: ResultContext,
  s: Exclude<SubmissionState, { kind: 'idle' }>,
): TemplateResult {
  const { localize } = ctx;
  if (s.kind === 'sending')
    return html`<div class="panel" part="panel" aria-busy="true">
      <h3 id="result-title" tabindex="-1">${localize.t('sending')}</h3>
    </div>`;
  if (s.kind === 'queued') {
    // Offline, or online with a backend that does not answer: two causes, two texts.
    const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
    return html`<div class="panel" part="panel">
      <h3 id="result-title" tabindex="-1">${localize.t(offline ? 'queuedTitle' : 'unreachableTitle')}</h3>
      <p>${localize.t(offline ? 'queuedText' : 'unreachableText')}</p>
    </div>`;
  }
  if (s.kind === 'refused' || s.kind === 'failed')
    return html`<div class="panel panel--failed" part="panel">
      <h3 id="result-title" tabindex="-1">
        ${localize.t(s.kind === 'refused' ? 'refusedTitle' : 'failedTitle')}
      </h3>
      <p>${s.kind === 'refused' ? localize.t('refusedText') : ctx.reason(s.reason)}</p>
      ${s.kind === 'refused' ? html`<p>${localize.t('refusedHelp')}</p>` : nothing}
      ${renderHelp(localize, ctx.contact)}
      <div class="actions">
        <button type="button" class="button button--secondary" @click=${() => ctx.edit()}>
          ${localize.t('edit')}
        </button>
        <button type="button" class="button" @click=${() => ctx.retry()}>${localize.t('retry')}</button>
      </div>
    </div>`;
  const receipt = s.receipt;
  // This page in status mode: the receipt's `statusUrl` may be the API's JSON, not a page for residents.
  const link =
    typeof location !== 'undefined'
      ? statusPageUrl(location.href, receipt.reference, receipt.statusToken)
      : isSafeUrl(receipt.statusUrl)
        ? receipt.statusUrl
        : undefined;
  return html`<div class="panel panel--sent receipt" part="panel">
    <h3 id="result-title" tabindex="-1">${localize.t('sentTitle')}</h3>
    <dl>
      <dt>${localize.t('sentReference')}</dt>
      <dd class="reference">${receipt.reference}</dd>
      ${
        receipt.trackingCode
          ? html`<dt>${localize.t('sentCode')}</dt>
              <dd class="reference">${receipt.trackingCode}</dd>`
          : nothing
      }
      <dt>${localize.t('sentService')}</dt>
      <dd>${localize.pick(receipt.service.name)}</dd>
    </dl>
    ${ctx.receiptActions?.(receipt, link)}
    ${
      link
        ? html`<p>${localize.t('sentKeep')}</p>
            <p><a href=${link}>${localize.t('statusLink')}</a></p>`
        : nothing
    }
    <button type="button" class="button button--secondary" @click=${() => ctx.newConcern()}>
      ${localize.t('newConcern')}
    </button>
  </div>`;
}
