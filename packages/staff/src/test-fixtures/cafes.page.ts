/** A page object of `<prox-staff-cafes>`: what a person sees and does, for the browser tests. */
import type { StaffCafes } from '../cafes/staff-cafes.js';
import { text } from './client.js';

export class CafesPageObject {
  constructor(readonly el: StaffCafes) {}

  get root(): ShadowRoot {
    return this.el.shadowRoot!;
  }
  $<T extends Element = HTMLElement>(selector: string): T | null {
    return this.root.querySelector<T>(selector);
  }
  get heading(): string {
    return text(this.$('h1'));
  }
  /** `loading`, `error`, `empty`, `list` or `form` (a view with a form). */
  get state(): 'loading' | 'error' | 'empty' | 'list' | 'form' | 'none' {
    if (this.$('[aria-busy="true"]')) return 'loading';
    if (this.$('.state--error')) return 'error';
    if (this.$('table')) return 'list';
    if (this.$('.state')) return 'empty';
    if (this.$('form')) return 'form';
    return 'none';
  }
  get stateText(): string {
    return text(this.$('.state'));
  }
  get caption(): string {
    return text(this.$('caption'));
  }
  /** Each row's cells as text. */
  get rows(): string[][] {
    return [...this.root.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('th, td')].map((c) => text(c)),
    );
  }
  /** A link by its accessible name (`aria-label`, else its text). */
  link(name: string): HTMLAnchorElement | undefined {
    return [...this.root.querySelectorAll<HTMLAnchorElement>('a')].find(
      (a) => (a.getAttribute('aria-label') ?? text(a)) === name,
    );
  }
  field<T extends HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement = HTMLInputElement>(
    id: string,
  ): T {
    return this.$<T>(`#${id}`)!;
  }
  /** Sets fields as a person would (an input event each, so the preview follows). */
  fill(values: Record<string, string>): void {
    for (const [id, value] of Object.entries(values)) {
      const f = this.field(id);
      f.value = value;
      f.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    }
  }
  /** The repeat radios' labels. */
  get repeatLabels(): string[] {
    return [...this.root.querySelectorAll('input[name="repeat"]')].map((r) => text(r.closest('label')));
  }
  choose(name: string, value: string): void {
    const radio = this.$<HTMLInputElement>(`input[name="${name}"][value="${value}"]`)!;
    radio.click();
  }
  submit(): void {
    this.$<HTMLButtonElement>('form button[type="submit"]')!.click();
  }
  get preview(): string {
    return text(this.$('.cafe-card'));
  }
  get errors(): string[] {
    return [...this.root.querySelectorAll('.errors li')].map((li) => text(li));
  }
  /** « Report published on … » when the report form opens on a stored report. */
  get published(): string {
    return text(this.$('.report-published'));
  }
  /** The published report's topics: each one's text and its link (« Créer une priorité » or « Voir la priorité »). */
  get reportTopics(): { text: string; link: string; label: string; href: string }[] {
    return [...this.root.querySelectorAll('.report-topics li')].map((li) => {
      const a = li.querySelector('a')!;
      return {
        text: text(li.querySelector('span')),
        link: text(a),
        label: a.getAttribute('aria-label') ?? '',
        href: a.getAttribute('href') ?? '',
      };
    });
  }
  /** A button by its text. */
  button(name: string): HTMLButtonElement | undefined {
    return [...this.root.querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === name);
  }
  get outcome(): string {
    return text(this.$('.notice[role="status"]'));
  }
}
