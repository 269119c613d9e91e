/** A page object of `<prox-staff-priorities>`: what a coordinator sees and does, for the browser tests. */
import type { StaffPriorities } from '../priorities/staff-priorities.js';
import { text } from './client.js';

export class PrioritiesPageObject {
  constructor(readonly el: StaffPriorities) {}

  get root(): ShadowRoot {
    return this.el.shadowRoot!;
  }
  $<T extends Element = HTMLElement>(selector: string): T | null {
    return this.root.querySelector<T>(selector);
  }
  /** `loading`, `error`, `empty`, `list`, `form` or `missing` (an unknown id). */
  get state(): string {
    if (this.$('[aria-busy="true"]')) return 'loading';
    if (this.$('.state--error')) return 'error';
    if (this.$('form')) return 'form';
    if (this.$('table')) return 'list';
    if (this.$('.state')) return this.$('.toolbar') ? 'empty' : 'missing';
    return 'none';
  }
  get rows(): string[][] {
    return [...this.root.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('th, td')].map((c) => text(c)),
    );
  }
  get notice(): string {
    return text(this.$('.notice[role="status"]'));
  }
  get errors(): string[] {
    return [...this.root.querySelectorAll('.errors li')].map((li) => text(li));
  }
  /** What the form says of the café a new priority comes from (empty when none). */
  get fromCafe(): string {
    return text(this.$('.from-cafe'));
  }
  value(id: string): string {
    return this.$<HTMLInputElement>(`#${id}`)?.value ?? '';
  }
  fill(fields: Record<string, string | boolean>): void {
    for (const [name, value] of Object.entries(fields)) {
      const input = this.$<HTMLInputElement>(`[name="${name}"]`);
      if (!input) throw new Error(`no field ${name}`);
      if (typeof value === 'boolean') input.checked = value;
      else input.value = value;
    }
  }
  save(): void {
    this.$<HTMLButtonElement>('button[type="submit"]')!.click();
  }
  publish(label: RegExp): void {
    const button = [...this.root.querySelectorAll<HTMLButtonElement>('button')].find((b) =>
      label.test(b.getAttribute('aria-label') ?? b.textContent ?? ''),
    );
    if (!button) throw new Error(`no button ${label}`);
    button.click();
  }
}
