import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { TaskStatus } from '@lit/task';
import type { ActivityCounter } from '@proximite/contract';
import { messages as statsMessages } from '@proximite/widgets/activity-stats/activity-stats.messages.js';
import { describeError } from '@proximite/widgets/kit/data.controller.js';
import { kitMessages } from '@proximite/widgets/kit/kit.messages.js';
import { LocalizeController } from '@proximite/widgets/kit/localize.js';
import { formStyles } from '../shared/forms.styles.js';
import { StaffSection } from '../shared/section.js';
import { withSession } from '../shared/session.js';
import { settingsStyles } from '../settings-kit/settings.styles.js';
import { dataBody } from '../settings-kit/states.js';
import {
  ACTIVITY_SOURCE_TYPES,
  checkDraft,
  defaultPeriod,
  draftFor,
  inputOf,
  periodsOf,
  previewOf,
  type Draft,
  type DraftErrors,
  type DraftRow,
} from './figures-model.js';
import { FiguresController } from './figures.controller.js';
import { messages } from './staff-figures.messages.js';
import { styles } from './staff-figures.styles.js';

/**
 * The municipal police activity figures: a period's counters (one row per metric, with what it
 * counts), « non communiqué » for a figure too small to publish, the source, a live preview drawn
 * as the public stats widget draws it (its own texts and number formats), and « Publier ».
 *
 * @summary The staff console's activity figures.
 */
export class StaffFigures extends StaffSection {
  static override styles = [...StaffSection.styles, formStyles, settingsStyles, styles];

  static override properties: PropertyDeclarations = {
    ...StaffSection.properties,
    draft: { state: true },
    errors: { state: true },
    outcome: { state: true },
    busy: { state: true },
    published: { state: true },
  };

  readonly localize = new LocalizeController(this, messages);
  /** The stats widget's own texts: metric names, « non communiqué », the preview's headings. */
  private readonly stats = new LocalizeController(this, statsMessages);
  private readonly kit = new LocalizeController(this, kitMessages);
  private readonly data = new FiguresController(this, () => this.context);

  declare private draft: Draft | undefined;
  declare private errors: DraftErrors;
  declare private outcome: { ok: boolean; text: string } | undefined;
  declare private busy: boolean;
  /** The counters as published, once a publication replaced what was loaded. */
  declare private published: ActivityCounter[] | undefined;

  constructor() {
    super();
    this.draft = undefined;
    this.errors = {};
    this.outcome = undefined;
    this.busy = false;
    this.published = undefined;
  }

  private get t() {
    return this.localize.t.bind(this.localize);
  }

  private get activity(): ActivityCounter[] {
    return this.published ?? this.data.task.value ?? [];
  }

  private metricName(metric: string): string {
    const key = `metric_${metric}`;
    return key in statsMessages.fr ? this.stats.t(key as 'metric_pm-calls') : metric;
  }

  private definition(metric: string): string {
    const key = `def_${metric}`;
    return key in messages.fr ? this.t(key as 'def_pm-calls') : '';
  }

  protected override willUpdate(): void {
    const task = this.data.task;
    if (!this.draft && task.status === TaskStatus.COMPLETE && task.value)
      this.draft = draftFor(task.value, defaultPeriod(task.value, this.context?.now() ?? new Date()));
  }

  private edit(change: (draft: Draft) => Draft): void {
    if (!this.draft) return;
    this.draft = change(this.draft);
    this.outcome = undefined;
    if (Object.keys(this.errors).length) this.errors = checkDraft(this.draft);
  }

  private editRow(metric: string, patch: Partial<DraftRow>): void {
    this.edit((d) => ({ ...d, rows: d.rows.map((r) => (r.metric === metric ? { ...r, ...patch } : r)) }));
  }

  private openPeriod(): void {
    if (!this.draft) return;
    const period = this.draft.period.trim();
    const next = draftFor(this.activity, period);
    // A new period keeps the source being written.
    this.draft = periodsOf(this.activity).includes(period) ? next : { ...next, source: this.draft.source };
    this.errors = {};
    this.outcome = undefined;
  }

