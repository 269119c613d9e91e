/** A page object of `<prox-staff-figures>`: what a person sees and does, for the browser tests. */
import type { StaffFigures } from '../figures/staff-figures.js';
import { text } from './client.js';

export class FiguresPageObject {
  constructor(readonly el: StaffFigures) {}

  get root(): ShadowRoot {
    return this.el.shadowRoot!;
  }
  $<T extends Element = HTMLElement>(selector: string): T | null {
    return this.root.querySelector<T>(selector);
  }
  get heading(): string {
    return text(this.$('h1'));
  }
  /** `loading`, `error` or `form`. */
  get state(): 'loading' | 'error' | 'form' | 'none' {
    if (this.$('[aria-busy="true"]')) return 'loading';
    if (this.$('.state--error')) return 'error';
    if (this.$('form.figures')) return 'form';
    return 'none';
  }
  /** The input of a metric's figure (`pm-calls`…). */
  value(metric: string): HTMLInputElement {
    return this.$<HTMLInputElement>(`#value-${metric}`)!;
  }
  unit(metric: string): HTMLInputElement {
    return this.$<HTMLInputElement>(`#unit-${metric}`)!;
  }
  suppressed(metric: string): HTMLInputElement {
    return this.value(metric).closest('tr')!.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
  }
  /** Types into a field by id, as a person would (an input event). */
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
  openPeriod(): void {
    this.button('Reprendre cette période')!.click();
  }
  publish(): void {
    this.$<HTMLButtonElement>('form.figures button[type="submit"]')!.click();
  }
  button(label: string): HTMLButtonElement | undefined {
    return [...this.root.querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === label);
  }
  get errors(): string[] {
    return [...this.root.querySelectorAll('.errors li')].map((li) => text(li));
  }
  get outcome(): string {
    return text(this.$('.notice[role="status"]'));
  }
  /** The preview's counters as « period: name value unit » lines. */
  get preview(): string[] {
    const out: string[] = [];
    for (const h4 of this.root.querySelectorAll('.activity h4')) {
      const dl = h4.nextElementSibling!;
      for (const div of dl.querySelectorAll('div'))
        out.push(`${text(h4)} | ${text(div.querySelector('dt'))} | ${text(div.querySelector('dd'))}`);
    }
    return out;
  }
  get previewText(): string {
    return text(this.$('#preview-title')?.closest('section'));
  }
}
