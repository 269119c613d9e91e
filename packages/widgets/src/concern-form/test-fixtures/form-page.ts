/**
 * A page object for <prox-concern-form> tests (as Lion's calendar tests have one): what a resident
 * sees and does — the current step, buttons by their text, typing, choosing, the live region —
 * so that tests read as a resident's journey and survive changes to the markup.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ConcernForm } from '../concern-form.js';

export class ConcernFormPage {
  constructor(readonly el: ConcernForm) {}

  get root(): ShadowRoot {
    return this.el.shadowRoot!;
  }

  $<E extends Element = HTMLElement>(selector: string): E | null {
    return this.root.querySelector<E>(selector);
  }

  $$(selector: string): HTMLElement[] {
    return [...this.root.querySelectorAll<HTMLElement>(selector)];
  }

  /** Everything the widget shows, whitespace collapsed. */
  text(): string {
    return this.root.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  }

  /** The focused element inside the widget. */
  active(): HTMLElement | null {
    return this.root.activeElement as HTMLElement | null;
  }

  /** What the polite live region says. */
  status(): string {
    return this.$('[role="status"]')!.textContent!.trim();
  }

  /** « Étape 2 sur 6 : Description ». */
  stepTitle(): string {
    return this.$('#step-title')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  }

  /** The button with this text (exact, or matching). */
  button(label: string | RegExp): HTMLButtonElement {
    const found = this.$$('button').find((b) =>
      typeof label === 'string' ? b.textContent!.trim() === label : label.test(b.textContent!.trim()),
    );
    if (!found) throw new Error(`no button ${label}`);
    return found as HTMLButtonElement;
  }

  /** Waits until `selector` is in the widget. */
  async waitFor(selector: string, what = selector, timeout = 5000): Promise<HTMLElement> {
    await waitUntil(() => this.$(selector), what, { timeout });
    return this.$(selector)!;
  }

  /** Waits for the form's first step. */
  ready(): Promise<HTMLElement> {
    return this.waitFor('#step-title', 'form rendered');
  }

  /** Waits for the status view (a module loaded when first shown). */
  statusReady(): Promise<HTMLElement> {
    return this.waitFor('#f-reference', 'status view rendered');
  }

  /** « Continuer » (« Revenir à la vérification » after « Modifier », « Envoyer le signalement » on the review). */
  async next(): Promise<void> {
    this.button(
      /^(Continuer|Continue|Revenir à la vérification|Back to the check|Envoyer le signalement|Send the report)$/,
    ).click();
    await this.el.updateComplete;
  }

  /** « Retour ». */
  async previous(): Promise<void> {
    this.button(/^(Retour|Back)$/).click();
    await this.el.updateComplete;
  }

  /** Clicks a radio, checkbox or other input. */
  async pick(selector: string): Promise<void> {
    this.$<HTMLInputElement>(selector)!.click();
    await this.el.updateComplete;
  }

  /** Types `value` into a field (as one input event). */
  async type(selector: string, value: string): Promise<void> {
    const input = this.$<HTMLInputElement | HTMLTextAreaElement>(selector)!;
    input.value = value;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await this.el.updateComplete;
  }

  /** Fills the steps of the `autre` category up to the review (no details but the danger question). */
  async fillUpToReview(description = 'Des tags sur la porte de l’école.'): Promise<void> {
    await this.pick('input[value="autre"]');
    await this.next();
    await this.type('#f-description', description);
    await this.next();
    await this.type('#f-address', 'Place du Don');
    await this.next();
    await this.pick('input[name="f-attr-danger-immediat"][value="non"]');
    await this.next();
    await this.next();
    expect(this.stepTitle()).to.include('Vérification');
  }

  /** The receipt with its copy and print buttons (they come with the status view's module). */
  receiptReady(): Promise<HTMLElement> {
    return this.waitFor('.receipt .receipt-actions', 'the receipt and its buttons');
  }

  /** Looks a report up in the status view. */
  async lookUp(reference: string, token: string): Promise<void> {
    await this.statusReady();
    await this.type('#f-reference', reference);
    await this.type('#f-token', token);
    this.button(/^(Voir le suivi|Show the status)$/).click();
    await this.el.updateComplete;
  }

  /** Presses Tab until the focused element in the form matches (the test chooses how many presses). */
  async tabTo(match: (e: HTMLElement) => boolean, what: string): Promise<HTMLElement> {
    for (let i = 0; i < 40; i += 1) {
      await sendKeys({ press: 'Tab' });
      const focused = this.active();
      if (focused && match(focused)) return focused;
    }
    throw new Error(`could not Tab to ${what}`);
  }

  /** Every interactive target of the current view is at least 24 × 24 CSS px (WCAG 2.5.8). */
  expectTargets(): void {
    const targets = this.$$(
      'button, .choice, input:not([type="radio"]):not([type="checkbox"]):not(#f-honeypot), select, textarea, .numbers a',
    );
    expect(targets.length).to.be.greaterThan(0);
    for (const target of targets) {
      const box = target.getBoundingClientRect();
      expect(box.height, `${target.outerHTML.slice(0, 80)} height`).to.be.at.least(24);
      expect(box.width, `${target.outerHTML.slice(0, 80)} width`).to.be.at.least(24);
    }
  }
}
