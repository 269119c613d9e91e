/** A page object of `<prox-staff-concern>`: what a person reads and does, for the browser tests. */
import type { StaffConcern } from '../concern/staff-concern.js';
import { text } from './client.js';

export class ConcernPageObject {
  constructor(readonly el: StaffConcern) {}

  get root(): ShadowRoot {
    return this.el.shadowRoot!;
  }
  $<T extends Element = HTMLElement>(selector: string): T | null {
    return this.root.querySelector<T>(selector);
  }
  get heading(): string {
    return text(this.$('h1'));
  }
  get state(): 'loading' | 'error' | 'detail' | 'none' {
    if (this.$('[aria-busy="true"].state')) return 'loading';
    if (this.$('.state--error')) return 'error';
    if (this.$('.layout')) return 'detail';
    return 'none';
  }
  /** The text of a section by its heading's id (`summary-title`, `contact-title`…). */
  section(titleId: string): string {
    return text(this.$(`#${titleId}`)?.closest('section'));
  }
  /** The summary as a dt → dd record. */
  get facts(): Record<string, string> {
    const out: Record<string, string> = {};
    const dl = this.$('#summary-title')?.closest('section')?.querySelector('dl');
    for (const dt of dl?.querySelectorAll('dt') ?? []) out[text(dt)] = text(dt.nextElementSibling);
    return out;
  }
  get actionTitles(): string[] {
    return [...this.root.querySelectorAll('form.action h3')].map((h) => text(h));
  }
  form(action: string): HTMLFormElement {
    return this.$<HTMLFormElement>(`form[aria-labelledby="${action}-title"]`)!;
  }
  set(id: string, value: string): void {
    const field = this.$<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(`#${id}`)!;
    field.value = value;
    field.dispatchEvent(
      new Event(field instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }),
    );
  }
  submit(action: string): void {
    this.form(action).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
  }
  error(action: string): string {
    return text(this.$(`#${action}-error`));
  }
  notice(action: string): string {
    return text(this.form(action).querySelector('.notice--success'));
  }
  get preview(): string {
    return text(this.$('.preview'));
  }
}
