/** A page object of `<prox-staff-field>` (café mode): what an agent sees and does, for the browser tests. */
import type { StaffField } from '../field/staff-field.js';
import { text } from './client.js';

export class FieldPageObject {
  constructor(readonly el: StaffField) {}

  get root(): ShadowRoot {
    return this.el.shadowRoot!;
  }
  $<T extends Element = HTMLElement>(selector: string): T | null {
    return this.root.querySelector<T>(selector);
  }

  /** `loading`, `error`, `empty` (no café today) or `form`. */
  get state(): 'loading' | 'error' | 'empty' | 'form' | 'none' {
    if (this.$('[aria-busy="true"]')) return 'loading';
    if (this.$('.state--error')) return 'error';
    if (this.$('form')) return 'form';
    if (this.$('.state')) return 'empty';
    return 'none';
  }
  get stateText(): string {
    return text(this.$('.state'));
  }
  get network(): string {
    return text(this.$('.network'));
  }
  /** The cafés offered, as their labels read. */
  get cafes(): string[] {
    return [...this.root.querySelectorAll('.choice')].map((l) => text(l));
  }
  /** The categories the form offers, as their labels read (the first is « choose »). */
  get categories(): string[] {
    return [...this.root.querySelectorAll('#category option')].slice(1).map((o) => text(o));
  }
  get chosenCafe(): string {
    return text(this.$('.choice:has(input:checked)'));
  }
  chooseCafe(index: number): void {
    this.root.querySelectorAll<HTMLInputElement>('.choice input')[index]?.click();
  }
  /** Fills the form's fields by their names (checkboxes with `true`/`false`). */
  fill(fields: Record<string, string | boolean>): void {
    for (const [name, value] of Object.entries(fields)) {
      const input = this.$<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(`[name="${name}"]`);
      if (!input) throw new Error(`no field ${name}`);
      if (typeof value === 'boolean') (input as HTMLInputElement).checked = value;
      else input.value = value;
    }
  }
  save(): void {
    this.$<HTMLButtonElement>('button[type="submit"]')!.click();
  }
  get errors(): string[] {
    return [...this.root.querySelectorAll('.errors li')].map((li) => text(li));
  }
  get invalid(): string[] {
    return [...this.root.querySelectorAll('[aria-invalid="true"]')].map((e) => e.id);
  }
  /** Each note of the list: its state badge and its text. */
  get notes(): { state: string; text: string }[] {
    return [...this.root.querySelectorAll('.note')].map((li) => ({
      state: li.getAttribute('data-state') ?? '',
      text: text(li),
    }));
  }
  get pendingCount(): string {
    return text(this.$('.pending-count'));
  }
  get labels(): string[] {
    return [...this.root.querySelectorAll('label, legend')].map((l) => text(l));
  }
}
