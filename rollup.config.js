// Browser bundles of the widgets (DESIGN.md: per widget, all-in-one, CDN file).
//
// bundles/cdn/         one file per widget and one all-in-one (`proximite.js`) sharing chunks, for a CDN
//                      or self-hosting; versioned names (`proximite-0.1.0.js`) plus an SRI manifest
//                      written by scripts/build.mjs.
// bundles/standalone/  each entry as one self-contained file (Lit and the SDK inlined): what a page
//                      that embeds a single widget downloads, and what the size budgets measure.
//
// Lit's production build is selected by the default export conditions; workspace packages resolve
// to their TypeScript sources through the "source" condition.
import { existsSync, readFileSync } from 'node:fs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { minifyTemplateLiterals } from 'rollup-plugin-minify-template-literals';

const version = JSON.parse(readFileSync('packages/widgets/package.json', 'utf8')).version;
const widgets = 'packages/widgets/src';

/** Every entry that exists on disk: the kit, each widget's define file, the all-in-one. */
const candidates = {
  kit: `${widgets}/kit/index.ts`,
  'prox-cafe-calendar': `${widgets}/cafe-calendar/define.ts`,
  'prox-concern-form': `${widgets}/concern-form/define.ts`,
  'prox-rights-explainer': `${widgets}/rights-explainer/define.ts`,
  'prox-activity-stats': `${widgets}/activity-stats/define.ts`,
  proximite: `${widgets}/define-all.ts`,
  sdk: 'packages/sdk/src/index.ts',
};
const entries = Object.fromEntries(Object.entries(candidates).filter(([, file]) => existsSync(file)));

const plugins = () => [
  nodeResolve({
    exportConditions: ['source', 'browser', 'import', 'default'],
    extensions: ['.ts', '.js', '.mjs'],
  }),
  esbuild({ target: 'es2022', tsconfig: 'tsconfig.base.json', minify: false }),
  // Lit's html`` and css`` literals carry indentation; minifying them is Lit's production advice.
  minifyTemplateLiterals(),
  terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } }),
];

const onwarn = (warning, warn) => {
  if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.some((id) => id.includes('node_modules')))
    return;
  warn(warning);
};

const cdnEntries = Object.fromEntries(
  Object.entries(entries).filter(([name]) => name !== 'kit' && name !== 'sdk'),
);

export default [
  ...(Object.keys(cdnEntries).length
    ? [
        {
          input: cdnEntries,
          plugins: plugins(),
          onwarn,
          output: {
            dir: 'bundles/cdn',
            format: 'es',
            entryFileNames: `[name]-${version}.js`,
            chunkFileNames: `chunks/[name]-[hash].js`,
            sourcemap: true,
          },
        },
      ]
    : []),
  ...Object.entries(entries).map(([name, input]) => ({
    input,
    plugins: plugins(),
    onwarn,
    output: { file: `bundles/standalone/${name}.js`, format: 'es', inlineDynamicImports: true },
  })),
];
