/**
 * The receipt's second half, shipped with the status view's module (loaded while a report is
 * sent): what to keep, « Copier » and a page of its own to print or save.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ConcernReceipt } from '@proximite/contract';
import type { FormLocalize } from './form-context.js';
import { statusMessages } from './status-view.messages.js';

/** What the receipt's buttons call. */
export interface ReceiptContext {
  localize: FormLocalize;
  /** Says `text` in the form's live region. */
  announce(text: string): void;
}

/** Opens `doc` (a whole HTML page) in a tab of its own (a blob: URL, no opener), to print or save whole. */
function openDocument(doc: string): void {
  const url = URL.createObjectURL(new Blob([doc], { type: 'text/html;charset=utf-8' }));
  open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * The receipt as a page of its own, to print or save: plain HTML without script or style, so it
 * reads the same on paper, as a PDF or a saved file, and under any Content-Security-Policy.
 */
export function receiptDocument(
  localize: FormLocalize,
  receipt: ConcernReceipt,
  link: string | undefined,
): string {
  const t = statusMessages[localize.lang];
  const row = (label: string, value: string) =>
    `<dt>${escapeHtml(label)}</dt><dd><strong>${escapeHtml(value)}</strong></dd>`;
  const date = localize.date(receipt.submittedAt, { dateStyle: 'long', timeStyle: 'short' });
  return [
    `<!doctype html><html lang="${localize.lang}"><meta charset="utf-8">`,
    '<meta name="referrer" content="no-referrer"><meta name="viewport" content="width=device-width">',
    `<title>${escapeHtml(`${t.receiptTitle} ${receipt.reference}`)}</title>`,
    `<h1>${escapeHtml(t.receiptTitle)}</h1><dl>`,
    row(localize.t('sentReference'), receipt.reference),
    receipt.trackingCode ? row(localize.t('sentCode'), receipt.trackingCode) : '',
    row(localize.t('sentService'), localize.pick(receipt.service.name)),
    row(t.submittedOn, date),
    `</dl><p>${escapeHtml(receipt.trackingCode ? t.keepCode : localize.t('sentKeep'))}</p>`,
    link ? `<p><a href="${escapeHtml(link)}">${escapeHtml(localize.t('statusLink'))}</a></p>` : '',
    `<p>${escapeHtml(t.receiptHelp)}</p></html>`,
  ].join('');
}

/** « Notez… », « Copier la référence et le code », « Imprimer ou enregistrer le reçu ». */
export function renderReceiptActions(
  ctx: ReceiptContext,
  receipt: ConcernReceipt,
  link: string | undefined,
): TemplateResult {
  const { localize } = ctx;
  const t = statusMessages[localize.lang];
  const code = receipt.trackingCode;
  return html`${code ? html`<p>${t.keepCode}</p>` : nothing}
    <div class="actions receipt-actions">
      ${
        code
          ? html`<button
              type="button"
              class="button button--secondary"
              @click=${() =>
                navigator.clipboard.writeText(`${receipt.reference} ${code}`).then(
                  () => ctx.announce(t.copied),
                  () => ctx.announce(t.copyFailed),
                )}
            >
              ${t.copyCode}
            </button>`
          : nothing
      }
      <button
        type="button"
        class="button button--secondary"
        @click=${() => openDocument(receiptDocument(localize, receipt, link))}
      >
        ${t.printReceipt}<span class="visually-hidden"> ${t.newTab}</span>
      </button>
    </div>`;
}
