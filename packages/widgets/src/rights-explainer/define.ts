import { defineElement } from '../kit/define.js';
import { RightsExplainer } from './rights-explainer.js';

defineElement('prox-rights-explainer', RightsExplainer);

declare global {
  interface HTMLElementTagNameMap {
    'prox-rights-explainer': RightsExplainer;
  }
}
