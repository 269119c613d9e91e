// Public bundles never contain staff code (DESIGN.md). scripts/build.mjs runs this check after
// every bundle build; packages/staff/test/bundles.test.ts proves it catches a leak.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** What only staff code says: its tags, the admin API and the staff session API. */
export const STAFF_MARKERS = ['prox-staff-', '/v1/admin', '/v1/staff'];
/** Modules only the staff console may bundle (matched against source-map `sources`). */
export const STAFF_SOURCES = [/packages\/staff\//, /packages\/sdk\/src\/admin\.ts$/];

/**
 * Walks a bundles folder and lists every public file that carries staff code: a `.js` file that
 * contains a staff marker, or a `.js.map` whose `sources` name a staff module. The console's own
 * files (`cdn/prox-staff-console-*.js` and `cdn/staff/`) are the only files allowed to.
 * @param {string} dir the bundles folder (bundles/)
 * @returns {string[]} one line per problem, empty when the public bundles are clean
 */
export function checkPublicBundles(dir) {
  const problems = [];
  const walk = (folder) => {
    if (!existsSync(folder)) return;
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      const rel = relative(dir, path).replaceAll('\\', '/');
      if (rel === 'cdn/staff' || /^cdn\/prox-staff-console[-.]/.test(rel)) continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.js') || name.endsWith('.mjs')) {
        const text = readFileSync(path, 'utf8');
        for (const marker of STAFF_MARKERS)
          if (text.includes(marker)) problems.push(`${rel} contains "${marker}"`);
      } else if (name.endsWith('.js.map')) {
        const { sources = [] } = JSON.parse(readFileSync(path, 'utf8'));
        for (const source of sources)
          if (STAFF_SOURCES.some((re) => re.test(source))) problems.push(`${rel} lists ${source}`);
      }
    }
  };
  walk(dir);
  return problems;
}
