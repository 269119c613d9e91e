/** A page object of `<prox-staff-inbox>`: what a person sees and does, for the browser tests. */
import type { StaffInbox } from '../inbox/staff-inbox.js';
import { text } from './client.js';

export class InboxPageObject {
  constructor(readonly el: StaffInbox) {}

  get root(): ShadowRoot {
    return this.el.shadowRoot!;
  }
  $<T extends Element = HTMLElement>(selector: string): T | null {
    return this.root.querySelector<T>(selector);
  }

  /** `loading`, `error`, `empty` or `list`. */
  get state(): 'loading' | 'error' | 'empty' | 'list' | 'none' {
    if (this.$('[aria-busy="true"]')) return 'loading';
    if (this.$('.state--error')) return 'error';
    if (this.$('table')) return 'list';
    if (this.$('.state')) return 'empty';
    return 'none';
  }
  get stateText(): string {
    return text(this.$('.state'));
  }
  get caption(): string {
    return text(this.$('caption'));
  }
  get headers(): string[] {
    return [...this.root.querySelectorAll('thead th:not(.select)')].map((th) => text(th));
  }
  /** Each row's cells as text (the selection column left out). */
  get rows(): string[][] {
    return [...this.root.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('th, td:not(.select)')].map((c) => text(c)),
    );
  }
  /** How many rows are selected. */
  $$rows(): number {
    return this.root.querySelectorAll('tbody tr.is-selected').length;
  }
  get references(): string[] {
    return [...this.root.querySelectorAll('tbody th.ref a')].map((a) => text(a));
  }
  ariaSort(label: string): string | null {
    const th = [...this.root.querySelectorAll('thead th')].find((h) => text(h).startsWith(label));
    return th?.getAttribute('aria-sort') ?? null;
  }
  sortBy(label: string): void {
    const th = [...this.root.querySelectorAll('thead th')].find((h) => text(h).startsWith(label));
    th!.querySelector('button')!.click();
  }
  /** Sets filter fields by id (text inputs, selects, checkboxes) and submits the form. */
  filter(values: Record<string, string | boolean>): void {
    for (const [id, value] of Object.entries(values)) {
      const field = this.$<HTMLInputElement | HTMLSelectElement>(`.filters #${id}, .filters [name="${id}"]`)!;
      if (field instanceof HTMLInputElement && field.type === 'checkbox') field.checked = value === true;
      else field.value = String(value);
    }
    this.$<HTMLButtonElement>('.filters button[type="submit"]')!.click();
  }
  clearFilters(): void {
    [...this.root.querySelectorAll<HTMLButtonElement>('button')]
      .find((b) => text(b).startsWith('Effacer') || text(b).startsWith('Clear'))!
      .click();
  }
  select(reference: string): void {
    const box = this.$<HTMLInputElement>(`tbody input[aria-label$="${reference}"]`)!;
    box.click();
  }
  selectPage(): void {
    this.$<HTMLInputElement>('thead input[type="checkbox"]')!.click();
  }
  bulk(values: { status?: string; assignee?: string }): void {
    if (values.status !== undefined) this.$<HTMLSelectElement>('#bulk-status')!.value = values.status;
    if (values.assignee !== undefined) this.$<HTMLSelectElement>('#bulk-assignee')!.value = values.assignee;
    this.$<HTMLButtonElement>('.bulk button[type="submit"]')!.click();
  }
  get bulkMessage(): string {
    return text(this.$('.bulk [role="status"]'));
  }
  link(label: string): HTMLAnchorElement | undefined {
    return [...this.root.querySelectorAll<HTMLAnchorElement>('a')].find((a) => text(a) === label);
  }
}
