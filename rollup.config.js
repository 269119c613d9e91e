// Browser bundles of the widgets (DESIGN.md: per widget, all-in-one, CDN file).
//
// bundles/cdn/         one file per widget and one all-in-one (`proximite.js`) sharing chunks, for a CDN
//                      or self-hosting; versioned names (`proximite-0.1.0.js`) plus an SRI manifest
//                      written by scripts/build.mjs.
//                      Lit, the kit, the SDK and the contract form one `shared` chunk, so a widget's
//                      own file is exactly its cost beyond that chunk (the per-widget budgets).
// bundles/standalone/  each entry in a folder of its own: one self-contained file (Lit and the SDK
//                      inlined) that a page embedding a single widget downloads in one request, plus
//                      lazy chunks for what is loaded only when used (adapters, the iCalendar parser).
//                      A module an entry shares with a lazy chunk stays in the entry, whole: so what
//                      an adapter needs should live in modules of its own (see the SDK's adapters).
//
// Lit's production build is selected by the default export conditions; workspace packages resolve
// to their TypeScript sources through the "source" condition.
import { createHash } from 'node:crypto';
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
  'prox-priorities': `${widgets}/priorities/define.ts`,
  proximite: `${widgets}/define-all.ts`,
  // For a browser console on a site embedding the widgets: `(await import('<api>/bundles/cdn/
  // proximite-doctor.js')).doctor('<api>')` says what works from that site (docs/embedding.md).
  'proximite-doctor': 'packages/sdk/src/doctor.ts',
  sdk: 'packages/sdk/src/core.ts',
  'sdk-full': 'packages/sdk/src/index.ts',
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

/**
 * Standalone builds whose files start with V8's compile hint `//# allFunctionsCalledOnLoad`
 * (explicit compile hints, Chromium 136+, https://v8.dev/blog/explicit-compile-hints; elsewhere a
 * comment). V8 then compiles every function of the file with it, on a background thread while it
 * streams, instead of each one on the main thread when first called, inside the tasks of the first
 * render (issue 21). `every file`: the calendar, whose files run nearly all their functions as soon
 * as they load (the entry while it first renders, each lazy chunk when its view or the SDK is
 * used), and the rights explainer (its SDK chunk builds the rights' schemas and validates the
 * content as it arrives, its search chunk stems the whole content); `entry`: the stats and the
 * form, whose first render runs the entry's functions (Lit, the kit, the widget), and whose lazy
 * chunks stay within their budgets without it.
 */
const compileHints = {
  'prox-cafe-calendar': 'every file',
  'prox-activity-stats': 'entry',
  'prox-concern-form': 'entry',
  'prox-rights-explainer': 'every file',
};
/** Puts the compile hint first in the files `where` says (after terser, which drops comments). */
const compileHint = (where) => ({
  name: 'proximite-compile-hint',
  renderChunk: (code, chunk) =>
    where === 'entry' && !chunk.isEntry ? null : { code: `//# allFunctionsCalledOnLoad\n${code}`, map: null },
});