  private async publish(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const context = this.context;
    const draft = this.draft;
    if (!context || !draft || this.busy) return;
    this.errors = checkDraft(draft);
    if (Object.keys(this.errors).length) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.errors')?.focus();
      return;
    }
    this.busy = true;
    const input = inputOf(draft);
    try {
      const saved = await withSession(context, () => context.client.stats.putActivity(input));
      const replaced = new Set(saved.map((c) => `${c.metric}|${c.period}`));
      this.published = [...this.activity.filter((c) => !replaced.has(`${c.metric}|${c.period}`)), ...saved];
      this.outcome = { ok: true, text: this.t('published', draft.period.trim(), input.counters.length) };
    } catch (error) {
      this.outcome = {
        ok: false,
        text: this.t('publishFailed', describeError(error, this.kit.t.bind(this.kit))),
      };
    } finally {
      this.busy = false;
    }
    context.announce(this.outcome.text);
  }

  // ---------------------------------------------------------------------------------------------
  // rendering

  private errorText(field: string, kind: string): string {
    const metric = field.includes(':') ? this.metricName(field.slice(field.indexOf(':') + 1)) : '';
    switch (kind) {
      case 'count':
        return this.t('error_count', metric);
      case 'unit':
        return this.t('error_unit', metric);
      case 'period':
        return this.t('error_period');
      case 'title':
        return this.t('error_title');
      case 'url':
        return this.t('error_url');
      default:
        return this.t('error_nothing');
    }
  }

  /** The id of the field an error is about (the summary links to it). */
  private fieldId(field: string): string {
    if (field === 'rows') return 'value-pm-interventions';
    if (field === 'title') return 'source-title';
    if (field === 'url') return 'source-url';
    return field.replace(':', '-');
  }

  private renderErrors(): TemplateResult | typeof nothing {
    const entries = Object.entries(this.errors);
    if (!entries.length) return nothing;
    return html`<div class="notice notice--error errors" role="alert" tabindex="-1">
      <p class="error">${this.t('errorsTitle')}</p>
      <ul>
        ${entries.map(
          ([field, kind]) =>
            html`<li>
              <a
                href="#${this.fieldId(field)}"
                @click=${(e: Event) => {
                  e.preventDefault();
                  this.renderRoot.querySelector<HTMLElement>(`#${this.fieldId(field)}`)?.focus();
                }}
                >${this.errorText(field, kind)}</a
              >
            </li>`,
        )}
      </ul>
    </div>`;
  }

  private renderRow(row: DraftRow): TemplateResult {
    const t = this.t;
    const name = this.metricName(row.metric);
    const valueError = this.errors[`value:${row.metric}`];
    const unitError = this.errors[`unit:${row.metric}`];
    return html`<tr>
      <th scope="row">
        ${name}<span class="def" id="def-${row.metric}">${this.definition(row.metric)}</span>
      </th>
      <td class="value">
        <input
          id="value-${row.metric}"
          type="text"
          inputmode="numeric"
          autocomplete="off"
          aria-label=${t('valueOf', name)}
          aria-describedby="def-${row.metric}"
          aria-invalid=${valueError ? 'true' : 'false'}
          .value=${row.value}
          ?disabled=${row.suppressed}
          @input=${(e: Event) => this.editRow(row.metric, { value: (e.target as HTMLInputElement).value })}
        />
      </td>
      <td>
        <label class="check"
          ><input
            type="checkbox"
            .checked=${row.suppressed}
            aria-label=${t('suppressedOf', name)}
            @change=${(e: Event) => this.editRow(row.metric, { suppressed: (e.target as HTMLInputElement).checked })}
        /></label>
      </td>
      <td>
        <input
          id="unit-${row.metric}"
          type="text"
          maxlength="50"
          aria-label=${t('unitOf', name)}
          aria-invalid=${unitError ? 'true' : 'false'}
          .value=${row.unit}
          @input=${(e: Event) => this.editRow(row.metric, { unit: (e.target as HTMLInputElement).value })}
        />
      </td>
    </tr>`;
  }

  private renderForm(draft: Draft): TemplateResult {
    const t = this.t;
    const periods = periodsOf(this.activity);
    return html`<form class="figures" novalidate @submit=${this.publish}>
      ${this.renderErrors()}
      <div class="bar period">
        <div class="field">
          <label for="period">${t('period')}</label>
          <p class="hint" id="period-hint">
            ${t('periodHint')} ${periods.length ? t('periodPublished', periods.join(', ')) : nothing}
          </p>
          <div class="row">
            <input
              id="period"
              type="text"
              maxlength="7"
              autocomplete="off"
              aria-describedby="period-hint"
              aria-invalid=${this.errors.period ? 'true' : 'false'}
              .value=${draft.period}
              @input=${(e: Event) => this.edit((d) => ({ ...d, period: (e.target as HTMLInputElement).value }))}
              @keydown=${(e: KeyboardEvent) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  this.openPeriod();
                }
              }}
            />
            <button type="button" class="button button--secondary" @click=${this.openPeriod}>
              ${t('load')}
            </button>
          </div>
        </div>
      </div>
      <div class="table-wrap" role="region" aria-labelledby="counters-caption" tabindex="0">
        <table>
          <caption id="counters-caption">
            ${t('counters')} ${draft.period}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t('metric')}</th>
              <th scope="col">${t('value')}</th>
              <th scope="col">${t('suppressed')}</th>
              <th scope="col">${t('unit')}</th>
            </tr>
          </thead>
          <tbody>
            ${draft.rows.map((r) => this.renderRow(r))}
          </tbody>
        </table>
      </div>
      <p class="hint">${t('emptyKeeps')}</p>
      <fieldset>
        <legend>${t('source')}</legend>
        <div class="grid2">
          <div class="field">
            <label for="source-type">${t('sourceType')}</label>
            <select
              id="source-type"
              @change=${(e: Event) =>
                this.edit((d) => ({
                  ...d,
                  source: { ...d.source, type: (e.target as HTMLSelectElement).value },
                }))}
            >
              ${ACTIVITY_SOURCE_TYPES.map(
                (type) =>
                  html`<option value=${type} ?selected=${draft.source.type === type}>
                    ${t('sourceTypeLabel', type)}
                  </option>`,
              )}
            </select>
          </div>
          <div class="field">
            <label for="source-title">${t('sourceTitle')}</label>
            <input
              id="source-title"
              type="text"
              maxlength="200"
              aria-invalid=${this.errors.title ? 'true' : 'false'}
              .value=${draft.source.title}
              @input=${(e: Event) =>
                this.edit((d) => ({
                  ...d,
                  source: { ...d.source, title: (e.target as HTMLInputElement).value },
                }))}
            />
          </div>
          <div class="field">
            <label for="source-url">${t('sourceUrl')}</label>
            <input
              id="source-url"
              type="text"
              inputmode="url"
              maxlength="2000"
              aria-invalid=${this.errors.url ? 'true' : 'false'}
              .value=${draft.source.url}
              @input=${(e: Event) =>
                this.edit((d) => ({
                  ...d,
                  source: { ...d.source, url: (e.target as HTMLInputElement).value },
                }))}
            />
          </div>
        </div>
      </fieldset>
      ${
        this.outcome
          ? html`<p class="notice ${this.outcome.ok ? 'notice--success' : 'notice--error'}" role="status">
              ${this.outcome.text}
            </p>`
          : nothing
      }
      <div class="actions">
        <button class="button" type="submit" ?disabled=${this.busy}>
          ${this.busy ? t('publishing') : t('publish')}
        </button>
      </div>
    </form>`;
  }

  /** The counters as the public widget draws them (its texts, its number format, its layout). */
  private renderPreview(draft: Draft): TemplateResult {
    const s = this.stats;
    const activity = previewOf(this.activity, draft);
    const sources = [
      ...new Map(
        activity.map((c) => [`${c.source.type}|${c.source.title}|${c.source.url}`, c.source]),
      ).values(),
    ];
    return html`<section aria-labelledby="preview-title">
      <h2 id="preview-title">${this.t('preview')}</h2>
      <p class="hint">${this.t('previewHint')}</p>
      ${
        activity.length === 0
          ? html`<p class="muted">${this.t('nothingPublished')}</p>`
          : html`<div class="activity">
              <h3>${s.t('activityTitle')}</h3>
              <p><strong>${s.t('activityLead')}</strong></p>
              ${sources.some((x) => x.type === 'demo') ? html`<p class="demo">${s.t('demoBadge')}</p>` : nothing}
              ${periodsOf(activity).map(
                (period) =>
                  html`<h4>${s.t('activityPeriod', period)}</h4>
                    <dl class="counters">
                      ${activity
                        .filter((c) => c.period === period)
                        .map(
                          (c) =>
                            html`<div>
                              <dt>${this.metricName(c.metric)}</dt>
                              <dd>
                                ${c.value === null ? s.t('notPublished') : s.number(c.value)}
                                <span class="unit">${c.unit}</span>
                              </dd>
                            </div>`,
                        )}
                    </dl>`,
              )}
              ${sources.map((x) => html`<p class="muted">${s.t('activitySource')} ${x.title || '—'}</p>`)}
            </div>`
      }
    </section>`;
  }

  override render(): TemplateResult {
    const t = this.t;
    const body = dataBody(
      this.data.task,
      this.draft,
      (draft) => html`${this.renderForm(draft)} ${this.renderPreview(draft)}`,
      t,
      this.kit.t.bind(this.kit),
      () => void this.data.reload(),
    );
    return html`<div class="base">
      <h1 tabindex="-1">${t('title')}</h1>
      <p class="intro">${t('intro')}</p>
      ${body}
    </div>`;
  }
}
