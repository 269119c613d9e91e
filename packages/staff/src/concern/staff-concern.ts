import { html } from 'lit';
import { StaffSection } from '../shared/section.js';

/** One concern (placeholder while it is built). */
export class StaffConcern extends StaffSection {
  override render() {
    return html`<div class="base"><h1 tabindex="-1">Signalement ${this.route?.id ?? ''}</h1></div>`;
  }
}