/** Modules every widget needs: one shared chunk in the CDN build. */
function sharedChunk(id) {
  const path = id.replaceAll('\\', '/');
  if (/\/node_modules\/(lit|lit-html|lit-element|@lit|zod|ky)\//.test(path)) return 'shared';
  if (/\/packages\/(contract\/src|widgets\/src\/kit)\//.test(path)) return 'shared';
  if (/\/packages\/sdk\/src\//.test(path) && !/\/adapters\/|\/doctor\.ts$/.test(path)) return 'shared';
  return undefined;
}

const onwarn = (warning, warn) => {
  if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.some((id) => id.includes('node_modules')))
    return;
  warn(warning);
};

/**
 * The staff console: a build of its own, so no module of it (nor the SDK's admin client) can land in
 * a chunk the public widgets share. One entry file (Lit and the SDK inlined) and its lazily loaded
 * sections under bundles/cdn/staff/, named after their folder (`inbox-<hash>.js`). scripts/build.mjs
 * then checks that no public file carries staff code.
 */
const staffEntry = 'packages/staff/src/define.ts';
const staffVersion = existsSync('packages/staff/package.json')
  ? JSON.parse(readFileSync('packages/staff/package.json', 'utf8')).version
  : version;

/**
 * The console's core (Lit, the kit, the SDK and its admin client, the contract, the shell and the
 * sign-in) in one chunk, `staff/console-<hash>.js`, that the entry file and every lazy section import:
 * so the versioned entry (`prox-staff-console-0.1.0.js`) and its unversioned alias, which the
 * /staff/ page loads, share one copy of every module (two copies of Lit would each register the
 * `lit-html` Trusted Types policy, and a strict CSP refuses the second). Modules only a section
 * needs (@lit/task, the inbox's logic) stay in that section's chunk.
 */
function staffCore(id) {
  const path = id.replaceAll('\\', '/');
  if (/\/node_modules\/(lit|lit-html|lit-element|@lit\/reactive-element|zod|ky)\//.test(path))
    return 'console';
  if (/\/packages\/(contract\/src|widgets\/src\/kit)\//.test(path)) return 'console';
  // The SDK's public client and its resources only serve the lists of categories and districts
  // (a lazy chunk); the admin client, the transport and the errors are the core's.
  if (/\/packages\/sdk\/src\/(admin|errors)\.ts$|\/packages\/sdk\/src\/internal\//.test(path))
    return 'console';
  if (/\/packages\/staff\/src\/(console|shared|sign-in)\//.test(path)) return 'console';
  // What the settings and log sections share (their styles and states): one lazy chunk.
  if (/\/packages\/staff\/src\/settings-kit\//.test(path)) return 'settings-kit';
  // @lit/task, which the sections load their data with: one small lazy chunk they share.
  if (/\/node_modules\/@lit\/task\//.test(path)) return 'task';
  return undefined;
}

function staffChunkName(chunk) {
  const facade = chunk.facadeModuleId?.replaceAll('\\', '/');
  const section = facade && /\/packages\/staff\/src\/([^/]+)\/define\.ts$/.exec(facade);
  return section ? `staff/${section[1]}-[hash].js` : 'staff/[name]-[hash].js';
}

/**
 * The console's files as the staff build wrote them (filled by its generateBundle, read by the
 * service worker's build that follows it: rollup builds an array of configurations in order).
 */
const staffFiles = [];
const collectStaffFiles = {
  name: 'proximite-staff-files',
  generateBundle(_options, bundle) {
    staffFiles.length = 0;
    for (const file of Object.values(bundle))
      if (file.type === 'chunk') staffFiles.push({ name: file.fileName, code: file.code });
  },
};

/**
 * The console's service worker (packages/staff/src/offline), one classic script of its own (not in
 * the core chunk), served by the server at /staff/service-worker.js. Its banner gives it the build's
 * version (a hash of every file of the console: a new deploy is a new cache) and the chunks to keep,
 * relative to /staff/.
 */
const serviceWorker = 'packages/staff/src/offline/service-worker.ts';
function serviceWorkerBanner() {
  if (staffFiles.length === 0) throw new Error('the service worker is built after the staff console');
  const hash = createHash('sha256');
  for (const file of [...staffFiles].sort((a, b) => a.name.localeCompare(b.name)))
    hash.update(file.name).update('\0').update(file.code);
  const build = {
    version: hash.digest('hex').slice(0, 16),
    files: staffFiles
      .filter((f) => f.name.startsWith('staff/'))
      .map((f) => `../bundles/cdn/${f.name}`)
      .sort(),
  };
  return `var PROXIMITE_STAFF_BUILD=${JSON.stringify(build)};`;
}

const staffBuild = existsSync(staffEntry)
  ? [
      {
        input: { 'prox-staff-console': staffEntry },
        plugins: [...plugins(), collectStaffFiles],
        onwarn,
        preserveEntrySignatures: 'allow-extension',
        output: {
          dir: 'bundles/cdn',
          format: 'es',
          entryFileNames: `[name]-${staffVersion}.js`,
          chunkFileNames: staffChunkName,
          manualChunks: staffCore,
          sourcemap: true,
        },
      },
      ...(existsSync(serviceWorker)
        ? [
            {
              input: serviceWorker,
              plugins: plugins(),
              onwarn,
              output: {
                file: 'bundles/cdn/staff/service-worker.js',
                format: 'iife',
                banner: serviceWorkerBanner,
              },
            },
          ]
        : []),
    ]
  : [];

const cdnEntries = Object.fromEntries(
  Object.entries(entries).filter(([name]) => !['kit', 'sdk', 'sdk-full'].includes(name)),
);

export default [
  ...staffBuild,
  ...(Object.keys(cdnEntries).length
    ? [
        {
          input: cdnEntries,
          plugins: plugins(),
          onwarn,
          // A widget's own code may stay in its entry file even when its lazy chunks (the month
          // view, the .ics writer) import from it; otherwise rollup moves it to a third file.
          preserveEntrySignatures: 'allow-extension',
          output: {
            dir: 'bundles/cdn',
            format: 'es',
            entryFileNames: `[name]-${version}.js`,
            chunkFileNames: `chunks/[name]-[hash].js`,
            manualChunks: sharedChunk,
            sourcemap: true,
          },
        },
      ]
    : []),
  ...Object.entries(entries).map(([name, input]) => ({
    input: { [name]: input },
    plugins: name in compileHints ? [...plugins(), compileHint(compileHints[name])] : plugins(),
    onwarn,
    // Lets the entry chunk export what the lazy chunks import from it, instead of a facade file.
    preserveEntrySignatures: 'allow-extension',
    output: {
      dir: `bundles/standalone/${name}`,
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: 'lazy/[name]-[hash].js',
      // No manualChunks: rollup already keeps in the entry every module the entry needs (one
      // request at start), and the lazy chunks import what they share with it from the entry.
      // Forcing the entry's whole static import graph into it, as this config once did, also
      // pulled in modules only an adapter uses (reached through the contract's index): 1.1 KB
      // more for the calendar, 1.4 KB for the form.
    },
  })),
];
