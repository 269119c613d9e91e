/** A page object of `<prox-staff-services>`: what a person sees and does, for the browser tests. */
import type { StaffServices } from '../services/staff-services.js';
import { text } from './client.js';

export class ServicesPageObject {
  constructor(readonly el: StaffServices) {}

  get root(): ShadowRoot {
    return this.el.shadowRoot!;
  }
  $<T extends Element = HTMLElement>(selector: string): T | null {
    return this.root.querySelector<T>(selector);
  }
  get heading(): string {
    return text(this.$('h1'));
  }
  /** `loading`, `error`, `empty` or `list`. */
  get state(): 'loading' | 'error' | 'empty' | 'list' | 'none' {
    if (this.$('[aria-busy="true"]')) return 'loading';
    if (this.$('.state--error')) return 'error';
    if (this.$('#services-caption')) return 'list';
    if (this.$('.state')) return 'empty';
    return 'none';
  }
  /** The services' rows as text. */
  get services(): string[][] {
    const table = this.$('#services-caption')?.closest('table');
    return [...(table?.querySelectorAll('tbody tr') ?? [])].map((tr) =>
      [...tr.querySelectorAll('th, td')].map((c) => text(c)),
    );
  }
  edit(id: string): void {
    this.$<HTMLButtonElement>(`button[data-edit="${id}"]`)!.click();
  }
  add(): void {
    this.$<HTMLButtonElement>('button.add')!.click();
  }
  get editorTitle(): string {
    return text(this.$('#editor-title'));
  }
  type(id: string, value: string): void {
    const field = this.$<HTMLInputElement>(`#${id}`)!;
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }
  choose(id: string, value: string): void {
    const field = this.$<HTMLSelectElement>(`#${id}`)!;
    field.value = value;
    field.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }
  method(value: string): void {
    this.$<HTMLInputElement>(`input[name="method"][value="${value}"]`)!.click();
  }
  check(label: string): void {
    const box = [...this.root.querySelectorAll('.editor label')]
      .find((l) => text(l) === label)!
      .querySelector<HTMLInputElement>('input')!;
    box.click();
  }
  save(): void {
    this.$<HTMLButtonElement>('.editor button[type="submit"]')!.click();
  }
  get errors(): string[] {
    return [...this.root.querySelectorAll('.errors li')].map((li) => text(li));
  }
  get notice(): string {
    return text(this.$('.base > .notice[role="status"]'));
  }
  get rules(): string[][] {
    return [...this.root.querySelectorAll('#routing-caption ~ tbody tr')].map((tr) =>
      [...tr.querySelectorAll('select')].map((s) => (s as HTMLSelectElement).value),
    );
  }
  addRule(): void {
    this.$<HTMLButtonElement>('button.add-rule')!.click();
  }
  saveRules(): void {
    this.$<HTMLButtonElement>('#routing-title ~ form button[type="submit"]')!.click();
  }
  get rulesNotice(): string {
    return text(this.$('#routing-title ~ form .notice'));
  }
}
