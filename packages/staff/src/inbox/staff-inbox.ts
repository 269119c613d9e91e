import { html } from 'lit';
import { StaffSection } from '../shared/section.js';

/** The concern inbox (placeholder while it is built). */
export class StaffInbox extends StaffSection {
  override render() {
    return html`<div class="base"><h1 tabindex="-1">Signalements</h1></div>`;
  }
}
