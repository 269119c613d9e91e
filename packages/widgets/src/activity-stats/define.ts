import { defineElement } from '../kit/define.js';
import { ActivityStats } from './activity-stats.js';

defineElement('prox-activity-stats', ActivityStats);

declare global {
  interface HTMLElementTagNameMap {
    'prox-activity-stats': ActivityStats;
  }
}
