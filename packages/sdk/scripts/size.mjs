// Measures browser bundles of SDK entry points the way rollup.config.js builds them:
// node-resolve (source, browser, import, default), esbuild, terser; then brotli (max quality) and gzip -9.
// Usage: node packages/sdk/scripts/size.mjs <entry.ts> [<entry.ts>…]
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { rollup } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';

const size = (code) => ({
  raw: code.length,
  gzip: gzipSync(code, { level: 9 }).length,
  brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});

/** Entry chunk and lazy chunks (`import()`), as a page loads them. */
export async function measureChunks(input) {
  const bundle = await rollup({ input, plugins: plugins(), onwarn: () => {} });
  const { output } = await bundle.generate({ format: 'es' });
  await bundle.close();
  return output
    .filter((o) => o.type === 'chunk')
    .map((o) => ({ name: o.fileName, entry: o.isEntry, ...size(o.code) }));
}

const plugins = () => [
  nodeResolve({
    exportConditions: ['source', 'browser', 'import', 'default'],
    extensions: ['.ts', '.js', '.mjs'],
  }),
  esbuild({ target: 'es2022', tsconfig: 'tsconfig.base.json', minify: false }),
  terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } }),
];

export async function measure(input) {
  const bundle = await rollup({
    input,
    plugins: [
      nodeResolve({
        exportConditions: ['source', 'browser', 'import', 'default'],
        extensions: ['.ts', '.js', '.mjs'],
      }),
      esbuild({ target: 'es2022', tsconfig: 'tsconfig.base.json', minify: false }),
      terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } }),
    ],
    onwarn: () => {},
    treeshake: process.env.PURE_Z ? { manualPureFunctions: process.env.PURE_Z.split(',') } : undefined,
  });
  const { output } = await bundle.generate({ format: 'es', inlineDynamicImports: true });
  await bundle.close();
  const code = output[0].code;
  return {
    raw: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    code,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const input of process.argv.slice(2)) {
    const { raw, gzip, brotli } = await measure(input);
    console.log(`${input} (all inlined)\traw ${raw}\tgzip ${gzip}\tbrotli ${brotli}`);
    const chunks = await measureChunks(input);
    if (chunks.length > 1)
      for (const c of chunks)
        console.log(
          `  ${c.entry ? 'entry' : 'lazy '} ${c.name}\traw ${c.raw}\tgzip ${c.gzip}\tbrotli ${c.brotli}`,
        );
  }
}
