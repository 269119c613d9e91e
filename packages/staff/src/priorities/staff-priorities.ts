import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { AdminPriority } from '@proximite/contract';
import { describeError } from '@proximite/widgets/kit/data.controller.js';
import { kitMessages } from '@proximite/widgets/kit/kit.messages.js';
import { LocalizeController } from '@proximite/widgets/kit/localize.js';
import { formatRoute } from '../console/router.js';
import { formatDate } from '../shared/format.js';
import { formStyles } from '../shared/forms.styles.js';
import { clockIcon } from '../shared/icons.js';
import { NO_LOOKUPS, type Lookups } from '../shared/lookups.js';
import { StaffSection } from '../shared/section.js';
import { withSession } from '../shared/session.js';
import { PrioritiesController } from './priorities.controller.js';
import {
  ERROR_FIELD,
  fieldsOf,
  inputFromFields,
  linkTopic,
  parseReferences,
  type PriorityError,
  type PriorityFields,
} from './priorities-model.js';
import { messages } from './staff-priorities.messages.js';
import { styles } from './staff-priorities.styles.js';

const STATUSES = ['raised', 'in-progress', 'done'] as const;

/**
 * « Vous avez dit, nous avons fait »: the list of priorities (drafts included), a form to create
 * one (from concerns chosen in the inbox: `#/priorities/new?refs=PRX-…,PRX-…`; from a café's topic:
 * `…&cafe=<id>&fr=<title>&en=<title>`, linked to the café) or edit its status,
 * action and date, and « Publier »: public at once, and the residents who asked for e-mail on its
 * concerns told when its action is carried out.
 *
 * @summary The staff console's priorities.
 */
export class StaffPriorities extends StaffSection {
  static override styles = [...StaffSection.styles, formStyles, styles];

  static override properties: PropertyDeclarations = {
    ...StaffSection.properties,
    lists: { state: true },
    errors: { state: true },
    notice: { state: true },
    busy: { state: true },
  };

  readonly localize = new LocalizeController(this, messages);
  private readonly kit = new LocalizeController(this, kitMessages);
  private readonly data = new PrioritiesController(this, () => this.context);

  declare private lists: Lookups;
  declare private errors: PriorityError[];
  declare private notice: string;
  declare private busy: boolean;
  private listsFrom?: unknown;

