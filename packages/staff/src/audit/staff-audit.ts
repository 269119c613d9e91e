import { html, nothing, svg, type PropertyDeclarations, type TemplateResult } from 'lit';
import { TaskStatus } from '@lit/task';
import type { AuditEntry } from '@proximite/contract';
import { describeError } from '@proximite/widgets/kit/data.controller.js';
import { kitMessages } from '@proximite/widgets/kit/kit.messages.js';
import { LocalizeController } from '@proximite/widgets/kit/localize.js';
import { formatRoute } from '../console/router.js';
import { formatDateTime } from '../shared/format.js';
import { formStyles } from '../shared/forms.styles.js';
import { warningIcon } from '../shared/icons.js';
import { StaffSection } from '../shared/section.js';
import { withSession } from '../shared/session.js';
import { settingsStyles } from '../settings-kit/settings.styles.js';
import { emptyState, errorState, loadingState } from '../settings-kit/states.js';
import {
  actionFamilies,
  filtersFromParams,
  isFiltered,
  matching,
  paramsFromFilters,
  shortHash,
  showEntry,
  staffId,
  verdictOf,
  type AuditFilters,
  type Verdict,
} from './audit-model.js';
import { AuditController, type AuditLogPage } from './audit.controller.js';
import { messages } from './staff-audit.messages.js';
import { styles } from './staff-audit.styles.js';

const checkIcon = svg`<svg class="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path d="M2.5 8.5 6.5 12 13.5 4" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/></svg>`;

/**
 * The audit log: its entries in order (who, what, on what, when, and the entry's fingerprint),
 * filters on the page by actor, action and target, paging by sequence number, and « Vérifier la
 * chaîne », which has the server recompute every hash and says plainly whether the chain is intact
 * or where it breaks.
 *
 * @summary The staff console's audit log.
 */
export class StaffAudit extends StaffSection {
  static override styles = [...StaffSection.styles, formStyles, settingsStyles, styles];

  static override properties: PropertyDeclarations = {
    ...StaffSection.properties,
    verdict: { state: true },
    verifying: { state: true },
  };

  readonly localize = new LocalizeController(this, messages);
  private readonly kit = new LocalizeController(this, kitMessages);
  private readonly data = new AuditController(this, () => ({ context: this.context, filters: this.filters }));

  declare private verdict: Verdict | { kind: 'failed'; why: string } | undefined;
  declare private verifying: boolean;
  private announcedFor?: unknown;

  constructor() {
    super();
    this.verdict = undefined;
    this.verifying = false;
  }

  private get filters(): AuditFilters {
    return filtersFromParams(this.route?.params ?? {});
  }

  private get t() {
    return this.localize.t.bind(this.localize);
  }

  private number(n: number): string {
    return new Intl.NumberFormat(this.localize.locale).format(n);
  }

  protected override updated(): void {
    const task = this.data.task;
    if (task.status !== TaskStatus.COMPLETE || !task.value || this.announcedFor === task.value) return;
    this.announcedFor = task.value;
    this.context?.announce(this.t('loaded', task.value.entries.length));
  }

  private show(filters: AuditFilters): void {
    this.context?.navigate({ section: 'audit', params: paramsFromFilters(filters) });
  }

  private onFilter(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const value = (name: string) => {
      const v = data.get(name);
      return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
    };
    this.show(
      filtersFromParams({
        after: value('after') ?? '',
        actor: value('actor') ?? '',
        action: value('action') ?? '',
        target: value('target') ?? '',
      }),
    );
  }

  private async verify(): Promise<void> {
    const context = this.context;
    if (!context || this.verifying) return;
    this.verifying = true;
    this.verdict = undefined;
    try {
      const result = await withSession(context, () => context.client.audit.verify());
      this.verdict = verdictOf(result);
    } catch (error) {
      this.verdict = { kind: 'failed', why: describeError(error, this.kit.t.bind(this.kit)) };
    } finally {
      this.verifying = false;
    }
    await this.updateComplete;
    context.announce(this.renderRoot.querySelector('.verdict-text')?.textContent?.trim() ?? '');
  }

  // ---------------------------------------------------------------------------------------------
  // rendering

  private renderVerify(): TemplateResult {
    const t = this.t;
    const v = this.verdict;
    let result: TemplateResult | typeof nothing = nothing;
    if (this.verifying) result = html`<p class="notice" role="status" aria-busy="true">${t('verifying')}</p>`;
    else if (v?.kind === 'intact')
      result = html`<p class="notice notice--success verdict" role="status">
        ${checkIcon}<span class="verdict-text">${t('intact', this.number(v.checked))}</span>
      </p>`;
    else if (v?.kind === 'empty')
      result = html`<p class="notice verdict" role="status">
        <span class="verdict-text">${t('emptyChain')}</span>
      </p>`;
    else if (v?.kind === 'broken')
      result = html`<div class="notice notice--error verdict" role="alert">
        ${warningIcon}
        <p>
          <span class="verdict-text">${t('broken', this.number(v.at), this.number(v.checked))}</span>
          <a href=${formatRoute({ section: 'audit', params: paramsFromFilters(showEntry(v.at)) })}
            >${t('showBroken', this.number(v.at))}</a
          >
        </p>
      </div>`;
    else if (v?.kind === 'failed')
      result = html`<p class="notice notice--error verdict" role="alert">
        <span class="verdict-text">${t('verifyFailed', v.why)}</span>
      </p>`;
    return html`<div class="verify">
        <button type="button" class="button" ?disabled=${this.verifying} @click=${() => void this.verify()}>
          ${t('verify')}
        </button>
      </div>
      ${result}`;
  }

