/** A page object of `<prox-staff-content>`: what a person sees and does, for the browser tests. */
import type { StaffContent } from '../content/staff-content.js';
import { text } from './client.js';

export class ContentPageObject {
  constructor(readonly el: StaffContent) {}

  get root(): ShadowRoot {
    return this.el.shadowRoot!;
  }
  $<T extends Element = HTMLElement>(selector: string): T | null {
    return this.root.querySelector<T>(selector);
  }
  get heading(): string {
    return text(this.$('h1'));
  }
  get state(): 'loading' | 'error' | 'form' | 'none' {
    if (this.$('[aria-busy="true"]')) return 'loading';
    if (this.$('.state--error')) return 'error';
    if (this.$('form')) return 'form';
    return 'none';
  }
  get contacts(): string[] {
    return [...this.root.querySelectorAll('fieldset.contact legend')].map((l) => text(l));
  }
  type(id: string, value: string): void {
    const field = this.$<HTMLInputElement | HTMLTextAreaElement>(`#${id}`)!;
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }
  choose(id: string, value: string): void {
    const field = this.$<HTMLSelectElement>(`#${id}`)!;
    field.value = value;
    field.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }
  addContact(): void {
    this.$<HTMLButtonElement>('button.add-contact')!.click();
  }
  save(): void {
    this.$<HTMLButtonElement>('form button[type="submit"]')!.click();
  }
  get errors(): string[] {
    return [...this.root.querySelectorAll('.errors li')].map((li) => text(li));
  }
  get notice(): string {
    return text(this.$('.notice[role="status"]'));
  }
  get retention(): string {
    return text(this.$('.retention'));
  }
}