  constructor() {
    super();
    this.lists = NO_LOOKUPS;
    this.errors = [];
    this.notice = '';
    this.busy = false;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('context') && this.context && this.listsFrom !== this.context.client) {
      this.listsFrom = this.context.client;
      void this.context.lookups().then((lists) => (this.lists = lists));
    }
    if (changed.has('route')) {
      const before = changed.get('route') as typeof this.route;
      if (before && (before.id ?? '') !== (this.route?.id ?? '')) this.errors = [];
    }
  }

  private get today(): string {
    const now = this.context?.now() ?? new Date();
    return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(now);
  }

  private fieldsFrom(form: HTMLFormElement): PriorityFields {
    const data = new FormData(form);
    const v = (name: string) => {
      const x = data.get(name);
      return typeof x === 'string' ? x : '';
    };
    return {
      issueFr: v('issue-fr'),
      issueEn: v('issue-en'),
      issueDate: v('issue-date'),
      status: v('status'),
      districtId: v('district'),
      references: v('references'),
      actionFr: v('action-fr'),
      actionEn: v('action-en'),
      actionDate: v('action-date'),
      publishNow: data.get('publish-now') === 'on',
    };
  }

  private async save(event: SubmitEvent, existing: AdminPriority | undefined): Promise<void> {
    event.preventDefault();
    const context = this.context;
    if (!context) return;
    const t = this.localize.t.bind(this.localize);
    const cafe = existing ? undefined : this.route?.params.cafe;
    const result = inputFromFields(
      this.fieldsFrom(event.target as HTMLFormElement),
      existing,
      cafe ? [cafe] : [],
    );
    if ('errors' in result) {
      this.errors = result.errors;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.errors')?.focus();
      return;
    }
    this.errors = [];
    this.busy = true;
    try {
      const saved = await withSession(context, () =>
        existing
          ? context.client.priorities.update(existing.id, result.input)
          : context.client.priorities.create(result.input),
      );
      let linked = true;
      const topic = this.route?.params.fr;
      if (cafe && topic) {
        // The café's report topic now feeds this priority (its public report links to it).
        linked = await withSession(context, async () => {
          const next = linkTopic((await context.client.cafes.getReport(cafe)).report, topic, saved.id);
          if (next) await context.client.cafes.putReport(cafe, next);
          return true;
        }).catch(() => false);
      }
      this.notice = t(linked ? 'saved' : 'savedTopicNotLinked');
      context.announce(this.notice);
      await this.data.reload();
      context.navigate({ section: 'priorities', id: saved.id, params: {} });
    } catch (error) {
      this.notice = describeError(error, this.kit.t.bind(this.kit)) ?? t('errorTitle');
    } finally {
      this.busy = false;
    }
  }

  private async publish(p: AdminPriority): Promise<void> {
    const context = this.context;
    if (!context) return;
    this.busy = true;
    try {
      const published = await withSession(context, () => context.client.priorities.publish(p.id));
      this.notice = this.localize.t('publishedNotice', published.notified);
      context.announce(this.notice);
      await this.data.reload();
    } catch (error) {
      this.notice = describeError(error, this.kit.t.bind(this.kit)) ?? this.localize.t('errorTitle');
    } finally {
      this.busy = false;
    }
  }

  private focusField(event: Event, id: string): void {
    event.preventDefault();
    this.renderRoot.querySelector<HTMLElement>(`#${id}`)?.focus();
  }

  private invalid(error: PriorityError): 'true' | 'false' {
    return this.errors.includes(error) ? 'true' : 'false';
  }

  private renderNotice(): TemplateResult | typeof nothing {
    return this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing;
  }

  private renderList(items: AdminPriority[]): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const pick = (x: Parameters<typeof this.localize.pick>[0]) => this.localize.pick(x);
    return html`<div class="toolbar">
        <a class="button" href=${formatRoute({ section: 'priorities', id: 'new', params: {} })}
          >${t('create')}</a
        >
      </div>
      ${this.renderNotice()}
      ${
        items.length === 0
          ? html`<div class="state"><p>${t('empty')}</p></div>`
          : html`<div class="table-wrap" role="region" aria-labelledby="caption" tabindex="0">
              <table>
                <caption id="caption">
                  ${t('caption')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${t('issue')}</th>
                    <th scope="col">${t('status')}</th>
                    <th scope="col">${t('publication')}</th>
                    <th scope="col">${t('concerns')}</th>
                    <th scope="col">${t('notified')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${items.map(
                    (p) =>
                      html`<tr>
                        <th scope="row">
                          ${pick(p.issue)}<br /><time class="hint" datetime=${p.issueDate}
                            >${formatDate(p.issueDate, this.localize.locale)}</time
                          >
                          <div class="row-actions">
                            <a
                              class="button button--secondary"
                              href=${formatRoute({ section: 'priorities', id: p.id, params: {} })}
                              aria-label=${t('edit', pick(p.issue))}
                              >${t('editShort')}</a
                            >
                            ${
                              p.published
                                ? nothing
                                : html`<button
                                    class="button"
                                    type="button"
                                    ?disabled=${this.busy}
                                    aria-label=${t('publishLabel', pick(p.issue))}
                                    @click=${() => void this.publish(p)}
                                  >
                                    ${t('publish')}
                                  </button>`
                            }
                          </div>
                        </th>
                        <td>${t('statusLabel', p.status)}</td>
                        <td>
                          ${
                            p.published
                              ? html`<span class="badge badge--published">${t('published')}</span>`
                              : html`<span class="badge">${t('draft')}</span>`
                          }
                        </td>
                        <td>${p.sources.concernReferences.join(', ') || '—'}</td>
                        <td>${p.notified}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }`;
  }

  private renderForm(existing: AdminPriority | undefined): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    const params = this.route?.params ?? {};
    const refs = parseReferences(params.refs ?? '').references;
    const f = fieldsOf(existing, this.today, refs, {
      fr: params.fr,
      en: params.en,
      districtId: params.district,
    });
    const fromCafe = !existing && params.cafe !== undefined;
    return html`<p>
        <a class="back" href=${formatRoute({ section: 'priorities', params: {} })}>${t('back')}</a>
      </p>
      <h2>${existing ? t('editTitle') : t('newTitle')}</h2>
      ${fromCafe ? html`<p class="from-cafe">${t('fromCafe')}</p>` : nothing} ${this.renderNotice()}
      <form novalidate @submit=${(e: SubmitEvent) => void this.save(e, existing)}>
        ${
          this.errors.length
            ? html`<div class="notice notice--error errors" role="alert" tabindex="-1">
                <p class="label">${t('errorSummary')}</p>
                <ul>
                  ${this.errors.map(
                    (e) =>
                      html`<li>
                        <a
                          href=${`#${ERROR_FIELD[e]}`}
                          @click=${(ev: Event) => this.focusField(ev, ERROR_FIELD[e])}
                          >${t(e)}</a
                        >
                      </li>`,
                  )}
                </ul>
              </div>`
            : nothing
        }
        <div class="field">
          <label for="issue-fr">${t('issueFr')}</label>
          <textarea
            id="issue-fr"
            name="issue-fr"
            maxlength="1000"
            aria-invalid=${this.invalid('errorIssue')}
            .value=${f.issueFr}
          ></textarea>
        </div>
        <div class="field">
          <label for="issue-en">${t('issueEn')}</label>
          <textarea id="issue-en" name="issue-en" maxlength="1000" .value=${f.issueEn}></textarea>
        </div>
        <div class="field">
          <label for="issue-date">${t('issueDate')}</label>
          <input
            id="issue-date"
            name="issue-date"
            type="date"
            .value=${f.issueDate}
            aria-invalid=${this.invalid('errorIssueDate')}
          />
        </div>
        <div class="field">
          <label for="status">${t('status')}</label>
          <select id="status" name="status">
            ${STATUSES.map((s) => html`<option value=${s} ?selected=${s === f.status}>${t('statusLabel', s)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="district">${t('district')}</label>
          <select id="district" name="district">
            <option value="">${t('anyDistrict')}</option>
            ${this.lists.districts.map(
              (d) => html`<option value=${d.id} ?selected=${d.id === f.districtId}>${d.name}</option>`,
            )}
          </select>
        </div>
        <div class="field">
          <label for="references">${t('references')}</label>
          <p class="hint" id="references-hint">${t('referencesHint')}</p>
          <textarea
            id="references"
            name="references"
            aria-describedby="references-hint"
            aria-invalid=${this.invalid('errorReferences')}
            .value=${f.references}
          ></textarea>
        </div>
        <fieldset>
          <legend>${t('action')}</legend>
          <div class="field">
            <label for="action-fr">${t('actionFr')}</label>
            <textarea
              id="action-fr"
              name="action-fr"
              maxlength="2000"
              aria-invalid=${this.invalid('errorAction')}
              .value=${f.actionFr}
            ></textarea>
          </div>
          <div class="field">
            <label for="action-en">${t('actionEn')}</label>
            <textarea id="action-en" name="action-en" maxlength="2000" .value=${f.actionEn}></textarea>
          </div>
          <div class="field">
            <label for="action-date">${t('actionDate')}</label>
            <input
              id="action-date"
              name="action-date"
              type="date"
              .value=${f.actionDate}
              aria-invalid=${this.invalid('errorActionDate')}
            />
          </div>
        </fieldset>
        ${
          existing
            ? nothing
            : html`<label class="check"
                ><input type="checkbox" name="publish-now" /> ${t('publishNow')}</label
              >`
        }
        <div class="toolbar">
          <button class="button" type="submit" ?disabled=${this.busy}>${t('save')}</button>
          ${
            existing && !existing.published
              ? html`<button
                  class="button button--secondary"
                  type="button"
                  ?disabled=${this.busy}
                  @click=${() => void this.publish(existing)}
                >
                  ${t('publish')}
                </button>`
              : nothing
          }
        </div>
      </form>`;
  }

  private renderBody(): unknown {
    const t = this.localize.t.bind(this.localize);
    const task = this.data.task;
    const id = this.route?.id;
    const loading = html`<div class="state" role="status" aria-busy="true">
      ${clockIcon} ${t('loading')}
    </div>`;
    return task.render({
      initial: () => loading,
      pending: () => (task.value ? this.renderView(task.value, id) : loading),
      complete: (items) => this.renderView(items, id),
      error: (error) => {
        const detail = describeError(error, this.kit.t.bind(this.kit));
        return html`<div class="state state--error" role="alert">
          <p class="state__title">${t('errorTitle')}</p>
          ${detail ? html`<p>${detail}</p>` : nothing}
          <button type="button" class="button" @click=${() => void this.data.reload()}>${t('retry')}</button>
        </div>`;
      },
    });
  }

  private renderView(items: AdminPriority[], id: string | undefined): unknown {
    if (id === undefined) return this.renderList(items);
    if (id === 'new') return this.renderForm(undefined);
    const existing = items.find((p) => p.id === id);
    return existing
      ? this.renderForm(existing)
      : html`<div class="state"><p>${this.localize.t('notFound')}</p></div>`;
  }

  override render(): TemplateResult {
    const t = this.localize.t.bind(this.localize);
    return html`<div class="base">
      <h1 tabindex="-1">${t('title')}</h1>
      <p>${t('intro')}</p>
      ${this.renderBody()}
    </div>`;
  }
}
