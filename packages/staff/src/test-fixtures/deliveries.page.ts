/** A page object of `<prox-staff-deliveries>`: what a person sees and does, for the browser tests. */
import type { StaffDeliveries } from '../deliveries/staff-deliveries.js';
import { text } from './client.js';

export class DeliveriesPageObject {
  constructor(readonly el: StaffDeliveries) {}

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
    return [...this.root.querySelectorAll('thead th')].map((th) => text(th));
  }
  /** Each row's cells as text. */
  get rows(): string[][] {
    return [...this.root.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('th, td')].map((c) => text(c)),
    );
  }
  /** The « Réessayer » / « Retry » buttons, in row order. */
  get retryButtons(): HTMLButtonElement[] {
    return [...this.root.querySelectorAll<HTMLButtonElement>('tbody button')];
  }
  retry(index = 0): void {
    this.retryButtons[index]!.click();
  }
  get outcome(): string {
    return text(this.$('.notice[role="status"]'));
  }
  filter(values: Record<string, string>): void {
    for (const [id, value] of Object.entries(values))
      this.$<HTMLInputElement | HTMLSelectElement>(`.filters #${id}`)!.value = value;
    this.$<HTMLButtonElement>('.filters button[type="submit"]')!.click();
  }
  link(label: string): HTMLAnchorElement | undefined {
    return [...this.root.querySelectorAll<HTMLAnchorElement>('a')].find((a) => text(a) === label);
  }
}
