/** A page object of `<prox-staff-audit>`: what a person sees and does, for the browser tests. */
import type { StaffAudit } from '../audit/staff-audit.js';
import { text } from './client.js';

export class AuditPageObject {
  constructor(readonly el: StaffAudit) {}

  get root(): ShadowRoot {
    return this.el.shadowRoot!;
  }
  $<T extends Element = HTMLElement>(selector: string): T | null {
    return this.root.querySelector<T>(selector);
  }
  get heading(): string {
    return text(this.$('h1'));
  }
  /** `loading`, `error`, `empty` or `list` (of the log, not of the verification). */
  get state(): 'loading' | 'error' | 'empty' | 'list' | 'none' {
    if (this.$('.state[aria-busy="true"], .table-wrap[aria-busy="true"]')) return 'loading';
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
  get rows(): string[][] {
    return [...this.root.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('th, td')].map((c) => text(c)),
    );
  }
  get verifyButton(): HTMLButtonElement {
    return [...this.root.querySelectorAll<HTMLButtonElement>('.verify button')][0]!;
  }
  verify(): void {
    this.verifyButton.click();
  }
  /** The verification's result as said on the page (empty while none). */
  get verdict(): string {
    return text(this.$('.verdict'));
  }
  get verdictRole(): string | null {
    return this.$('.verdict')?.getAttribute('role') ?? null;
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
