/** A page object of `<prox-staff-link>`: what a person opening an invitation sees and does. */
import type { StaffLink } from '../link/staff-link.js';
import { text } from './client.js';

export class LinkPageObject {
  constructor(readonly el: StaffLink) {}

  get root(): ShadowRoot {
    return this.el.shadowRoot!;
  }
  $<T extends Element = HTMLElement>(selector: string): T | null {
    return this.root.querySelector<T>(selector);
  }
  get heading(): string {
    return text(this.$('h1'));
  }
  get state(): 'checking' | 'error' | 'form' | 'done' | 'invalid' | 'none' {
    if (this.$('[aria-busy="true"].state')) return 'checking';
    if (this.$('.state--error')) return 'error';
    if (this.$('#new-password')) return 'form';
    if (this.$('.notice--success')) return 'done';
    if (this.$('h1')) return 'invalid';
    return 'none';
  }
  get facts(): string {
    return text(this.$('.facts'));
  }
  choose(password: string, confirm = password): void {
    this.$<HTMLInputElement>('#new-password')!.value = password;
    this.$<HTMLInputElement>('#confirm-password')!.value = confirm;
    this.$<HTMLButtonElement>('form button[type="submit"]')!.click();
  }
  get errors(): string {
    return text(this.$('.errors'));
  }
  get text(): string {
    return text(this.$('.base'));
  }
  signIn(): void {
    this.$<HTMLButtonElement>('.actions button')!.click();
  }
}
