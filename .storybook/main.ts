// Storybook 10 for the widgets: every widget and state, controls from the custom-elements
// manifest, language and theme toolbars, the accessibility addon, and story tests (addon-vitest).
import type { StorybookConfig } from '@storybook/web-components-vite';
import { defaultClientConditions } from 'vite';

/** What the widgets, the SDK and the stories import from node_modules (kept in step by hand). */
const browserDependencies = [
  'lit',
  'lit/decorators.js',
  'lit/directives/guard.js',
  'lit/directives/if-defined.js',
  'lit/directives/live.js',
  '@lit/task',
  'zod/mini',
  'idb-keyval',
  'ical.js',
];

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-vitest'],
  core: { disableTelemetry: true },
  async viteFinal(viteConfig) {
    viteConfig.resolve ??= {};
    // Workspace packages resolve to their TypeScript sources, as in every other tool here.
    viteConfig.resolve.conditions = ['source', ...defaultClientConditions];
    // Pre-bundle every dependency the widgets and stories import. Vite's scan does not follow the
    // 'source' condition into the workspace, so a dependency first met while story tests run (lit's
    // guard directive, once) made Vite re-optimize and reload mid-run: every test of that file then
    // failed with "Failed to fetch dynamically imported module".
    viteConfig.optimizeDeps ??= {};
    viteConfig.optimizeDeps.include = [...(viteConfig.optimizeDeps.include ?? []), ...browserDependencies];
    return viteConfig;
  },
};

export default config;
