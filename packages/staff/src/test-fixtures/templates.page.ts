/** A page object of `<prox-staff-templates>`: what a person sees and does, for the browser tests. */
import type { StaffTemplates } from '../templates/staff-templates.js';
import { text } from './client.js';

export class TemplatesPageObject {
  constructor(readonly el: StaffTemplates) {}

  get root(): ShadowRoot {
    return this.el.shadowRoot!;
  }
  $<T extends Element = HTMLElement>(selector: string): T | null {
    return this.root.querySelector<T>(selector);
  }
  get heading(): string {
    return text(this.$('h1'));
  }
  get state(): 'loading' | 'error' | 'empty' | 'list' | 'none' {
    if (this.$('[aria-busy="true"]')) return 'loading';
    if (this.$('.state--error')) return 'error';
    if (this.$('table')) return 'list';
    if (this.$('.state')) return 'empty';
    return 'none';
  }
  get rows(): string[][] {
    return [...this.root.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('th, td')].slice(0, 3).map((c) => text(c)),
    );
  }
  edit(id: string): void {
    this.$<HTMLButtonElement>(`button[data-edit="${id}"]`)!.click();
  }
  remove(id: string): void {
    this.$<HTMLButtonElement>(`button[data-remove="${id}"]`)!.click();
  }
  add(): void {
    this.$<HTMLButtonElement>('button.add')!.click();
  }
  get editorTitle(): string {
    return text(this.$('#editor-title'));
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
  save(): void {
    this.$<HTMLButtonElement>('.editor button[type="submit"]')!.click();
  }
  previewOn(reference: string): void {
    this.$<HTMLInputElement>('#preview-ref')!.value = reference;
    [...this.root.querySelectorAll<HTMLButtonElement>('.preview button')][0]!.click();
  }
  get previewText(): string {
    return text(this.$('.preview [role="status"]'));
  }
  get notice(): string {
    return text(this.$('.base > .notice[role="status"]'));
  }
  get errors(): string[] {
    return [...this.root.querySelectorAll('.errors li')].map((li) => text(li));
  }
}