  private renderFilters(f: AuditFilters, families: readonly string[]): TemplateResult {
    const t = this.t;
    const current = f.action?.replace(/\.$/, '');
    const choices = current && !families.includes(current) ? [...families, current] : families;
    return html`<form class="bar filters" role="search" aria-label=${t('filters')} @submit=${this.onFilter}>
      <div class="field">
        <label for="after">${t('after')}</label>
        <p class="hint" id="after-hint">${t('afterHint')}</p>
        <input
          id="after"
          name="after"
          type="text"
          inputmode="numeric"
          pattern="[0-9]*"
          .value=${f.after ? String(f.after) : ''}
          aria-describedby="after-hint"
        />
      </div>
      <div class="field">
        <label for="actor">${t('actor')}</label>
        <p class="hint" id="actor-hint">${t('actorHint')}</p>
        <input id="actor" name="actor" type="text" .value=${f.actor ?? ''} aria-describedby="actor-hint" />
      </div>
      <div class="field">
        <label for="action">${t('action')}</label>
        <select id="action" name="action">
          <option value="" ?selected=${!current}>${t('anyAction')}</option>
          ${choices.map((a) => html`<option value=${a} ?selected=${current === a}>${a}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="target">${t('target')}</label>
        <p class="hint" id="target-hint">${t('targetHint')}</p>
        <input
          id="target"
          name="target"
          type="text"
          .value=${f.target ?? ''}
          aria-describedby="target-hint"
        />
      </div>
      <div class="actions">
        <button class="button" type="submit">${t('apply')}</button>
        ${
          isFiltered(f)
            ? html`<button
                class="button button--secondary"
                type="button"
                @click=${() => this.show({ after: f.after })}
              >
                ${t('clear')}
              </button>`
            : nothing
        }
      </div>
    </form>`;
  }

  private who(actor: string, names: ReadonlyMap<string, string>): TemplateResult {
    const id = staffId(actor);
    const name = id ? names.get(id) : undefined;
    // A known account shows as its name (its id stays searchable); anything else as written.
    return name ? html`${name}` : html`<span class="mono">${actor}</span>`;
  }

  private renderRow(e: AuditEntry, names: ReadonlyMap<string, string>): TemplateResult {
    return html`<tr>
      <th scope="row" class="num">${this.number(e.seq)}</th>
      <td class="nowrap"><time datetime=${e.at}>${formatDateTime(e.at, this.localize.locale)}</time></td>
      <td>${this.who(e.actor, names)}</td>
      <td class="action mono">${e.action}</td>
      <td>${this.who(e.target, names)}</td>
      <td class="mono muted nowrap">${shortHash(e.hash)}…</td>
    </tr>`;
  }

  private renderTable(page: AuditLogPage, f: AuditFilters, busy = false): TemplateResult {
    const t = this.t;
    const rows = matching(page.entries, f, page.names);
    const first = page.entries[0]!;
    const last = page.entries[page.entries.length - 1]!;
    return html`${
      isFiltered(f)
        ? html`<p class="summary">${t('filteredNote', rows.length, page.entries.length)}</p>`
        : nothing
    }
    ${
      rows.length === 0
        ? emptyState(t('emptyFiltered'))
        : html`<div
            class="table-wrap"
            role="region"
            aria-labelledby="caption"
            tabindex="0"
            aria-busy=${busy ? 'true' : 'false'}
          >
            <table>
              <caption id="caption">
                ${t('caption', this.number(first.seq), this.number(last.seq))}
              </caption>
              <thead>
                <tr>
                  <th scope="col" class="num">${t('seq')}</th>
                  <th scope="col">${t('at')}</th>
                  <th scope="col">${t('actor')}</th>
                  <th scope="col">${t('action')}</th>
                  <th scope="col">${t('target')}</th>
                  <th scope="col">${t('hash')}</th>
                </tr>
              </thead>
              <tbody>
                ${rows.map((e) => this.renderRow(e, page.names))}
              </tbody>
            </table>
          </div>`
    }
    ${this.renderPaging(page, f)}`;
  }

  private renderPaging(page: AuditLogPage, f: AuditFilters): TemplateResult | typeof nothing {
    if (!page.nextCursor && !f.after) return nothing;
    const t = this.t;
    const href = (after: number | undefined) =>
      formatRoute({ section: 'audit', params: paramsFromFilters({ ...f, after }) });
    return html`<nav class="paging" aria-label=${t('paging')}>
      <ul>
        ${f.after ? html`<li><a href=${href(undefined)}>${t('first')}</a></li>` : nothing}
        ${page.nextCursor ? html`<li><a href=${href(Number(page.nextCursor))}>${t('next')}</a></li>` : nothing}
      </ul>
    </nav>`;
  }

  private renderResults(f: AuditFilters): unknown {
    const t = this.t;
    const task = this.data.task;
    return task.render({
      initial: () => loadingState(t('loading')),
      pending: () =>
        task.value?.entries.length ? this.renderTable(task.value, f, true) : loadingState(t('loading')),
      complete: (page) =>
        page.entries.length === 0
          ? emptyState(f.after ? t('emptyAfter') : t('empty'))
          : this.renderTable(page, f),
      error: (error) =>
        errorState(
          t('errorTitle'),
          error,
          this.kit.t.bind(this.kit),
          t('reload'),
          () => void this.data.reload(),
        ),
    });
  }

  override render(): TemplateResult {
    const f = this.filters;
    const families = actionFamilies(this.data.task.value?.entries ?? []);
    return html`<div class="base">
      <h1 tabindex="-1">${this.t('title')}</h1>
      <p class="intro">${this.t('intro')}</p>
      ${this.renderVerify()} ${this.renderFilters(f, families)} ${this.renderResults(f)}
    </div>`;
  }
}
