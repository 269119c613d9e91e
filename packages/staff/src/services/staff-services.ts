import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { TaskStatus } from '@lit/task';
import type { RoutingTable, Service } from '@proximite/contract';
import { describeError } from '@proximite/widgets/kit/data.controller.js';
import { kitMessages } from '@proximite/widgets/kit/kit.messages.js';
import { LocalizeController } from '@proximite/widgets/kit/localize.js';
import { formStyles } from '../shared/forms.styles.js';
import { NO_LOOKUPS, type Lookups } from '../shared/lookups.js';
import { StaffSection } from '../shared/section.js';
import { withSession } from '../shared/session.js';
import { settingsStyles } from '../settings-kit/settings.styles.js';
import { dataBody, emptyState } from '../settings-kit/states.js';
import {
  METHODS,
  checkForm,
  checkRules,
  createInputOf,
  formOf,
  inputOf,
  rowsOf,
  rulesInputOf,
  upsert,
  type FormErrors,
  type RuleRow,
  type ServiceForm,
} from './services-model.js';
import { ServicesController, type ServicesData } from './services.controller.js';
import { messages } from './staff-services.messages.js';
import { styles } from './staff-services.styles.js';

type Notice = { ok: boolean; text: string; secret?: string | undefined };

/**
 * Services and routing: the services (names fr/en, public contact, target handling time, how
 * concerns reach them — e-mail, webhook, Open311 or the console alone — with secrets write-only,
 * members, and what makes them particular), an editor for one, and the routing rules (category →
 * service, overridden by district).
 *
 * @summary The staff console's services and routing rules.
 */
export class StaffServices extends StaffSection {
  static override styles = [...StaffSection.styles, formStyles, settingsStyles, styles];

  static override properties: PropertyDeclarations = {
    ...StaffSection.properties,
    lists: { state: true },
    services: { state: true },
    editing: { state: true },
    form: { state: true },
    errors: { state: true },
    notice: { state: true },
    rows: { state: true },
    routing: { state: true },
    rulesNotice: { state: true },
    busy: { state: true },
  };

  readonly localize = new LocalizeController(this, messages);
  private readonly kit = new LocalizeController(this, kitMessages);
  private readonly data = new ServicesController(this, () => this.context);

  declare private lists: Lookups;
  /** The services as saved (the loaded list, then each save in place). */
  declare private services: Service[] | undefined;
  /** `undefined`: no editor; `''`: a new service; else the id edited. */
  declare private editing: string | undefined;
  declare private form: ServiceForm;
  declare private errors: FormErrors;
  declare private notice: Notice | undefined;
  declare private rows: RuleRow[] | undefined;
  declare private routing: RoutingTable | undefined;
  declare private rulesNotice: Notice | undefined;
  declare private busy: boolean;
  private listsFrom?: unknown;
  private loadedFrom?: unknown;

  constructor() {
    super();
    this.lists = NO_LOOKUPS;
    this.services = undefined;
    this.editing = undefined;
    this.form = formOf();
    this.errors = {};
    this.notice = undefined;
    this.rows = undefined;
    this.routing = undefined;
    this.rulesNotice = undefined;
    this.busy = false;
  }

