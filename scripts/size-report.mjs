// What a standalone bundle is made of: every byte of its minified entry attributed to a source
// module through the source map, then each module (and each package) compressed with brotli on its
// own. The parts add up to more than the whole (brotli shares context across a whole file), but
// they rank what to trim first.
//
//   npm run size-report -- prox-cafe-calendar          (by package, then the 25 largest modules)
//   npm run size-report -- prox-concern-form 60        (the 60 largest modules)
import { rollup } from 'rollup';
import { brotliCompressSync, constants } from 'node:zlib';
import { SourceMapConsumer } from 'source-map-js';
import configs from '../rollup.config.js';

const [name = 'prox-cafe-calendar', top = '25'] = process.argv.slice(2);
const config = configs.find((c) => c.output.dir === `bundles/standalone/${name}`);
if (!config) {
  const names = configs.map((c) => c.output.dir).filter((d) => d.startsWith('bundles/standalone/'));
  console.error(`No standalone bundle named ${name}. One of: ${names.map((d) => d.slice(19)).join(', ')}`);
  process.exit(2);
}

const brotli = (text) =>
  brotliCompressSync(Buffer.from(text), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

const bundle = await rollup({ ...config, onwarn() {} });
const { output } = await bundle.generate({ ...config.output, sourcemap: true });
await bundle.close();
const entry = output.find((o) => o.type === 'chunk' && o.isEntry);

/** Generated text per source file, through the source map's mappings. */
const byFile = new Map();
const lines = entry.code.split('\n');
const mappings = [];
new SourceMapConsumer(entry.map).eachMapping((m) => mappings.push(m));
mappings.sort((a, b) => a.generatedLine - b.generatedLine || a.generatedColumn - b.generatedColumn);
mappings.forEach((m, i) => {
  const next = mappings[i + 1];
  const line = lines[m.generatedLine - 1] ?? '';
  const end = next && next.generatedLine === m.generatedLine ? next.generatedColumn : line.length;
  const file = (m.source ?? '?').replace(/^(\.\.\/)+/, '');
  byFile.set(file, (byFile.get(file) ?? '') + line.slice(m.generatedColumn, end));
});

/** A module's package: the npm package, or the workspace package and its folder. */
function group(file) {
  const npm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (npm) return npm[1];
  const own = /packages\/([^/]+)\/src\/([^/]+)/.exec(file);
  return own ? `${own[1]}/${own[2].replace(/\.ts$/, '')}` : file;
}
const byGroup = new Map();
for (const [file, text] of byFile) byGroup.set(group(file), (byGroup.get(group(file)) ?? '') + text);

const table = (title, rows) => {
  console.log(`\n${title.padEnd(64)} ${'minified'.padStart(9)} ${'brotli'.padStart(7)}`);
  for (const [key, text] of rows)
    console.log(`${key.padEnd(64)} ${String(text.length).padStart(9)} ${String(brotli(text)).padStart(7)}`);
};
const ranked = (map) => [...map].sort((a, b) => brotli(b[1]) - brotli(a[1]));

console.log(`${name}: ${entry.fileName}, ${entry.code.length} bytes minified, ${brotli(entry.code)} brotli`);
table('package', ranked(byGroup));
table('module', ranked(byFile).slice(0, Number(top)));
