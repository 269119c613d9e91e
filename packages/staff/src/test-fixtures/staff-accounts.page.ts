/** A page object of `<prox-staff-accounts>`: what a person sees and does, for the browser tests. */
import type { StaffAccounts } from '../staff/staff-accounts.js';
import { text } from './client.js';

export class StaffAccountsPageObject {
  constructor(readonly el: StaffAccounts) {}

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
      [...tr.querySelectorAll('th, td')].map((c) => text(c)),
    );
  }
  /** The actions offered on an account's row (their visible labels). */
  actions(name: string): string[] {
    const row = [...this.root.querySelectorAll('tbody tr')].find((tr) =>
      text(tr.querySelector('th')).startsWith(name),
    );
    return [...(row?.querySelectorAll('button') ?? [])].map((b) => text(b));
  }
  act(name: string, action: string): void {
    const row = [...this.root.querySelectorAll('tbody tr')].find((tr) =>
      text(tr.querySelector('th')).startsWith(name),
    )!;
    row.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`)!.click();
  }
  invite(): void {
    this.$<HTMLButtonElement>('button.invite')!.click();
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
  checkService(label: string): void {
    [...this.root.querySelectorAll('.editor .checks label')]
      .find((l) => text(l) === label)!
      .querySelector<HTMLInputElement>('input')!
      .click();
  }
  submit(): void {
    this.$<HTMLButtonElement>('.editor button[type="submit"]')!.click();
  }
  get errors(): string[] {
    return [...this.root.querySelectorAll('.errors li')].map((li) => text(li));
  }
  get notice(): string {
    return text(this.$('.base > .notice[role="status"]'));
  }
}
