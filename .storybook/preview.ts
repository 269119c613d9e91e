import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import manifest from '../packages/widgets/custom-elements.json';

// Controls and docs come from the custom-elements manifest (npm run manifest).
setCustomElementsManifest(manifest);

let currentTheme = 'auto';
function applyTheme(root: ParentNode) {
  for (const el of root.querySelectorAll('*')) {
    if (el.localName.startsWith('prox-') && !el.hasAttribute('data-story-theme'))
      el.setAttribute('theme', currentTheme);
  }
}
// Widgets rendered after the decorator ran (every story) get the toolbar's theme too.
new MutationObserver(() => applyTheme(document)).observe(document.documentElement, {
  childList: true,
  subtree: true,
});

const preview: Preview = {
  globalTypes: {
    lang: {
      description: 'Langue / Language',
      toolbar: {
        title: 'Langue',
        icon: 'globe',
        items: [
          { value: 'fr', title: 'Français' },
          { value: 'en', title: 'English' },
        ],
        dynamicTitle: true,
      },
    },
    theme: {
      description: 'Thème / Theme',
      toolbar: {
        title: 'Thème',
        icon: 'contrast',
        items: [
          { value: 'auto', title: 'Auto' },
          { value: 'light', title: 'Clair / Light' },
          { value: 'dark', title: 'Sombre / Dark' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { lang: 'fr', theme: 'auto' },
  decorators: [
    (story, context) => {
      // The widgets read `lang` from the nearest ancestor, so the toolbar sets it on <html>; a
      // story's own `lang` attribute still wins. The theme toolbar sets each widget's `theme`.
      document.documentElement.lang = context.globals.lang ?? 'fr';
      currentTheme = context.globals.theme ?? 'auto';
      applyTheme(document);
      return story();
    },
  ],
  parameters: {
    a11y: { test: 'error' },
    controls: { expanded: true },
  },
};

export default preview;