  private get t() {
    return this.localize.t.bind(this.localize);
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('context') && this.context && this.listsFrom !== this.context.client) {
      this.listsFrom = this.context.client;
      void this.context.lookups().then((lists) => (this.lists = lists));
    }
    const task = this.data.task;
    if (task.status === TaskStatus.COMPLETE && task.value && this.loadedFrom !== task.value) {
      this.loadedFrom = task.value;
      this.services = task.value.services;
      this.routing = task.value.routing;
      this.rows = rowsOf(task.value.routing.rules);
    }
  }

  private serviceName(id: string): string {
    const s = this.services?.find((x) => x.id === id);
    return s ? this.localize.pick(s.name) : id;
  }

  private async open(service: Service | undefined): Promise<void> {
    this.editing = service?.id ?? '';
    this.form = formOf(service);
    this.errors = {};
    this.notice = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#editor-title')?.focus();
  }

  private close(): void {
    const id = this.editing;
    this.editing = undefined;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(id ? `button[data-edit="${id}"]` : 'button.add')?.focus(),
    );
  }

  private set(patch: Partial<ServiceForm>): void {
    this.form = { ...this.form, ...patch };
    if (Object.keys(this.errors).length) this.errors = checkForm(this.form, this.editing === '');
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const context = this.context;
    if (!context || this.busy || this.editing === undefined) return;
    const creating = this.editing === '';
    this.errors = checkForm(this.form, creating);
    if (Object.keys(this.errors).length) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.editor .errors')?.focus();
      return;
    }
    this.busy = true;
    try {
      const saved = await withSession(context, () =>
        creating
          ? context.client.services.create(createInputOf(this.form))
          : context.client.services.update(this.editing!, inputOf(this.form)),
      );
      this.services = upsert(this.services ?? [], saved);
      this.notice = {
        ok: true,
        text: this.t('saved', this.localize.pick(saved.name)),
        secret: saved.webhookSecret,
      };
      this.editing = undefined;
    } catch (error) {
      this.notice = {
        ok: false,
        text: this.t('saveFailed', describeError(error, this.kit.t.bind(this.kit))),
      };
    } finally {
      this.busy = false;
    }
    context.announce(this.notice.text);
  }

  private editRule(index: number, patch: Partial<RuleRow>): void {
    this.rows = (this.rows ?? []).map((r, i) => (i === index ? { ...r, ...patch } : r));
    this.rulesNotice = undefined;
  }

  private async addRule(): Promise<void> {
    this.rows = [...(this.rows ?? []), { categoryCode: '', districtId: '', serviceId: '' }];
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#rule-${this.rows.length - 1}-category`)?.focus();
  }

  private async removeRule(index: number): Promise<void> {
    this.rows = (this.rows ?? []).filter((_, i) => i !== index);
    this.rulesNotice = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('button.add-rule')?.focus();
  }

  private async saveRules(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const context = this.context;
    const rows = this.rows ?? [];
    if (!context || this.busy) return;
    const { incomplete, duplicates } = checkRules(rows);
    const list = (xs: number[]) => xs.map((i) => i + 1).join(', ');
    if (incomplete.length || duplicates.length) {
      this.rulesNotice = {
        ok: false,
        text: [
          incomplete.length ? this.t('rulesIncomplete', list(incomplete)) : '',
          duplicates.length ? this.t('rulesDuplicate', list(duplicates)) : '',
        ]
          .filter(Boolean)
          .join(' '),
      };
      context.announce(this.rulesNotice.text);
      return;
    }
    this.busy = true;
    try {
      const table = await withSession(context, () => context.client.routing.put(rulesInputOf(rows)));
      this.routing = table;
      this.rows = rowsOf(table.rules);
      this.rulesNotice = { ok: true, text: this.t('rulesSaved', table.rules.length) };
    } catch (error) {
      this.rulesNotice = {
        ok: false,
        text: this.t('rulesFailed', describeError(error, this.kit.t.bind(this.kit))),
      };
    } finally {
      this.busy = false;
    }
    context.announce(this.rulesNotice.text);
  }

  // ---------------------------------------------------------------------------------------------
  // rendering

  private renderNotice(n: Notice | undefined): TemplateResult | typeof nothing {
    if (!n) return nothing;
    return html`<div class="notice ${n.ok ? 'notice--success' : 'notice--error'}" role="status">
      <p>${n.text}</p>
      ${n.secret ? html`<p>${this.t('secretOnce')}<code class="secret">${n.secret}</code></p>` : nothing}
    </div>`;
  }

  private renderList(services: readonly Service[], data: ServicesData): TemplateResult {
    const t = this.t;
    if (!services.length) return emptyState(t('empty'));
    return html`<div class="table-wrap" role="region" aria-labelledby="services-caption" tabindex="0">
        <table>
          <caption id="services-caption">
            ${t('caption')}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t('name')}</th>
              <th scope="col">${t('delivery')}</th>
              <th scope="col">${t('target')}</th>
              <th scope="col" class="num">${t('members')}</th>
              <th scope="col">${t('flags')}</th>
              <th scope="col">${t('actions')}</th>
            </tr>
          </thead>
          <tbody>
            ${services.map((s) => {
              const d = s.delivery;
              const name = this.localize.pick(s.name);
              const detail =
                d?.method === 'email'
                  ? (d.to ?? []).join(', ')
                  : d?.method === 'webhook'
                    ? `${d.url ?? ''}${d.secretSet ? ` (${t('secretSet')})` : ''}`
                    : d?.method === 'open311'
                      ? `${d.endpoint ?? ''} — ${d.serviceCode ?? ''}${d.apiKeySet ? ` (${t('keySet')})` : ''}`
                      : '';
              const flags = [
                s.police ? t('police') : '',
                s.restricted ? t('restricted') : '',
                s.contactAccess ? t('contactAccess') : '',
              ].filter(Boolean);
              return html`<tr>
                <th scope="row">${name}<span class="def mono muted"> ${s.id}</span></th>
                <td>
                  ${t('method', d?.method ?? 'none')}
                  ${detail ? html`<span class="flag mono">${detail}</span>` : nothing}
                </td>
                <td>
                  ${s.target ? t('days', s.target.days, s.target.unit) : html`<span class="muted">${t('noTarget')}</span>`}
                </td>
                <td class="num">${(s.members ?? []).length}</td>
                <td>${flags.map((f) => html`<span class="flag">${f}</span>`)}</td>
                <td class="cell-actions">
                  <button
                    type="button"
                    class="button button--secondary"
                    data-edit=${s.id}
                    aria-label=${t('editOf', name)}
                    @click=${() => void this.open(s)}
                  >
                    ${t('edit')}
                  </button>
                </td>
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
      ${data.staff.length === 0 && this.context?.can('staff:write') ? nothing : nothing}`;
  }

  private field(
    id: string,
    label: string,
    value: string,
    onInput: (v: string) => void,
    options: { hint?: string; type?: string; autocomplete?: string } = {},
  ): TemplateResult {
    const hintId = options.hint ? `${id}-hint` : undefined;
    return html`<div class="field">
      <label for=${id}>${label}</label>
      ${options.hint ? html`<p class="hint" id=${hintId!}>${options.hint}</p>` : nothing}
      <input
        id=${id}
        type=${options.type ?? 'text'}
        autocomplete=${options.autocomplete ?? 'off'}
        aria-describedby=${hintId ?? nothing}
        aria-invalid=${this.errors[id] ? 'true' : 'false'}
        .value=${value}
        @input=${(e: Event) => onInput((e.target as HTMLInputElement).value)}
      />
    </div>`;
  }

  private renderDelivery(f: ServiceForm, current: Service | undefined): TemplateResult {
    const t = this.t;
    const d = current?.delivery;
    switch (f.method) {
      case 'email':
        return html`<div class="grid2">
          ${this.field('to', t('to'), f.to, (to) => this.set({ to }), { hint: t('toHint') })}
          <div class="field">
            <label for="lang">${t('lang')}</label>
            <select
              id="lang"
              @change=${(e: Event) => this.set({ lang: (e.target as HTMLSelectElement).value })}
            >
              <option value="fr" ?selected=${f.lang === 'fr'}>Français</option>
              <option value="en" ?selected=${f.lang === 'en'}>English</option>
              <option value="both" ?selected=${f.lang === 'both'}>${t('langBoth')}</option>
            </select>
          </div>
        </div>`;
      case 'webhook':
        return html`<div class="grid2">
            ${this.field('webhook-url', t('webhookUrl'), f.webhookUrl, (webhookUrl) => this.set({ webhookUrl }))}
            ${this.field('secret', t('secret'), f.secret, (secret) => this.set({ secret }), {
              hint: t('secretHint', d?.method === 'webhook' && d.secretSet === true),
              type: 'password',
              autocomplete: 'new-password',
            })}
          </div>
          ${
            d?.method === 'webhook' && d.secretSet
              ? html`<label class="check"
                  ><input
                    type="checkbox"
                    .checked=${f.regenerateSecret}
                    @change=${(e: Event) => this.set({ regenerateSecret: (e.target as HTMLInputElement).checked })}
                  />
                  ${t('regenerate')}</label
                >`
              : nothing
          }`;
      case 'open311':
        return html`<div class="grid2">
          ${this.field('endpoint', t('endpoint'), f.endpoint, (endpoint) => this.set({ endpoint }))}
          ${this.field('service-code', t('serviceCode'), f.serviceCode, (serviceCode) => this.set({ serviceCode }))}
          ${this.field('api-key', t('apiKey'), f.apiKey, (apiKey) => this.set({ apiKey }), {
            hint: t('apiKeyHint', d?.method === 'open311' && d.apiKeySet === true),
            type: 'password',
            autocomplete: 'new-password',
          })}
          ${this.field('jurisdiction', t('jurisdiction'), f.jurisdictionId, (jurisdictionId) =>
            this.set({ jurisdictionId }),
          )}
          <div class="field">
            <label for="format">${t('format')}</label>
            <select
              id="format"
              @change=${(e: Event) => this.set({ format: (e.target as HTMLSelectElement).value })}
            >
              ${['json', 'xml'].map((x) => html`<option value=${x} ?selected=${f.format === x}>${x.toUpperCase()}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for="updates">${t('updates')}</label>
            <select
              id="updates"
              @change=${(e: Event) => this.set({ updates: (e.target as HTMLSelectElement).value })}
            >
              ${['auto', 'servicerequestupdates', 'requests', 'off'].map(
                (x) => html`<option value=${x} ?selected=${f.updates === x}>${t('updatesLabel', x)}</option>`,
              )}
            </select>
          </div>
        </div>`;
      default:
        return html``;
    }
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
                href="#${field}"
                @click=${(e: Event) => {
                  e.preventDefault();
                  this.renderRoot.querySelector<HTMLElement>(`#${field}`)?.focus();
                }}
                >${this.t(`error_${kind}` as 'error_id')}</a
              >
            </li>`,
        )}
      </ul>
    </div>`;
  }

  private renderEditor(data: ServicesData): TemplateResult | typeof nothing {
    if (this.editing === undefined) return nothing;
    const t = this.t;
    const f = this.form;
    const creating = this.editing === '';
    const current = this.services?.find((s) => s.id === this.editing);
    const flag = (key: 'contactAccess' | 'police' | 'restricted', hint: string) =>
      html`<label class="check flag" id=${key === 'restricted' ? 'restricted' : nothing}
          ><input
            type="checkbox"
            .checked=${f[key]}
            aria-describedby="${key}-hint"
            @change=${(e: Event) => this.set({ [key]: (e.target as HTMLInputElement).checked })}
          />
          ${t(key)}</label
        >
        <p class="hint" id="${key}-hint">${hint}</p>`;
    return html`<form class="editor" novalidate aria-labelledby="editor-title" @submit=${this.save}>
      <h2 id="editor-title" tabindex="-1">
        ${creating ? t('creating') : t('editing', current ? this.localize.pick(current.name) : this.editing)}
      </h2>
      ${this.renderErrors()}
      <div class="grid2">
        ${creating ? this.field('id', t('id'), f.id, (id) => this.set({ id }), { hint: t('idHint') }) : nothing}
        ${this.field('name-fr', t('nameFr'), f.nameFr, (nameFr) => this.set({ nameFr }))}
        ${this.field('name-en', t('nameEn'), f.nameEn, (nameEn) => this.set({ nameEn }))}
      </div>
      <fieldset>
        <legend>${t('contact')}</legend>
        <div class="grid2">
          ${this.field('email', t('email'), f.email, (email) => this.set({ email }), { type: 'email' })}
          ${this.field('phone', t('phone'), f.phone, (phone) => this.set({ phone }))}
          ${this.field('url', t('url'), f.url, (url) => this.set({ url }))}
        </div>
      </fieldset>
      <div class="grid2">
        ${this.field('target-days', t('targetDays'), f.targetDays, (targetDays) => this.set({ targetDays }), {
          hint: t('targetHint'),
        })}
        <div class="field">
          <label for="target-unit">${t('unit')}</label>
          <select
            id="target-unit"
            @change=${(e: Event) => this.set({ targetUnit: (e.target as HTMLSelectElement).value })}
          >
            <option value="working-days" ?selected=${f.targetUnit === 'working-days'}>
              ${t('workingDays')}
            </option>
            <option value="calendar-days" ?selected=${f.targetUnit === 'calendar-days'}>
              ${t('calendarDays')}
            </option>
          </select>
        </div>
      </div>
      <fieldset>
        <legend>${t('how')}</legend>
        <div class="radios">
          ${METHODS.map(
            (m) =>
              html`<label
                ><input
                  type="radio"
                  name="method"
                  value=${m}
                  .checked=${f.method === m}
                  @change=${() => this.set({ method: m })}
                />
                ${t('method', m)}</label
              >`,
          )}
        </div>
        ${this.renderDelivery(f, current)}
      </fieldset>
      <fieldset>
        <legend>${t('members')}</legend>
        <p class="hint">${data.staff.length ? t('membersHint') : t('noStaff')}</p>
        <div class="checks">
          ${data.staff.map(
            (m) =>
              html`<label
                ><input
                  type="checkbox"
                  .checked=${f.members.includes(m.id)}
                  @change=${(e: Event) =>
                    this.set({
                      members: (e.target as HTMLInputElement).checked
                        ? [...f.members, m.id]
                        : f.members.filter((x) => x !== m.id),
                    })}
                />
                ${m.displayName}</label
              >`,
          )}
        </div>
      </fieldset>
      <fieldset>
        <legend>${t('rules')}</legend>
        ${flag('contactAccess', t('contactAccessHint'))} ${flag('police', t('policeHint'))}
        ${flag('restricted', t('restrictedHint'))}
      </fieldset>
      <div class="actions">
        <button class="button" type="submit" ?disabled=${this.busy}>${t('save')}</button>
        <button class="button button--secondary" type="button" @click=${this.close}>${t('cancel')}</button>
      </div>
    </form>`;
  }

  private renderRouting(): TemplateResult {
    const t = this.t;
    const rows = this.rows ?? [];
    const services = this.services ?? [];
    const { categories, districts } = this.lists;
    const categoryName = (code: string) => {
      const c = categories.find((x) => x.code === code);
      return c ? this.localize.pick(c.label) : code;
    };
    const select = (
      id: string,
      label: string,
      value: string,
      options: { value: string; label: string }[],
      onChange: (v: string) => void,
      empty: string,
    ) =>
      html`<select
        id=${id}
        aria-label=${label}
        @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}
      >
        <option value="" ?selected=${value === ''}>${empty}</option>
        ${options.map((o) => html`<option value=${o.value} ?selected=${o.value === value}>${o.label}</option>`)}
        ${value && !options.some((o) => o.value === value) ? html`<option value=${value} selected>${value}</option>` : nothing}
      </select>`;
    return html`<section aria-labelledby="routing-title">
      <h2 id="routing-title">${t('routing')}</h2>
      <p class="intro">${t('routingIntro')}</p>
      <form novalidate @submit=${this.saveRules}>
        ${
          rows.length
            ? html`<div class="table-wrap" role="region" aria-labelledby="routing-caption" tabindex="0">
                <table>
                  <caption id="routing-caption">
                    ${t('routingCaption')}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col" class="num">#</th>
                      <th scope="col">${t('category')}</th>
                      <th scope="col">${t('district')}</th>
                      <th scope="col">${t('service')}</th>
                      <th scope="col">${t('actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${rows.map(
                      (r, i) =>
                        html`<tr>
                          <th scope="row" class="num">${i + 1}</th>
                          <td>
                            ${select(
                              `rule-${i}-category`,
                              t('ruleField', t('category'), i + 1),
                              r.categoryCode,
                              categories.map((c) => ({ value: c.code, label: this.localize.pick(c.label) })),
                              (categoryCode) => this.editRule(i, { categoryCode }),
                              t('choose'),
                            )}
                          </td>
                          <td>
                            ${select(
                              `rule-${i}-district`,
                              t('ruleField', t('district'), i + 1),
                              r.districtId,
                              districts.map((d) => ({ value: d.id, label: d.name })),
                              (districtId) => this.editRule(i, { districtId }),
                              t('everywhere'),
                            )}
                          </td>
                          <td>
                            ${select(
                              `rule-${i}-service`,
                              t('ruleField', t('service'), i + 1),
                              r.serviceId,
                              services.map((s) => ({ value: s.id, label: this.localize.pick(s.name) })),
                              (serviceId) => this.editRule(i, { serviceId }),
                              t('choose'),
                            )}
                          </td>
                          <td class="cell-actions">
                            <button
                              type="button"
                              class="button button--secondary"
                              aria-label=${t('removeRule', i + 1)}
                              @click=${() => void this.removeRule(i)}
                            >
                              ${t('remove')}
                            </button>
                          </td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>`
            : html`<p class="muted">${t('noRules')}</p>`
        }
        ${this.renderNotice(this.rulesNotice)}
        <div class="actions">
          <button type="button" class="button button--secondary add-rule" @click=${() => void this.addRule()}>
            ${t('addRule')}
          </button>
          <button type="submit" class="button" ?disabled=${this.busy}>${t('saveRules')}</button>
        </div>
      </form>
      ${
        this.routing?.defaults.length
          ? html`<h3>${t('defaults')}</h3>
              <ul class="defaults">
                ${this.routing.defaults.map(
                  (d) => html`<li>${categoryName(d.categoryCode)} → ${this.serviceName(d.serviceId)}</li>`,
                )}
              </ul>`
          : nothing
      }
    </section>`;
  }

  override render(): TemplateResult {
    const t = this.t;
    const task = this.data.task;
    const body = dataBody(
      task,
      task.value && this.services ? { options: task.value, services: this.services } : undefined,
      ({ options, services }) =>
        html`${this.renderNotice(this.notice)} ${this.renderEditor(options)}
          <div class="actions">
            <button type="button" class="button add" @click=${() => void this.open(undefined)}>
              ${t('add')}
            </button>
          </div>
          <h2>${t('services')}</h2>
          ${this.renderList(services, options)} ${this.renderRouting()}`,
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
