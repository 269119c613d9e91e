import { afterNextFrame } from '../kit/frame.js';
import type { FormLocalize } from './form-context.js';

/** An element of a sample: its tag, its class, then its text or its children. */
function part(tag: string, className: string, ...content: (string | Node)[]): HTMLElement {
  const element = document.createElement(tag);
  element.className = className;
  element.append(...content);
  return element;
}

/**
 * The first step's fonts looked up ahead of it, while the categories are on their way (issue 21):
 * its progress title (1.25em semibold), its legends (1.25em and 1em bold) and its hints (0.9375em)
 * use sizes and weights nothing before it on the page uses, and in a trace at 4× CPU throttling
 * finding them (FontCache::GetFontPlatformData: the family and style matched, each size's render
 * style) was 5 to 35 ms of the 30 to 55 ms layout of the categories' frame. Samples of those
 * elements, with the step's own classes so that the same rules apply, hidden from everyone
 * (`visibility: hidden`, `aria-hidden`, out of flow), are laid out in `root`'s `.base`, two fonts
 * per frame (all four in one frame made that frame as long), and removed; the step then finds
 * them known.
 */
export async function sampleFonts(root: ParentNode, localize: FormLocalize): Promise<void> {
  const base = root.querySelector('.base');
  const t = (key: 'step_category' | 'categoryLegend' | 'otherGroup') => localize.t(key);
  for (const content of [
    [
      part('h3', 'progress', t('step_category')),
      part('fieldset', '', part('legend', 'step-legend', t('categoryLegend'))),
    ],
    [part('fieldset', 'group', part('legend', '', t('otherGroup')), part('span', 'hint', t('otherGroup')))],
  ]) {
    if (!base) return;
    const sample = part('div', 'font-sample', ...content);
    sample.ariaHidden = 'true';
    base.append(sample);
    await afterNextFrame();
    sample.remove();
  }
}
